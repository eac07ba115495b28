"""nhs_core.metrics: definitions from DESIGN.md on tiny frames whose answers are known by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from nhs_core import schema as s
from nhs_core.analysis import metrics as m
from nhs_core.analysis.summary import summary


def _appointments(rows: list[tuple[str, str, int]]) -> pd.DataFrame:
    """(month 'YYYY-MM', status, count) rows as a canonical-looking appointments frame."""
    frame = pd.DataFrame(rows, columns=[s.MONTH, s.STATUS, s.COUNT])
    frame[s.MONTH] = pd.to_datetime(frame[s.MONTH], format="%Y-%m")
    frame[s.STATUS] = pd.Categorical(frame[s.STATUS], categories=s.ordered_categories(s.STATUS))
    return frame


FRAME = _appointments(
    [
        ("2024-01", "Attended", 900),
        ("2024-01", "DNA", 60),
        ("2024-01", "Unknown", 40),
        ("2024-02", "Attended", 2000),
        ("2024-02", "DNA", 40),
        ("2024-02", "Attended", 860),
    ]
)


def test_monthly_totals_sum_counts_per_month_in_order():
    out = m.monthly_totals(FRAME.iloc[::-1])
    assert out[s.COUNT].tolist() == [1000, 2900]
    assert [f"{d:%Y-%m}" for d in out[s.MONTH]] == ["2024-01", "2024-02"]
    assert out[s.COUNT].dtype == "int64"


def test_dna_rate_is_dna_over_attended_plus_dna():
    # Attended 3760, DNA 100; the 40 Unknown are left out of the rate by definition.
    assert m.dna_rate(FRAME) == pytest.approx(100 / 3860)


def test_dna_rate_without_attended_or_dna_is_nan():
    assert math.isnan(m.dna_rate(_appointments([("2024-01", "Unknown", 5)])))


def test_status_totals_shows_unknown_separately_in_vocabulary_order():
    out = m.status_totals(FRAME)
    assert out[s.STATUS].astype(str).tolist() == ["Attended", "DNA", "Unknown"]
    assert out[s.COUNT].tolist() == [3760, 100, 40]
    assert out["share"].tolist() == pytest.approx([3760 / 3900, 100 / 3900, 40 / 3900])


def test_per_day_per_calendar_day_february_2024_has_29():
    out = m.per_day(m.monthly_totals(FRAME), days="calendar")
    assert out["appointments_per_day"].tolist() == pytest.approx([1000 / 31, 2900 / 29])


def test_per_day_over_30_days_is_an_option_not_the_default():
    out = m.per_day(m.monthly_totals(FRAME), days="30")
    assert out["appointments_per_day"].tolist() == pytest.approx([1000 / 30, 2900 / 30])


def test_february_2023_has_28_days():
    out = m.per_day(m.monthly_totals(_appointments([("2023-02", "Attended", 2800)])), days="calendar")
    assert out["appointments_per_day"].iloc[0] == pytest.approx(100.0)


def test_utilisation_is_per_day_over_capacity():
    out = m.utilisation(m.per_day(m.monthly_totals(_appointments([("2023-02", "Attended", 2800)]))), capacity=400)
    assert out["utilisation"].iloc[0] == pytest.approx(2800 / 20 / 400)  # Feb 2023: 20 working days
    assert m.DEFAULT_CAPACITY == 1_200_000


def test_busiest_month_is_by_appointments_per_day_not_by_total():
    # January has the larger total (3100 over 31 days = 100 a day); February more a day (3000 / 28 = 107)
    frame = _appointments([("2023-01", "Attended", 3100), ("2023-02", "Attended", 3000)])
    assert f"{m.busiest_month(frame, 'calendar')[s.MONTH]:%Y-%m}" == "2023-02"


LOCATIONS = pd.DataFrame(
    {
        s.SUB_ICB_NAME: ["A", "A", "A", "B", "B", "C"],
        s.COUNT: [1, 1, 1, 50, 60, 70],
    }
)


def test_top_locations_by_records_counts_rows():
    out = m.top_locations(LOCATIONS, by="records", n=2)
    assert out.values.tolist() == [["A", 3], ["B", 2]]


def test_top_locations_by_appointments_sums_counts():
    out = m.top_locations(LOCATIONS, by="appointments", n=2)
    assert out.values.tolist() == [["B", 110], ["C", 70]]


def test_summary_of_an_appointments_table():
    out = summary({s.APPOINTMENTS: FRAME})
    assert out["tables"] == {
        s.APPOINTMENTS: {"rows": 6, "appointments": 3900, "first_month": "2024-01", "last_month": "2024-02"}
    }
    assert out["monthly_appointments"] == {"2024-01": 1000, "2024-02": 2900}
    assert out["status_appointments"] == {"Attended": 3760, "DNA": 100, "Unknown": 40}
    assert out["dna_rate"] == pytest.approx(100 / 3860)
    assert out["appointments_per_day"] == pytest.approx({"2024-01": 1000 / 31, "2024-02": 2900 / 29}, abs=0.01)
    assert out["working_days"] == {"2024-01": 22, "2024-02": 21}  # New Year's Day left out of January
    assert out["appointments_per_working_day"] == pytest.approx({"2024-01": 1000 / 22, "2024-02": 2900 / 21}, abs=0.01)
    assert out["months_above_capacity_per_working_day"] == 0
    assert out["busiest_month_per_working_day"] == "2024-02"


def test_metrics_do_not_change_their_input():
    before = FRAME.copy()
    summary({s.APPOINTMENTS: FRAME})
    m.top_locations(LOCATIONS)
    pd.testing.assert_frame_equal(FRAME, before)
