"""The practice-level findings (for the Findings page and the briefing): the practices outside the funnel
plot's 99.8% limits of the DNA rate, and the spread of appointments per 1,000 patients between the busiest and
quietest quarter of practices. Computed with the data-quality exclusions on, as the Practices page opens."""

from __future__ import annotations

import pandas as pd

from nhs_core import definitions as d
from nhs_core import schema as s
from nhs_core import shares
from nhs_core.analysis import funnel
from nhs_core.analysis import practices as pr
from nhs_core.present import findings as f
from nhs_core.present import headlines as h
from nhs_core.present.practicetables import NAME, named

MIN_PRACTICES = 8  # fewer practices give no quartiles and no overdispersion estimate worth stating
LISTED = 3  # practices named in a finding


def practice_findings(crosstab: pd.DataFrame, list_sizes: pd.DataFrame | None) -> list[f.Finding]:
    """The practice-level findings of the selection (none with fewer than `MIN_PRACTICES` practices)."""
    sizes = pr.latest_list_sizes(list_sizes)
    compared = named(pr.compare(crosstab, sizes, limits=pr.Limits() if sizes.codes else None), pr.PRACTICE)
    if len(compared) < MIN_PRACTICES:
        return []
    months = crosstab[s.MONTH]
    first, last = h.month(months.min()), h.month(months.max())
    period = first if first == last else f"{first} to {last}"  # the crosstab's months can differ from others'
    out = [_dna_outliers(compared, period)]
    if sizes.codes:
        out.append(_spread(compared, period))
    return out


def _dna_outliers(compared: pd.DataFrame, period: str) -> f.Finding:
    plot = funnel.funnel(compared, shares.SHARE_BY_NAME["dna"])
    above = plot.points[plot.points["outside"] == "above 99.8%"].sort_values("rate", ascending=False)
    names = [f"{n} ({d.DNA_RATE.show(r)})" for n, r in zip(above[NAME].head(LISTED), above["rate"])]
    if len(above):
        more = f" and {len(above) - LISTED} more" if len(above) > LISTED else ""
        verb = "has" if len(above) == 1 else "have"
        text = (
            f"In {period}, {len(above)} of {len(plot.points)} practices {verb} a DNA rate above the 99.8% limits "
            f"for their size (overall {d.DNA_RATE.show(plot.target)}): {', '.join(names)}{more}."
        )
    else:
        text = (
            f"In {period}, no practice's DNA rate is above the 99.8% limits for its size (overall "
            f"{d.DNA_RATE.show(plot.target)}, {len(plot.points)} practices)."
        )
    facts = {"above": list(above[NAME].head(LISTED)), "count": len(above), "target": plot.target}
    return f.Finding("DNA outliers", text, f"{len(above)}", f.PRACTICES, facts)


def _spread(compared: pd.DataFrame, period: str) -> f.Finding:
    rates = compared[pr.PER_1000].dropna()
    low, high = rates.quantile([0.25, 0.75])
    text = (
        f"In {period}, the busiest quarter of practices deliver at least {d.PER_1000_PATIENTS.show(high)} "
        f"appointments per 1,000 registered patients a month, the quietest quarter at most "
        f"{d.PER_1000_PATIENTS.show(low)}: a {high / low:.1f}-fold spread over {len(rates)} practices, before "
        "any allowance for their patients' needs."
    )
    return f.Finding("Practice spread", text, f"{high / low:.1f}x", f.PRACTICES, {"ratio": float(high / low)})
