"""The shared selection (period, area, status, mode, HCP type) and how it applies to any table.

A filter whose column a table lacks, or holds only missing values in (the sub-ICB columns of the
ICB-level LSE extract), is ignored for that table rather than emptying it; `ignored_filters` says
which. The selection round-trips through URL query parameters so a link opens the same view.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

import numpy as np
import pandas as pd

from nhs_core import schema as s
from nhs_core.frames import distinct_rows, present_values

# Which column each multi-value filter applies to, and its name in the URL query string.
COLUMN_OF = {
    "regions": s.REGION,
    "icbs": s.ICB,
    "sub_icbs": s.SUB_ICB,
    "statuses": s.STATUS,
    "modes": s.MODE,
    "hcps": s.HCP,
}
QUERY_NAME = {
    "regions": "region",
    "icbs": "icb",
    "sub_icbs": "sub_icb",
    "statuses": "status",
    "modes": "mode",
    "hcps": "hcp",
}
WIDGET_LABEL = {
    "regions": "Region",
    "icbs": "Integrated care board (ICB)",
    "sub_icbs": "Sub-ICB location",
    "statuses": "Appointment status",
    "modes": "Appointment mode",
    "hcps": "Healthcare professional (HCP) type",
}
LABEL = {
    "regions": "Region",
    "icbs": "ICB",
    "sub_icbs": "Sub-ICB location",
    "statuses": "Status",
    "modes": "Mode",
    "hcps": "HCP type",
}
QUERY_FROM, QUERY_TO, QUERY_CAPACITY = "from", "to", "capacity"
GEOGRAPHY_FIELDS = ("regions", "icbs", "sub_icbs")
# The area widgets in order (field, code column, help): each list is narrowed by the choices above it.
GEOGRAPHY_WIDGETS = (
    ("regions", s.REGION, None),
    ("icbs", s.ICB, "Listed for the regions chosen above."),
    (
        "sub_icbs",
        s.SUB_ICB,
        "Listed for the ICBs chosen above. Only tables with sub-ICB rows (durations, "
        "national categories, daily) can be narrowed this way.",
    ),
)


@dataclass(frozen=True)
class Filters:
    """A selection: a month range (inclusive, month starts) and allowed values; empty means all."""

    start: pd.Timestamp | None = None
    end: pd.Timestamp | None = None
    regions: tuple[str, ...] = ()
    icbs: tuple[str, ...] = ()
    sub_icbs: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    modes: tuple[str, ...] = ()
    hcps: tuple[str, ...] = ()

    def values(self) -> dict[str, tuple[str, ...]]:
        """The multi-value filters that are set, by field name."""
        return {f: getattr(self, f) for f in COLUMN_OF if getattr(self, f)}

    def without_geography(self) -> Filters:
        """The same selection for all of England (for national comparison lines)."""
        return replace(self, regions=(), icbs=(), sub_icbs=())

    @property
    def has_geography(self) -> bool:
        """Whether any region, ICB or sub-ICB is selected."""
        return any(getattr(self, f) for f in GEOGRAPHY_FIELDS)


def _usable(frame: pd.DataFrame, column: str) -> bool:
    return column in frame and bool(frame[column].notna().any())


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
        column = COLUMN_OF[name]
        if _usable(frame, column):
            mask &= frame[column].isin(allowed).to_numpy()
    return frame if mask.all() else frame[mask]


def ignored_filters(frame: pd.DataFrame, filters: Filters) -> list[str]:
    """Labels of the set filters that cannot apply to `frame` (its column is absent or all missing)."""
    return [LABEL[name] for name in filters.values() if not _usable(frame, COLUMN_OF[name])]


def describe(filters: Filters, names: dict[str, str] | None = None) -> str:
    """The selection in words, e.g. "Jan 2021 to Jun 2022; Region: London; Appointment mode: Telephone"."""
    names = names or {}
    parts = []
    if filters.start is not None and filters.end is not None:
        parts.append(f"{filters.start:%b %Y} to {filters.end:%b %Y}")
    for name, allowed in filters.values().items():
        parts.append(f"{LABEL[name]}: " + ", ".join(names.get(v, v) for v in allowed))
    return "; ".join(parts) or "everything loaded"


def to_query(filters: Filters, capacity: float | None = None, default_capacity: float | None = None) -> dict[str, str]:
    """URL query parameters for a selection (values joined by commas; unset filters left out)."""
    out: dict[str, str] = {}
    if filters.start is not None:
        out[QUERY_FROM] = f"{filters.start:%Y-%m}"
    if filters.end is not None:
        out[QUERY_TO] = f"{filters.end:%Y-%m}"
    for name, allowed in filters.values().items():
        out[QUERY_NAME[name]] = ",".join(allowed)
    if capacity is not None and capacity != default_capacity:
        out[QUERY_CAPACITY] = str(int(capacity))
    return out


def _month(text: str | None) -> pd.Timestamp | None:
    stamp = pd.to_datetime(text, format="%Y-%m", errors="coerce") if text else pd.NaT
    return None if pd.isna(stamp) else stamp


def from_query(params: dict[str, str | list[str]]) -> tuple[Filters, float | None]:
    """Read a selection (and capacity) back from query parameters; unreadable values are ignored."""

    def one(key: str) -> str:
        value = params.get(key, "")
        return value[-1] if isinstance(value, list) and value else value if isinstance(value, str) else ""

    values = {name: tuple(v for v in one(q).split(",") if v) for name, q in QUERY_NAME.items()}
    capacity = one(QUERY_CAPACITY)
    capacity_value = float(capacity) if capacity.isdigit() and int(capacity) > 0 else None
    return Filters(start=_month(one(QUERY_FROM)), end=_month(one(QUERY_TO)), **values), capacity_value


def area_options(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every (region, ICB, sub-ICB) present in the tables, codes and names, sorted by name.

    A table without sub-ICB columns contributes its ICBs with a missing sub-ICB.
    """
    columns = [s.REGION, s.REGION_NAME, s.ICB, s.ICB_NAME, s.SUB_ICB, s.SUB_ICB_NAME]
    parts = []
    for frame in tables.values():
        if s.ICB not in frame:
            continue
        present = [c for c in columns if c in frame]
        codes = [c for c in (s.ICB, s.SUB_ICB) if c in frame and isinstance(frame[c].dtype, pd.CategoricalDtype)]
        rows = distinct_rows(frame, codes)[present] if codes else frame[present]  # names follow the codes
        parts.append(rows.drop_duplicates().astype(object).reindex(columns=columns).astype(object))
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    out = pd.concat(parts, ignore_index=True).drop_duplicates()
    return out.sort_values([s.REGION_NAME, s.ICB_NAME, s.SUB_ICB_NAME], na_position="first", ignore_index=True)


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


