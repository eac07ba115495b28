"""The shared selection (period, areas, status, mode, HCP type) and how it applies to any table.

Which filters there are, and their columns, URL names and labels, is `filter_registry.FILTERS`: everything here
reads it when it runs. A filter whose column a table lacks, or holds only missing values in (the sub-ICB columns
of the ICB-level LSE extract), is ignored for that table rather than emptying it; `ignored_filters` says which.
The selection round-trips through URL query parameters so a link opens the same view.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from nhs_core import schema as s
from nhs_core.analysis import filter_registry as registry
from nhs_core.frames import distinct_rows, present_values
from nhs_core.tables import offers_choices, sets_period
from nhs_core.units import DAY_BASES, DEFAULT_DAY_BASIS

QUERY_FROM = "from"
QUERY_TO = "to"
QUERY_CAPACITY = "capacity"
MAX_CAPACITY = 10**9  # planned appointments a day read from a URL: far above England's 1.2 million
QUERY_BASIS = "basis"  # the per-day basis ("calendar", "30"); absent for the default, per working day


@dataclass(frozen=True, init=False)
class Filters:
    """A selection: a month range (inclusive, month starts) and the allowed values of each filter; empty means all.

    Built with one keyword per filter of the registry, ``Filters(start, end, regions=("E40000003",),
    modes=("Telephone",))``; a filter's values read as an attribute, ``filters.regions`` (``()`` when unset).
    Frozen and hashable: it is part of the `st.cache_data` key of every metric.

    Raises
    ------
    TypeError
        When a keyword names no filter of the registry.
    """

    start: pd.Timestamp | None
    end: pd.Timestamp | None
    # (filter name, allowed values) of each filter that is set, in registry order: a hashable mapping.
    chosen: tuple[tuple[str, tuple[str, ...]], ...]

    def __init__(
        self, start: pd.Timestamp | None = None, end: pd.Timestamp | None = None, **chosen: Iterable[str]
    ) -> None:
        known = registry.names()
        if unknown := sorted(set(chosen) - set(known)):
            raise TypeError(f"Filters() has no filter {', '.join(unknown)}; the filters are {', '.join(known)}")
        allowed = {name: tuple(values) for name, values in chosen.items()}
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "chosen", tuple((name, allowed[name]) for name in known if allowed.get(name)))

    def __getattr__(self, name: str) -> tuple[str, ...]:
        # Reached only for names that are not attributes: a filter's values by its name (`filters.icbs`).
        if name in registry.names():
            return dict(self.chosen).get(name, ())
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def values(self) -> dict[str, tuple[str, ...]]:
        """The multi-value filters that are set, by filter name, in registry order."""
        return dict(self.chosen)

    def without_geography(self) -> Filters:
        """The same selection for all of England (for national comparison lines)."""
        kept = {name: values for name, values in self.chosen if not registry.get(name).is_area}
        return Filters(self.start, self.end, **kept)

    def reaching_back(self) -> Filters:
        """The same selection starting a year earlier, so a year-on-year change can compare the first selected
        months with months loaded before the period."""
        start = None if self.start is None else self.start - pd.DateOffset(years=1)
        return Filters(start, self.end, **dict(self.chosen))

    @property
    def has_geography(self) -> bool:
        """Whether any area (region, ICB, sub-ICB) is selected."""
        return any(registry.get(name).is_area for name, _ in self.chosen)


def _usable(frame: pd.DataFrame, column: str) -> bool:
    return column in frame and bool(frame[column].notna().any())


def for_table(name: str, filters: Filters) -> Filters:
    """The selection as it applies to the table called `name`: a table whose months do not set the period
    (the registered-patients extract, counted in one month) keeps every month."""
    return filters if sets_period(name) else Filters(None, None, **dict(filters.chosen))


def filter_frame(frame: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Rows of `frame` inside the selection; filters on columns the table lacks are ignored.

    Parameters
    ----------
    frame : DataFrame
        Any canonical table (appointments, daily, durations, categories).
    filters : Filters
        The selection. The month range applies to `appointment_month`.

    Returns
    -------
    DataFrame
        `frame` itself when nothing applies, else a new frame of the matching rows (the input is not changed).
    """
    mask = np.ones(len(frame), dtype=bool)
    if s.MONTH in frame and (filters.start is not None or filters.end is not None):
        months = frame[s.MONTH].to_numpy()
        if filters.start is not None:
            mask &= months >= np.datetime64(filters.start, "ns")
        if filters.end is not None:
            mask &= months <= np.datetime64(filters.end, "ns")
    for name, allowed in filters.values().items():
        column = registry.get(name).column
        if _usable(frame, column):
            mask &= frame[column].isin(allowed).to_numpy()
    return frame if mask.all() else frame[mask]


