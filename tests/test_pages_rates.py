"""Rates per 1,000 registered patients on the pages that compare areas, on the bundled sample (its coverage table
is synthetic like the rest): the figures match plain pandas over the sample's own CSV files, and a real table
beside the sample's coverage gets no rate at all."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from nhs_core import app, geography
from nhs_core import schema as s
from nhs_core.app.data import ActiveData
from tests.pagetest import BUNDLED, ROOT, assert_ok, run_page


@pytest.fixture(autouse=True)
def _empty_store(tmp_path, monkeypatch):
    monkeypatch.setenv("NHS_EXPLORER_STORE", str(tmp_path / "store"))


def _by_hand(status: str | None = None) -> pd.Series:
    """Appointments (of `status`) per 1,000 patient-months by ICB name, from the sample's CSVs in plain pandas."""
    appointments = pd.read_csv(BUNDLED / "appointments_regional.csv")
    if status:
        appointments = appointments[appointments["appointment_status"] == status]
    coverage = pd.read_csv(BUNDLED / "practice_coverage.csv")
    counts = appointments.groupby("icb_ons_code")["count_of_appointments"].sum()
    patients = coverage.groupby("ICB_ONS_CODE")["Patients registered at included practices"].sum()
    rates = counts * 1000 / patients  # every ICB and month of the sample is in both files
    names = geography.icbs().set_index(s.ICB)[s.ICB_NAME]
    return rates.rename(index=names).sort_index()


def _shown(at, column: str = s.PER_THOUSAND) -> pd.Series:
    frames = [df.value for df in at.dataframe if column in df.value.columns and s.AREA in df.value.columns]
    assert len(frames) == 1, "one table of rates per 1,000 on the page"
    return frames[0].set_index(s.AREA)[column].sort_index()


@pytest.mark.skipif(not (BUNDLED / "practice_coverage.csv").exists(), reason="the bundled sample is not in data/")
@pytest.mark.parametrize(
    ("page", "level_key", "status"),
    [
        ("pages/1_Engagement.py", app.Keys.ENGAGEMENT_LEVEL, None),
        ("pages/2_Attendance.py", app.Keys.ATTENDANCE_LEVEL, "DNA"),
    ],
)
def test_icb_rates_per_1000_patients_are_appointments_over_patient_months(page, level_key, status, monkeypatch):
    at = run_page(ROOT / page, monkeypatch, None)
    at.radio(key=level_key).set_value(s.ICB).run()
    assert_ok(at)
    shown = _shown(at)
    expected = _by_hand(status)
    assert list(shown.index) == list(expected.index)
    assert shown.to_numpy() == pytest.approx(expected.to_numpy(), rel=1e-9)
    titles = [" ".join(json.loads(chart.proto.spec)["title"]["text"]) for chart in at.get("vega_lite_chart")]
    headline = (
        f"{expected.idxmax()} has the most {'missed (DNA) ' if status else ''}appointments per 1,000 registered "
        f"patients a month: {expected.max():,.1f}"
    )
    assert any(headline in title for title in titles), "the chart's title names the top area and its rate"


def test_a_real_table_beside_the_sample_coverage_gets_no_rate():
    mixed = ActiveData({}, is_sample=False, source="upload", synthetic=(s.COVERAGE,))
    assert not mixed.same_source(s.APPOINTMENTS, s.COVERAGE) and mixed.same_source(s.COVERAGE)
    assert ActiveData({}, is_sample=False, source="upload").same_source(s.APPOINTMENTS, s.COVERAGE)
    sample = ActiveData({}, is_sample=True, source="sample", synthetic=(s.APPOINTMENTS, s.COVERAGE))
    assert sample.same_source(s.APPOINTMENTS, s.COVERAGE)


@pytest.mark.skipif(not (BUNDLED / "sds_roles.csv").exists(), reason="the bundled sample is not in data/")
def test_the_workforce_page_names_the_same_fastest_growing_role_as_the_findings(monkeypatch):
    """The chart's title used growth in appointments per day and the finding share points: they could name two
    different groups. Both now say the share change, in the same words."""
    from nhs_core.app.data import active_data
    from nhs_core.present import findings
    from tests.pagetest import PAGE

    at = run_page(PAGE["Workforce and national overview"], monkeypatch, None)
    assert_ok(at)
    title = " ".join(json.loads(at.get("vega_lite_chart")[0].proto.spec)["title"]["text"])
    found = {x.topic: x for x in findings.findings(active_data().tables, 1_200_000)}
    text = found["Fastest-growing staff role"].text
    assert "grew most as a share of appointments" in title and text.startswith(
        title.removeprefix("[Synthetic sample] ")
    )
