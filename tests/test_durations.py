"""nhs_core.durations: distribution, estimated mean from bin midpoints (Unknown excluded), month/area context."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from nhs_core import schema as s
from nhs_core.analysis import durations as d
from tests.tiny import appointments, frame, row

COLUMNS = [s.ICB, s.ICB_NAME, s.DATE, s.DURATION, s.COUNT]
DUR = frame(
    COLUMNS,
    [
        ("I1", "ICB one", "2021-12-01", "1-5 Minutes", 10),
        ("I1", "ICB one", "2021-12-02", "6-10 Minutes", 30),
        ("I1", "ICB one", "2021-12-03", "Unknown / Data Quality", 60),
        ("I2", "ICB two", "2022-01-04", "31-60 Minutes", 10),
        ("I2", "ICB two", "2022-01-05", "21-30 Minutes", 10),
    ],
)


def test_distribution_in_minutes_order_with_unknown_apart():
    out = d.duration_distribution(DUR)
    assert out[s.DURATION].astype(str).tolist() == list(s.VOCABULARIES[s.DURATION])
    assert out[s.COUNT].tolist() == [10, 30, 0, 0, 10, 10, 60]
    assert out[s.KNOWN].tolist() == [True] * 6 + [False]
    assert out[s.SHARE].tolist() == pytest.approx([10 / 120, 30 / 120, 0, 0, 10 / 120, 10 / 120, 60 / 120])
    assert out[s.SHARE_OF_KNOWN].iloc[:6].tolist() == pytest.approx([1 / 6, 1 / 2, 0, 0, 1 / 6, 1 / 6])
    assert math.isnan(out[s.SHARE_OF_KNOWN].iloc[6])


def test_mean_uses_bin_midpoints_and_leaves_unknown_out():
    # (3 x 10 + 8 x 30 + 45.5 x 10 + 25.5 x 10) / 60 known appointments; the 60 unknown do not count.
    assert d.mean_duration(DUR) == pytest.approx((30 + 240 + 455 + 255) / 60)


def test_mean_of_only_unknown_durations_is_nan():
    assert math.isnan(d.mean_duration(DUR.iloc[[2]]))


def test_mean_by_month_and_by_area():
    by_month = d.mean_duration_by(DUR, s.MONTH)
    assert by_month[s.MEAN_MINUTES].tolist() == pytest.approx([270 / 40, (455 + 255) / 20])
    assert by_month[s.UNKNOWN_SHARE].tolist() == pytest.approx([0.6, 0.0])
    assert by_month[s.KNOWN_COUNT].tolist() == [40, 20]
    by_area = d.mean_duration_by(DUR, s.ICB_NAME, longest_first=True)
    assert by_area[s.ICB_NAME].tolist() == ["ICB two", "ICB one"]


def test_context_lines_up_months_without_a_row_level_join():
    appts = appointments(
        [
            row("2021-12-01", "Attended", 30, hcp="GP"),
            row("2021-12-01", "Attended", 70, hcp="Other Practice staff"),
            row("2021-12-01", "DNA", 25, hcp="GP"),
            row("2022-01-01", "Attended", 50, hcp="GP"),
            row("2022-01-01", "Attended", 50, hcp="Other Practice staff"),
            row("2022-02-01", "Attended", 10, hcp="GP"),  # no durations that month: left out
        ]
    )
    out = d.duration_context(DUR, appts, s.MONTH)
    assert [f"{m:%Y-%m}" for m in out[s.MONTH]] == ["2021-12", "2022-01"]
    assert out[s.GP_SHARE].tolist() == [0.3, 0.5]  # GP / all attended; the DNA row does not count
    assert out[s.DNA_RATE].tolist() == pytest.approx([25 / 125, 0.0])
    assert out[s.MEAN_MINUTES].tolist() == pytest.approx([6.75, 35.5])


def test_correlation_needs_three_points():
    table = {"x": [1, 2, 3], "y": [2, 4, 6]}
    assert d.correlation(pd.DataFrame(table), "x", "y") == pytest.approx(1.0)
    assert math.isnan(d.correlation(pd.DataFrame(table).iloc[:2], "x", "y"))
