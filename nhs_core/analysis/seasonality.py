"""Capacity and seasonality: appointments per working day (or the basis chosen) against planned capacity, by
month, weekday (England bank holidays apart), season and month of the year.

Per day, utilisation, seasons and weekday figures are defined in `nhs_core.definitions` (PER_DAY,
UTILISATION, SEASONS, WEEKDAYS); seasons go by calendar month, so a winter spans two years. Weekday figures
need a table of dates (the daily, national categories or durations table).
"""

from __future__ import annotations

import pandas as pd

from nhs_core import definitions as d
from nhs_core import schema as s
from nhs_core.analysis.metrics import DEFAULT_CAPACITY, DEFAULT_DAYS, month_days, monthly_totals, per_day
from nhs_core.workdays import is_bank_holiday


def capacity_by_month(
    frame: pd.DataFrame, capacity: float = DEFAULT_CAPACITY, days: str = DEFAULT_DAYS
) -> pd.DataFrame:
    """Appointments per day by month against the planned daily capacity.

    Parameters
    ----------
    frame : DataFrame
        An appointments table with `appointment_month` and `count_of_appointments`.
    capacity : float or None
        Planned appointments a working day (1,200,000 nationally by default); None for an area without one
        (utilisation is then not defined and no month is above capacity).
    days : str
        The per-day basis: "working" (default: weekdays that are not England bank holidays), "calendar" or "30".

    Returns
    -------
    DataFrame
        `appointment_month`, `count_of_appointments`, `days` (the days the month counts on the basis),
        `appointments_per_day`, `utilisation` and `above_capacity` (per day > capacity), one row per month.
    """
    out = per_day(monthly_totals(frame), days)
    out.insert(2, s.DAYS, month_days(out[s.MONTH], days).astype("int64"))
    out[s.UTILISATION] = d.UTILISATION.formula(out[s.PER_DAY], capacity) if capacity else float("nan")
    out[s.ABOVE_CAPACITY] = out[s.PER_DAY] > capacity if capacity else False
    return out


CAMPAIGN_MONTHS = (9, 10, 11)  # the autumn flu and Covid-19 vaccination campaign
OTHER_STAFF = s.VOCABULARIES[s.HCP][1]  # "Other Practice staff": nurses, pharmacists and others who vaccinate


def campaign_peak(frame: pd.DataFrame, month: pd.Timestamp, lift: float = 0.02) -> dict | None:
    """Whether a peak `month` looks like the autumn vaccination campaign: it falls in September to November and
    other practice staff delivered a larger share of its appointments (by `lift` or more) than of the other
    months'. Returns their two shares (`peak_share`, `rest_share`), or None when it does not (or the table has
    no HCP type)."""
    if month.month not in CAMPAIGN_MONTHS or s.HCP not in frame or frame[s.HCP].isna().all():
        return None
    in_peak = frame[s.MONTH] == month
    shares = [
        d.SHARE.formula(part.loc[part[s.HCP] == OTHER_STAFF, s.COUNT].sum(), part[s.COUNT].sum())
        for part in (frame[in_peak], frame[~in_peak])
    ]
    if not (shares[0] - shares[1] >= lift):  # also False for NaN (no other months)
        return None
    return {"peak_share": float(shares[0]), "rest_share": float(shares[1])}


