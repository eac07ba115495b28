"""nhs_core.metrics (engagement and attendance aggregations) on tiny frames whose answers are known by hand."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from nhs_core import schema as s
from nhs_core.analysis import metrics as m
from tests.tiny import appointments, frame, row


def _monthly(pairs: list[tuple[str, int]]) -> pd.DataFrame:
    return pd.DataFrame({s.MONTH: pd.to_datetime([p[0] for p in pairs]), s.COUNT: [p[1] for p in pairs]})


MONTHLY = _monthly(
    [("2020-01-01", 100), ("2020-02-01", 200), ("2021-01-01", 150), ("2021-02-01", 100), ("2021-03-01", 50)]
)


def test_year_on_year_compares_with_the_same_month_a_year_earlier():
    out = m.year_on_year(MONTHLY, "30")  # per 30-day month, so the per-day changes are the totals' changes
    assert [f"{d:%Y-%m}" for d in out[s.MONTH]] == ["2021-01", "2021-02"]  # Mar 2021 has no Mar 2020
    assert out[s.YEAR_EARLIER].tolist() == pytest.approx([100 / 30, 200 / 30])
    assert out[s.CHANGE].tolist() == pytest.approx([50 / 30, -100 / 30])
    assert out[s.PCT_CHANGE].tolist() == pytest.approx([0.5, -0.5])


def test_year_on_year_of_a_short_series_is_empty():
    assert m.year_on_year(MONTHLY.iloc[:2]).empty


def test_latest_change_needs_a_year_earlier_month():
    latest = m.latest_change(MONTHLY)
    assert latest["month"] == pd.Timestamp("2021-03-01") and latest["value"] == 50
    assert latest["change"] is None and latest["pct_change"] is None
    latest = m.latest_change(MONTHLY.iloc[:4])
    assert (latest["value"], latest["year_earlier"], latest["change"], latest["pct_change"]) == (100, 200, -100, -0.5)


def test_latest_change_of_nothing():
    assert m.latest_change(MONTHLY.iloc[:0])["value"] is None


def test_days_covered_counts_each_month_once():
    months = pd.Series(pd.to_datetime(["2021-01-01", "2021-01-01", "2021-02-01"]))
    assert m.days_covered(months, "calendar") == 31 + 28
    assert m.days_covered(pd.Series(pd.to_datetime(["2020-02-01"])), "calendar") == 29
    assert m.days_covered(months) == 20 + 20  # working days: Jan 2021 loses New Year's Day


A = appointments(
    [
        row("2021-01-01", "Attended", 10, region="R1", icb="I1"),
        row("2021-02-01", "Attended", 20, region="R1", icb="I2"),
        row("2021-03-01", "Attended", 40, region="R2", icb="I3"),
    ]
)


def test_by_area_ranks_areas_with_per_day_share_and_records():
    out = m.by_area(A, s.REGION)
    assert out[s.AREA].tolist() == ["Region R2", "Region R1"]
    assert out[s.AREA_CODE].tolist() == ["R2", "R1"]
    assert out[s.COUNT].tolist() == [40, 30]
    assert out[s.RECORDS].tolist() == [1, 2]
    assert out[s.PER_DAY].tolist() == pytest.approx([40 / 63, 30 / 63])  # Jan + Feb + Mar 2021: 63 working days
    assert out[s.SHARE].tolist() == pytest.approx([4 / 7, 3 / 7])


def test_by_area_at_icb_level():
    assert m.by_area(A, s.ICB)[s.AREA].tolist() == ["ICB I3", "ICB I2", "ICB I1"]


S = appointments(
    [
        row("2021-01-01", "Attended", 90),
        row("2021-01-01", "DNA", 10),
        row("2021-02-01", "Attended", 50),
        row("2021-02-01", "Unknown", 50),
    ]
)


def test_status_over_time_gives_each_status_its_share_of_the_month():
    out = m.status_over_time(S)
    assert out[s.STATUS].astype(str).tolist() == ["Attended", "DNA", "Attended", "Unknown"]
    assert out[s.SHARE].tolist() == [0.9, 0.1, 0.5, 0.5]


L = appointments(
    [
        row(status="Attended", count=95, lead="Same Day"),
        row(status="DNA", count=5, lead="Same Day"),
        row(status="Attended", count=80, lead="1 Day", mode="Telephone"),
        row(status="DNA", count=20, lead="1 Day", mode="Telephone"),
        row(status="Unknown", count=50, lead="1 Day", mode="Telephone"),
        row(status="Unknown", count=7, lead="More than 28 Days"),
    ]
)


def test_dna_rate_by_keeps_unknown_apart_and_bands_in_time_order():
    out = m.dna_rate_by(L, s.LEAD)
    assert out[s.LEAD].astype(str).tolist() == ["Same Day", "1 Day", "More than 28 Days"]
    assert out[s.ATTENDED_COUNT].tolist() == [95, 80, 0]
    assert out[s.DNA_COUNT].tolist() == [5, 20, 0]
    assert out[s.UNKNOWN_STATUS_COUNT].tolist() == [0, 50, 7]
    assert out[s.DNA_RATE].iloc[:2].tolist() == [0.05, 0.2]  # 20 / (80 + 20); the 50 unknown are left out
    assert math.isnan(out[s.DNA_RATE].iloc[2])


def test_dna_rate_by_two_dimensions():
    out = m.dna_rate_by(L, [s.MODE, s.LEAD])
    assert list(zip(out[s.MODE].astype(str), out[s.LEAD].astype(str), out[s.DNA_COUNT])) == [
        ("Face-to-Face", "Same Day", 5),
        ("Face-to-Face", "More than 28 Days", 0),
        ("Telephone", "1 Day", 20),
    ]


def test_lost_appointments_ranks_combinations_by_dna_count():
    out = m.lost_appointments(L, n=2)
    assert out[s.MODE].astype(str).tolist() == ["Telephone", "Face-to-Face"]
    assert out[s.DNA_COUNT].tolist() == [20, 5]
    assert out[s.SHARE].tolist() == [0.8, 0.2]
    assert len(m.lost_appointments(L, n=1)) == 1


def test_table_with_level_skips_empty_geography():
    with_empty_sub = A.assign(**{s.SUB_ICB: pd.Categorical([np.nan] * len(A), categories=["S1"])})
    daily = frame([s.ICB, s.SUB_ICB, s.DATE, s.COUNT], [("I1", "S1", "2021-01-04", 3)])
    tables = {s.APPOINTMENTS: with_empty_sub, s.CATEGORIES: daily}
    assert m.table_with_level(tables, s.ICB) == s.APPOINTMENTS
    assert m.table_with_level(tables, s.SUB_ICB) == s.CATEGORIES
    assert m.table_with_level({s.APPOINTMENTS: with_empty_sub}, s.SUB_ICB) is None


def test_top_locations_by_appointments_uses_the_count_column():
    out = m.top_locations(A, by=s.COUNT, n=2, level=s.ICB_NAME)
    assert out[s.ICB_NAME].tolist() == ["ICB I3", "ICB I2"] and out[s.COUNT].tolist() == [40, 20]
