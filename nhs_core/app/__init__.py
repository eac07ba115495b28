"""The only Streamlit glue: page setup, cached loading of the active data, the Data page's helpers, and
(from `nhs_core.ui.explore` and `nhs_core.ui.briefing`, re-exported here) the explorer pages' shared filters, page
anatomy and the briefing's buttons.

Cached values are shared between sessions and must never be mutated by a page. The environment variable
`NHS_EXPLORER_SAMPLE_DIR` replaces the bundled sample folder (`data/`) with another folder of extract files
(used by the app tests on a fixture and by `bench/page_reruns.py` on the real extract).
"""

from __future__ import annotations

import hmac
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from nhs_core import schema as s
from nhs_core.app import navigation
from nhs_core.app.keys import (  # noqa: F401  (re-exported: pages and tests use ui.NAME_KEY etc.)
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
from nhs_core.load.ingest import Ingested, ingest
from nhs_core.load.readers import Source
from nhs_core.present.export import plain  # noqa: F401  (re-exported: the Data page uses ui.plain)
from nhs_core.store import BUNDLED_DIR, SAMPLE, Opened, Store
from nhs_core.store.describe import file_record, when_text

APP_TITLE = "NHS GP appointments explorer"
SAMPLE_DIR_ENV = "NHS_EXPLORER_SAMPLE_DIR"


@dataclass(frozen=True)
class ActiveData:
    """What every page shows: the tables, where they came from, and which stored version they are."""

    tables: dict[str, pd.DataFrame]
    is_sample: bool
    source: str
    version: str = SAMPLE
    created: str | None = None
    warning: str | None = None
    manifest: dict = field(default_factory=dict)
    sample_tables: tuple[str, ...] = ()

    @property
    def banner(self) -> str:
        return "Sample data (synthetic)" if self.is_sample else "Your data"


def page_setup(title: str) -> None:
    """Set the page title and layout, and draw the page links; call first on every page."""
    st.set_page_config(page_title=f"{title} · {APP_TITLE}", page_icon=":material/local_hospital:", layout="wide")
    try:  # our own links, so the home page reads "Home", not the script's name ("streamlit app")
        for path, label in navigation.pages():
            st.sidebar.page_link(path, label=label)
    except StreamlitPageNotFoundError:  # a page run on its own (AppTest) has no pages beside it
        pass


@st.cache_resource(max_entries=4, show_spinner="Loading the data…")
def _open(root: str, bundled: str, pointer: str) -> Opened:
    """One load per store version, shared by every session (the key is the version ACTIVE names)."""
    return Store(Path(root), Path(bundled)).open(pointer)


def data_store() -> Store:
    """The store every session reads (``NHS_EXPLORER_STORE``, default ``.nhs_store``)."""
    return Store.from_env(bundled=Path(os.environ.get(SAMPLE_DIR_ENV) or BUNDLED_DIR))


def active_data() -> ActiveData:
    """The data every page shows: the store's active version, or the bundled sample until an upload.

    The pointer is re-read on every run (a few bytes), so an open session shows a new version on its
    next interaction; the tables themselves are loaded once per version.
    """
    store = data_store()
    opened = _open(str(store.root), str(store.bundled), store.pointer())
    entries = opened.manifest.get("tables", {})
    samples = tuple(t for t, e in entries.items() if e.get("source") == "sample")
    is_sample = opened.version == SAMPLE or len(samples) == len(entries)
    return ActiveData(
        opened.tables,
        is_sample,
        _source_text(opened, samples, is_sample),
        opened.version,
        opened.manifest.get("created"),
        opened.problem,
        opened.manifest,
        samples,
    )


def _source_text(opened: Opened, samples: tuple[str, ...], is_sample: bool) -> str:
    if is_sample:
        return "the bundled synthetic sample in data/"
    manifest = opened.manifest
    text = f"version {opened.version}, uploaded {when_text(manifest.get('created'))}"
    text += f" by {manifest['by']}" if manifest.get("by") else ""
    if samples:
        text += "; " + ", ".join(s.TABLE_LABELS[t].lower() for t in samples) + " still from the synthetic sample"
    return text


# --- Data page: reading uploads, the optional admin password (its session keys are in nhs_core.keys) ---
PASSWORD_VARIABLE = "NHS_EXPLORER_ADMIN_PASSWORD"


def upload_key() -> str:
    """The file uploader's key (a new one after each replace, which empties the uploader)."""
    return f"data_upload_{st.session_state.get(UPLOAD_ROUND_KEY, 0)}"


def read_upload(files: list) -> tuple[Ingested, list[dict]]:
    """Read uploaded files once (progress shown in a status box); later reruns reuse the result."""
    key = tuple(f.file_id for f in files)
    memo = st.session_state.get(UPLOAD_MEMO_KEY)
    if memo is None or memo[0] != key:
        sources = [Source(f.name, f.getvalue()) for f in files]
        with st.status(f"Reading {len(files)} file(s)…", expanded=True) as status:
            bar = st.progress(0.0, text="Starting")
            result = ingest(sources, progress=lambda done, text: bar.progress(min(done, 1.0), text=text))
            memo = (key, result, [file_record(source) for source in sources])
            status.update(
                label=_read_label(result, len(files)),
                state="error" if result.report.errors else "complete",
                expanded=False,
            )
        st.session_state[UPLOAD_MEMO_KEY] = memo
    else:
        st.status(_read_label(memo[1], len(files)), state="error" if memo[1].report.errors else "complete")
    return memo[1], memo[2]


def _read_label(result: Ingested, n_files: int) -> str:
    errors, warnings = len(result.report.errors), len(result.report.warnings)
    ready = "" if errors else f"; {len(result.tables)} table(s) ready to preview"
    return f"Read {n_files} file(s): {errors} error(s), {warnings} warning(s){ready}"


def finish_action(message: str) -> None:
    """After a replace or restore: forget the upload, empty the uploader, show `message` once, rerun."""
    st.session_state[FLASH_KEY] = message
    st.session_state.pop(UPLOAD_MEMO_KEY, None)
    st.session_state[UPLOAD_ROUND_KEY] = st.session_state.get(UPLOAD_ROUND_KEY, 0) + 1
    st.rerun()


def admin_password() -> str | None:
    """The password that replacing and restoring need, from the environment or st.secrets (None: no password)."""
    if os.environ.get(PASSWORD_VARIABLE):
        return os.environ[PASSWORD_VARIABLE]
    try:
        return st.secrets.get(PASSWORD_VARIABLE) or None
    except FileNotFoundError:  # no secrets.toml
        return None


def password_ok(given: str | None, required: str | None) -> bool:
    """True when no password is set, or `given` matches it (compared in constant time)."""
    return required is None or hmac.compare_digest((given or "").encode(), required.encode())


def data_banner(data: ActiveData) -> None:
    """A clear statement of which data the page shows, and a warning when the store fell back."""
    if data.warning:
        st.warning(data.warning, icon=":material/warning:")
    if data.is_sample:
        st.info(
            f"**{data.banner}.** You are looking at {data.source}: realistic in shape but not real "
            "NHS figures. Upload the real extracts on the **Data** page (last in the sidebar) to replace it.",
            icon=":material/science:",
        )
    else:
        st.success(f"**{data.banner}:** {data.source}.", icon=":material/database:")


def table_or_stop(data: ActiveData, table: str) -> pd.DataFrame:
    """The named table, or a friendly message and a stop when it is not loaded."""
    frame = data.tables.get(table)
    if frame is None or frame.empty:
        st.warning(f"No {s.TABLE_LABELS[table].lower()} data is loaded, so this section has nothing to show.")
        st.stop()
    return frame


# The explorer pages' glue and the briefing buttons, defined in nhs_core.ui.explore and nhs_core.ui.briefing
# (imported last: they refer to ActiveData above).
from nhs_core.app.briefing import briefing_download  # noqa: E402
from nhs_core.app.explore import (  # noqa: E402
    View,
    about,
    bullets,
    chart,
    header,
    image_downloads,
    kpis,
    sidebar_filters,
    table,
    table_behind,
    unfiltered,
)

__all__ = [
    "APP_TITLE",
    "BUNDLED_DIR",
    "SAMPLE_DIR_ENV",
    "ActiveData",
    "Keys",
    "View",
    "about",
    "active_data",
    "admin_password",
    "briefing_download",
    "bullets",
    "chart",
    "data_banner",
    "data_store",
    "finish_action",
    "header",
    "image_downloads",
    "kpis",
    "page_setup",
    "password_ok",
    "plain",
    "read_upload",
    "sidebar_filters",
    "table",
    "table_behind",
    "table_or_stop",
    "unfiltered",
    "upload_key",
]
