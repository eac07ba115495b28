"""Every session-state key the app uses, declared once (`nhs_core.ui` re-exports them).

Widgets that tests touch have these keys; the shared filters' values are also saved under
`"_saved_" + key`, which survive a page switch (Streamlit drops widget state when a page changes).
"""

from __future__ import annotations

from nhs_core.analysis import filters as flt

SAVED = "_saved_"  # prefix of the non-widget copies of the shared filters


class Keys:
    """Session-state keys: the shared filters, then each page's own widgets."""

    PERIOD, REGION, ICB, SUB_ICB = "filter_period", "filter_region", "filter_icb", "filter_sub_icb"
    STATUS, MODE, HCP = "filter_status", "filter_mode", "filter_hcp"
    CAPACITY, RESET, QUERY_READ = "capacity", "filter_reset", "_query_params_read"
    ENGAGEMENT_LEVEL, ATTENDANCE_SHOW, ATTENDANCE_LEVEL = "engagement_level", "attendance_show", "attendance_level"
    SERVICES_DIM, SERVICES_LEVEL, DURATIONS_LEVEL = "services_dimension", "services_level", "durations_level"
    CAPACITY_NO_COVID = "capacity_exclude_covid"
    SOCIAL_TOP_N, SOCIAL_NO_RETWEETS, SOCIAL_SEARCH = "social_top_n", "social_exclude_retweets", "social_search"
    # The selection in file names of chart images, and the same for all of England (set by the page's filters).
    DOWNLOAD_STEM = "_download_stem"
    # The briefing: its two buttons, and the file prepared (with the view it was built for).
    BRIEFING_PREPARE, BRIEFING_DOWNLOAD, BRIEFING_READY = "briefing_prepare", "briefing_download", "_briefing_ready"


# The multi-value filters (`filters.Filters` fields) and their widget keys.
MULTI = {
    "regions": Keys.REGION,
    "icbs": Keys.ICB,
    "sub_icbs": Keys.SUB_ICB,
    "statuses": Keys.STATUS,
    "modes": Keys.MODE,
    "hcps": Keys.HCP,
}


def saved_from_query(params: dict) -> dict[str, object]:
    """The saved filter values a URL's query parameters ask for, by session-state key (unset ones left out)."""
    chosen, capacity = flt.from_query(params)
    state: dict[str, object] = {SAVED + MULTI[name]: list(values) for name, values in chosen.values().items()}
    if chosen.start is not None or chosen.end is not None:
        state[SAVED + Keys.PERIOD] = tuple(None if m is None else f"{m:%Y-%m}" for m in (chosen.start, chosen.end))
    if capacity:
        state[SAVED + Keys.CAPACITY] = capacity
    return state


# The Data page's keys.
UPLOAD_ROUND_KEY = "data_upload_round"  # bumped after a replace so the uploader starts empty again
UPLOAD_MEMO_KEY = "data_upload_memo"  # the last upload read, so reruns do not read it again
FLASH_KEY = "data_flash"  # a message to show once after a replace or restore
PASSWORD_KEY, NAME_KEY, KEEP_KEY = "data_admin_password", "data_your_name", "data_keep_months"
REPLACE_KEY, RESTORE_KEY, RESTORE_CHOICE_KEY = "data_replace", "data_restore", "data_restore_choice"
RESTORE_SAMPLE_KEY = "data_restore_sample"
