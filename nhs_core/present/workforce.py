"""What the Workforce page says: chart titles that state the finding, KPIs and which table each chart uses."""

from __future__ import annotations

import pandas as pd

from nhs_core import definitions as d
from nhs_core import schema as s
from nhs_core.analysis.workforce import ENGLAND, SELECTION, STAFF_GROUPS
from nhs_core.present import headlines as h
from nhs_core.tables import table_words

UNRECORDED = ("Data Quality", s.UNKNOWN)  # role groups that say the staff role was not usably recorded


def kpis(totals: pd.DataFrame) -> list[dict]:
    """KPI items from `role_totals`: the GP, nurse and other direct patient care shares, and the unrecorded share."""
    share = dict(zip(totals[s.SDS_ROLE], totals[s.SHARE]))
    help_text = "Appointments delivered by staff in the {} role group / all appointments in the SDS role table."
    items = [
        {"label": f"{role} share", "value": d.SHARE.show(share.get(role, 0.0)), "help": help_text.format(role)}
        for role in ("GP", "Nurses", "Other Direct Patient Care")
    ]
    unrecorded = sum(share.get(role, 0.0) for role in UNRECORDED)
    items.append(
        {
            "label": "Role not recorded",
            "value": d.SHARE.show(unrecorded),
            "help": "The Data Quality and Unknown role groups: appointments whose staff role is not usable.",
        }
    )
    return items


def growth_headline(change: pd.DataFrame, months: int) -> str:
    """`workforce.role_share_change` result over `months` months: the staff group (GP, nurses, other direct
    patient care) whose share of appointments rose most, as the page's chart title and the finding say it."""
    staff = change[change[s.SDS_ROLE].isin(STAFF_GROUPS)].dropna(subset=[s.CHANGE])
    if staff.empty:
        return "Appointments by staff role group"
    top = staff.loc[staff[s.CHANGE].idxmax()]
    window = min(3, months // 2)
    return (
        f"{top[s.SDS_ROLE]} grew most as a share of appointments: from {d.SHARE.show(top[s.EARLY_SHARE])} to "
        f"{d.SHARE.show(top[s.LATE_SHARE])} ({h.points(top[s.CHANGE])}), the first {window} months against "
        f"the last {window}"
    )


def mix_against_england(comparison: pd.DataFrame, has_area: bool = True) -> str:
    """`role_comparison`: the role whose share differs most between the selection and England."""
    if not has_area:
        return "England's mix of staff roles: choose an area in the sidebar to compare it with England"
    wide = comparison.pivot(index=s.SDS_ROLE, columns=s.AREA, values=s.SHARE).dropna()
    if wide.empty:
        return "The mix of staff roles"
    gap = (wide[SELECTION] - wide[ENGLAND]).sort_values(key=abs)
    role = gap.index[-1]
    if abs(gap.iloc[-1]) < 0.0005:
        return "The selection's mix of staff roles is England's"
    return (
        f"{role} deliver {d.SHARE.show(wide.loc[role, SELECTION])} of the selection's appointments, "
        f"against {d.SHARE.show(wide.loc[role, ENGLAND])} in England"
    )


def source_note(has_categories: bool) -> str:
    """Which table the cross-tab uses, and what the Services page uses when both are loaded."""
    text = f"From the {table_words(s.OVERVIEW)} table: England only, monthly; the sidebar's areas do not apply."
    if has_categories:
        text += (
            f" The Services and workforce page's service setting, context and category charts use the daily "
            f"{table_words(s.CATEGORIES)} table instead, which has areas."
        )
    return text


def crosstab_headline(table: pd.DataFrame, rows: str, columns: str) -> str:
    """`mix.crosstab` of the overview: the largest pair and its share of England's appointments."""
    if table.empty:
        return "No appointments in the national overview for this period"
    top = table.loc[table[s.COUNT].idxmax()]
    return (
        f"{top[rows]} / {str(top[columns]).lower()} is the largest group: {d.SHARE.show(top[s.SHARE])} of "
        "England's appointments"
    )


AREA_ORDER = "Areas ordered by their GP share"


def area_headline(by_area: pd.DataFrame) -> str:
    """`mix.mix_by_area` of the role groups (sorted by the GP share): the area with the highest GP share."""
    if by_area.empty:
        return "No areas in the selection"
    row = by_area.iloc[0]
    return f"{row[s.AREA]} has the highest GP share: {d.SHARE.show(row[s.SHARE])} of its appointments"
