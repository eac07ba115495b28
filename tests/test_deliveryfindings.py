"""Findings on who delivers care and how soon: role growth needs 12 months, same-day share against a year
earlier, the DNA hours estimate, and recording recommendations only when material (5% of appointments);
findings from a synthetic table shown beside real ones say so."""

from __future__ import annotations

import pandas as pd

from nhs_core import definitions as d
from nhs_core import schema as s
from nhs_core.present import findings
from tests.tiny import appointments, frame, row


def roles(months: int, unknown: int) -> pd.DataFrame:
    rows = []
    for i, month in enumerate(pd.date_range("2021-01-01", periods=months, freq="MS")):
        rows += [(month, "GP", 100), (month, "Nurses", 50 + 10 * i), (month, "Unknown", unknown)]
    out = frame([s.MONTH, s.SDS_ROLE, s.COUNT], rows)
    return out


def by_topic(found):
    return {f.topic: f for f in found}


def test_role_growth_needs_twelve_months_and_names_the_group_whose_share_rose_most():
    few = by_topic(findings.findings({s.SDS_ROLES: roles(6, 0)}))
    assert "too few" in few["Staff role growth"].text and "12" in few["Staff role growth"].text
    year = by_topic(findings.findings({s.SDS_ROLES: roles(12, 0)}))["Fastest-growing staff role"]
    assert year.text.startswith("Nurses grew most") and year.value.startswith("+")


def test_recording_advice_only_when_material_and_the_text_says_what_material_means():
    assert d.MATERIAL_UNRECORDED == 0.05 and d.MATERIAL_UNRECORDED != d.MATERIAL_GAP
    low = findings.findings({s.SDS_ROLES: roles(2, 1)})  # 1 of 251: under 5%
    high = findings.findings({s.SDS_ROLES: roles(2, 30)})  # 30 of 280: over 5%
    assert (
        "below what is counted as material (at least 5% of appointments)"
        in by_topic(low)["Staff role not recorded"].text
    )
    assert not [r for r in findings.recommendations(low) if r.because == "Staff role not recorded"]
    advice = [r for r in findings.recommendations(high) if r.because == "Staff role not recorded"]
    assert advice and "data-entry standards" in advice[0].text and "at least 5%" in advice[0].text


def test_same_day_share_against_a_year_earlier_only_with_that_month():
    a = appointments(
        [
            row("2021-01-01", "Attended", 30, lead="Same Day"),
            row("2021-01-01", "Attended", 70, lead="1 Day"),
            row("2022-01-01", "Attended", 40, lead="Same Day"),
            row("2022-01-01", "Attended", 60, lead="1 Day"),
        ]
    )
    got = by_topic(findings.findings({s.APPOINTMENTS: a}))["Same-day access"]
    assert "40.0%" in got.text and "30.0%" in got.text and got.value == "+10.0 points"
    later_only = a[a[s.MONTH] == pd.Timestamp("2022-01-01")]
    assert "Same-day access" not in by_topic(findings.findings({s.APPOINTMENTS: later_only}))


def test_a_finding_from_a_synthetic_table_beside_real_ones_says_so():
    found = by_topic(findings.findings({s.SDS_ROLES: roles(12, 0)}, synthetic=(s.SDS_ROLES,)))
    assert found["Staff role not recorded"].text.startswith("Synthetic sample")
    real = by_topic(findings.findings({s.SDS_ROLES: roles(12, 0)}))
    assert not real["Staff role not recorded"].text.startswith("Synthetic sample")


def test_the_briefing_badges_a_finding_from_a_synthetic_table_beside_real_ones():
    from nhs_core.briefing.build import build_briefing

    def texts(briefing) -> list[str]:
        return [text for topic, text in briefing.findings if topic.startswith("Staff role not recorded")]

    assert texts(build_briefing({s.SDS_ROLES: roles(12, 0)}, synthetic=(s.SDS_ROLES,)))[0].startswith("Synthetic")
    assert not texts(build_briefing({s.SDS_ROLES: roles(12, 0)}))[0].startswith("Synthetic")
