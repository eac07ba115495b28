"""Aggregations and rates -> small tidy DataFrames.

The formulas (DNA rate, shares, appointments per day, utilisation, change on a year earlier) and the days a
month counts come from `nhs_core.definitions`; this module only sums the counts they are applied to.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from nhs_core import definitions as d
from nhs_core import schema as s
from nhs_core.tables import table_label
from nhs_core.units import DAY_BASES, DEFAULT_DAY_BASIS

DEFAULT_CAPACITY = d.DEFAULT_CAPACITY
DEFAULT_DAYS = DEFAULT_DAY_BASIS  # per working day, as NHS England reports
_STATUS_COLUMNS = {
    s.STATUS_ATTENDED: s.ATTENDED_COUNT,
    s.STATUS_DNA: s.DNA_COUNT,
    s.STATUS_UNKNOWN: s.UNKNOWN_STATUS_COUNT,
}


def monthly_totals(frame: pd.DataFrame) -> pd.DataFrame:
    """Appointments per month: `appointment_month`, `count_of_appointments`, sorted by month."""
    out = frame.groupby(s.MONTH, observed=True, sort=True)[s.COUNT].sum().reset_index()
    return out.astype({s.COUNT: "int64"})


def status_totals(frame: pd.DataFrame) -> pd.DataFrame:
    """Appointments by status (Attended, DNA, Unknown, in that order) with each one's share of all."""
    out = frame.groupby(s.STATUS, observed=False, sort=True)[s.COUNT].sum().reset_index()
    total = out[s.COUNT].sum()
    return out.assign(share=d.STATUS_SHARE.formula(out[s.COUNT], total) if total else 0.0)


def _status_counts(totals) -> tuple:
    """(attended, DNA, unknown) from counts indexed by status: the arguments of `definitions.dna_rate`."""
    return tuple(totals.get(status, 0) for status in _STATUS_COLUMNS)


def dna_rate(frame: pd.DataFrame) -> float:
    """The DNA rate of `frame` (`definitions.DNA_RATE`); NaN when it is undefined (no appointment counts)."""
    totals = frame.groupby(s.STATUS, observed=True)[s.COUNT].sum()
    return float(d.DNA_RATE.formula(*_status_counts(totals)))


def month_days(months: pd.Series, basis: str = DEFAULT_DAYS) -> pd.Series:
    """The days each month (month-start dates) counts on a per-day basis (`units.DAY_BASES`; by default working
    days: weekdays that are not England bank holidays)."""
    return DAY_BASES.get(basis, DAY_BASES[DEFAULT_DAYS]).days(months)


def per_day(monthly: pd.DataFrame, days: str = DEFAULT_DAYS) -> pd.DataFrame:
    """Add `appointments_per_day` (`definitions.per_day_of(days)`): each monthly total over the days its month
    counts on the basis `days` ("working" by default, "calendar" or "30")."""
    divisor = month_days(monthly[s.MONTH], days)
    return monthly.assign(**{s.PER_DAY: d.per_day_of(days).formula(monthly[s.COUNT], divisor)})


def average_per_day(frame: pd.DataFrame, days: str = DEFAULT_DAYS) -> float:
    """All appointments over all the days (on the per-day basis `days`) of the months present."""
    monthly = monthly_totals(frame)
    return float(d.per_day_of(days).formula(monthly[s.COUNT].sum(), month_days(monthly[s.MONTH], days).sum()))


def utilisation(monthly_per_day: pd.DataFrame, capacity: float = DEFAULT_CAPACITY) -> pd.DataFrame:
    """Add `utilisation` (`definitions.UTILISATION`): appointments per day over the planned daily capacity."""
    return monthly_per_day.assign(**{s.UTILISATION: d.UTILISATION.formula(monthly_per_day[s.PER_DAY], capacity)})


def rows_of(frame: pd.DataFrame, groups: list[str] | str | None = None):
    """The records (rows of the facts) of `frame`, or of each group: a summary's rows each stand for their
    ``records`` column's number of rows (``tables.Summary``), a plain table's for one."""
    if groups is None:
        return int(frame[s.RECORDS].sum()) if s.RECORDS in frame else len(frame)
    grouped = frame.groupby(groups, observed=True)
    return grouped[s.RECORDS].sum() if s.RECORDS in frame else grouped.size()


def top_locations(frame: pd.DataFrame, by: str = "records", n: int = 5, level: str = s.SUB_ICB_NAME) -> pd.DataFrame:
    """The `n` locations with the most records (rows) or appointments (sum of counts)."""
    grouped = frame.groupby(level, observed=True)
    values = rows_of(frame, level) if by == "records" else grouped[s.COUNT].sum()
    out = values.rename(by).reset_index().sort_values([by, level], ascending=[False, True])
    return out.head(n).reset_index(drop=True)


