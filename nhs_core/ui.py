"""The only Streamlit glue: page setup, cached loading of the active data, shared widgets.

Cached values are shared between sessions and must never be mutated by a page.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from nhs_core import schema as s
from nhs_core.ingest import Ingested, ingest_paths

APP_TITLE = "NHS GP appointments explorer"
BUNDLED_DIR = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class ActiveData:
    """What every page shows: the tables, and where they came from."""

    tables: dict[str, pd.DataFrame]
    is_sample: bool
    source: str

    @property
    def banner(self) -> str:
        return "Sample data (synthetic)" if self.is_sample else "Your data"


def page_setup(title: str) -> None:
    """Set the page title and layout; call first on every page."""
    st.set_page_config(page_title=f"{title} · {APP_TITLE}", page_icon=":material/local_hospital:", layout="wide")


@st.cache_resource(max_entries=2, show_spinner="Loading the bundled sample…")
def _bundled(folder: str) -> Ingested:
    return ingest_paths([folder])


def active_data() -> ActiveData:
    """The data every page shows (the bundled sample until an upload replaces it)."""
    result = _bundled(str(BUNDLED_DIR))
    return ActiveData(result.tables, is_sample=True, source="the bundled synthetic sample in data/")


def data_banner(data: ActiveData) -> None:
    """A clear statement of which data the page shows."""
    if data.is_sample:
        st.info(f"**{data.banner}.** You are looking at {data.source}: realistic in shape but not real "
                "NHS figures. Upload the real extracts to replace it.", icon=":material/science:")
    else:
        st.success(f"**{data.banner}:** {data.source}.", icon=":material/database:")


def table_or_stop(data: ActiveData, table: str) -> pd.DataFrame:
    """The named table, or a friendly message and a stop when it is not loaded."""
    frame = data.tables.get(table)
    if frame is None or frame.empty:
        st.warning(f"No {s.TABLE_LABELS[table].lower()} data is loaded, so this section has nothing to show.")
        st.stop()
    return frame
