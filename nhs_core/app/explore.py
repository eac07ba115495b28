"""The explorer pages' Streamlit glue: shared sidebar filters, cached metrics, and the page anatomy
(header, KPI row, chart with PNG and SVG downloads and the table behind it with its CSV download, "About this
data").

Metrics are cached by their arguments (`View.compute`); `st.cache_data` hands every caller its own copy,
so a page can never change a cached value. The filters are saved outside the widget keys (Streamlit drops
widget state on a page switch), read from the URL on a session's first run and written back to it. Chart images
are rendered only when their download button is pressed, so they cost a page rerun nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from nhs_core import schema as s
from nhs_core.analysis import filters as flt
from nhs_core.analysis.metrics import DEFAULT_CAPACITY
from nhs_core.app.keys import MULTI as _MULTI
from nhs_core.app.keys import SAVED as _SAVED
from nhs_core.app.keys import Keys, saved_from_query
from nhs_core.present import export, images, notes

if TYPE_CHECKING:
    from nhs_core.app import ActiveData


def _data_key(data: ActiveData) -> tuple:
    """Identifies a loaded dataset: its source, version (if any) and each table object and size."""
    tables = tuple((name, id(frame), len(frame)) for name, frame in sorted(data.tables.items()))
    return data.source, getattr(data, "version", None), tables


@st.cache_data(max_entries=1_000, show_spinner=False)
def _cached(fn_id: str, data_key: tuple, tables: tuple, filters: flt.Filters, kwargs: tuple, _fn, _data):
    if tables == ("*",):
        return _fn({k: flt.filter_frame(v, filters) for k, v in _data.tables.items()}, **dict(kwargs))
    return _fn(*(flt.filter_frame(_data.tables[t], filters) for t in tables), **dict(kwargs))


@dataclass(frozen=True)
class View:
    """The active data seen through the sidebar selection, and the planned daily capacity."""

    data: ActiveData
    filters: flt.Filters
    capacity: float
    names: dict

    def has(self, table: str) -> bool:
        """Whether `table` is loaded and not empty (before filtering)."""
        return not self.data.tables.get(table, pd.DataFrame()).empty

    def compute(self, fn: Callable, *tables: str, filters: flt.Filters | None = None, **kwargs):
        """`fn(filtered tables..., **kwargs)`, cached by dataset, tables, selection and arguments; pass "*" as
        the only table to give `fn` a dict of every filtered table."""
        return _cached(
            f"{fn.__module__}.{fn.__qualname__}",
            _data_key(self.data),
            tables,
            self.filters if filters is None else filters,
            tuple(sorted(kwargs.items())),
            _fn=fn,
            _data=self.data,
        )

    def require(self, table: str) -> None:
        """Stop with a friendly message when `table` is not loaded or the selection leaves no rows of it."""
        if not self.has(table):
            st.warning(notes.not_loaded(table), icon=":material/inbox:")
            st.stop()
        if self.compute(len, table) == 0:
            st.warning(
                notes.nothing_matches(table, flt.describe(self.filters, self.names)), icon=":material/search_off:"
            )
            st.stop()

    def note_ignored(self, table: str) -> None:
        """Say which set filters cannot apply to `table` (its column is absent or empty)."""
        if self.has(table) and (ignored := flt.ignored_filters(self.data.tables[table], self.filters)):
            st.caption(
                f"The {s.TABLE_LABELS[table].lower()} table has no {', '.join(ignored)} breakdown, so that "
                "filter does not apply to it."
            )


def unfiltered(data: ActiveData) -> View:
    """A `View` of everything loaded, for pages without the shared filters (the tweets are not filtered)."""
    st.session_state[Keys.DOWNLOAD_STEM] = ("", "")  # image file names carry no selection
    return View(data, flt.Filters(), DEFAULT_CAPACITY, {})


@st.cache_data(max_entries=8, show_spinner=False)
def _options(data_key: tuple, _data: ActiveData) -> flt.Options:  # sidebar choices, once per dataset
    return flt.options(_data.tables)


def _save(key: str) -> None:
    st.session_state[_SAVED + key] = st.session_state[key]


def _reset() -> None:
    for key in (*_MULTI.values(), Keys.PERIOD, Keys.CAPACITY):
        for name in (key, _SAVED + key):
            st.session_state.pop(name, None)


def _read_query_once() -> None:
    """On a session's first run, take the selection from the URL (so a shared link opens the same view)."""
    if not st.session_state.get(Keys.QUERY_READ):
        st.session_state[Keys.QUERY_READ] = True
        st.session_state.update(saved_from_query(st.query_params.to_dict()))


