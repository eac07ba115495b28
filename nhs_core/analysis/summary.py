"""The `summary` command's headline figures of every loaded table, as plain JSON-ready values.

Per-day figures come on two bases: `appointments_per_day` per calendar day (as before), and the working-day keys
on NHS England's basis (weekdays that are not England bank holidays), which the planned 1.2 million is.
"""

from __future__ import annotations

import pandas as pd

from nhs_core import schema as s
from nhs_core.analysis import practices
from nhs_core.analysis.metrics import (
    DEFAULT_CAPACITY,
    dna_rate,
    month_days,
    monthly_totals,
    per_day,
    status_totals,
    table_overview,
    top_locations,
)
from nhs_core.units import CALENDAR_DAY, WORKING_DAY


def _per_month(values: pd.Series, monthly: pd.DataFrame, digits: int = 2) -> dict:
    return {f"{m:%Y-%m}": round(float(v), digits) for m, v in zip(monthly[s.MONTH], values)}


def _working_day_summary(monthly: pd.DataFrame, capacity: float) -> dict:
    """The summary's working-day keys: working days and appointments per working day by month, the months above
    `capacity` a working day and the busiest month per working day ("YYYY-MM")."""
    working = per_day(monthly, WORKING_DAY.key)
    counts = month_days(monthly[s.MONTH], WORKING_DAY.key)
    busiest = working.loc[working[s.PER_DAY].idxmax(), s.MONTH] if len(working) else None
    return {
        "working_days": {f"{m:%Y-%m}": int(n) for m, n in zip(monthly[s.MONTH], counts)},
        "appointments_per_working_day": _per_month(working[s.PER_DAY], monthly),
        "months_above_capacity_per_working_day": int((working[s.PER_DAY] > capacity).sum()),
        "busiest_month_per_working_day": None if busiest is None else f"{busiest:%Y-%m}",
    }


def practice_summary(tables: dict[str, pd.DataFrame]) -> dict:
    """The summary's practice-level figures: the five practices with the most appointments and with the most
    records (rows), each as [code, name, value], and the registered patients of the latest list-size extract."""
    crosstab = tables.get(s.PRACTICE_CROSSTAB)
    sizes = practices.latest_list_sizes(tables.get(s.LIST_SIZES))
    return {
        "top_practices_by_appointments": [] if crosstab is None else practices.top(crosstab, "appointments"),
        "top_practices_by_records": [] if crosstab is None else practices.top(crosstab, "records"),
        "registered_patients": sizes.total if sizes.codes else None,
    }


def summary(tables: dict[str, pd.DataFrame], top: int = 10, capacity: float = DEFAULT_CAPACITY) -> dict:
    """Headline figures of every loaded table as plain JSON-ready values (the `summary` command).

    `appointments_per_day` is per calendar day; the `*_per_working_day` keys are on NHS England's basis, with
    months above capacity counted at `capacity` a working day."""
    from nhs_core.analysis.access import same_day_share
    from nhs_core.analysis.tweets import hashtag_counts
    from nhs_core.analysis.workforce import role_appointments

    out: dict = {
        "tables": table_overview(tables),
        "monthly_appointments": {},
        "status_appointments": {},
        "dna_rate": None,
        "appointments_per_day": {},
        "working_days": {},
        "appointments_per_working_day": {},
        "months_above_capacity_per_working_day": None,
        "busiest_month_per_working_day": None,
        "top_hashtags": [],
        "top_locations_by_records": [],
        **practice_summary(tables),
        "sds_role_appointments": {},
        "same_day_share": None,
    }
    appointments = tables.get(s.APPOINTMENTS)
    if appointments is not None:
        monthly = monthly_totals(appointments)
        out["monthly_appointments"] = {f"{m:%Y-%m}": int(c) for m, c in zip(monthly[s.MONTH], monthly[s.COUNT])}
        out["appointments_per_day"] = _per_month(per_day(monthly, CALENDAR_DAY.key)[s.PER_DAY], monthly)
        out.update(_working_day_summary(monthly, capacity))
        status = status_totals(appointments)
        out["status_appointments"] = {str(k): int(v) for k, v in zip(status[s.STATUS], status[s.COUNT])}
        rate = dna_rate(appointments)
        out["dna_rate"] = None if rate != rate else rate  # undefined (no Attended or DNA) -> JSON null
        out["same_day_share"] = same_day_share(appointments)  # of appointments with a known lead time
    if s.SDS_ROLES in tables:
        out["sds_role_appointments"] = role_appointments(tables[s.SDS_ROLES])
    if s.TWEETS in tables:
        tags = hashtag_counts(tables[s.TWEETS]).head(top)
        out["top_hashtags"] = [[t, int(c)] for t, c in zip(tags["hashtag"], tags["count"])]
    if s.CATEGORIES in tables:
        locations = top_locations(tables[s.CATEGORIES], by="records", n=5)
        out["top_locations_by_records"] = [
            [str(n), int(r)] for n, r in zip(locations[s.SUB_ICB_NAME], locations["records"])
        ]
    return out