def ignored_filters(frame: pd.DataFrame, filters: Filters) -> list[str]:
    """Labels of the set filters that cannot apply to `frame` (its column is absent or all missing)."""
    set_filters = [registry.get(name) for name in filters.values()]
    return [item.label for item in set_filters if not _usable(frame, item.column)]


def describe(filters: Filters, names: dict[str, str] | None = None) -> str:
    """The selection in words, e.g. "Jan 2021 to Jun 2022; Region: London; Mode: Telephone"."""
    names = names or {}
    parts = []
    if filters.start is not None and filters.end is not None:
        parts.append(f"{filters.start:%b %Y} to {filters.end:%b %Y}")
    for name, allowed in filters.values().items():
        parts.append(f"{registry.get(name).label}: " + ", ".join(names.get(v, v) for v in allowed))
    return "; ".join(parts) or "everything loaded"


def to_query(
    filters: Filters,
    capacity: float | None = None,
    default_capacity: float | None = None,
    basis: str = DEFAULT_DAY_BASIS,
) -> dict[str, str]:
    """URL query parameters for a selection (values joined by commas; unset filters, the default capacity and the
    default per-day basis left out)."""
    out: dict[str, str] = {}
    if filters.start is not None:
        out[QUERY_FROM] = f"{filters.start:%Y-%m}"
    if filters.end is not None:
        out[QUERY_TO] = f"{filters.end:%Y-%m}"
    for name, allowed in filters.values().items():
        out[registry.get(name).query] = ",".join(allowed)
    if capacity is not None and capacity != default_capacity:
        out[QUERY_CAPACITY] = str(int(capacity))
    if basis != DEFAULT_DAY_BASIS and basis in DAY_BASES:
        out[QUERY_BASIS] = basis
    return out


def basis_from_query(params: dict[str, str | list[str]]) -> str | None:
    """The per-day basis a URL asks for ("working", "calendar" or "30"), or None when it names none we know."""
    value = params.get(QUERY_BASIS, "")
    value = value[-1] if isinstance(value, list) and value else value
    return value if isinstance(value, str) and value in DAY_BASES else None


def _month(text: str | None) -> pd.Timestamp | None:
    stamp = pd.to_datetime(text, format="%Y-%m", errors="coerce") if text else pd.NaT
    return None if pd.isna(stamp) else stamp


def from_query(params: dict[str, str | list[str]]) -> tuple[Filters, float | None]:
    """Read a selection (and capacity) back from query parameters; unreadable values are ignored."""

    def one(key: str) -> str:
        value = params.get(key, "")
        return value[-1] if isinstance(value, list) and value else value if isinstance(value, str) else ""

    values = {item.name: tuple(v for v in one(item.query).split(",") if v) for item in registry.FILTERS}
    capacity = one(QUERY_CAPACITY)
    # ASCII digits only, and at most MAX_CAPACITY: a 310-digit value would be infinity as a float
    number = int(capacity) if capacity.isascii() and capacity.isdigit() and len(capacity) < 16 else 0
    capacity_value = float(number) if 0 < number <= MAX_CAPACITY else None
    return Filters(start=_month(one(QUERY_FROM)), end=_month(one(QUERY_TO)), **values), capacity_value