def peak_and_trough(by_month: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """The rows of `capacity_by_month` with the highest and the lowest appointments per day."""
    return by_month.loc[by_month[s.PER_DAY].idxmax()], by_month.loc[by_month[s.PER_DAY].idxmin()]


def drop_period(monthly: pd.DataFrame, start: str = s.COVID_START, end: str = s.COVID_END) -> pd.DataFrame:
    """Months outside [start, end] (by default, leave out the Covid-19 period)."""
    keep = (monthly[s.MONTH] < pd.Timestamp(start)) | (monthly[s.MONTH] > pd.Timestamp(end))
    return monthly[keep].reset_index(drop=True)


def _profile(
    by_month: pd.DataFrame, key: pd.Series, name: str, order: tuple[str, ...], capacity: float
) -> pd.DataFrame:
    grouped = by_month.assign(**{name: key}).groupby(name, observed=False)
    out = grouped[[s.COUNT, s.DAYS]].sum().assign(**{s.MONTHS_COUNT: grouped.size()}).reset_index()
    out[s.PER_DAY] = d.PER_DAY.formula(out[s.COUNT], out[s.DAYS])
    out[s.UTILISATION] = d.UTILISATION.formula(out[s.PER_DAY], capacity) if capacity else float("nan")
    out[name] = pd.Categorical(out[name], categories=list(order), ordered=True)
    return out[out[s.MONTHS_COUNT] > 0].sort_values(name, ignore_index=True)


def season_profile(by_month: pd.DataFrame, capacity: float = DEFAULT_CAPACITY) -> pd.DataFrame:
    """Appointments per day by season (all days of all its months), utilisation and months included;
    seasons without months are left out.

    `by_month` is a `capacity_by_month` result (use `drop_period` first to leave out Covid).
    """
    key = by_month[s.MONTH].dt.month.map(d.SEASONS.formula)
    return _profile(by_month, key, s.SEASON, s.SEASONS, capacity)


def month_of_year(by_month: pd.DataFrame, capacity: float = DEFAULT_CAPACITY) -> pd.DataFrame:
    """Appointments per day by calendar month (Jan to Dec) over every year present; `months` = years."""
    key = by_month[s.MONTH].dt.month.map(lambda m: s.MONTH_NAMES[m - 1])
    return _profile(by_month, key, s.MONTH_OF_YEAR, s.MONTH_NAMES, capacity)


def _by_date(frame: pd.DataFrame) -> pd.DataFrame:
    """Appointments per calendar date from the first to the last date present (absent dates count 0)."""
    daily = frame.groupby(s.DATE)[s.COUNT].sum()
    if daily.empty:
        return pd.DataFrame({s.DATE: pd.Series(dtype="datetime64[ns]"), s.COUNT: pd.Series(dtype="int64")})
    days = pd.date_range(daily.index.min(), daily.index.max(), freq="D")
    return daily.reindex(days, fill_value=0).rename_axis(s.DATE).reset_index()


def _weekday_names(dates: pd.Series) -> pd.Series:
    """Each date's weekday name, or "Bank holiday" for an England bank holiday (a group of its own)."""
    names = dates.dt.day_of_week.map(lambda day: s.WEEKDAYS[day])
    return names.where(~is_bank_holiday(dates), s.BANK_HOLIDAY)


def weekday_profile(frame: pd.DataFrame) -> pd.DataFrame:
    """Average appointments on each weekday (Monday first), England bank holidays apart, from a table with
    `appointment_date`.

    Every calendar date between the first and last date counts, so a quiet day with no rows counts
    as zero; a bank holiday counts in the "Bank holiday" group, not as its weekday (which would drag Mondays
    down). Returns `weekday`, `count_of_appointments`, `days`, `appointments_per_day` and `share` (of the
    seven weekdays' averages added up; the bank-holiday row's share is of the same sum).
    """
    daily = _by_date(frame)
    grouped = daily.assign(**{s.WEEKDAY: _weekday_names(daily[s.DATE])}).groupby(s.WEEKDAY)
    out = pd.DataFrame({s.COUNT: grouped[s.COUNT].sum(), s.DAYS: grouped.size()}).reindex(list(s.WEEKDAY_GROUPS))
    out = out.fillna(0).astype("int64").rename_axis(s.WEEKDAY).reset_index()
    out[s.PER_DAY] = d.WEEKDAYS.formula(out[s.COUNT], out[s.DAYS])
    week = out[s.PER_DAY].iloc[: len(s.WEEKDAYS)].sum()
    out[s.SHARE] = d.SHARE.formula(out[s.PER_DAY], week)
    out[s.WEEKDAY] = pd.Categorical(out[s.WEEKDAY], categories=list(s.WEEKDAY_GROUPS), ordered=True)
    return out[(out[s.DAYS] > 0) | (out[s.WEEKDAY] != s.BANK_HOLIDAY)].reset_index(drop=True)


def month_weekday(frame: pd.DataFrame) -> pd.DataFrame:
    """Average appointments per weekday within each month, England bank holidays as a row of their own:
    `appointment_month`, `weekday`, `days`, `count_of_appointments`, `appointments_per_day` (the heatmap
    behind the capacity page)."""
    daily = _by_date(frame)
    daily[s.MONTH] = daily[s.DATE].dt.to_period("M").dt.to_timestamp()
    daily[s.WEEKDAY] = pd.Categorical(_weekday_names(daily[s.DATE]), categories=list(s.WEEKDAY_GROUPS), ordered=True)
    grouped = daily.groupby([s.MONTH, s.WEEKDAY], observed=True)[s.COUNT]
    out = grouped.agg(["sum", "size"]).rename(columns={"sum": s.COUNT, "size": s.DAYS}).reset_index()
    out[s.PER_DAY] = d.WEEKDAYS.formula(out[s.COUNT], out[s.DAYS])
    return out


def daily_source(tables: dict[str, pd.DataFrame]) -> str | None:
    """The table to read weekdays from: the official daily table, else national categories (all
    appointments), else durations (attended only); None when no table has dates."""
    for name in (s.DAILY, s.CATEGORIES, s.DURATIONS):
        if name in tables and len(tables[name]):
            return name
    return None
