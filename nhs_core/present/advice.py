"""The recommendations that follow from the findings' numbers: one rule per finding topic; weak effects give none.

Each rule reads the facts a `findings.Finding` carries and writes its numbers in their measures' formats
(`nhs_core.definitions`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from nhs_core import definitions as d
from nhs_core import units
from nhs_core.present import headlines as h

if TYPE_CHECKING:
    from nhs_core.present.findings import Finding


@dataclass(frozen=True)
class Recommendation:
    """What to do, and the finding (topic) it follows from."""

    text: str
    because: str


def _advise_capacity(f: dict) -> str | None:
    use = f["peak_utilisation"]
    month_name = f["peak_month_name"]
    if use >= 0.9 and f.get("campaign"):
        return (
            f"The {month_name} peak is the autumn vaccination campaign, delivered mostly by other practice staff: "
            "plan vaccination clinics and nurse and pharmacist sessions for it, not extra GP sessions."
        )
    if use >= 1:
        return (
            f"Demand passed planned capacity in {units.counted(f['months_above'], 'month')}: add sessions "
            f"(locums, extended hours) ahead of {month_name}, the busiest time of year."
        )
    if use >= 0.9:
        return (
            f"At its peak demand used {d.UTILISATION.show(use)} of planned capacity: protect staffing in "
            f"{month_name} (leave and locum cover planned early)."
        )
    return (
        f"Even the busiest month used only {d.UTILISATION.show(use)} of planned capacity: the gain is in access "
        "and attendance rather than more sessions; check the capacity plan against recorded demand."
    )


def _advise_lead_time(f: dict) -> str | None:
    if f["ratio"] < 1.5:
        return None
    return (
        f"Send reminders and offer easy cancellation for appointments booked {f['band'].lower()} ahead: they are "
        f"missed {f['ratio']:.1f} times as often as same-day ones ({d.DNA_RATE.show(f['high'])} against "
        f"{d.DNA_RATE.show(f['low'])})."
    )


def _advise_dna_area(f: dict) -> str | None:
    if f["rate"] < 1.15 * f["overall"]:
        return None
    return (
        f"Start DNA reduction in {f['area']}: {d.DNA_RATE.show(f['rate'])} missed against "
        f"{d.DNA_RATE.show(f['overall'])} overall."
    )


def _advise_mode(f: dict) -> str | None:
    if abs(f["change"]) < 0.05:
        return None
    if f["change"] < 0:
        return (
            f"Keep telephone and online capacity staffed: {f['mode'].lower()} is now {d.SHARE.show(f['late'])} of "
            f"appointments, {abs(f['change']) * 100:.0f} points below the start of the period."
        )
    return (
        f"Plan rooms and clinician time for in-person demand: {f['mode'].lower()} rose to "
        f"{d.SHARE.show(f['late'])} of appointments."
    )


def _advise_weekday(f: dict) -> str | None:
    if f["lift"] < 0.05:
        return None
    return (
        f"Roster more clinicians on {f['weekday']}s ({h.percent(f['lift'])} above the weekday average) and "
        "move routine, bookable work to quieter days."
    )


def _advise_durations(f: dict) -> str | None:
    if f["unknown"] < 0.1:
        return None
    return (
        f"Improve duration recording: {d.SHARE.show(f['unknown'])} of attended appointments have no usable "
        "duration, which limits planning of session lengths."
    )


def _advise_hashtags(f: dict) -> str | None:
    tags = units.joined(f"#{t}" for t in f["tags"])
    return f"Use {tags} in NHS posts to join the conversations that are already most active."


def _advise_practice_outliers(f: dict) -> str | None:
    if not f["count"]:
        return None
    return (
        f"Start DNA follow-up (reminders, easy cancellation) with {', '.join(f['above'])}: their DNA rates are "
        "higher than chance explains for their size. Check their recording first (status left unknown or "
        "mapped locally) before reading it as patient behaviour."
    )


def _advise_role_recording(f: dict) -> str | None:
    if not f["material"]:
        return None
    return (
        f"Set data-entry standards for staff roles and train the staff who set up appointment slots: "
        f'{d.SHARE.show(f["share"])} of appointments have no usable staff role ("Data Quality" or "Unknown"), '
        f"which is material ({d.MATERIAL_UNRECORDED_WORDS}), so the role mix understates who delivers care."
    )


def _advise_lead_recording(f: dict) -> str | None:
    if not f["material"]:
        return None
    return (
        f"Set data-entry standards for booking dates and train reception and booking staff: "
        f"{d.UNKNOWN_LEAD.show(f['share'])} of appointments have an unknown lead time, which is material "
        f"({d.MATERIAL_UNRECORDED_WORDS}), so the access figures describe only the rest."
    )


_ADVICE = {
    "Capacity headroom": _advise_capacity,
    "Lead-time effect": _advise_lead_time,
    "Highest DNA rate": _advise_dna_area,
    "Mode shift": _advise_mode,
    "Busiest weekday": _advise_weekday,
    "Appointment length": _advise_durations,
    "Top hashtags": _advise_hashtags,
    "DNA outliers": _advise_practice_outliers,
    "Staff role not recorded": _advise_role_recording,
    "Lead time not recorded": _advise_lead_recording,
}


def recommendations(found: list[Finding]) -> list[Recommendation]:
    """Recommendations that follow from the numbers in `found` (a rule per topic; weak effects give none)."""
    out = []
    for finding in found:
        rule = _ADVICE.get(finding.topic)
        text = rule(finding.facts) if rule else None
        if text:
            out.append(Recommendation(text, finding.topic))
    return out
