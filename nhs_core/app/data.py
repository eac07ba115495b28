"""The data every page shows: the store's active version, loaded once per version and shared by every session,
and the statements of which data that is.

Cached values are shared between sessions and must never be mutated by a page. The environment variable
`NHS_EXPLORER_SAMPLE_DIR` replaces the bundled sample folder (`data/`) with another folder of extract files
(used by the app tests on a fixture and by `bench/page_reruns.py` on the real extract).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import streamlit as st

from nhs_core.analysis.provenance import SYNTHETIC_BADGE, Shown, one_source, shown_tables
from nhs_core.analysis.sources import Facts
from nhs_core.app.keys import SAVED, Keys, sample_from_query
from nhs_core.frames import release_memory
from nhs_core.present import notes
from nhs_core.present.export import csv_bytes, csv_zip, plain
from nhs_core.present.text import Markdown, prose
from nhs_core.store import BUNDLED_DIR, SAMPLE, Opened, Store
from nhs_core.store.changes import synthetic_tables
from nhs_core.store.describe import when_text
from nhs_core.tables import table_label, table_words

SAMPLE_DIR_ENV = "NHS_EXPLORER_SAMPLE_DIR"


@dataclass(frozen=True)
class ActiveData:
    """What every page shows: the tables, where they came from, and which stored version they are.

    `tables` are the tables the pages show (`analysis.provenance.shown_tables`); `synthetic` those of them that
    are the synthetic sample (all of them on the bundled sample, or the switch is on), `left_out` the synthetic
    tables left out beside real data."""

    tables: dict[str, pd.DataFrame]
    is_sample: bool
    source: str
    version: str = SAMPLE
    created: str | None = None
    warning: str | None = None
    manifest: dict = field(default_factory=dict)
    summaries: dict[str, dict[str, pd.DataFrame]] = field(default_factory=dict)
    facts: dict[str, Facts] = field(default_factory=dict)
    synthetic: tuple[str, ...] = ()
    left_out: tuple[str, ...] = ()

    @property
    def banner(self) -> str:
        return "Sample data (synthetic)" if self.is_sample else "Your data"

    def choice_tables(self) -> dict[str, pd.DataFrame]:
        """The tables the sidebar's choices come from: the tables and every other summary of summarised ones."""
        more = {f"{t}.{name}": frame for t, parts in self.summaries.items() for name, frame in list(parts.items())[1:]}
        return {**self.tables, **more}

    @property
    def mixed(self) -> bool:
        """Real tables are shown beside synthetic ones (the user turned the switch on)."""
        return bool(self.synthetic) and not self.is_sample

    def same_source(self, *tables: str) -> bool:
        """Whether `tables` are all real or all synthetic: a rate whose numerator is real and denominator synthetic
        (or the other way round) measures nothing, so it is not computed."""
        return one_source(tables, self.synthetic)

    def badge(self, *tables: str) -> str | None:
        """The "Synthetic sample" badge for a chart drawn from `tables`, or None when none of them is synthetic."""
        return SYNTHETIC_BADGE if set(tables) & set(self.synthetic) else None


@st.cache_resource(max_entries=1, show_spinner="Loading the data…")
def _open(root: str, bundled: str, pointer: str) -> Opened:
    """One load per store version, shared by every session (the key is the version ACTIVE names); only the
    active version is kept, opened from its summaries (the big tables' rows stay on disk)."""
    opened = Store(Path(root), Path(bundled)).open(pointer, lazy=True)
    release_memory()  # hand back what reading and summarising freed (pyarrow's pool, glibc's heap)
    return opened


def data_store() -> Store:
    """The store every session reads (``NHS_EXPLORER_STORE``, default ``.nhs_store``)."""
    return Store.from_env(bundled=Path(os.environ.get(SAMPLE_DIR_ENV) or BUNDLED_DIR))


def show_sample_wanted() -> bool:
    """The user's switch "show the sample for missing tables" (saved in the session, or `sample=show` in a
    shared link)."""
    saved = st.session_state.get(SAVED + Keys.SHOW_SAMPLE)
    return bool(saved) if saved is not None else sample_from_query(st.query_params.to_dict())


