"""What is said of appointments against a population: chart titles per 1,000 registered patients a month
(`population.per_thousand`, the coverage file's patients of the included practices as denominator) and the PCNs'
share of all appointments; and the findings per 1,000 patients by ICB: the areas with the most and fewest
appointments, and with the most missed ones. Each finding says its denominator, since another gives other figures.
"""

from __future__ import annotations

import pandas as pd

from nhs_core import definitions as d
from nhs_core import schema as s
from nhs_core.analysis import population
from nhs_core.present import findings as f
from nhs_core.present.headlines import month

DENOMINATOR = (
    "Denominator: the patients registered at the practices included each month (coverage file); another, such as "
    "every registered patient, gives other figures."
)


def _overall(rates: pd.DataFrame) -> float:
    return d.PER_THOUSAND.formula(rates[s.COUNT].sum(), rates[s.PATIENTS_INCLUDED].sum())


def rate_findings(a: pd.DataFrame, coverage: pd.DataFrame) -> list[f.Finding]:
    """The per-1,000 findings of the appointments `a` by ICB; none when fewer than two ICBs match the coverage."""
    rates = population.per_thousand(a, coverage, level=s.ICB)
    if len(rates) < 2:
        return []
    show = d.PER_THOUSAND.show
    ranked = rates.sort_values(s.PER_THOUSAND, ascending=False)
    top, bottom = ranked.iloc[0], ranked.iloc[-1]
    most = f.Finding(
        "Appointments per 1,000 patients",
        f"{top[s.AREA]} had the most appointments a month per 1,000 registered patients ({show(top[s.PER_THOUSAND])}) "
        f"and {bottom[s.AREA]} the fewest ({show(bottom[s.PER_THOUSAND])}), against {show(_overall(rates))} over "
        f"the {len(rates)} ICBs compared. {DENOMINATOR}",
        show(top[s.PER_THOUSAND]),
        f.ENGAGEMENT,
        {"top": top[s.AREA], "bottom": bottom[s.AREA], "spread": top[s.PER_THOUSAND] / bottom[s.PER_THOUSAND]},
    )
    by_status = population.per_thousand(a, coverage, level=s.ICB, by=(s.STATUS,))
    dna = by_status[by_status[s.STATUS] == "DNA"]
    if dna.empty:
        return [most]
    worst = dna.loc[dna[s.PER_THOUSAND].idxmax()]
    missed = f.Finding(
        "Missed appointments per 1,000 patients",
        f"{worst[s.AREA]} had the most missed (DNA) appointments a month per 1,000 registered patients: "
        f"{show(worst[s.PER_THOUSAND])}, against {show(_overall(dna))} over the ICBs compared. Unlike the DNA "
        f"rate, it counts the appointments lost per head of population. {DENOMINATOR}",
        show(worst[s.PER_THOUSAND]),
        f.ATTENDANCE,
        {"area": worst[s.AREA]},
    )
    return [most, missed]


def most_per_thousand(rates: pd.DataFrame, what: str) -> str:
    """`population.per_thousand` result (any `by` columns added up per area): the area with the most `what`
    ("appointments", "missed appointments") per 1,000 registered patients a month, against the areas shown."""
    by_area = rates.groupby(s.AREA, observed=True).agg({s.COUNT: "sum", s.PATIENTS_INCLUDED: "first"})
    by_area[s.PER_THOUSAND] = d.PER_THOUSAND.formula(by_area[s.COUNT], by_area[s.PATIENTS_INCLUDED])
    if by_area[s.PER_THOUSAND].dropna().empty:
        return f"{what.capitalize()} per 1,000 registered patients a month"
    row = by_area.reset_index().loc[lambda f: f[s.PER_THOUSAND].idxmax()]
    overall = d.PER_THOUSAND.formula(by_area[s.COUNT].sum(), by_area[s.PATIENTS_INCLUDED].sum())
    return (
        f"{row[s.AREA]} has the most {what} per 1,000 registered patients a month: "
        f"{d.PER_THOUSAND.show(row[s.PER_THOUSAND])}, against {d.PER_THOUSAND.show(overall)} over the areas shown"
    )


def pcn_share(by_month: pd.DataFrame, overall: float) -> str:
    """`pcn.pcn_against_practices` result: the PCNs' share over its months, and in its latest month."""
    last = by_month.iloc[-1]
    first = by_month[s.MONTH].min()
    period = month(first) if first == last[s.MONTH] else f"{month(first)} to {month(last[s.MONTH])}"
    return (
        f"PCNs delivered {d.PCN_SHARE.show(overall)} of all appointments over {period}, "
        f"{d.PCN_SHARE.show(last[s.PCN_SHARE])} in {month(last[s.MONTH])}"
    )
