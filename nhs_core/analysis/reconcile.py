"""Tables that should agree, checked month by month: one record per check (`Check`), compared over the months
and ICBs both tables cover.

In NHS England's release the regional files and the national categories count the same appointments, and the
actual durations count the attended ones, so each month's totals should be identical; a gap means one table is
missing rows the other has (a file left out of an upload, or a late resubmission in one release only).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from nhs_core import definitions as d
from nhs_core import schema as s
from nhs_core.tables import table_label

MATERIAL = d.MATERIAL_GAP  # a month whose totals differ by more than this share of the first's is a gap


@dataclass(frozen=True)
class Check:
    """Two tables whose monthly totals should be equal.

    Attributes
    ----------
    name : str
        What is compared, in words ("Appointments by month against national categories").
    first, second : str
        The two table names; the difference is second minus first.
    first_status : str or None
        Only the first table's appointments with this status count (durations are of attended appointments).
    means : str
        What a gap means for the figures on the other pages.
    """

    name: str
    first: str
    second: str
    first_status: str | None = None
    means: str = ""


CHECKS: tuple[Check, ...] = (
    Check(
        "Appointments by month against national categories",
        s.APPOINTMENTS,
        s.CATEGORIES,
        means="The Services page's national-category mix is then of different appointments from the other pages' "
        "totals; compare shares, not counts, across them.",
    ),
    Check(
        "Attended appointments against actual durations",
        s.APPOINTMENTS,
        s.DURATIONS,
        first_status="Attended",
        means="The Durations page then describes a different set of attended appointments from the Attendance "
        "page's; its mean duration and bin shares may not hold for the missing ones.",
    ),
)


def _totals(frame: pd.DataFrame, icbs: pd.Index, months: pd.Index, status: str | None) -> pd.Series:
    keep = frame[s.ICB].isin(icbs) & frame[s.MONTH].isin(months)
    if status is not None:
        keep &= frame[s.STATUS] == status
    return frame.loc[keep].groupby(s.MONTH)[s.COUNT].sum().reindex(months, fill_value=0)


def compare(tables: dict[str, pd.DataFrame], check: Check) -> pd.DataFrame:
    """Each month's totals of the check's two tables over the ICBs and months both have (empty when either
    table is missing or they share no month or ICB).

    Columns: month, first and second table's appointments, difference (second minus first), difference as a
    share of the first.
    """
    columns = [s.MONTH, s.FIRST_TOTAL, s.SECOND_TOTAL, s.DIFFERENCE, s.DIFFERENCE_SHARE]
    first, second = tables.get(check.first), tables.get(check.second)
    needed = {s.ICB, s.MONTH, s.COUNT} | ({s.STATUS} if check.first_status else set())
    if first is None or second is None or not needed <= set(first) or not {s.ICB, s.MONTH, s.COUNT} <= set(second):
        return pd.DataFrame(columns=columns)
    icbs = _codes(first).intersection(_codes(second))
    months = pd.Index(first[s.MONTH].unique()).intersection(pd.Index(second[s.MONTH].unique())).sort_values()
    if icbs.empty or months.empty:
        return pd.DataFrame(columns=columns)
    out = pd.DataFrame({s.FIRST_TOTAL: _totals(first, icbs, months, check.first_status)})
    out[s.SECOND_TOTAL] = _totals(second, icbs, months, None)
    out[s.DIFFERENCE] = out[s.SECOND_TOTAL] - out[s.FIRST_TOTAL]
    out[s.DIFFERENCE_SHARE] = out[s.DIFFERENCE] / out[s.FIRST_TOTAL].where(out[s.FIRST_TOTAL] > 0)
    return out.rename_axis(s.MONTH).reset_index()[columns]


def _codes(frame: pd.DataFrame) -> pd.Index:
    return pd.Index(frame[s.ICB].dropna().astype(str).unique()).astype(object)


@dataclass(frozen=True)
class Outcome:
    """One check on the loaded data: its table of months, and what it found in one sentence."""

    check: Check
    months: pd.DataFrame
    material: bool
    text: str

    @property
    def largest(self) -> pd.Series | None:
        """The month with the largest gap either way (None when no month was compared)."""
        gaps = self.months[s.DIFFERENCE_SHARE].abs()
        return None if gaps.dropna().empty else self.months.loc[gaps.idxmax()]

    @property
    def compared(self) -> bool:
        """The two tables share at least one month and ICB, so something was compared."""
        return bool(len(self.months))

    @property
    def exact(self) -> bool:
        """The two tables agree to the appointment in every month compared."""
        return bool(len(self.months)) and bool((self.months[s.DIFFERENCE] == 0).all())


def run_checks(tables: dict[str, pd.DataFrame]) -> list[Outcome]:
    """Every check whose two tables are loaded, with a sentence saying whether they agree."""
    return [
        _outcome(check, compare(tables, check)) for check in CHECKS if check.first in tables and check.second in tables
    ]


def _outcome(check: Check, months: pd.DataFrame) -> Outcome:
    first, second = table_label(check.first).lower(), table_label(check.second).lower()
    if check.first_status:  # "attended appointments by month"
        first = f"{check.first_status.lower()} {first}"
    if months.empty:
        return Outcome(check, months, False, f"The {first} and the {second} tables share no month and ICB to compare.")
    off = months[months[s.DIFFERENCE_SHARE].abs() > MATERIAL]
    scope = f"{len(months)} month(s) both cover, over the ICBs both have"
    if off.empty:
        agree = "agree exactly" if (months[s.DIFFERENCE] == 0).all() else f"agree within {MATERIAL:.1%} every month"
        return Outcome(check, months, False, f"The {first} and the {second} {agree} ({scope}).")
    worst = off.loc[off[s.DIFFERENCE_SHARE].abs().idxmax()]  # the largest gap is one of those off
    text = (
        f"The {second} differ from the {first} by more than {MATERIAL:.1%} in {len(off)} of {scope}; the largest "
        f"gap is {d.RECONCILIATION_GAP.show(worst[s.DIFFERENCE_SHARE])} ({int(worst[s.DIFFERENCE]):+,} "
        f"appointments) in {worst[s.MONTH]:%b %Y}."
    )
    return Outcome(check, months, True, text)
