"""The units measures are written in: how a value is written (`Format`) and what it is divided by (`Basis`).

`nhs_core.definitions` gives each measure one format and one basis. A format's `text` is for sentences, KPIs
and headlines; `detailed` (tables) and `d3` (chart tooltips) may show more decimals; missing values (None,
NaN) are written "n/a". A per-day basis also says how many days each month counts (working days by default,
calendar days, or 30), so a new basis is one record here with its own `days` function.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from nhs_core.workdays import working_days

PERCENT = "percent"
COUNT = "count"
INTEGER = "integer"
DECIMAL = "decimal"


def _missing(value) -> bool:
    try:
        return value is None or math.isnan(float(value))
    except (TypeError, ValueError):
        return False


def readable_count(value) -> str:
    """A count for reading aloud: 30,012,345 -> "30.0 million", 1,234,567 -> "1.23 million", 993,647.3 -> "993,647".

    >>> readable_count(30_012_345), readable_count(993_647.3)
    ('30.0 million', '993,647')
    """
    if _missing(value):
        return "n/a"
    if abs(value) >= 10_000_000:
        return f"{value / 1e6:,.1f} million"
    if abs(value) >= 1_000_000:
        return f"{value / 1e6:,.2f} million"
    return f"{value:,.0f}"


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """A count with its noun agreeing: counted(1, "month") -> "1 month", counted(11, "month") -> "11 months"."""
    return f"{number:,} {noun if number == 1 else plural or noun + 's'}"


def joined(names) -> str:
    """Names as a phrase: ["A"] -> "A", ["A", "B", "C"] -> "A, B and C"."""
    names = list(names)
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)


def percent(value, digits: int = 1, signed: bool = False) -> str:
    """A fraction as a percentage: 0.0432 -> "4.3%" (with `signed`, "+4.3%"); missing -> "n/a"."""
    return "n/a" if _missing(value) else f"{value:{'+' if signed else ''}.{digits}%}"


@dataclass(frozen=True)
class Format:
    """How one measure's values are written.

    kind : "percent" (of a fraction), "count" (readable: "30.0 million"), "integer" ("1,200,000") or "decimal".
    decimals : decimals in `text` (percent and decimal kinds).
    detail : decimals in tables and tooltips (default: `decimals`).
    signed : write a plus sign on rises.
    unit : appended to decimals in `text` (" min").
    """

    kind: str
    decimals: int = 0
    detail: int | None = None
    signed: bool = False
    unit: str = ""

    @property
    def table_decimals(self) -> int:
        """Decimals in tables and tooltips."""
        return self.decimals if self.detail is None else self.detail

    def figure(self, value) -> str:
        """The number alone, without its unit: "12.3" for 12.34 minutes."""
        if self.kind == PERCENT:
            return percent(value, self.decimals, self.signed)
        if self.kind == COUNT:
            return readable_count(value)
        if _missing(value):
            return "n/a"
        sign = "+" if self.signed else ""
        return f"{value:{sign},.0f}" if self.kind == INTEGER else f"{value:{sign}.{self.decimals}f}"

    def text(self, value) -> str:
        """The value as sentences, KPIs and headlines write it: "4.70%", "30.0 million", "12.3 min"."""
        figure = self.figure(value)
        return figure if figure == "n/a" else figure + self.unit

    def exact(self, value) -> str:
        """Every digit of a count ("30,012,345"); other kinds as `text`. For figures checked against the files."""
        return "n/a" if _missing(value) else f"{value:,.0f}" if self.kind in (COUNT, INTEGER) else self.text(value)

    def detailed(self, value) -> str:
        """The value as tables write it (`detail` decimals, no unit)."""
        if _missing(value):
            return ""
        if self.kind == PERCENT:
            return percent(value, self.table_decimals, self.signed)
        if self.kind == DECIMAL:
            return f"{value:.{self.table_decimals}f}"
        return f"{value:,.0f}"

    @property
    def d3(self) -> str:
        """The d3 format of chart tooltips and axes ("+.1%", ",.0f", ".2f")."""
        sign = "+" if self.signed else ""
        if self.kind == PERCENT:
            return f"{sign}.{self.table_decimals}%"
        if self.kind == DECIMAL:
            return f"{sign}.{self.table_decimals}f"
        return f"{sign},.0f"


def ratio(part, whole):
    """`part / whole` for numbers or Series; NaN where `whole` is zero (a rate of nothing is undefined)."""
    series = hasattr(part, "where")
    if hasattr(whole, "where"):
        return part / whole.where(whole != 0)
    if not whole:
        return part * float("nan") if series else float("nan")
    return part / whole if series else float(part / whole)


@dataclass(frozen=True)
class Basis:
    """What a measure is divided by, in words ("working days"), and for a per-day basis its `noun` ("working
    day"), `days` (month-start dates, a Series -> the days each month counts) and `option` (the sidebar's and
    titles' words: "per working day")."""

    key: str
    text: str
    noun: str = ""
    days: Callable[[pd.Series], pd.Series] | None = None
    aside: str = ""
    option: str = ""

    @property
    def a_day(self) -> str:
        """How a figure on this basis is read: "a working day", "a calendar day"."""
        return f"a {self.noun}"


def _calendar_days(months: pd.Series) -> pd.Series:
    return pd.Series(pd.DatetimeIndex(months).days_in_month, index=months.index)


WORKING_DAY = Basis(
    "working",
    "working days",
    "working day",
    working_days,
    aside=" (weekdays that are not England bank holidays), the basis NHS England reports",
    option="per working day",
)
CALENDAR_DAY = Basis("calendar", "calendar days", "calendar day", _calendar_days, option="per calendar day")
THIRTY_DAYS = Basis(
    "30",
    "30 days",
    "day of a 30-day month",
    lambda months: pd.Series(30, index=months.index),
    aside=" (every month counted as 30 days)",
    option="per 30 days (every month as 30 days)",
)
# The per-day bases a user can choose, the default (NHS England's) first.
DAY_BASES = {b.key: b for b in (WORKING_DAY, CALENDAR_DAY, THIRTY_DAYS)}
DEFAULT_DAY_BASIS = WORKING_DAY.key
ALL_APPOINTMENTS = Basis("all", "all appointments")
KNOWN_OUTCOME = Basis("known outcome", "appointments with a known outcome")
KNOWN_DURATION = Basis("known duration", "appointments with a known duration")
KNOWN_LEAD = Basis("known lead time", "appointments with a known booking lead time")
PLANNED = Basis("capacity", "the planned daily capacity")
CALENDAR_DATE = Basis("date", "every calendar date between the first and last date")
