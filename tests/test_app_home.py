"""The home page on the bundled sample: no exception, the synthetic banner, figures equal to direct sums."""

import csv
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from nhs_core import definitions as d

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("NHS_EXPLORER_STORE", str(tmp_path / "store"))
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
    return at.run()


def _raw_totals() -> dict[str, int]:
    totals: dict[str, int] = {}
    with (ROOT / "data" / "appointments_regional.csv").open(newline="") as fh:
        for row in csv.DictReader(fh):
            status = row["appointment_status"]
            totals[status] = totals.get(status, 0) + int(row["count_of_appointments"])
    return totals


def test_home_page_shows_the_sample_banner_and_direct_sums(home):
    assert not home.exception
    assert any("Sample data (synthetic)" in info.value for info in home.info)
    metrics = {m.label: m.value for m in home.metric}
    totals = _raw_totals()
    assert metrics["Total appointments"] == f"{sum(totals.values()):,}"
    dna_rate = d.DNA_RATE.formula(totals["Attended"], totals["DNA"], totals["Unknown"])
    assert metrics["DNA rate"] == d.DNA_RATE.show(dna_rate)
    assert metrics["Unknown share"] == f"{totals['Unknown'] / sum(totals.values()):.1%}"


def test_home_page_lists_every_loaded_table(home):
    table = home.dataframe[0].value
    assert set(table["Table"]) == {
        "Appointments by month",
        "Actual durations",
        "National categories",
        "Tweets",
        "Appointments by practice",
        "Registered patients by practice",
        "Appointments by staff role",
        "National overview",
    }
    assert table.set_index("Table").loc["Tweets", "Appointments"] == "not counted"
