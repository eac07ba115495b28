"""The active data seen through the sidebar selection (`View`), and its metrics cached by their arguments.

`st.cache_data` hands every caller its own copy, so a page can never change a cached value. The metric functions
get the tables themselves, or their rows under the selection (kept for the selection's other metrics, `_rows`), and
never change them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from nhs_core import definitions as d
from nhs_core import schema as s
from nhs_core.analysis import filters as flt
from nhs_core.analysis import sources
from nhs_core.app.data import ActiveData
from nhs_core.present import notes, standalone
from nhs_core.present.memo import Bounded
from nhs_core.tables import table_words
from nhs_core.units import DEFAULT_DAY_BASIS


def data_key(data: ActiveData) -> tuple:
    """Identifies a loaded dataset: its source, version (if any) and each table object and size."""
    tables = tuple((name, id(frame), len(frame)) for name, frame in sorted(data.tables.items()))
    return data.source, getattr(data, "version", None), tables


@st.cache_data(max_entries=1_000, show_spinner=False)
def _cached(fn_id: str, dataset_key: tuple, tables: tuple, filters: flt.Filters, kwargs: tuple, _fn, _data):
    names = list(_data.tables) if tables == ("*",) else tables
    frames = {t: _rows(dataset_key, t, flt.for_table(t, filters), _data) for t in names}
    result = _fn(frames, **dict(kwargs)) if tables == ("*",) else _fn(*frames.values(), **dict(kwargs))
    if isinstance(result, pd.DataFrame) and tables != ("*",) and (span := _month_span(frames.values())):
        result.attrs[standalone.MONTHS_SPANNED] = span  # what its exports say they cover
    return result


@st.cache_data(max_entries=200, show_spinner=False)
def _cached_sums(dataset_key: tuple, table: str, filters: flt.Filters, by: str, groups: sources.Groups, _data):
    frame, facts = _data.tables[table], _data.facts.get(table)
    return sources.sums_by(frame, facts, flt.for_table(table, filters), by, groups)


# A page's metrics for one selection filter the same tables again and again (an Attendance rerun for a new ICB
# filtered them 36 times for 8 distinct selections): the last few filtered tables are kept, shared like the
# tables themselves, which no metric changes.
_rows_kept = Bounded(8)


def _rows(dataset_key: tuple, table: str, filters: flt.Filters, data: ActiveData) -> pd.DataFrame:
    """`sources.rows` of `table` under `filters`, from the last few computed."""
    key = (dataset_key, table, filters)
    found = _rows_kept.get(key)
    if found is None:
        found = sources.rows(data.tables[table], data.facts.get(table), filters)
        _rows_kept.put(key, found)
    return found


def _month_span(frames) -> tuple[str, str] | None:
    """The first and last month of the rows in `frames` (min and max: a scan, no sort)."""
    months = [frame[s.MONTH] for frame in frames if s.MONTH in frame and len(frame)]
    if not months:
        return None
    first, last = min(m.min() for m in months), max(m.max() for m in months)
    # As text: Streamlit writes a frame's attrs into the page as JSON, which has no timestamps.
    return None if pd.isna(first) else (f"{pd.Timestamp(first):%Y-%m-%d}", f"{pd.Timestamp(last):%Y-%m-%d}")


@dataclass(frozen=True)
class View:
    """The active data seen through the sidebar selection, the planned capacity (None: an area without one) with
    a note on where it comes from, and the per-day basis (`days`: "working", "calendar" or "30"; `per` is its
    appointments-per-day record)."""

    data: ActiveData
    filters: flt.Filters
    capacity: float | None
    names: dict
    days: str = DEFAULT_DAY_BASIS
    capacity_note: str = ""

    @property
    def per(self) -> d.Measure:
        """The appointments-per-day record of the chosen basis (its label, help and format)."""
        return d.per_day_of(self.days)

    def badge(self, *tables: str) -> str | None:
        """The "Synthetic sample" badge for a chart drawn from `tables` (None when all of them are real)."""
        return self.data.badge(*tables)

    def has(self, table: str) -> bool:
        """Whether `table` is loaded and not empty (before filtering)."""
        return not self.data.tables.get(table, pd.DataFrame()).empty

    def compute(self, fn: Callable, *tables: str, filters: flt.Filters | None = None, **kwargs):
        """`fn(filtered tables..., **kwargs)`, cached by dataset, tables, selection and arguments; pass "*" as
        the only table to give `fn` a dict of every filtered table."""
        return _cached(
            f"{fn.__module__}.{fn.__qualname__}",
            data_key(self.data),
            tables,
            self.filters if filters is None else filters,
            tuple(sorted(kwargs.items())),
            _fn=fn,
            _data=self.data,
        )

    def sums_by(self, table: str, by: str, groups: sources.Groups, filters: flt.Filters | None = None):
        """`analysis.sources.sums_by` of `table` under the selection (or `filters`), cached: from the facts on
        disk when the table is a summary without `by`."""
        chosen = self.filters if filters is None else filters
        return _cached_sums(data_key(self.data), table, chosen, by, groups, _data=self.data)

    def require(self, table: str) -> None:
        """Stop with a friendly message when `table` is not loaded or the selection leaves no rows of it."""
        if not self.has(table):
            st.warning(notes.not_loaded(table, table in self.data.left_out), icon=":material/inbox:")
            st.stop()
        if self.data.mixed and table in self.data.synthetic:
            st.warning(notes.synthetic_table(table), icon=":material/science:")
        if self.compute(len, table) == 0:
            st.warning(
                notes.nothing_matches(table, flt.describe(self.filters, self.names)), icon=":material/search_off:"
            )
            st.stop()

    def note_ignored(self, table: str) -> None:
        """Say which set filters cannot apply to `table` (its column is absent or empty)."""
        frame = self.data.tables.get(table)
        if self.has(table) and (ignored := sources.ignored(frame, self.data.facts.get(table), self.filters)):
            st.caption(
                f"The {table_words(table)} table has no {', '.join(ignored)} breakdown, so that "
                "filter does not apply to it."
            )