def busiest_month(frame: pd.DataFrame, days: str = DEFAULT_DAYS) -> pd.Series:
    """The month with the most appointments per day on basis `days` (a row of `per_day(monthly_totals(...))`)."""
    daily = per_day(monthly_totals(frame), days)
    return daily.loc[daily[s.PER_DAY].idxmax()]


def days_covered(months: pd.Series, days: str = DEFAULT_DAYS) -> int:
    """The days (on the per-day basis `days`) of the distinct months in `months` (month-start dates)."""
    return int(month_days(pd.Series(months.dropna().unique()), days).sum())


def year_on_year(monthly: pd.DataFrame, days: str = DEFAULT_DAYS, since: pd.Timestamp | None = None) -> pd.DataFrame:
    """Each month against the same month a year earlier on the same per-day basis (months without one are left
    out), so a month with fewer working days is not read as a fall.

    Parameters
    ----------
    monthly : DataFrame
        `appointment_month`, `count_of_appointments` (from `monthly_totals`), from months that may reach a year
        before the selected period.
    days : str
        The per-day basis ("working", "calendar" or "30").
    since : Timestamp, optional
        The first month to show (the start of the selected period); earlier months serve only as the year before.

    Returns
    -------
    DataFrame
        `appointment_month`, `count_of_appointments`, `appointments_per_day`, `year_earlier` (appointments per
        day a year earlier), `change` (per day), `pct_change` (a fraction).
    """
    current = per_day(monthly[[s.MONTH, s.COUNT]], days)
    earlier = current[[s.MONTH, s.PER_DAY]].assign(**{s.MONTH: current[s.MONTH] + pd.DateOffset(years=1)})
    out = current.merge(earlier.rename(columns={s.PER_DAY: s.YEAR_EARLIER}), on=s.MONTH)
    out[s.CHANGE] = out[s.PER_DAY] - out[s.YEAR_EARLIER]
    out[s.PCT_CHANGE] = d.YEAR_ON_YEAR.formula(out[s.PER_DAY], out[s.YEAR_EARLIER])
    out = out if since is None else out[out[s.MONTH] >= since]
    return out.sort_values(s.MONTH, ignore_index=True)


def latest_change(monthly: pd.DataFrame, column: str = s.COUNT) -> dict:
    """The latest month's `column`, the same month a year earlier (or None) and the difference.

    Returns a dict with keys `month`, `value`, `year_earlier`, `change` (None when there is no
    year-earlier month) and `pct_change` (change / year_earlier, or None).
    """
    if monthly.empty:
        return {"month": None, "value": None, "year_earlier": None, "change": None, "pct_change": None}
    ordered = monthly.sort_values(s.MONTH)
    last = ordered.iloc[-1]
    before = ordered[ordered[s.MONTH] == last[s.MONTH] - pd.DateOffset(years=1)]
    previous = float(before[column].iloc[0]) if len(before) else None
    change = float(last[column]) - previous if previous is not None else None
    pct = d.YEAR_ON_YEAR.formula(float(last[column]), previous) if change is not None and previous else None
    return {
        "month": last[s.MONTH],
        "value": float(last[column]),
        "year_earlier": previous,
        "change": change,
        "pct_change": pct,
    }


def by_area(frame: pd.DataFrame, level: str = s.ICB, days: str = DEFAULT_DAYS) -> pd.DataFrame:
    """Appointments per area at `level` (a code column), most first, named from the table's name column.

    Returns `area_code`, `area`, `count_of_appointments`, `records`, `appointments_per_day` (total over the
    days of the months covered) and `share` of the total shown.
    """
    name = s.GEOGRAPHY_NAMES[level]
    grouped = frame.groupby([level, name], observed=True)
    out = grouped[s.COUNT].sum().to_frame().assign(**{s.RECORDS: rows_of(frame, [level, name])}).reset_index()
    out = out.rename(columns={level: s.AREA_CODE, name: s.AREA}).astype({s.AREA_CODE: str, s.AREA: str})
    covered = days_covered(frame[s.MONTH], days) if s.MONTH in frame else 0
    total = out[s.COUNT].sum()
    out[s.PER_DAY] = d.per_day_of(days).formula(out[s.COUNT], covered) if covered else np.nan
    out[s.SHARE] = d.SHARE.formula(out[s.COUNT], total) if total else 0.0
    return out.sort_values([s.COUNT, s.AREA], ascending=[False, True], ignore_index=True)


