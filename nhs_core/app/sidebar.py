"""The shared sidebar filters: period, areas (each list narrowed by the areas chosen above it), the breakdown
filters a page offers, and the planned capacity; every filter widget comes from `analysis.filter_registry`.

The values are saved outside the widget keys (Streamlit drops widget state on a page switch), read from the URL
on a session's first run and written back to it on every run.
"""

from __future__ import annotations

import dataclasses

import pandas as pd
import streamlit as st

from nhs_core import definitions as d
from nhs_core import schema as s
from nhs_core.analysis import filter_registry as registry
from nhs_core.analysis import filters as flt
from nhs_core.analysis import population
from nhs_core.analysis.metrics import DEFAULT_CAPACITY
from nhs_core.app.data import ActiveData
from nhs_core.app.keys import QUERY_SAMPLE, SAVED, Keys, filter_key, filter_keys, saved_from_query
from nhs_core.app.view import View, data_key
from nhs_core.present import images, notes, standalone
from nhs_core.tables import table_words
from nhs_core.units import DAY_BASES, DEFAULT_DAY_BASIS


@st.cache_data(max_entries=8, show_spinner=False)
def _options(dataset_key: tuple, filter_records: tuple[registry.Filter, ...], _data: ActiveData) -> flt.Options:
    """The sidebar choices, once per dataset (and set of filters). Beside real data the period offers the real
    tables' months only, even when the sample is shown for the missing tables (its months would be empty pages)."""
    got = flt.options(_data.choice_tables())
    if not _data.mixed:
        return got
    real = {name: frame for name, frame in _data.choice_tables().items() if name.split(".")[0] not in _data.synthetic}
    return dataclasses.replace(got, months=flt.months_available(real))


def _save(key: str) -> None:
    st.session_state[SAVED + key] = st.session_state[key]


def _reset() -> None:
    for key in (*filter_keys().values(), Keys.PERIOD, Keys.CAPACITY, Keys.CAPACITY_SCOPE, Keys.BASIS):
        for name in (key, SAVED + key):
            st.session_state.pop(name, None)


def _read_query_once() -> None:
    """On a session's first run, take the selection from the URL (so a shared link opens the same view)."""
    if not st.session_state.get(Keys.QUERY_READ):
        st.session_state[Keys.QUERY_READ] = True
        st.session_state[Keys.FIRST_QUERY] = st.query_params.to_dict()  # a page's own settings read it too
        st.session_state.update(saved_from_query(st.query_params.to_dict()))


def _multiselect(item: registry.Filter, options: dict[str, str]) -> tuple[str, ...]:
    """The widget of one filter, offering `options` (value -> what is shown); its saved choice is kept."""
    key = filter_key(item.name)
    st.session_state[key] = [v for v in st.session_state.get(SAVED + key, []) if v in options]
    chosen = st.multiselect(
        item.widget_label,
        list(options),
        format_func=lambda v: options.get(v, v),
        key=key,
        placeholder="All",
        on_change=_save,
        args=(key,),
        help=item.help,
        select_all=False,  # typing "Somerset" and pressing Enter picked all three matching ICBs; "All" is no choice
    )
    return tuple(chosen)