FIELD_NAMES = tuple(f.name for f in fields(Filters))


def describe_areas(filters: Filters, names: dict[str, str] | None = None) -> str:
    """The selected areas in a few words: "England", "London", or "London and 2 more"."""
    names = names or {}
    chosen = filters.sub_icbs or filters.icbs or filters.regions
    if not chosen:
        return "England"
    first = names.get(chosen[0], chosen[0])
    return first if len(chosen) == 1 else f"{first} and {len(chosen) - 1} more"


@dataclass(frozen=True)
class Options:
    """What the sidebar offers for the loaded tables: months, areas, vocabulary values, code -> name."""

    months: list[pd.Timestamp]
    areas: pd.DataFrame
    values: dict[str, list[str]]
    names: dict[str, str]


def options(tables: dict[str, pd.DataFrame]) -> Options:
    """The sidebar choices for `tables` (status, mode and HCP values in vocabulary order, as present)."""
    values = {}
    for name in ("statuses", "modes", "hcps"):
        column = COLUMN_OF[name]
        present = {str(v) for f in tables.values() if column in f for v in present_values(f[column])}
        values[name] = [v for v in s.ordered_categories(column, sorted(present)) if v in present]
    areas = area_options(tables)
    names = {code: name for level in s.GEOGRAPHY_CODES for code, name in choices(areas, level, {}).items()}
    return Options(months_available(tables), areas, values, names)
