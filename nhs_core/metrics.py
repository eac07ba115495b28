"""Aggregations and rates -> small tidy DataFrames.

Definitions (DESIGN.md): DNA rate = DNA / (Attended + DNA), Unknown shown separately; appointments per
day = monthly total / calendar days in the month; "records" are rows, "appointments" are sums of counts.
"""

from __future__ import annotations

import pandas as pd

from nhs_core import schema as s

DEFAULT_CAPACITY = 1_200_000


def monthly_totals(frame: pd.DataFrame) -> pd.DataFrame:
    """Appointments per month: `appointment_month`, `count_of_appointments`, sorted by month."""
    out = frame.groupby(s.MONTH, observed=True, sort=True)[s.COUNT].sum().reset_index()
    return out.astype({s.COUNT: "int64"})


def status_totals(frame: pd.DataFrame) -> pd.DataFrame:
    """Appointments by status (Attended, DNA, Unknown, in that order) with each one's share of all."""
    out = frame.groupby(s.STATUS, observed=False, sort=True)[s.COUNT].sum().reset_index()
    total = out[s.COUNT].sum()
    return out.assign(share=out[s.COUNT] / total if total else 0.0)


def dna_rate(frame: pd.DataFrame) -> float:
    """DNA / (Attended + DNA); NaN when neither is present. Unknown status is excluded by definition."""
    totals = frame.groupby(s.STATUS, observed=True)[s.COUNT].sum()
    attended, dna = totals.get(s.STATUS_ATTENDED, 0), totals.get(s.STATUS_DNA, 0)
    return float(dna / (attended + dna)) if attended + dna else float("nan")


def per_day(monthly: pd.DataFrame, days: str = "calendar") -> pd.DataFrame:
    """Add `appointments_per_day`: the monthly total over calendar days (or over 30 with days="30")."""
    divisor = 30 if days == "30" else monthly[s.MONTH].dt.days_in_month
    return monthly.assign(appointments_per_day=monthly[s.COUNT] / divisor)


def average_per_day(frame: pd.DataFrame) -> float:
    """All appointments over all calendar days of the months present."""
    monthly = monthly_totals(frame)
    days = monthly[s.MONTH].dt.days_in_month.sum()
    return float(monthly[s.COUNT].sum() / days) if days else float("nan")


def utilisation(monthly_per_day: pd.DataFrame, capacity: float = DEFAULT_CAPACITY) -> pd.DataFrame:
    """Add `utilisation`: appointments per day over the planned daily capacity."""
    return monthly_per_day.assign(utilisation=monthly_per_day["appointments_per_day"] / capacity)


def top_locations(frame: pd.DataFrame, by: str = "records", n: int = 5,
                  level: str = s.SUB_ICB_NAME) -> pd.DataFrame:
    """The `n` locations with the most records (rows) or appointments (sum of counts)."""
    grouped = frame.groupby(level, observed=True)
    values = grouped.size() if by == "records" else grouped[s.COUNT].sum()
    out = values.rename(by).reset_index().sort_values([by, level], ascending=[False, True])
    return out.head(n).reset_index(drop=True)


def busiest_month(frame: pd.DataFrame) -> pd.Series:
    """The month with the most appointments per calendar day (a row of `per_day(monthly_totals(...))`)."""
    daily = per_day(monthly_totals(frame))
    return daily.loc[daily["appointments_per_day"].idxmax()]


def table_overview(tables: dict[str, pd.DataFrame]) -> dict[str, dict]:
    """Per table: `rows`, and where they apply `appointments`, `first_month`, `last_month` (YYYY-MM)."""
    out = {}
    for name, frame in tables.items():
        info: dict = {"rows": int(len(frame))}
        if s.COUNT in frame:
            info["appointments"] = int(frame[s.COUNT].sum())
        if s.MONTH in frame and len(frame):
            info["first_month"] = f"{frame[s.MONTH].min():%Y-%m}"
            info["last_month"] = f"{frame[s.MONTH].max():%Y-%m}"
        out[name] = info
    return out


def overview_frame(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """`table_overview` as a display table: table, rows, appointments, period."""
    rows = []
    for name, info in table_overview(tables).items():
        period = (f"{pd.Timestamp(info['first_month']):%b %Y} to {pd.Timestamp(info['last_month']):%b %Y}"
                  if "first_month" in info else "")
        appointments = f"{info['appointments']:,}" if "appointments" in info else "not counted"
        rows.append({"Table": s.TABLE_LABELS[name], "Rows (records)": f"{info['rows']:,}",
                     "Appointments": appointments, "Period": period})
    return pd.DataFrame(rows, columns=["Table", "Rows (records)", "Appointments", "Period"])


def summary(tables: dict[str, pd.DataFrame], top: int = 10) -> dict:
    """Headline figures of every loaded table as plain JSON-ready values (the `summary` command)."""
    from nhs_core.tweets import hashtag_counts

    out: dict = {"tables": table_overview(tables), "monthly_appointments": {}, "status_appointments": {},
                 "dna_rate": None, "appointments_per_day": {}, "top_hashtags": [], "top_locations_by_records": []}
    appointments = tables.get(s.APPOINTMENTS)
    if appointments is not None:
        daily = per_day(monthly_totals(appointments))
        out["monthly_appointments"] = {f"{m:%Y-%m}": int(c) for m, c in zip(daily[s.MONTH], daily[s.COUNT])}
        out["appointments_per_day"] = {
            f"{m:%Y-%m}": round(float(v), 2) for m, v in zip(daily[s.MONTH], daily["appointments_per_day"])
        }
        status = status_totals(appointments)
        out["status_appointments"] = {str(k): int(v) for k, v in zip(status[s.STATUS], status[s.COUNT])}
        rate = dna_rate(appointments)
        out["dna_rate"] = None if rate != rate else rate  # undefined (no Attended or DNA) -> JSON null
    if s.TWEETS in tables:
        tags = hashtag_counts(tables[s.TWEETS]).head(top)
        out["top_hashtags"] = [[t, int(c)] for t, c in zip(tags["hashtag"], tags["count"])]
    if s.CATEGORIES in tables:
        locations = top_locations(tables[s.CATEGORIES], by="records", n=5)
        out["top_locations_by_records"] = [[str(n), int(r)] for n, r in zip(locations[s.SUB_ICB_NAME],
                                                                            locations["records"])]
    return out