def _multiselect(name: str, options: dict[str, str], help: str | None = None) -> tuple[str, ...]:
    key = _MULTI[name]
    st.session_state[key] = [v for v in st.session_state.get(_SAVED + key, []) if v in options]
    chosen = st.multiselect(
        flt.WIDGET_LABEL[name],
        list(options),
        format_func=lambda v: options.get(v, v),
        key=key,
        placeholder="All",
        on_change=_save,
        args=(key,),
        help=help,
    )
    return tuple(chosen)


def _period(months: list[pd.Timestamp]) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    if len(months) < 2:
        return None, None
    options = [f"{m:%Y-%m}" for m in months]
    start, end = st.session_state.get(_SAVED + Keys.PERIOD, (None, None))
    start = start if start in options else options[0]
    end = end if end in options and end >= start else options[-1]
    # Passed as `value`, not via session state, so it is a two-ended slider from its first run; a stale value
    # (new data, or a reset) is dropped first so that `value` applies. A user's own change was saved first.
    if tuple(st.session_state.get(Keys.PERIOD, (start, end))) != (start, end):
        del st.session_state[Keys.PERIOD]
    start, end = st.select_slider(
        "Period",
        options=options,
        value=(start, end),
        key=Keys.PERIOD,
        format_func=lambda m: f"{pd.Timestamp(m):%b %Y}",
        on_change=_save,
        args=(Keys.PERIOD,),
        help="Months to include (inclusive).",
    )
    if (start, end) == (options[0], options[-1]):
        return None, None
    return pd.Timestamp(start), pd.Timestamp(end)


def _capacity() -> float:
    st.session_state[Keys.CAPACITY] = float(st.session_state.get(_SAVED + Keys.CAPACITY, DEFAULT_CAPACITY))
    return float(
        st.number_input(
            "Planned capacity (appointments a day)",
            min_value=1.0,
            step=50_000.0,
            format="%.0f",
            key=Keys.CAPACITY,
            on_change=_save,
            args=(Keys.CAPACITY,),
            help="The planned national capacity; utilisation = appointments per day / this.",
        )
    )


def sidebar_filters(
    data: ActiveData, *, extra: tuple[str, ...] = ("statuses", "modes", "hcps"), geography: bool = True
) -> View:
    """Render the shared filters in the sidebar and return the selection as a `View`.

    Parameters
    ----------
    data : ActiveData
        The loaded tables (`active_data()`).
    extra : tuple of str
        Which of "statuses", "modes", "hcps" to offer on this page.
    geography : bool
        Offer region, ICB and sub-ICB location.

    Values persist across pages (saved outside the widget keys, which Streamlit drops on a page switch),
    are read from the URL on a session's first run and written back to it on every run.
    """
    _read_query_once()
    got = _options(_data_key(data), data)
    with st.sidebar:
        st.header("Filters")
        start, end = _period(got.months)
        picked: dict[str, tuple[str, ...]] = {}
        if geography and len(got.areas):
            within: dict[str, tuple[str, ...]] = {}
            for name, level, help in flt.GEOGRAPHY_WIDGETS:  # each list narrowed by the choices above it
                picked[name] = _multiselect(name, flt.choices(got.areas, level, within), help)
                within[level] = picked[name]
        for name in extra:
            picked[name] = _multiselect(name, {v: v for v in got.values[name]})
        capacity = _capacity()
        st.button("Reset filters", key=Keys.RESET, on_click=_reset, help="Back to everything loaded.")
    chosen = flt.Filters(start=start, end=end, **picked)
    st.session_state[Keys.DOWNLOAD_STEM] = tuple(
        images.selection_stem(f, got.names, got.months) for f in (chosen, chosen.without_geography())
    )
    _write_query(chosen, capacity)
    return View(data, chosen, capacity, got.names)


def _write_query(chosen: flt.Filters, capacity: float) -> None:
    if st.query_params.to_dict() != (wanted := flt.to_query(chosen, capacity, DEFAULT_CAPACITY)):
        st.query_params.from_dict(wanted)