def status_over_time(frame: pd.DataFrame) -> pd.DataFrame:
    """Appointments by month and status with each status's `share` of its month (statuses in order)."""
    out = frame.groupby([s.MONTH, s.STATUS], observed=True)[s.COUNT].sum().reset_index()
    month_total = out.groupby(s.MONTH)[s.COUNT].transform("sum")
    shares = d.STATUS_SHARE.formula(out[s.COUNT], month_total)
    return out.assign(**{s.SHARE: shares}).sort_values([s.MONTH, s.STATUS], ignore_index=True)


def dna_rate_by(frame: pd.DataFrame, dims: str | list[str]) -> pd.DataFrame:
    """Attended, DNA and unknown-status appointments and the DNA rate for each value of `dims`.

    Parameters
    ----------
    frame : DataFrame
        An appointments table (monthly or daily) with `appointment_status` and `count_of_appointments`.
    dims : str or list of str
        The column(s) to break down by, e.g. the lead time, the mode, a month or an area name.

    Returns
    -------
    DataFrame
        `dims`, `attended`, `dna_appointments`, `unknown_status`, `dna_rate` (`definitions.DNA_RATE`, NaN where
        it is undefined), in vocabulary order.
    """
    dims = [dims] if isinstance(dims, str) else list(dims)
    wide = frame.pivot_table(index=dims, columns=s.STATUS, values=s.COUNT, aggfunc="sum", observed=True)
    wide = wide.reindex(columns=list(_STATUS_COLUMNS), fill_value=0).fillna(0).astype("int64")
    wide.columns = list(_STATUS_COLUMNS.values())
    rate = d.DNA_RATE.formula(*(wide[column] for column in _STATUS_COLUMNS.values()))
    out = wide.assign(**{s.DNA_RATE: rate}).reset_index()
    return out.sort_values(dims, ignore_index=True)


def lost_appointments(frame: pd.DataFrame, dims: tuple[str, ...] = (s.MODE, s.LEAD), n: int = 10) -> pd.DataFrame:
    """The `n` combinations of `dims` with the most DNA (missed) appointments, most first.

    Adds `share` = the combination's share of all DNA appointments in `frame`, and its DNA rate.
    """
    out = dna_rate_by(frame, list(dims))
    total = out[s.DNA_COUNT].sum()
    out = out.assign(**{s.SHARE: d.SHARE.formula(out[s.DNA_COUNT], total) if total else 0.0})
    out = out.sort_values([s.DNA_COUNT, *dims], ascending=[False] + [True] * len(dims), ignore_index=True)
    return out.head(n)


def table_overview(tables: dict[str, pd.DataFrame]) -> dict[str, dict]:
    """Per table: `rows`, and where they apply `appointments`, `first_month`, `last_month` (YYYY-MM)."""
    out = {}
    for name, frame in tables.items():
        info: dict = {"rows": rows_of(frame)}
        if s.COUNT in frame:
            info["appointments"] = int(frame[s.COUNT].sum())
        if s.MONTH in frame and len(frame):
            info["first_month"] = f"{frame[s.MONTH].min():%Y-%m}"
            info["last_month"] = f"{frame[s.MONTH].max():%Y-%m}"
        if s.GP_CODE in frame:
            info["practices"] = int(frame[s.GP_CODE].nunique())
        out[name] = info
    return out


def overview_frame(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """`table_overview` as a display table: table, rows, appointments, period."""
    rows = []
    for name, info in table_overview(tables).items():
        period = (
            f"{pd.Timestamp(info['first_month']):%b %Y} to {pd.Timestamp(info['last_month']):%b %Y}"
            if "first_month" in info
            else ""
        )
        appointments = f"{info['appointments']:,}" if "appointments" in info else "not counted"
        rows.append(
            {
                "Table": table_label(name),
                "Rows in the files": f"{info['rows']:,}",
                "Appointments": appointments,
                "Period": period,
            }
        )
    return pd.DataFrame(rows, columns=["Table", "Rows in the files", "Appointments", "Period"])


def table_with_level(tables: dict[str, pd.DataFrame], level: str) -> str | None:
    """The first table that has rows at geography `level` (a code column): appointments, then the daily,
    national categories and durations tables; None when none has."""
    for name in (s.APPOINTMENTS, s.DAILY, s.CATEGORIES, s.DURATIONS):
        frame = tables.get(name)
        if frame is not None and level in frame and frame[level].notna().any():
            return name
    return None
