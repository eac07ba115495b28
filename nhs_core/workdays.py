"""Working days in England: weekdays that are not England bank holidays.

NHS England reports appointments "per working day"; the bank holidays come from the maintained `holidays`
library (country GB, subdivision ENG), so one-off holidays (the 2022 Platinum Jubilee, the State Funeral of
19 September 2022, the 2023 Coronation) are counted without a hand-written list.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import holidays
import numpy as np
import pandas as pd

COUNTRY = "GB"
SUBDIVISION = "ENG"


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> tuple[date, ...]:
    return tuple(sorted(holidays.country_holidays(COUNTRY, subdiv=SUBDIVISION, years=year)))


def bank_holidays(years) -> list[date]:
    """England's bank holidays (including substitute days) in `years`, in date order."""
    return sorted(day for year in sorted(set(years)) for day in _bank_holidays(int(year)))


def is_bank_holiday(dates: pd.Series) -> pd.Series:
    """Whether each date (datetime Series) is an England bank holiday."""
    stamps = pd.to_datetime(dates)
    known = pd.to_datetime(pd.Series(bank_holidays(stamps.dt.year.dropna().unique())), errors="coerce")
    return stamps.dt.normalize().isin(known)


def working_days(months: pd.Series) -> pd.Series:
    """The working days of each month (month-start dates): weekdays that are not England bank holidays."""
    starts = pd.DatetimeIndex(months).to_period("M")
    first = starts.to_timestamp().values.astype("datetime64[D]")
    after = (starts + 1).to_timestamp().values.astype("datetime64[D]")
    off = np.array(bank_holidays(starts.year), dtype="datetime64[D]")
    counts = np.busday_count(first, after, holidays=off)
    return pd.Series(counts.astype("int64"), index=months.index)
