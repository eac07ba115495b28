"""Every session-state key the app uses, declared once (`nhs_core.app` re-exports them).

Widgets that tests touch have these keys; the shared filters' values are also saved under
`"_saved_" + key`, which survive a page switch (Streamlit drops widget state when a page changes). Each shared
filter's widget key is built from its record in `analysis.filter_registry` (`filter_key`), so a new filter
needs no key here.
"""

from __future__ import annotations

from nhs_core.analysis import filter_registry as registry
from nhs_core.analysis import filters as flt

SAVED = "_saved_"  # prefix of the non-widget copies of the shared filters


def filter_key(name: str) -> str:
    """The session key of the widget of the shared filter `name`: "filter_" and its URL name ("filter_region")."""
    return f"filter_{registry.get(name).query}"


def filter_keys() -> dict[str, str]:
    """Every shared filter's widget key, by filter name, in registry order."""
    return {name: filter_key(name) for name in registry.names()}


class Keys:
    """Session-state keys: the shared filters, then each page's own widgets."""

    PERIOD = "filter_period"
    # The area and breakdown filters by name, for pages and tests (every filter's key is `filter_key(name)`).
    REGION = filter_key("regions")
    ICB = filter_key("icbs")
    SUB_ICB = filter_key("sub_icbs")
    STATUS = filter_key("statuses")
    MODE = filter_key("modes")
    HCP = filter_key("hcps")
    CAPACITY = "capacity"
    CAPACITY_SCOPE = "capacity_scope"  # the areas a typed capacity is for (not a widget)
    BASIS = "per_day_basis"
    SHOW_SAMPLE = "show_sample"
    RESET = "filter_reset"
    QUERY_READ = "_query_params_read"
    FIRST_QUERY = "_query_params_first"  # the URL's parameters as the session opened
    ENGAGEMENT_LEVEL = "engagement_level"
    ATTENDANCE_SHOW = "attendance_show"
    ATTENDANCE_LEVEL = "attendance_level"
    SERVICES_DIM = "services_dimension"
    SERVICES_LEVEL = "services_level"
    WORKFORCE_SHOW = "workforce_show"
    WORKFORCE_LEVEL = "workforce_level"
    OVERVIEW_ROWS = "overview_rows"
    OVERVIEW_COLUMNS = "overview_columns"
    DURATIONS_LEVEL = "durations_level"
    CAPACITY_NO_COVID = "capacity_exclude_covid"
    PRACTICES_LEVEL = "practices_level"
    PRACTICES_PCNS = "practices_pcns"
    PRACTICES_EXCLUDE = "practices_exclude"
    PRACTICES_MEASURE = "practices_measure"
    PRACTICES_PROFILE = "practices_profile"
    PRACTICES_PROFILE_DIM = "practices_profile_dimension"
    SOCIAL_TOP_N = "social_top_n"
    SOCIAL_NO_RETWEETS = "social_exclude_retweets"
    SOCIAL_SEARCH = "social_search"
    # What exports of the selection, and of all of England, say about themselves (`standalone.Label`: the
    # selection in file names and in words, the source line); set by the page's filters.
    EXPORT_LABELS = "_export_labels"
    # The tables shown on this run of the page (sheet name, table, chart title), for its Excel download.
    PAGE_TABLES = "_page_tables"
    # The briefing: its two buttons, and the file prepared (with the view it was built for).
    BRIEFING_PREPARE = "briefing_prepare"
    BRIEFING_DOWNLOAD = "briefing_download"
    BRIEFING_READY = "_briefing_ready"


def saved_from_query(params: dict) -> dict[str, object]:
    """The saved filter values a URL's query parameters ask for, by session-state key (unset ones left out)."""
    chosen, capacity = flt.from_query(params)
    state: dict[str, object] = {SAVED + filter_key(name): list(values) for name, values in chosen.values().items()}
    if chosen.start is not None or chosen.end is not None:
        state[SAVED + Keys.PERIOD] = tuple(None if m is None else f"{m:%Y-%m}" for m in (chosen.start, chosen.end))
    if capacity:
        state[SAVED + Keys.CAPACITY] = capacity
    if basis := flt.basis_from_query(params):
        state[SAVED + Keys.BASIS] = basis
    if sample_from_query(params):
        state[SAVED + Keys.SHOW_SAMPLE] = True
    return state


QUERY_SAMPLE = ("sample", "show")  # `?sample=show`: the switch "show the sample for missing tables" is on


def sample_from_query(params: dict) -> bool:
    """Whether a URL's query parameters turn on "show the sample for missing tables"."""
    value = params.get(QUERY_SAMPLE[0], "")
    value = value[-1] if isinstance(value, list) and value else value
    return value == QUERY_SAMPLE[1]


# The Data page's keys.
UPLOAD_ROUND_KEY = "data_upload_round"  # bumped after a replace so the uploader starts empty again
UPLOAD_MEMO_KEY = "data_upload_memo"  # the last upload read, so reruns do not read it again
PREVIEW_MEMO_KEY = "data_preview_memo"  # its preview against the data, so reruns do not read the data again
FLASH_KEY = "data_flash"  # a message to show once after a replace or restore
FAILED_KEY = "data_failed"  # why a replace or restore changed nothing, shown once after it
BUSY_KEY = "data_busy"  # the replace or restore asked for, run on the next run with every such button disabled
PASSWORD_KEY = "data_admin_password"
THROTTLE_KEY = "data_password_throttle"  # this session's back-off after wrong passwords
NAME_KEY = "data_your_name"
KEEP_KEY = "data_keep_months"
REPLACE_KEY = "data_replace"
RESTORE_KEY = "data_restore"
RESTORE_CHOICE_KEY = "data_restore_choice"
RESTORE_SAMPLE_KEY = "data_restore_sample"

# Every page's: the version this session last showed, and the last version it was told about by a toast.
SEEN_VERSION_KEY = "_data_seen_version"
TOASTED_VERSION_KEY = "_data_toasted_version"
