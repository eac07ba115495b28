"""Tables that should agree, checked month by month: one record per check (`Check`), compared over the months
and ICBs both tables cover.

In NHS England's release the regional files, the national categories, the SDS role file and the national overview
count the same appointments, and the actual durations count the attended ones, so each month's totals should be
identical; a gap means one table is missing rows the other has (a file left out of an upload, or a late
resubmission in one release only). The national overview has no ICBs: it is compared as England totals, only in
the months in which the other table covers every ICB (three ICBs' regional files say nothing about England).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from nhs_core import definitions as d
from nhs_core import schema as s
from nhs_core import units
from nhs_core.tables import table_words

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
    national : bool
        The second table is for England only: compared as England totals, in the months the first covers every ICB.
    """

    name: str
    first: str
    second: str
    first_status: str | None = None
    means: str = ""
    national: bool = False


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
    Check(
        "Appointments by month against appointments by staff role",
        s.APPOINTMENTS,
        s.SDS_ROLES,
        means="The Workforce page's staff role shares are then of different appointments from the other pages' "
        "totals; compare shares, not counts, across them.",
    ),
    Check(
        "Appointments by month against the national overview",
        s.APPOINTMENTS,
        s.OVERVIEW,
        means="The national cross-tab on the Workforce page then counts different appointments from England's "
        "totals on the other pages.",
        national=True,
    ),
    Check(
        "National categories against the national overview",
        s.CATEGORIES,
        s.OVERVIEW,
        means="The national overview's categories then differ from the Services page's daily ones.",
        national=True,
    ),
)


def icbs_in_england(month: pd.Timestamp) -> int:
    """How many ICBs England has in `month`: 42 (earlier data is published mapped onto them), 36 from April 2026."""
    return 36 if month >= _APRIL_2026 else 42


_APRIL_2026 = pd.Timestamp("2026-04-01")  # the ICB mergers (nhs_core/reference/icb_2026_from_april.csv)


def whole_england_months(frame: pd.DataFrame) -> pd.Index:
    """The months in which `frame` has a row for every ICB in England, sorted."""
    icbs = frame.groupby(s.MONTH, observed=True)[s.ICB].nunique()
    return icbs.index[icbs.to_numpy() >= [icbs_in_england(m) for m in icbs.index]].sort_values()


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
    if check.national:
        return _national(first, second, check)[columns] if first is not None and second is not None else _empty()
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


def _empty() -> pd.DataFrame:
    return pd.DataFrame(columns=[s.MONTH, s.FIRST_TOTAL, s.SECOND_TOTAL, s.DIFFERENCE, s.DIFFERENCE_SHARE])


def _national(first: pd.DataFrame, second: pd.DataFrame, check: Check) -> pd.DataFrame:
    """England totals of both tables over the months both have in which `first` covers every ICB."""
    months = whole_england_months(first).intersection(pd.Index(second[s.MONTH].unique())).sort_values()
    if months.empty:
        return _empty()
    out = pd.DataFrame({s.FIRST_TOTAL: _totals(first, first[s.ICB].unique(), months, check.first_status)})
    out[s.SECOND_TOTAL] = second[second[s.MONTH].isin(months)].groupby(s.MONTH)[s.COUNT].sum().reindex(months)
    out[s.DIFFERENCE] = out[s.SECOND_TOTAL] - out[s.FIRST_TOTAL]
    out[s.DIFFERENCE_SHARE] = out[s.DIFFERENCE] / out[s.FIRST_TOTAL].where(out[s.FIRST_TOTAL] > 0)
    return out.rename_axis(s.MONTH).reset_index()


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
    first, second = table_words(check.first), table_words(check.second)
    if check.first_status:  # "attended appointments by month"
        first = f"{check.first_status.lower()} {first}"
    if months.empty and check.national:
        text = f"The {second} is for England, and the {first} covers every ICB in none of the months both have."
        return Outcome(check, months, False, text)
    if months.empty:
        return Outcome(check, months, False, f"The {first} and the {second} tables share no month and ICB to compare.")
    off = months[months[s.DIFFERENCE_SHARE].abs() > MATERIAL]
    where = "England" if check.national else "over the ICBs both have"
    scope = f"{units.counted(len(months), 'month')} both cover, {where}"
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
