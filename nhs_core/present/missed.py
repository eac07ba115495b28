"""What the missed-clinician-time section shows: its KPIs, the chart's headline and the caveat saying what the
estimate covers (`definitions.MISSED_TIME`; the figures from `analysis.missed.missed_time`)."""

from __future__ import annotations

from nhs_core import definitions as d
from nhs_core import schema as s
from nhs_core.analysis.missed import MissedTime
from nhs_core.present import headlines as h


def kpis(result: MissedTime) -> list[dict]:
    """KPI items (st.metric arguments): the hours, the DNAs counted, the mean duration they were booked for."""
    share = result.dna_counted / result.dna_total if result.dna_total else float("nan")
    return [
        {"label": d.MISSED_TIME.label, "value": d.MISSED_TIME.show(result.hours), "help": d.MISSED_TIME.help},
        {
            "label": "DNA appointments counted",
            "value": d.APPOINTMENTS.show(result.dna_counted),
            "help": f"{d.SHARE.show(share)} of the {d.APPOINTMENTS.show(result.dna_total)} DNA appointments "
            "selected: those in ICBs and months that also have durations.",
        },
        {
            "label": f"{d.MEAN_DURATION.label} used",
            "value": d.MEAN_DURATION.show(result.mean_minutes),
            "help": "Of attended appointments in the same ICBs and months, weighted by their DNAs. "
            + d.MEAN_DURATION.help,
        },
    ]


def matched_words(result: MissedTime) -> str:
    """Which months and ICBs the estimate covers: "7 of 30 months matched (the durations table has 7) ..."."""
    months = (
        f"{result.months_matched} of {result.months_appointments} months with appointments matched "
        f"(the durations table has {result.months_durations})"
    )
    areas = (
        f"{result.areas_matched} of {result.areas_appointments} ICBs (the durations table has {result.areas_durations})"
    )
    if result.complete:
        return f"All {result.months_matched} months and {result.areas_matched} ICBs of both tables matched."
    return f"Only the ICBs and months in both tables count: {months}; {areas}."


def caveat(result: MissedTime) -> str:
    """The section's caveat: it is an estimate, its two limits, and what matched."""
    return (
        f"An estimate, not a measured figure: durations are recorded for attended appointments only, so each "
        f"DNA is taken to have been booked for as long as an attended appointment in its ICB and month; "
        f"duration recording differs by GP system supplier. {matched_words(result)}"
    )


def headline(result: MissedTime) -> str:
    """The by-month chart's title: the total and the month with most hours."""
    frame = result.by_month
    if frame.empty:
        return d.MISSED_TIME.label
    top = frame.loc[frame[s.MISSED_HOURS].idxmax()]
    return (
        f"About {d.MISSED_TIME.show(result.hours)} of clinician time were booked for missed appointments; "
        f"most in {h.month(top[s.MONTH])} ({d.MISSED_TIME.show(top[s.MISSED_HOURS])})"
    )
