"""The findings on who delivers care and how soon: the staff role group that grew fastest, the PCNs' share of
all appointments, the same-day share against a year earlier, the clinician hours booked for DNAs (an estimate),
and how much of the staff role and lead time is not usably recorded (material at `definitions.MATERIAL_UNRECORDED`).

Each is left out when its table is absent; the role growth says so when too few months are loaded. A finding
drawn from a real and a synthetic table together is left out by `findings.findings` (it would measure nothing).
"""

from __future__ import annotations

import pandas as pd

from nhs_core import definitions as d
from nhs_core import schema as s
from nhs_core import units
from nhs_core.analysis import pcn, workforce
from nhs_core.analysis.access import access_measures
from nhs_core.analysis.missed import missed_time
from nhs_core.present import access, missed, rates
from nhs_core.present import findings as f
from nhs_core.present import headlines as h
from nhs_core.present import workforce as wf

ROLE_GROWTH_MONTHS = 12  # fewer months than a year of roles cannot tell growth from the seasons' mix


def material_words(share: float) -> str:
    """Whether a share of appointments not usably recorded is material, saying what material means."""
    if share >= d.MATERIAL_UNRECORDED:
        return f"that is material (material here means {d.MATERIAL_UNRECORDED_WORDS})"
    return f"below what is counted as material ({d.MATERIAL_UNRECORDED_WORDS})"


def role_growth(roles: pd.DataFrame) -> f.Finding | None:
    """The staff role group (GP, nurses, other direct patient care) whose share rose most over the period."""
    months = roles[s.MONTH].nunique()
    if months < ROLE_GROWTH_MONTHS:
        return f.Finding(
            "Staff role growth",
            f"Only {units.counted(months, 'month')} of staff role data are in the selection: too few to tell "
            f"which role group grew fastest (it needs {ROLE_GROWTH_MONTHS} or more).",
            f"{months} months",
            f.WORKFORCE,
        )
    change = workforce.role_share_change(roles)
    staff = change[change[s.SDS_ROLE].isin(workforce.STAFF_GROUPS)]
    top = staff.loc[staff[s.CHANGE].idxmax()]
    first, last = roles[s.MONTH].min(), roles[s.MONTH].max()
    return f.Finding(
        "Fastest-growing staff role",
        f"{wf.growth_headline(change, months)} ({h.month(first)} to {h.month(last)}); shares are of all "
        "appointments, as on the Workforce page.",
        h.points(top[s.CHANGE]),
        f.WORKFORCE,
        {"role": str(top[s.SDS_ROLE]), "change": float(top[s.CHANGE]), "late": float(top[s.LATE_SHARE])},
    )


def same_day_year_on(a: pd.DataFrame) -> f.Finding | None:
    """The latest month's same-day share against the same month a year earlier (none without that month)."""
    change = access.same_day_change(access_measures(a, by=(s.MONTH,)))
    if change is None:
        return None
    month, share, earlier = change
    return f.Finding(
        "Same-day access",
        f"{d.SAME_DAY.show(share)} of {d.SAME_DAY.basis.text} in {h.month(month)} were on the day booked, "
        f"against {d.SAME_DAY.show(earlier)} in {h.month(month - pd.DateOffset(years=1))} "
        f"({h.points(share - earlier)}).",
        h.points(share - earlier),
        f.ATTENDANCE,
        {"share": share, "earlier": earlier},
    )


def missed_hours(a: pd.DataFrame, durations: pd.DataFrame) -> f.Finding | None:
    """The estimated clinician hours booked for DNAs (none when no ICB-month is in both tables)."""
    result = missed_time(a, durations)
    if not result.dna_counted:
        return None
    return f.Finding(
        "Clinician time booked for DNAs",
        f"An estimated {d.MISSED_TIME.show(result.hours)} of clinician time were booked for missed (DNA) "
        f"appointments: {d.APPOINTMENTS.show(result.dna_counted)} DNAs at about "
        f"{d.MEAN_DURATION.show(result.mean_minutes)} each. {missed.caveat(result)}",
        d.MISSED_TIME.show(result.hours),
        f.ATTENDANCE,
        {"hours": result.hours},
    )


def pcn_gap(a: pd.DataFrame, pcns: pd.DataFrame) -> f.Finding | None:
    """The PCNs' share of all appointments: how far the practices' files run below the headline totals."""
    by_month = pcn.pcn_against_practices(a, pcns)
    if by_month.empty:
        return None
    share = pcn.overall_share(by_month)
    return f.Finding(
        "Appointments delivered by PCNs",
        f"{rates.pcn_share(by_month, share)}: appointments outside their practices, such as enhanced access hubs. "
        "The regional, duration and category files count the practices' appointments only, so totals drawn "
        "from them run that much below NHS England's headline totals, which count both.",
        d.PCN_SHARE.show(share),
        f.ENGAGEMENT,
        {"share": share},
    )


def unrecorded_role(roles: pd.DataFrame) -> f.Finding | None:
    """The share of appointments with no usable staff role ("Data Quality" and "Unknown" groups)."""
    share = workforce.unrecorded_role_share(roles)
    return f.Finding(
        "Staff role not recorded",
        f'{d.SHARE.show(share)} of appointments have no usable staff role (the "Data Quality" and "Unknown" '
        f"role groups): {material_words(share)}.",
        d.SHARE.show(share),
        f.WORKFORCE,
        {"share": share, "material": share >= d.MATERIAL_UNRECORDED},
    )


def unrecorded_lead(a: pd.DataFrame) -> f.Finding | None:
    """The share of appointments whose booking lead time is unknown."""
    share = float(access_measures(a)[s.UNKNOWN_LEAD_SHARE].iloc[0])
    return f.Finding(
        "Lead time not recorded",
        f"{d.UNKNOWN_LEAD.show(share)} of appointments have an unknown time from booking to appointment, so "
        f"the access figures leave them out: {material_words(share)}.",
        d.UNKNOWN_LEAD.show(share),
        f.ATTENDANCE,
        {"share": share, "material": share >= d.MATERIAL_UNRECORDED},
    )


def delivery_findings(tables: dict[str, pd.DataFrame]) -> list[tuple[f.Finding, tuple[str, ...]]]:
    """Every finding of this module the (non-empty) `tables` support, each with the tables it is drawn from."""
    out = []
    a, durations, roles, pcns = (tables.get(t) for t in (s.APPOINTMENTS, s.DURATIONS, s.SDS_ROLES, s.PCN_APPOINTMENTS))
    if a is not None:
        out += [(same_day_year_on(a), (s.APPOINTMENTS,)), (unrecorded_lead(a), (s.APPOINTMENTS,))]
        if durations is not None:
            out.append((missed_hours(a, durations), (s.APPOINTMENTS, s.DURATIONS)))
        if pcns is not None:
            out.append((pcn_gap(a, pcns), (s.APPOINTMENTS, s.PCN_APPOINTMENTS)))
    if roles is not None:
        out += [(role_growth(roles), (s.SDS_ROLES,)), (unrecorded_role(roles), (s.SDS_ROLES,))]
    return [(found, used) for found, used in out if found is not None]
