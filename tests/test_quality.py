"""analysis.quality and analysis.reconcile on tiny frames: unknown shares, mapping progress, coverage, months and
areas missing, tables that should agree; the findings that cite the Data quality page; real data where present."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import SHARED_DATA
from tiny import appointments, frame, row

from nhs_core import schema as s
from nhs_core.analysis import quality, reconcile
from nhs_core.present import findings as f

JAN, FEB, MAR = "2021-01-01", "2021-02-01", "2021-03-01"


def durations(rows: list[tuple]) -> pd.DataFrame:
    """Rows of (ICB, date, duration, count)."""
    return frame([s.ICB, s.DATE, s.DURATION, s.COUNT], rows)


def categories(rows: list[tuple]) -> pd.DataFrame:
    """Rows of (ICB, date, national category, count)."""
    return frame([s.ICB, s.DATE, s.CATEGORY, s.COUNT], rows)


def test_unknown_shares_by_table_dimension_and_month_count_every_unknown_like_value():
    a = appointments([row(JAN, "Attended", 90), row(JAN, "Unknown", 10, mode="Unknown"), row(FEB, "DNA", 50)])
    d = durations([("I1", "2021-01-04", "1-5 Minutes", 30), ("I1", "2021-01-05", "Unknown / Data Quality", 10)])
    shares = quality.unknown_shares({s.APPOINTMENTS: a, s.DURATIONS: d, s.TWEETS: pd.DataFrame({"x": [1]})})
    by = shares.set_index([quality.TABLE, quality.DIMENSION, s.MONTH])[s.UNKNOWN_VALUE_SHARE]
    assert by[("Appointments by month", "Appointment status", pd.Timestamp(JAN))] == pytest.approx(0.1)
    assert by[("Appointments by month", "Appointment mode", pd.Timestamp(JAN))] == pytest.approx(0.1)
    assert by[("Appointments by month", "Appointment status", pd.Timestamp(FEB))] == 0
    assert by[("Actual durations", "Actual duration", pd.Timestamp(JAN))] == pytest.approx(0.25)
    assert quality.tables_in(shares) == ["Appointments by month", "Actual durations"]  # tweets have no months
    summary = quality.unknown_summary(shares).set_index([quality.TABLE, quality.DIMENSION])
    status = summary.loc[("Appointments by month", "Appointment status")]
    assert status[s.UNKNOWN_VALUE_SHARE] == pytest.approx(10 / 150)  # over every month's appointments
    assert (status[s.FIRST_MONTH_SHARE], status[s.LATEST_MONTH_SHARE]) == (pytest.approx(0.1), 0)
    assert summary.iloc[0].name == ("Actual durations", "Actual duration")  # largest first


def test_mapping_shares_are_of_each_months_national_category_appointments():
    c = categories(
        [
            ("I1", "2021-01-04", "Clinical Triage", 70),
            ("I1", "2021-01-04", "Unmapped", 20),
            ("I1", "2021-01-05", "Inconsistent Mapping", 10),
            ("I1", "2021-02-01", "Clinical Triage", 100),
        ]
    )
    mapping = quality.mapping_shares(c).set_index([s.MONTH, s.CATEGORY])[s.SHARE]
    assert mapping[(pd.Timestamp(JAN), "Unmapped")] == pytest.approx(0.2)
    assert mapping[(pd.Timestamp(JAN), "Inconsistent Mapping")] == pytest.approx(0.1)
    assert mapping[(pd.Timestamp(FEB), "Unmapped")] == 0  # a month fully mapped shows as zero, not missing


def test_coverage_sums_areas_then_divides():
    cover = frame(
        [s.SUB_ICB, s.MONTH, s.INCLUDED_PRACTICES, s.OPEN_PRACTICES, s.PATIENTS_INCLUDED, s.PATIENTS_OPEN],
        [("A", JAN, 9, 10, 900, 1000), ("B", JAN, 10, 10, 2000, 2000)],
    )
    out = quality.coverage(cover).iloc[0]
    assert out[s.PRACTICE_SHARE] == pytest.approx(19 / 20) and out[s.PATIENT_SHARE] == pytest.approx(2900 / 3000)


def test_gaps_name_the_missing_months_and_icb_months():
    a = appointments([row(JAN, icb="I1"), row(JAN, icb="I2"), row(MAR, icb="I1"), row("2021-05-01", icb="I2")])
    gap = quality.gaps({s.APPOINTMENTS: a}).iloc[0]
    assert (gap[s.MISSING_MONTHS], gap[s.MISSING_MONTHS_TEXT]) == (2, "Feb 2021, Apr 2021")
    assert gap[s.AREAS] == 2 and gap[s.MISSING_AREA_MONTHS] == 2  # I1 in May, I2 in March
    assert gap[s.MISSING_AREAS_TEXT] == "ICB I1 (May 2021); ICB I2 (Mar 2021)"


def _regional_and_categories(extra: int = 0):
    a = appointments([row(JAN, "Attended", 900), row(JAN, "DNA", 100), row(FEB, "Attended", 1000)])
    a = pd.concat([a, appointments([row(JAN, "Attended", 500, icb="I9")])], ignore_index=True)  # not in the other
    c = categories([("I1", "2021-01-04", "Clinical Triage", 1000 + extra), ("I1", "2021-02-01", "Walk-in", 1000)])
    return {s.APPOINTMENTS: a, s.CATEGORIES: c}


def test_tables_that_agree_over_the_icbs_both_cover_agree_exactly():
    (outcome,) = reconcile.run_checks(_regional_and_categories())
    assert outcome.exact and not outcome.material
    assert outcome.months[s.FIRST_TOTAL].tolist() == [1000, 1000]  # ICB I9 is left out: the other lacks it
    assert "agree exactly (2 months both cover" in outcome.text


def test_a_material_gap_is_reported_with_its_month_and_cited_by_the_findings():
    tables = _regional_and_categories(extra=-20)
    (outcome,) = reconcile.run_checks(tables)
    assert outcome.material and not outcome.exact
    assert "by more than 0.1% in 1 of 2 months" in outcome.text
    assert "-2.00% (-20 appointments) in Jan 2021" in outcome.text
    cited = [x for x in f.findings(tables) if x.page == f.DATA_QUALITY]
    assert [(x.topic, x.value) for x in cited] == [("Tables disagree", "-2.00%")]
    assert reconcile.run_checks({s.APPOINTMENTS: tables[s.APPOINTMENTS]}) == []  # nothing to compare with


def test_durations_are_compared_with_attended_appointments_only():
    a = appointments([row(JAN, "Attended", 40), row(JAN, "DNA", 5)])
    d = durations([("I1", "2021-01-04", "1-5 Minutes", 30), ("I1", "2021-01-05", "6-10 Minutes", 10)])
    (outcome,) = reconcile.run_checks({s.APPOINTMENTS: a, s.DURATIONS: d})
    assert outcome.exact and outcome.text.startswith("The attended appointments by month and the actual durations")


def test_the_real_official_sample_durations_match_attended_appointments_exactly():
    folder = SHARED_DATA / "official-sample"
    if not folder.is_dir():
        pytest.skip(f"the official sample files are not at {folder}")
    from nhs_core.load.ingest import ingest_paths

    tables = ingest_paths([folder]).tables
    (outcome,) = reconcile.run_checks(tables)
    assert outcome.exact and len(outcome.months) == 3  # Sep to Nov 2025, Lincolnshire only
    assert quality.gaps(tables)[s.MISSING_MONTHS].sum() == 0


def test_a_chart_of_unknown_shares_says_when_two_breakdowns_draw_the_same_line():
    from nhs_core.present import quality as shown

    a = appointments([row(JAN, "Unknown", 10, mode="Unknown"), row(JAN, "Attended", 90), row(FEB, "DNA", 50)])
    b = appointments([row(JAN, "Unknown", 10), row(JAN, "Attended", 90, mode="Unknown"), row(FEB, "DNA", 50)])
    same, apart = (
        shown.unknown_over_time(quality.unknown_shares({s.APPOINTMENTS: t}), "Appointments by month") for t in (a, b)
    )
    subtitle = " ".join(same.chart.to_dict()["title"]["subtitle"])
    assert "Appointment mode and appointment status are the same every month, so one line hides the other" in subtitle
    assert "Appointment mode and" not in " ".join(apart.chart.to_dict()["title"]["subtitle"])
