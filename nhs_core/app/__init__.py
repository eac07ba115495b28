"""The only Streamlit code. Pages use it as ``from nhs_core import app`` then ``app.page_setup(...)``,
``app.active_data()``, ``app.sidebar_filters(data)`` and so on; the names below are re-exported from:

- `navigation`: the one list of pages (`PAGES`) and `page_setup` (the page config and the sidebar links);
- `data`: the active data (`ActiveData`, `active_data`, one cached load per store version) and the statements
  of which data a page shows (`data_banner`, `table_or_stop`);
- `sidebar`: the shared filters (`sidebar_filters`, `unfiltered`), from `analysis.filter_registry`;
- `view`: `View`, the data through the selection, with metrics cached by their arguments;
- `explore`: the explorer pages' anatomy (header, KPI row, chart, table, "About this data");
- `briefing`: the Findings page's briefing buttons;
- `agreement`: the Data page's lines on whether the loaded tables agree;
- `access`: the access section (how soon after booking) of the Attendance and Engagement pages;
- `practices`: the Practices page's comparisons, cached per selection (`practices_compared`);
- `attendance`: the Attendance page's missed-clinician-time and DNA-by-area sections;
- `upload`: the Data page's helpers (reading uploads, the admin password, replace and restore run once with
  their buttons disabled: `ask`, `busy`, `run_if_asked`, `flash`);
- `watch`: the toast and notice an open session gets when the data changes (drawn by `page_setup`);
- `keys`: every session-state key, declared once.
"""

from __future__ import annotations

from nhs_core.app.access import access_section
from nhs_core.app.agreement import agreement
from nhs_core.app.attendance import dna_by_area, missed_time_section
from nhs_core.app.briefing import briefing_download
from nhs_core.app.data import (
    SAMPLE_DIR_ENV,
    ActiveData,
    active_data,
    data_banner,
    data_store,
    full_table,
    table_or_stop,
)
from nhs_core.app.data import download as table_download
from nhs_core.app.explore import (
    about,
    bullets,
    chart,
    concerns,
    header,
    image_downloads,
    in_rows,
    kpis,
    table,
    table_behind,
)
from nhs_core.app.keys import (
    FLASH_KEY,
    KEEP_KEY,
    NAME_KEY,
    PASSWORD_KEY,
    REPLACE_KEY,
    RESTORE_CHOICE_KEY,
    RESTORE_KEY,
    RESTORE_SAMPLE_KEY,
    UPLOAD_MEMO_KEY,
    UPLOAD_ROUND_KEY,
    Keys,
)
from nhs_core.app.navigation import APP_TITLE, PAGES, page_setup
from nhs_core.app.pcn import pcn_section
from nhs_core.app.practices import compared as practices_compared
from nhs_core.app.rates import per_thousand_by_area
from nhs_core.app.sidebar import sidebar_filters, unfiltered, url_toggle
from nhs_core.app.upload import (
    admin_password,
    ask,
    busy,
    cautions,
    file_reports,
    finish_action,
    flash,
    guarded,
    password_ok,
    read_upload,
    run_if_asked,
    upload_key,
    upload_preview,
    version_to_restore,
    who_changes,
)
from nhs_core.app.view import View
from nhs_core.present.export import plain, plain_table  # pages escape names with app.plain
from nhs_core.store import BUNDLED_DIR

__all__ = [
    "in_rows",
    "agreement",
    "full_table",
    "table_download",
    "upload_preview",
    "version_to_restore",
    "access_section",
    "dna_by_area",
    "missed_time_section",
    "pcn_section",
    "per_thousand_by_area",
    "practices_compared",
    "APP_TITLE",
    "ActiveData",
    "BUNDLED_DIR",
    "FLASH_KEY",
    "KEEP_KEY",
    "Keys",
    "NAME_KEY",
    "PAGES",
    "PASSWORD_KEY",
    "REPLACE_KEY",
    "RESTORE_CHOICE_KEY",
    "RESTORE_KEY",
    "RESTORE_SAMPLE_KEY",
    "SAMPLE_DIR_ENV",
    "UPLOAD_MEMO_KEY",
    "UPLOAD_ROUND_KEY",
    "View",
    "about",
    "active_data",
    "admin_password",
    "ask",
    "briefing_download",
    "bullets",
    "busy",
    "cautions",
    "chart",
    "concerns",
    "data_banner",
    "data_store",
    "file_reports",
    "finish_action",
    "flash",
    "guarded",
    "header",
    "image_downloads",
    "kpis",
    "page_setup",
    "password_ok",
    "plain",
    "plain_table",
    "read_upload",
    "run_if_asked",
    "sidebar_filters",
    "table",
    "table_behind",
    "table_or_stop",
    "unfiltered",
    "upload_key",
    "url_toggle",
    "who_changes",
]
