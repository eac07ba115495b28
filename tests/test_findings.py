"""nhs_core.findings, headlines and kpis: sentences carry numbers computed from the data, known by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from nhs_core import schema as s
from nhs_core.analysis import metrics
from nhs_core.present import findings as f
from nhs_core.present import headlines as h
from nhs_core.present import kpis
from tests.tiny import appointments, frame, row

A = appointments(
    [
        row("2021-01-01", "Attended", 2790, icb="I1"),
        row("2021-01-01", "DNA", 10, icb="I1"),
        row("2021-01-01", "Attended", 400, icb="I2", mode="Telephone", lead="More than 28 Days"),
        row("2021-01-01", "DNA", 100, icb="I2", mode="Telephone", lead="More than 28 Days"),
        row("2021-02-01", "Attended", 1400, icb="I1", mode="Telephone"),
    ]
)
CATEGORIES = frame([s.DATE, s.COUNT], [("2021-01-04", 300), ("2021-01-05", 100)])
DURATIONS = frame(
    [s.DATE, s.DURATION, s.COUNT],
    [
        ("2021-01-04", "1-5 Minutes", 10),
        ("2021-01-04", "6-10 Minutes", 30),
        ("2021-01-05", "Unknown / Data Quality", 60),
    ],
)
TWEETS = pd.DataFrame({s.TWEET_TEXT: ["#NHS #gp", "#nhs"], s.TWEET_RETWEETS: [1, 2], s.TWEET_FAVOURITES: [0, 0]})
TABLES = {s.APPOINTMENTS: A, s.CATEGORIES: CATEGORIES, s.DURATIONS: DURATIONS, s.TWEETS: TWEETS}


def _by_topic(found):
    return {x.topic: x for x in found}


def test_findings_carry_their_numbers_and_pages():
    found = _by_topic(f.findings(TABLES, capacity=100, days="calendar"))
    assert found["Busiest month"].text.startswith("Jan 2021 was the busiest month: 106 appointments a calendar day")
    assert found["Busiest month"].page == f.CAPACITY
    assert "Feb 2021 was the quietest: 50 a calendar day, 53.0% below the busiest" in found["Quietest month"].text
    assert found["DNA rate"].value == "2.34%"  # 110 / (4,590 + 110)
    assert "ICB I2: 20.00% against 2.34% overall" in found["Highest DNA rate"].text
    assert found["Lead-time effect"].value == "84.0x"  # 20% beyond 28 days against 10 / 4,200 same day
    assert "fell from 84.8% to 0.0%" in found["Mode shift"].text and found["Mode shift"].page == f.SERVICES
    assert (
        found["Capacity headroom"].value == "106%"
        and "6 a calendar day over; 1 of 2 months" in found["Capacity headroom"].text
    )
    assert found["Busiest weekday"].text.startswith("Monday is the busiest weekday: 300")
    assert "50.0% above" in found["Busiest weekday"].text
    assert (
        found["Appointment length"].value == "6.8 min"
        and "60.0% have no usable duration" in found["Appointment length"].text
    )
    assert found["Top hashtags"].value == "#nhs" and found["Top hashtags"].page == f.SOCIAL


def test_findings_are_per_working_day_by_default():
    found = _by_topic(f.findings(TABLES, capacity=100))
    # Jan 2021 has 20 working days (New Year's Day is a bank holiday), Feb 2021 has 20.
    assert found["Busiest month"].text.startswith("Jan 2021 was the busiest month: 165 appointments a working day")
    assert "Feb 2021 was the quietest: 70 a working day" in found["Quietest month"].text
    assert "planned 100 a working day, 65 a working day over" in found["Capacity headroom"].text


def test_one_month_has_no_quietest_month_finding():
    one = _by_topic(f.findings({s.APPOINTMENTS: A[A[s.MONTH] == pd.Timestamp("2021-01-01")]}))
    assert "Busiest month" in one and "Quietest month" not in one


def test_recommendations_follow_from_the_numbers():
    found = f.findings(TABLES, capacity=100)
    advice = {r.because: r.text for r in f.recommendations(found)}
    assert "Demand passed planned capacity in 1 month" in advice["Capacity headroom"]
    assert "ahead of Jan" in advice["Capacity headroom"]
    assert "more than 28 days ahead" in advice["Lead-time effect"] and "84.0 times" in advice["Lead-time effect"]
    assert advice["Highest DNA rate"].startswith("Start DNA reduction in ICB I2")
    assert advice["Mode shift"].startswith("Keep telephone and online capacity staffed")
    assert "Mondays" in advice["Busiest weekday"]
    assert "60.0%" in advice["Appointment length"]
    assert advice["Top hashtags"].startswith("Use #nhs and #gp")


def test_headroom_advice_changes_with_capacity():
    roomy = {r.because: r.text for r in f.recommendations(f.findings(TABLES, capacity=1_000, days="calendar"))}
    assert roomy["Capacity headroom"].startswith("Even the busiest month used only 11%")
    tight = {r.because: r.text for r in f.recommendations(f.findings(TABLES, capacity=110, days="calendar"))}
    assert tight["Capacity headroom"].startswith("At its peak demand used 97%")


def test_weak_effects_give_no_recommendation():
    flat = appointments(
        [
            row("2021-01-01", "Attended", 900, icb="I1"),
            row("2021-01-01", "DNA", 100, icb="I1"),
            row("2021-01-01", "Attended", 900, icb="I2"),
            row("2021-01-01", "DNA", 100, icb="I2"),
        ]
    )
    topics = {r.because for r in f.recommendations(f.findings({s.APPOINTMENTS: flat}))}
    assert topics == {"Capacity headroom"}


def test_missing_tables_leave_their_findings_out():
    assert [x.topic for x in f.findings({s.TWEETS: TWEETS})] == ["Top hashtags"]
    assert f.findings({}) == []


def test_for_page_and_as_table():
    found = f.findings(TABLES, capacity=100)
    mine, advice = f.for_page(found, f.CAPACITY)
    assert {x.topic for x in mine} == {"Busiest month", "Quietest month", "Capacity headroom", "Busiest weekday"}
    assert {r.because for r in advice} == {"Capacity headroom", "Busiest weekday"}
    table = f.as_table(found, f.recommendations(found))
    assert table.columns.tolist() == ["kind", "topic", "text", "value", "page"]
    assert table["kind"].value_counts().to_dict() == {"Finding": len(found), "Recommendation": 7}


def test_findings_change_with_the_data():
    later = A.assign(**{s.MONTH: A[s.MONTH] + pd.DateOffset(years=1)})
    text = _by_topic(f.findings({s.APPOINTMENTS: later}))["Busiest month"].text
    assert text.startswith("Jan 2022 was the busiest month")


@pytest.mark.parametrize(
    ("value", "text"),
    [(30_012_345, "30.0 million"), (1_234_567, "1.23 million"), (993_647.3, "993,647"), (float("nan"), "n/a")],
)
def test_number(value, text):
    assert h.number(value) == text


def test_headlines_state_the_finding():
    monthly = metrics.per_day(metrics.monthly_totals(A))
    assert (
        h.peak_month(monthly, " in England") == "Appointments in England peaked in Jan 2021: 3,300, 165 a working day"
    )
    lead = metrics.dna_rate_by(A, s.LEAD)
    assert h.lead_time_effect(lead) == (
        "The DNA rate rises from 0.24% for same day appointments to 20.00% for those booked more than 28 days ahead"
    )
    assert h.highest_rate(metrics.dna_rate_by(A, s.MODE), s.MODE, 0.02) == (
        "Telephone has the highest DNA rate: 5.26%, against 2.00% overall"
    )
    assert h.status_split(metrics.status_totals(A)) == (
        "2.3% of appointments were missed (DNA) and 0.0% have an unknown status"
    )
    assert h.year_on_year(metrics.year_on_year(monthly)).startswith("A year-on-year comparison needs")


def test_kpis_give_deltas_only_against_a_year_earlier():
    monthly = metrics.per_day(metrics.monthly_totals(A))
    items = kpis.engagement(monthly)
    assert items[0] == {"label": "Appointments in the selection", "value": "4,700", "help": items[0]["help"]}
    assert "delta" not in items[1]  # no Feb 2020 to compare with
    national = pd.concat([monthly, monthly.assign(**{s.COUNT: monthly[s.COUNT] * 3})])
    assert kpis.engagement(monthly, national)[-1]["value"] == "25.0%"
    two_years = pd.concat(
        [monthly, monthly.assign(**{s.MONTH: monthly[s.MONTH] + pd.DateOffset(years=1), s.COUNT: monthly[s.COUNT] * 2})]
    )
    assert kpis.engagement(metrics.per_day(two_years))[1]["delta"] == "+100.0% on a year earlier"


def test_attendance_kpi_delta_is_in_points_and_inverse():
    rates = pd.DataFrame({s.MONTH: pd.to_datetime(["2020-01-01", "2021-01-01"]), s.DNA_RATE: [0.05, 0.04]})
    items = kpis.attendance(metrics.status_totals(A), rates, 0.045)
    assert items[1]["delta"] == "-1.0 points on a year earlier" and items[1]["delta_color"] == "inverse"
    assert items[0]["value"] == "4.50%"


def test_an_autumn_peak_driven_by_other_staff_is_flagged_as_the_vaccination_campaign():
    autumn = appointments(
        [
            row("2024-09-01", "Attended", 2_000, hcp="GP"),
            row("2024-10-01", "Attended", 2_000, hcp="GP"),
            row("2024-10-01", "Attended", 1_500, hcp="Other Practice staff"),
            row("2024-11-01", "Attended", 2_000, hcp="GP"),
            row("2024-11-01", "Attended", 200, hcp="Other Practice staff"),
        ]
    )
    found = _by_topic(f.findings({s.APPOINTMENTS: autumn}, capacity=100))
    assert "autumn vaccination campaign" in found["Busiest month"].text
    assert "42.9% of that month's appointments against 4.8%" in found["Busiest month"].text
    advice = {r.because: r.text for r in f.recommendations(list(found.values()))}
    assert "not extra GP sessions" in advice["Capacity headroom"] and "add sessions" not in advice["Capacity headroom"]
    gp_led = autumn.assign(**{s.HCP: autumn[s.HCP].map(lambda _: "GP").astype(autumn[s.HCP].dtype)})
    plain = _by_topic(f.findings({s.APPOINTMENTS: gp_led}, capacity=100))
    assert "vaccination" not in plain["Busiest month"].text


def test_findings_per_1000_patients_name_the_areas_and_their_denominator():
    from tiny import appointments, row

    a = appointments(
        [
            row("2021-01-01", "Attended", 900, icb="I1"),
            row("2021-01-01", "DNA", 100, icb="I1"),
            row("2021-01-01", "Attended", 570, icb="I2"),
            row("2021-01-01", "DNA", 30, icb="I2"),
        ]
    )
    coverage = pd.DataFrame(
        {s.ICB: ["I1", "I2"], s.MONTH: pd.to_datetime(["2021-01-01"] * 2), s.PATIENTS_INCLUDED: [2_000, 3_000]}
    )
    found = {x.topic: x for x in f.findings({s.APPOINTMENTS: a, s.COVERAGE: coverage}, 1_200_000)}
    most = found["Appointments per 1,000 patients"].text
    # By hand: ICB I1 1,000 / 2,000 patients = 500.0 per 1,000; I2 600 / 3,000 = 200.0; both 1,600 / 5,000 = 320.0.
    assert most.startswith("ICB I1 had the most appointments a month per 1,000 registered patients (500.0)")
    assert "ICB I2 the fewest (200.0), against 320.0 over the 2 ICBs compared" in most and "Denominator:" in most
    missed = found["Missed appointments per 1,000 patients"].text  # I1 100 / 2,000 = 50.0; both 130 / 5,000 = 26.0
    assert missed.startswith(
        "ICB I1 had the most missed (DNA) appointments a month per 1,000 registered patients: 50.0"
    )
    assert "against 26.0" in missed
    tables = {s.APPOINTMENTS: a, s.COVERAGE: coverage}
    mixed = {x.topic for x in f.findings(tables, 1_200_000, synthetic=(s.COVERAGE,))}
    assert "Appointments per 1,000 patients" not in mixed  # a real count over a synthetic denominator: no rate


def test_a_mode_share_that_did_not_move_is_not_said_to_have_fallen():
    # 55.0% face-to-face in both months: "fell from 55.0% to 55.0%" and "-0.0 points" would claim a change
    steady = appointments(
        [
            row("2021-01-01", "Attended", 5500),
            row("2021-01-01", "Attended", 4500, mode="Telephone"),
            row("2021-02-01", "Attended", 5499),
            row("2021-02-01", "Attended", 4501, mode="Telephone"),
        ]
    )
    found = _by_topic(f.findings({s.APPOINTMENTS: steady}, capacity=100, days="calendar"))
    assert found["Mode shift"].value == "0.0 points"
    assert found["Mode shift"].text.startswith("Face-to-Face appointments stayed at 55.0% of the total")
    assert "fell" not in found["Mode shift"].text
