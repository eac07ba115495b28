"""App tests of the shared selection across pages: the URL round trip restores the filters, filters survive a page
switch, reset clears them, an empty selection or a missing table shows a message, and a replaced version shows at
once."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from nhs_core import app
from nhs_core.app import navigation
from tests.pagetest import FIXTURE, PAGE, ROOT, assert_ok, dna_rate_text, fixture_appointments, metric, run_page


@pytest.fixture(autouse=True)
def _empty_store(tmp_path, monkeypatch):
    """Every app test reads an empty store of its own, so no uploaded version hides the folder under test."""
    monkeypatch.setenv("NHS_EXPLORER_STORE", str(tmp_path / "store"))


def test_url_opens_the_same_view(monkeypatch):
    query = {"region": "E40000012", "from": "2021-12", "to": "2022-01", "mode": "Telephone"}
    at = run_page(PAGE["Attendance"], monkeypatch, query=query)
    assert_ok(at)
    assert at.multiselect(key=app.Keys.REGION).value == ["E40000012"]
    assert at.multiselect(key=app.Keys.MODE).value == ["Telephone"]
    assert at.select_slider(key=app.Keys.PERIOD).value == ("2021-12", "2022-01")
    frame = fixture_appointments()
    part = frame[
        (frame["region_ons_code"] == "E40000012")
        & frame["appointment_month"].isin(["2021-12", "2022-01"])
        & (frame["appointment_mode"] == "Telephone")
    ].groupby("appointment_status")["count_of_appointments"]
    totals = part.sum()
    assert metric(at, "DNA rate") == dna_rate_text(totals)
    assert dict(at.query_params) == query


def test_changed_filters_round_trip_through_the_url(monkeypatch):
    first = run_page(PAGE["Engagement"], monkeypatch)
    first.multiselect(key=app.Keys.REGION).set_value(["E40000011", "E40000005"]).run()
    first.select_slider(key=app.Keys.PERIOD).set_range("2021-12", "2022-02").run()
    first.multiselect(key=app.Keys.STATUS).set_value(["DNA"]).run()
    figures = [m.value for m in first.metric]
    second = run_page(PAGE["Engagement"], monkeypatch, query=dict(first.query_params))
    assert_ok(second)
    assert [m.value for m in second.metric] == figures
    assert second.multiselect(key=app.Keys.REGION).value == ["E40000011", "E40000005"]


def test_filters_survive_a_page_switch(monkeypatch):
    monkeypatch.setenv(app.SAMPLE_DIR_ENV, str(FIXTURE))
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60).run()
    at.switch_page(navigation.page("Engagement").path).run()
    at.multiselect(key=app.Keys.REGION).set_value(["E40000011"]).run()
    at.number_input(key=app.Keys.CAPACITY).set_value(7_000).run()
    at.switch_page(navigation.page("Capacity and seasonality").path).run()
    assert_ok(at)
    assert at.multiselect(key=app.Keys.REGION).value == ["E40000011"]
    assert at.number_input(key=app.Keys.CAPACITY).value == 7_000
    assert at.query_params["region"] == "E40000011"


def test_reset_clears_every_filter(monkeypatch):
    at = run_page(PAGE["Engagement"], monkeypatch, query={"region": "E40000011", "from": "2021-12", "capacity": "9"})
    at.button(key=app.Keys.RESET).click().run()
    assert_ok(at)
    assert at.multiselect(key=app.Keys.REGION).value == []
    assert at.select_slider(key=app.Keys.PERIOD).value == ("2021-11", "2022-02")
    # The fixture covers 3 of England's 42 ICBs: an area, with no coverage file to scale the national capacity,
    # so after a reset the capacity is blank until the user enters the area's own.
    assert at.number_input(key=app.Keys.CAPACITY).value is None
    assert any("not all of England" in c.value for c in at.caption)
    assert dict(at.query_params) == {}


def test_a_selection_with_no_data_shows_a_message(monkeypatch):
    at = run_page(PAGE["Durations"], monkeypatch, query={"from": "2021-11", "to": "2021-11"})
    assert_ok(at)
    assert any("matches the filters" in w.value and "Reset filters" in w.value for w in at.warning)
    assert not at.get("vega_lite_chart") and not at.metric


def test_a_missing_table_shows_a_message(monkeypatch, tmp_path):
    (tmp_path / "appointments_regional.csv").write_bytes((FIXTURE / "appointments_regional.csv").read_bytes())
    at = run_page(PAGE["Durations"], monkeypatch, folder=tmp_path)
    assert_ok(at)
    assert any("No actual durations data is loaded" in w.value for w in at.warning)
    at = run_page(PAGE["Social media"], monkeypatch, folder=tmp_path)
    assert_ok(at)
    assert at.warning


def test_pages_show_a_replaced_version_at_once(tmp_path, monkeypatch):
    """The metric cache is keyed by the store's version: after a replace, the same session sees the new data."""
    from conftest import appointments_csv, upload

    from nhs_core.store import Store

    at = run_page(PAGE["Engagement"], monkeypatch)
    before = metric(at, "Appointments in the selection")
    new = upload(("new.csv", appointments_csv(["2024-01", "2024-02"], 1000)))
    store = Store(tmp_path / "store", FIXTURE)
    store.replace(new, [])
    at.run()
    assert_ok(at)
    # The upload replaces the appointments table: Jan and Feb 2024, 2 ICBs, 10 x 1,000 a month each.
    assert metric(at, "Appointments in the selection") == "40,000" != before
    # The untouched period follows, over the real table only: the fixture's other tables are the synthetic
    # sample, left out beside real data, so their months (from Nov 2021) are not offered.
    assert at.select_slider(key=app.Keys.PERIOD).value == ("2024-01", "2024-02")
    assert "version v0001" in " ".join(c.value for c in at.caption)
