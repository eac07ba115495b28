"""How complete and clean the loaded data is: unknown shares by table and dimension over time, national-category
mapping progress, practice coverage, and months or areas missing from a table.

Every function takes the loaded tables (or one of them) and returns a small tidy frame; none changes its input.
Tables with no rows, or without the columns a check needs, are left out of its result. (Whether two tables
agree is `analysis.reconcile`.)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from nhs_core import schema as s
from nhs_core.tables import table_label

TABLE = s.TABLE_NAME
DIMENSION = s.DIMENSION
MAPPING_VALUES = ("Inconsistent Mapping", "Unmapped")  # national categories not yet mapped to one category


def _dimensions(frame: pd.DataFrame) -> list[str]:
    """The columns of `frame` whose vocabulary has an unknown-like value, in the schema's order."""
    return [c for c, vocab in s.VOCABULARIES.items() if c in frame and set(vocab) & s.UNKNOWN_LIKE]


def _counted(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The tables with months and appointment counts and at least one row, but the daily one: pages open it from
    its date x area summary, which has no breakdowns (with no regional file uploaded, its monthly sums are the
    appointments by month table, checked here)."""
    return {t: f for t, f in tables.items() if t != s.DAILY and s.MONTH in f and s.COUNT in f and len(f)}


def _unknown_mask(column: pd.Series) -> np.ndarray:
    """Rows whose value is unknown-like (a blank left after normalising counts as unknown too)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        unknown = np.append(column.cat.categories.isin(s.UNKNOWN_LIKE), True)  # code -1 (blank) is the last
        return unknown[column.cat.codes.to_numpy()]
    return column.isin(s.UNKNOWN_LIKE).to_numpy() | column.isna().to_numpy()


def unknown_shares(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Each month's share of appointments with an unknown value, per table and dimension.

    Unknown-like values are those of `schema.UNKNOWN_LIKE` ("Unknown", "Unknown / Data Quality", "Unmapped",
    "Inconsistent Mapping"). Columns: table, dimension (labels), month, unknown appointments, appointments, the
    unknown share (of all the table's appointments in the month).
    """
    parts = []
    for table, frame in _counted(tables).items():
        codes, months = pd.factorize(frame[s.MONTH], sort=True)
        counts = frame[s.COUNT].to_numpy(dtype="float64")
        totals = np.bincount(codes, weights=counts, minlength=len(months))
        for column in _dimensions(frame):
            unknown = np.bincount(codes, weights=counts * _unknown_mask(frame[column]), minlength=len(months))
            part = pd.DataFrame({s.MONTH: months, s.UNKNOWN_COUNT: unknown.astype("int64")})
            part[s.COUNT] = totals.astype("int64")
            parts.append(part.assign(**{TABLE: table_label(table), DIMENSION: s.label(column)}))
    if not parts:
        return pd.DataFrame(columns=[TABLE, DIMENSION, s.MONTH, s.UNKNOWN_COUNT, s.COUNT, s.UNKNOWN_VALUE_SHARE])
    out = pd.concat(parts, ignore_index=True)
    out[s.UNKNOWN_VALUE_SHARE] = out[s.UNKNOWN_COUNT] / out[s.COUNT].where(out[s.COUNT] > 0)
    return out[[TABLE, DIMENSION, s.MONTH, s.UNKNOWN_COUNT, s.COUNT, s.UNKNOWN_VALUE_SHARE]]


def tables_in(shares: pd.DataFrame) -> list[str]:
    """The tables (labels) of `unknown_shares`, in the order of the tables loaded."""
    return list(dict.fromkeys(shares[TABLE]))


def unknown_summary(shares: pd.DataFrame) -> pd.DataFrame:
    """Per table and dimension (of `unknown_shares`): the unknown share over every month, in the first and in
    the latest month, largest overall first."""
    columns = [TABLE, DIMENSION, s.UNKNOWN_VALUE_SHARE, s.FIRST_MONTH_SHARE, s.LATEST_MONTH_SHARE]
    if shares.empty:
        return pd.DataFrame(columns=columns)
    grouped = shares.groupby([TABLE, DIMENSION], sort=False)  # rows are in month order within each group
    out = grouped[[s.UNKNOWN_COUNT, s.COUNT]].sum()
    out[s.UNKNOWN_VALUE_SHARE] = out[s.UNKNOWN_COUNT] / out[s.COUNT].where(out[s.COUNT] > 0)
    out[s.FIRST_MONTH_SHARE] = grouped[s.UNKNOWN_VALUE_SHARE].first()
    out[s.LATEST_MONTH_SHARE] = grouped[s.UNKNOWN_VALUE_SHARE].last()
    return out.reset_index()[columns].sort_values(s.UNKNOWN_VALUE_SHARE, ascending=False, ignore_index=True)


def mapping_shares(categories: pd.DataFrame) -> pd.DataFrame:
    """Each month's share of national-category appointments still "Inconsistent Mapping" or "Unmapped".

    Columns: month, national category (the two values), appointments, share of the month's appointments.
    """
    if categories.empty or s.CATEGORY not in categories:
        return pd.DataFrame(columns=[s.MONTH, s.CATEGORY, s.COUNT, s.SHARE])
    totals = categories.groupby(s.MONTH)[s.COUNT].sum()
    by_value = categories.groupby([s.MONTH, s.CATEGORY], observed=False)[s.COUNT].sum().reset_index()
    out = by_value[by_value[s.CATEGORY].isin(MAPPING_VALUES)].copy()
    out[s.CATEGORY] = out[s.CATEGORY].astype(str)
    out[s.SHARE] = out[s.COUNT] / out[s.MONTH].map(totals).where(lambda t: t > 0)
    return out.sort_values([s.MONTH, s.CATEGORY]).reset_index(drop=True)


def coverage(coverage_table: pd.DataFrame) -> pd.DataFrame:
    """England's practices whose appointments are included against those open, and their registered patients,
    by month (columns: month, the four counts, practice share and patient share)."""
    columns = [s.INCLUDED_PRACTICES, s.OPEN_PRACTICES, s.PATIENTS_INCLUDED, s.PATIENTS_OPEN]
    if coverage_table.empty or not set(columns) <= set(coverage_table):
        return pd.DataFrame(columns=[s.MONTH, *columns, s.PRACTICE_SHARE, s.PATIENT_SHARE])
    out = coverage_table.groupby(s.MONTH)[columns].sum().reset_index()
    out[s.PRACTICE_SHARE] = out[s.INCLUDED_PRACTICES] / out[s.OPEN_PRACTICES].where(out[s.OPEN_PRACTICES] > 0)
    out[s.PATIENT_SHARE] = out[s.PATIENTS_INCLUDED] / out[s.PATIENTS_OPEN].where(out[s.PATIENTS_OPEN] > 0)
    return out


def gaps(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per table with months: its span, the months inside it with no rows, and the ICB-months with no rows among
    the ICBs the table has in some month (an area present in some months and missing in others).

    Columns: table, first and last month, months missing (count, and the months in words), areas, area-months
    missing (count, and up to three examples in words).
    """
    rows = []
    for table, frame in tables.items():
        if s.MONTH not in frame or not len(frame):
            continue
        present = pd.DatetimeIndex(frame[s.MONTH].dropna().unique()).sort_values()
        span = pd.date_range(present[0], present[-1], freq="MS")
        missing = span.difference(present)
        row = {TABLE: table_label(table), s.FIRST_MONTH: present[0], s.LAST_MONTH: present[-1]}
        row |= {s.MISSING_MONTHS: len(missing), s.MISSING_MONTHS_TEXT: ", ".join(f"{m:%b %Y}" for m in missing)}
        rows.append(row | _area_gaps(frame, present))
    return pd.DataFrame(rows, columns=[TABLE, s.FIRST_MONTH, s.LAST_MONTH, *_GAP_COLUMNS])


_GAP_COLUMNS = [s.MISSING_MONTHS, s.MISSING_MONTHS_TEXT, s.AREAS, s.MISSING_AREA_MONTHS, s.MISSING_AREAS_TEXT]


def _area_gaps(frame: pd.DataFrame, months: pd.DatetimeIndex) -> dict:
    if s.ICB not in frame:
        return {s.AREAS: 0, s.MISSING_AREA_MONTHS: 0, s.MISSING_AREAS_TEXT: "England only: the table has no areas"}
    seen = frame.groupby([s.ICB, s.MONTH], observed=True).size().index  # once per pair, on category codes
    seen = pd.MultiIndex.from_arrays([seen.get_level_values(0).astype(str), seen.get_level_values(1)])
    icbs = sorted(seen.get_level_values(0).unique())
    holes = pd.MultiIndex.from_product([icbs, months]).difference(seen)
    names = frame.groupby(s.ICB, observed=True)[s.ICB_NAME].first() if s.ICB_NAME in frame else pd.Series()
    examples = [f"{names.get(code, code)} ({month:%b %Y})" for code, month in holes[:3]]
    more = f" and {len(holes) - 3:,} more" if len(holes) > 3 else ""
    return {s.AREAS: len(icbs), s.MISSING_AREA_MONTHS: len(holes), s.MISSING_AREAS_TEXT: "; ".join(examples) + more}