def _areas(areas: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """The area widgets, widest first, each listing the areas inside the ones chosen above it."""
    picked: dict[str, tuple[str, ...]] = {}
    within: dict[str, tuple[str, ...]] = {}
    for item in registry.areas():
        picked[item.name] = _multiselect(item, flt.choices(areas, item.column, within))
        within[item.column] = picked[item.name]
    return picked


def _period(months: list[pd.Timestamp]) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    if len(months) < 2:
        return None, None
    options = [f"{m:%Y-%m}" for m in months]
    start, end = st.session_state.get(SAVED + Keys.PERIOD, (None, None))
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


def _data_icbs(data: ActiveData) -> str:
    frame = data.tables.get(s.APPOINTMENTS)
    count = 0 if frame is None or s.ICB not in frame else frame[s.ICB].dropna().nunique()
    return f"the {count} of England's {population.ENGLAND_ICBS} ICBs in your data"


def _save_capacity(scope: str) -> None:
    _save(Keys.CAPACITY)
    st.session_state[SAVED + Keys.CAPACITY_SCOPE] = scope


def _capacity(data: ActiveData, chosen: flt.Filters, names: dict) -> tuple[float | None, str]:
    """The planned capacity for the view and a note on where it comes from.

    For England it is the national figure; for an area (areas selected, or data that covers only part of
    England) the national figure scaled by the area's share of registered patients when the coverage file gives
    it, otherwise blank until the user enters the area's own. A value the user typed is kept for its area only."""
    area = chosen.has_geography or not population.covers_england(data.tables.get(s.APPOINTMENTS))
    scope = "England" if not area else flt.describe_areas(chosen, names) if chosen.has_geography else _data_icbs(data)
    coverage = data.tables.get(s.COVERAGE) if data.same_source(s.APPOINTMENTS, s.COVERAGE) else None
    share = population.area_share(coverage, None if coverage is None else flt.filter_frame(coverage, chosen))
    default = None if area and share is None else DEFAULT_CAPACITY
    default = population.scaled_capacity(share, DEFAULT_CAPACITY) if area and share is not None else default
    saved_scope = st.session_state.get(SAVED + Keys.CAPACITY_SCOPE)
    saved = st.session_state.get(SAVED + Keys.CAPACITY) if saved_scope in (None, scope) else None
    st.session_state[Keys.CAPACITY] = float(saved) if saved else default
    value = st.number_input(
        d.CAPACITY.label,
        min_value=1.0,
        step=50_000.0,
        format="%.0f",
        key=Keys.CAPACITY,
        on_change=_save_capacity,
        args=(scope,),
        placeholder="Enter the area's capacity",
        help=d.CAPACITY.help,
    )
    note = notes.capacity_source(scope, area, share, value is not None and value != default)
    if note:
        st.caption(note)
    return (None if value is None else float(value)), note


def _basis() -> str:
    """The per-day basis of every per-day figure, utilisation and year-on-year change (working days first)."""
    saved = st.session_state.get(SAVED + Keys.BASIS, DEFAULT_DAY_BASIS)
    st.session_state[Keys.BASIS] = saved if saved in DAY_BASES else DEFAULT_DAY_BASIS
    return st.radio(
        "Appointments a day",
        list(DAY_BASES),
        format_func=lambda key: DAY_BASES[key].option,
        key=Keys.BASIS,
        on_change=_save,
        args=(Keys.BASIS,),
        help="Per working day (weekdays that are not England bank holidays) is how NHS England reports "
        "appointments and what the planned capacity means; per calendar day and per 30 days (every month "
        "counted as 30 days) are for comparison.",
    )


def _show_sample(data: ActiveData) -> bool:
    """The switch "show the sample for missing tables", offered only when real data sits beside the sample."""
    if not (data.left_out or data.mixed):
        return False
    st.session_state[Keys.SHOW_SAMPLE] = bool(st.session_state.get(SAVED + Keys.SHOW_SAMPLE, data.mixed))
    return st.toggle(
        "Show the sample for missing tables",
        key=Keys.SHOW_SAMPLE,
        on_change=_save,
        args=(Keys.SHOW_SAMPLE,),
        help="Your data has no "
        + ", ".join(table_words(t) for t in data.left_out or data.synthetic)
        + " table, so those pages are empty. Turn this on to fill them from the synthetic sample: every chart "
        "drawn from it then says 'Synthetic sample' in its title. The figures are not real.",
    )


def sidebar_filters(data: ActiveData, *, extra: tuple[str, ...] | None = None, geography: bool = True) -> View:
    """Render the shared filters in the sidebar and return the selection as a `View`.

    Parameters
    ----------
    data : ActiveData
        The loaded tables (`active_data()`).
    extra : tuple of str, optional
        Which breakdown filters (not areas) to offer on this page, by name, e.g. ``("modes", "hcps")``;
        by default every one in the registry.
    geography : bool
        Offer the area filters (region, ICB and sub-ICB location).

    Values persist across pages (saved outside the widget keys, which Streamlit drops on a page switch),
    are read from the URL on a session's first run and written back to it on every run.
    """
    _read_query_once()
    got = _options(data_key(data), registry.FILTERS, data)
    offered = [item.name for item in registry.breakdowns()] if extra is None else extra
    with st.sidebar:
        st.header("Filters")
        start, end = _period(got.months)
        picked = _areas(got.areas) if geography and len(got.areas) else {}
        for name in offered:
            picked[name] = _multiselect(registry.get(name), {v: v for v in got.values[name]})
        days = _basis()
        chosen = flt.Filters(start, end, **picked)
        capacity, capacity_note = _capacity(data, chosen, got.names)
        show_sample = _show_sample(data)
        st.button("Reset filters", key=Keys.RESET, on_click=_reset, help="Back to everything loaded.")
    st.session_state[Keys.EXPORT_LABELS] = tuple(
        standalone.Label(
            images.selection_stem(f, got.names, got.months),
            standalone.selection_words(f, got.names, got.months),
            _source(data),
            days,
            standalone.period_of(f, got.months),
        )
        for f in (chosen, chosen.without_geography())
    )
    _write_query(chosen, capacity, days, show_sample)
    return View(data, chosen, capacity, got.names, days, capacity_note)


def _source(data: ActiveData, table: str | None = None) -> str:
    """The source line of exports; for one table (the tweets) that table's own."""
    if table is not None:
        publication = standalone.TWEETS if table == s.TWEETS else standalone.PUBLICATION
        return standalone.source_line(data.is_sample or table in data.synthetic, data.created, (), publication)
    sample = [table_words(t) for t in data.synthetic]
    return standalone.source_line(data.is_sample, data.created, sample)


def _write_query(chosen: flt.Filters, capacity: float | None, days: str, show_sample: bool) -> None:
    wanted = flt.to_query(chosen, capacity, DEFAULT_CAPACITY, days) | (dict([QUERY_SAMPLE]) if show_sample else {})
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


def url_toggle(label: str, query: str, key: str, help: str, default: bool = True) -> bool:
    """A page's own on/off setting that is kept in the URL (as ``query=off`` or ``query=on`` when it differs
    from `default`), so a shared link opens with it; call after `sidebar_filters`, which rewrites the URL."""
    if key not in st.session_state:
        asked = st.session_state.get(Keys.FIRST_QUERY, {}).get(query)
        st.session_state[key] = default if asked not in ("on", "off") else asked == "on"
    value = st.toggle(label, key=key, help=help)
    if value != default:
        st.query_params[query] = "on" if value else "off"
    return value


def unfiltered(data: ActiveData) -> View:
    """A `View` of everything loaded, for pages without the shared filters (the tweets are not filtered)."""
    label = standalone.Label(source=_source(data, s.TWEETS))  # file names carry no selection
    st.session_state[Keys.EXPORT_LABELS] = (label, label)
    _read_query_once()
    with st.sidebar:
        _show_sample(data)
    return View(data, flt.Filters(), DEFAULT_CAPACITY, {})
