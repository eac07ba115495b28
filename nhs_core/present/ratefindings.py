"""The findings on appointments per 1,000 registered patients a month by ICB (`population.per_thousand`, the
coverage file's patients of the included practices as denominator): the areas with the most and fewest
appointments, and with the most missed ones. Each says its denominator, since another would give other figures.
"""

from __future__ import annotations

import pandas as pd

from nhs_core import definitions as d
from nhs_core import schema as s
from nhs_core.analysis import population
from nhs_core.present import findings as f

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