def header(title: str, question: str, view: View | None = None) -> None:
    """Title, the one line on what the page answers, and which data and selection it shows (with the store's
    warning when it fell back to an older version)."""
    st.title(title)
    st.markdown(question)
    if view is not None:
        if warning := getattr(view.data, "warning", None):
            st.warning(warning, icon=":material/warning:")
        st.caption(f"{view.data.banner}: {view.data.source} · showing {flt.describe(view.filters, view.names)}")


def kpis(items: list[dict]) -> None:
    """A row of `st.metric`s, each item their keyword arguments (label, value, delta, help...)."""
    for column, item in zip(st.columns(len(items)), items):
        column.metric(**item)


def _column_config(frame: pd.DataFrame) -> dict:
    config = {}
    for column in frame.columns:
        label, kind = s.label(str(column)), export.display_format(frame, column)
        if column == s.TWEET_TEXT:
            config[column] = st.column_config.TextColumn(label, width="large")
        elif kind in ("MMM YYYY", "YYYY-MM-DD"):
            config[column] = st.column_config.DatetimeColumn(label, format=kind)
        else:
            config[column] = st.column_config.NumberColumn(label, format=kind) if kind else label
    return config


def table(frame: pd.DataFrame, key: str, file_name: str) -> None:
    """A table (text shown as plain text, never HTML) with its CSV download (formulas neutralised)."""
    tall = {"row_height": 64, "height": min(800, 64 * len(frame) + 40)} if s.TWEET_TEXT in frame else {}
    st.dataframe(frame, hide_index=True, column_config=_column_config(frame), key=f"table_{key}", **tall)
    st.download_button(
        "Download CSV",
        export.csv_bytes(frame, labels=True),
        file_name=f"{file_name}.csv",
        mime="text/csv",
        key=f"download_{key}",
        on_click="ignore",
    )


def table_behind(frame: pd.DataFrame, key: str, file_name: str, label: str = "The table behind the chart") -> None:
    """The chart's own table and its CSV download, in an expander."""
    with st.expander(label):
        table(frame, key, file_name)


def chart(
    chart_obj,
    frame: pd.DataFrame,
    key: str,
    file_name: str | None = None,
    empty: str | None = None,
    national: bool = False,
) -> None:
    """An Altair chart themed by Streamlit, its PNG and SVG downloads, then the table behind it; a message instead
    when `frame` is empty. `national`: the chart shows all of England whatever areas are selected (its pictures
    are named so)."""
    if frame.empty:
        st.info(empty or "Nothing to show for this selection.", icon=":material/search_off:")
        return
    st.altair_chart(chart_obj, theme="streamlit", width="stretch", key=f"chart_{key}")
    image_downloads(chart_obj, key, file_name or key, national)
    table_behind(frame, key, file_name or key)


def image_downloads(chart_obj, key: str, name: str, national: bool = False) -> None:
    """PNG and SVG downloads of a chart, named after it and the selection; each picture is rendered only when its
    button is pressed (Streamlit calls the data function then), so a rerun pays nothing for them."""
    stem = images.file_stem(name, st.session_state.get(Keys.DOWNLOAD_STEM, ("", ""))[int(national)])
    with st.container(horizontal=True, gap="small"):
        for kind, mime, render in (("PNG", "image/png", images.chart_png), ("SVG", "image/svg+xml", images.chart_svg)):
            st.download_button(
                f"{kind} image",
                lambda render=render: render(chart_obj),
                file_name=f"{stem}.{kind.lower()}",
                mime=mime,
                key=f"{kind.lower()}_{key}",
                on_click="ignore",
                type="tertiary",
                icon=":material/image:",
                help=f"Download this chart as a {kind} picture, for documents and slides.",
            )


def about(*items: str, synthetic: bool = False) -> None:
    """The "About this data" expander: definitions and caveats, one bullet each."""
    with st.expander("About this data"):
        st.markdown("\n".join(f"- {item}" for item in (*items, *((notes.SYNTHETIC,) if synthetic else ()))))


def bullets(lines: list[str]) -> None:
    """Sentences computed from the data, as a bulleted list (escaped, so names cannot inject Markdown)."""
    st.markdown("\n".join(f"- {export.plain(line)}" for line in lines) or "Nothing to report.")