def area_options(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every combination of areas (region, ICB, sub-ICB: the area filters' columns) present in the tables,
    codes and names, sorted by name.

    A table without sub-ICB columns contributes its ICBs with a missing sub-ICB.
    """
    levels = [item.column for item in registry.areas()]
    columns = [column for level in levels for column in (level, s.GEOGRAPHY_NAMES[level])]
    parts = []
    for frame in tables.values():
        if not any(level in frame for level in levels):
            continue
        present = [c for c in columns if c in frame]
        codes = [c for c in levels if c in frame and isinstance(frame[c].dtype, pd.CategoricalDtype)]
        rows = distinct_rows(frame, codes)[present] if codes else frame[present]  # names follow the codes
        parts.append(rows.drop_duplicates().astype(object).reindex(columns=columns).astype(object))
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    out = pd.concat(parts, ignore_index=True).drop_duplicates()
    by_name = [s.GEOGRAPHY_NAMES[level] for level in levels]
    return out.sort_values(by_name, na_position="first", ignore_index=True)


def choices(options: pd.DataFrame, level: str, within: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Codes and names of `level` (region, ICB or sub-ICB code column), narrowed by the levels above.

    `within` maps code columns to the selected codes (empty means all), e.g. {REGION: ("E40000003",)}.
    """
    keep = np.ones(len(options), dtype=bool)
    for column, codes in within.items():
        if codes:
            keep &= options[column].isin(codes).to_numpy()
    name = s.GEOGRAPHY_NAMES[level]
    rows = options[keep].dropna(subset=[level])
    named = rows[name].astype(object)
    rows = rows.assign(_name=named.where(named.notna(), rows[level]).astype(str), _unnamed=named.isna())
    rows = rows.sort_values(["_unnamed", "_name"], kind="stable").drop_duplicates(subset=[level])
    rows = rows.sort_values("_name", kind="stable")  # a table without names shows the code
    return dict(zip(rows[level].astype(str), rows["_name"]))


def months_available(tables: dict[str, pd.DataFrame]) -> list[pd.Timestamp]:
    """Every month present in any table, sorted."""
    months = [frame[s.MONTH].drop_duplicates().dropna().to_numpy() for frame in tables.values() if s.MONTH in frame]
    if not months:
        return []
    return sorted(pd.Timestamp(m) for m in set(np.concatenate(months)))


def describe_areas(filters: Filters, names: dict[str, str] | None = None) -> str:
    """The selected areas of the narrowest level chosen, in a few words: "England", "London", or "London and 2
    more"."""
    names = names or {}
    chosen = filters.values()
    by_level = [chosen[area.name] for area in registry.areas() if area.name in chosen]
    if not by_level:
        return "England"
    codes = by_level[-1]
    first = names.get(codes[0], codes[0])
    return first if len(codes) == 1 else f"{first} and {len(codes) - 1} more"


@dataclass(frozen=True)
class Options:
    """What the sidebar offers for the loaded tables: months, areas, vocabulary values, code -> name."""

    months: list[pd.Timestamp]
    areas: pd.DataFrame
    values: dict[str, list[str]]
    names: dict[str, str]


def options(tables: dict[str, pd.DataFrame]) -> Options:
    """The sidebar choices for `tables`: each breakdown filter's values present (in vocabulary order), the areas
    and their names, and the months."""
    months = months_available({name: frame for name, frame in tables.items() if sets_period(name)})
    tables = {name: frame for name, frame in tables.items() if offers_choices(name)}
    values = {item.name: _present_in_order(tables, item.column) for item in registry.breakdowns()}
    areas = area_options(tables)
    names = {code: name for area in registry.areas() for code, name in choices(areas, area.column, {}).items()}
    return Options(months, areas, values, names)


def _present_in_order(tables: dict[str, pd.DataFrame], column: str) -> list[str]:
    """The values of `column` in any table, in its vocabulary's display order (alphabetical without one)."""
    present = {str(v) for frame in tables.values() if column in frame for v in present_values(frame[column])}
    if column not in s.VOCABULARIES:
        return sorted(present)
    return [v for v in s.ordered_categories(column, sorted(present)) if v in present]
