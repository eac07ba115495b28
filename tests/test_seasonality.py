"""nhs_core.seasonality: per day against capacity, seasons, months of the year and weekdays, known by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from nhs_core import schema as s
from nhs_core.analysis import seasonality as se
from tests.tiny import appointments, frame, row

A = appointments(
    [
        row("2020-12-01", count=310),
        row("2021-01-01", count=620),
        row("2021-02-01", count=280),
        row("2021-06-01", count=300),
        row("2021-06-01", count=150, status="DNA"),
    ]
)


def test_capacity_by_month_per_day_and_utilisation():
    out = se.capacity_by_month(A, capacity=15, days="calendar")
    assert out[s.DAYS].tolist() == [31, 31, 28, 30]
    assert out[s.PER_DAY].tolist() == [10, 20, 10, 15]
    assert out[s.UTILISATION].tolist() == pytest.approx([10 / 15, 20 / 15, 10 / 15, 1.0])
    assert out[s.ABOVE_CAPACITY].tolist() == [False, True, False, False]  # equal to capacity is not above


def test_peak_and_trough():
    peak, trough = se.peak_and_trough(se.capacity_by_month(A, 15, "calendar"))
    assert peak[s.MONTH] == pd.Timestamp("2021-01-01") and trough[s.MONTH] == pd.Timestamp("2020-12-01")


def test_drop_period_leaves_out_the_covid_months():
    months = se.drop_period(se.capacity_by_month(A))[s.MONTH]
    assert [f"{m:%Y-%m}" for m in months] == ["2021-06"]  # Dec 2020 to Feb 2021 fall in Mar 2020 to Mar 2021


def test_seasons_pool_days_and_keep_their_order():
    out = se.season_profile(se.capacity_by_month(A, days="calendar"), capacity=10)
    assert out[s.SEASON].astype(str).tolist() == ["Winter", "Summer"]  # seasons without months left out
    assert out[s.MONTHS_COUNT].tolist() == [3, 1]
    # Winter: (310 + 620 + 280) / (31 + 31 + 28) days; December counts as winter.
    assert out[s.PER_DAY].iloc[0] == pytest.approx(1210 / 90)
    assert out[s.PER_DAY].iloc[1] == 15 and out[s.UTILISATION].iloc[1] == 1.5
    assert out[s.SEASON].cat.categories.tolist() == list(s.SEASONS)


def test_month_of_year_lists_present_months_in_calendar_order():
    two_years = appointments([row("2021-01-01", count=310), row("2022-01-01", count=930), row("2021-12-01", count=31)])
    out = se.month_of_year(se.capacity_by_month(two_years, days="calendar"))
    assert out[s.MONTH_OF_YEAR].astype(str).tolist() == ["Jan", "Dec"]
    assert out[s.MONTHS_COUNT].tolist() == [2, 1]
    assert out[s.PER_DAY].tolist() == [20, 1]  # (310 + 930) / 62


def test_capacity_by_month_is_per_working_day_by_default():
    out = se.capacity_by_month(A, capacity=15)
    # Dec 2020: 23 weekdays less Christmas and the substitute Boxing Day; Jan 2021: 21 less New Year's Day.
    assert out[s.DAYS].tolist() == [21, 20, 20, 22]
    assert out[s.PER_DAY].tolist() == pytest.approx([310 / 21, 31, 14, 450 / 22])


def test_weekday_profile_puts_bank_holidays_in_a_group_of_their_own():
    # Mon 30 Aug 2021 is the late summer bank holiday; Mon 6 Sep 2021 an ordinary Monday.
    daily = frame([s.DATE, s.COUNT], [("2021-08-30", 5), ("2021-09-06", 100)])
    out = se.weekday_profile(daily).set_index(s.WEEKDAY)
    assert out.loc["Monday", s.DAYS] == 1 and out.loc["Monday", s.PER_DAY] == 100
    assert out.loc[s.BANK_HOLIDAY, s.DAYS] == 1 and out.loc[s.BANK_HOLIDAY, s.PER_DAY] == 5
    grid = se.month_weekday(daily)
    assert s.BANK_HOLIDAY in grid[s.WEEKDAY].astype(str).tolist()


DAILY = frame([s.DATE, s.COUNT], [("2021-01-04", 10), ("2021-01-05", 20), ("2021-01-11", 30)])


def test_weekday_profile_counts_every_calendar_date():
    out = se.weekday_profile(DAILY)
    assert out[s.WEEKDAY].astype(str).tolist() == list(s.WEEKDAYS)
    # 4 to 11 Jan 2021: two Mondays, one of every other day; days without rows count as zero.
    assert out[s.DAYS].tolist() == [2, 1, 1, 1, 1, 1, 1]
    assert out[s.COUNT].tolist() == [40, 20, 0, 0, 0, 0, 0]
    assert out[s.PER_DAY].tolist() == [20, 20, 0, 0, 0, 0, 0]
    assert out[s.SHARE].tolist() == [0.5, 0.5, 0, 0, 0, 0, 0]


def test_month_weekday_grid():
    out = se.month_weekday(DAILY)
    monday = out[out[s.WEEKDAY] == "Monday"].iloc[0]
    assert (monday[s.DAYS], monday[s.COUNT], monday[s.PER_DAY]) == (2, 40, 20)
    assert len(out) == 7


def test_daily_source_prefers_the_official_daily_table():
    assert se.daily_source({s.DURATIONS: DAILY, s.CATEGORIES: DAILY}) == s.CATEGORIES
    assert se.daily_source({s.DURATIONS: DAILY, s.DAILY: DAILY}) == s.DAILY
    assert se.daily_source({s.APPOINTMENTS: A}) is None