def active_data(every_table: bool = False) -> ActiveData:
    """The data every page shows: the store's active version, or the bundled sample until an upload.

    Tables still from the synthetic sample are left out once any table is real, unless the user's switch asks
    for them (`every_table`: the Data page, which lists and replaces every table, gets them all). The pointer is
    re-read on every run (a few bytes), so an open session shows a new version on its next interaction; the
    tables themselves are loaded once per version.
    """
    store = data_store()
    opened = _open(str(store.root), str(store.bundled), store.pointer())
    fake = synthetic_tables(opened.manifest)
    shown = shown_tables(opened.tables, fake, show_sample=every_table or show_sample_wanted())
    is_sample = bool(shown.tables) and len(shown.synthetic) == len(shown.tables)
    return ActiveData(
        shown.tables,
        is_sample,
        _source_text(opened, shown, is_sample),
        opened.version,
        opened.manifest.get("created"),
        opened.problem,
        opened.manifest,
        summaries={t: v for t, v in opened.summaries.items() if t in shown.tables},
        facts={t: v for t, v in opened.facts.items() if t in shown.tables},
        synthetic=shown.synthetic,
        left_out=shown.left_out,
    )


def full_table(data: ActiveData, table: str) -> pd.DataFrame:
    """A table with all its rows: read from disk when the pages see its summary (for downloads and previews)."""
    facts = data.facts.get(table)
    return data.tables[table] if facts is None else facts.frame()


def download(data: ActiveData, table: str) -> dict:
    """The Data page's download of a table (`st.download_button` arguments): CSV, or for a table whose rows stay
    on disk a zipped CSV streamed from them (26 M rows: a 5 GB CSV would need about 13 GB of memory at once)."""
    facts = data.facts.get(table)
    name = f"{table}_{data.version}.csv"
    if facts is None:
        return {
            "label": table_label(table),
            "data": lambda: csv_bytes(data.tables[table]),
            "file_name": name,
            "mime": "text/csv",
        }
    return {
        "label": f"{table_label(table)} (zipped)",
        "data": lambda: csv_zip(facts.parts(), name),
        "file_name": f"{name}.zip",
        "mime": "application/zip",
        "help": f"{facts.rows:,} rows as one CSV file inside a ZIP, made when you press the button (can take minutes)",
    }


def full_tables(data: ActiveData) -> dict[str, pd.DataFrame]:
    """Every table with all its rows (an upload's preview combines them with the upload)."""
    return {table: full_table(data, table) for table in data.tables}


def _source_text(opened: Opened, shown: Shown, is_sample: bool) -> str:
    if is_sample:
        return "the bundled synthetic sample"
    manifest = opened.manifest
    if opened.version == SAMPLE:
        text = "the bundled files (real data, not the synthetic sample)"
    else:
        text = f"version {opened.version}, uploaded {when_text(manifest.get('created'))}"
        text += f" by {manifest['by']}" if manifest.get("by") else ""
    if shown.synthetic:
        text += "; " + _tables_text(shown.synthetic) + " shown from the synthetic sample (badged in each chart)"
    if shown.left_out:
        text += "; " + _tables_text(shown.left_out) + " left out (only the synthetic sample has them)"
    return text


def _tables_text(tables: tuple[str, ...]) -> str:
    return ", ".join(table_words(t) for t in tables)


def data_banner(data: ActiveData) -> None:
    """A clear statement of which data the page shows, and a warning when the store fell back."""
    if data.warning:
        st.warning(data.warning, icon=":material/warning:")
    if data.is_sample:
        st.info(prose("sample_banner", banner=Markdown(data.banner), source=data.source), icon=":material/science:")
    else:  # the source names who uploaded it: escaped, as typed
        st.success(f"**{data.banner}:** {plain(data.source)}.", icon=":material/database:")


def table_or_stop(data: ActiveData, table: str) -> pd.DataFrame:
    """The named table, or a friendly message and a stop when it is not loaded."""
    frame = data.tables.get(table)
    if frame is None or frame.empty:
        st.warning(notes.not_loaded(table, table in data.left_out), icon=":material/inbox:")
        st.stop()
    if data.mixed and table in data.synthetic:
        st.warning(notes.synthetic_table(table), icon=":material/science:")
    return frame
