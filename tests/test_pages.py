"""App tests (streamlit AppTest) for every explorer page in the list of pages: they run on the bundled sample and
on a small fixture with the anatomy the list says; changing a filter changes the figures to what plain pandas
computes independently (`tests/pagetest.py`)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from nhs_core import app
from nhs_core.present import notes
from tests.pagetest import (
    BUNDLED,
    EXPLORER,
    FIXTURE,
    PAGE,
    PAGES,
    ROOT,
    assert_ok,
    big,
    dna_rate_text,
    fixture_appointments,
    fixture_durations,
    fixture_per_day,
    fixture_tweets,
    metric,
    run_page,
)

MIDPOINTS = {
    "1-5 Minutes": 3,
    "6-10 Minutes": 8,
    "11-15 Minutes": 13,
    "16-20 Minutes": 18,
    "21-30 Minutes": 25.5,
    "31-60 Minutes": 45.5,
}


@pytest.fixture(autouse=True)
def _empty_store(tmp_path, monkeypatch):
    """Every app test reads an empty store of its own, so no uploaded version hides the folder under test."""
    monkeypatch.setenv("NHS_EXPLORER_STORE", str(tmp_path / "store"))


# --- every page runs ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("page", EXPLORER, ids=lambda p: p.label)
@pytest.mark.parametrize("folder", ["bundled", "fixture"])
def test_page_runs_with_its_anatomy(page, folder, monkeypatch):
    if folder == "bundled" and not (BUNDLED / "appointments_regional.csv").exists():
        pytest.skip("the bundled sample in data/ is not there")
    at = run_page(ROOT / page.path, monkeypatch, None if folder == "bundled" else FIXTURE)
    assert_ok(at)
    if folder == "fixture" and page.needs:  # the LSE fixture has only the four LSE tables
        assert [w.value for w in at.warning] == [notes.not_loaded(page.needs)]
        return
    assert at.title and at.markdown, "title and the line on what the page answers"
    assert len(at.metric) >= 3, "a KPI row"
    assert "About this data" in [e.label for e in at.expander]
    assert (app.Keys.RESET in [b.key for b in at.button]) == page.shared_filters, "the shared filters, as listed"
    charts_shown = len(at.get("vega_lite_chart"))
    assert bool(charts_shown) == page.charts, "charts, as listed"
    behind = [e for e in at.expander if e.label.startswith("The table behind the chart")]
    downloads = [d.label for d in at.get("download_button")]
    assert (downloads.count("PNG image"), downloads.count("SVG image"), len(behind)) == (
        charts_shown,
        charts_shown,
        charts_shown,
    ), "a PNG and an SVG download and the table behind it under every chart"
    assert all([d.label for d in e.get("download_button")] == ["Download CSV"] for e in behind), "its CSV download"


def test_every_widget_has_an_explicit_key(monkeypatch):
    for page in PAGES:
        at = run_page(page, monkeypatch)
        for kind in (
            "multiselect",
            "select_slider",
            "number_input",
            "radio",
            "checkbox",
            "toggle",
            "slider",
            "text_input",
            "button",
        ):
            for widget in at.get(kind):
                assert widget.key, f"{page.stem}: {kind} {widget.label!r} has no key"


# --- filters change the figures -------------------------------------------------------------------------------
def test_engagement_region_filter(monkeypatch):
    at = run_page(PAGE["Engagement"], monkeypatch)
    everything = fixture_appointments()
    assert metric(at, "Appointments in the selection") == big(everything["count_of_appointments"].sum())
    at.multiselect(key=app.Keys.REGION).set_value(["E40000011"]).run()
    assert_ok(at)
    midlands = everything[everything["region_ons_code"] == "E40000011"]["count_of_appointments"].sum()
    assert metric(at, "Appointments in the selection") == big(midlands)
    share = midlands / everything["count_of_appointments"].sum()
    assert metric(at, "Share of England") == f"{share:.1%}"
    assert at.query_params["region"] == "E40000011"


def test_icb_choices_are_narrowed_by_region(monkeypatch):
    at = run_page(PAGE["Engagement"], monkeypatch)
    assert len(at.multiselect(key=app.Keys.ICB).options) == 3
    at.multiselect(key=app.Keys.REGION).set_value(["E40000005"]).run()
    assert at.multiselect(key=app.Keys.ICB).options == ["NHS Frimley Integrated Care Board"]
    assert at.multiselect(key=app.Keys.SUB_ICB).options == ["NHS Frimley ICB - D4U1Y"]


def test_attendance_mode_filter(monkeypatch):
    at = run_page(PAGE["Attendance"], monkeypatch)
    at.multiselect(key=app.Keys.MODE).set_value(["Telephone"]).run()
    assert_ok(at)
    frame = fixture_appointments()
    phone = frame[frame["appointment_mode"] == "Telephone"].groupby("appointment_status")["count_of_appointments"].sum()
    assert metric(at, "DNA rate") == dna_rate_text(phone)


def test_services_status_filter(monkeypatch):
    at = run_page(PAGE["Services and workforce"], monkeypatch)
    at.multiselect(key=app.Keys.STATUS).set_value(["Attended"]).run()
    assert_ok(at)
    frame = fixture_appointments()
    feb = frame[(frame["appointment_month"] == "2022-02") & (frame["appointment_status"] == "Attended")]
    f2f = feb.loc[feb["appointment_mode"] == "Face-to-Face", "count_of_appointments"].sum()
    assert metric(at, "Face-to-Face share, Feb 2022") == f"{f2f / feb['count_of_appointments'].sum():.1%}"


def test_durations_area_filter(monkeypatch):
    at = run_page(PAGE["Durations"], monkeypatch)
    at.multiselect(key=app.Keys.REGION).set_value(["E40000005"]).run()
    assert_ok(at)
    frame = fixture_durations()
    frame = frame[(frame["region_ons_code"] == "E40000005") & frame["actual_duration"].isin(list(MIDPOINTS))]
    mean = (frame["actual_duration"].map(MIDPOINTS) * frame["count_of_appointments"]).sum() / frame[
        "count_of_appointments"
    ].sum()
    assert metric(at, "Estimated mean duration") == f"{mean:.1f} min"


def test_capacity_input_and_period_change_utilisation(monkeypatch):
    at = run_page(PAGE["Capacity and seasonality"], monkeypatch)
    at.number_input(key=app.Keys.CAPACITY).set_value(5_000).run()
    assert_ok(at)
    per_day = fixture_per_day()
    assert metric(at, "Utilisation at the peak") == f"{per_day.max() / 5_000:.0%}"
    at.select_slider(key=app.Keys.PERIOD).set_range("2022-01", "2022-02").run()
    assert_ok(at)
    later = per_day[["2022-01", "2022-02"]]
    busiest = pd.Timestamp(later.idxmax())
    assert metric(at, "Busiest month") == big(later.max())
    assert [m.label for m in at.metric][0] == f"Busiest month: {busiest:%b %Y}"
    assert any(c.value.startswith("Figures per working day: monthly total / working days") for c in at.caption)
    assert at.query_params["capacity"] == "5000" and at.query_params["from"] == "2022-01"


def test_basis_switch_changes_every_per_day_figure_and_the_url(monkeypatch):
    at = run_page(PAGE["Capacity and seasonality"], monkeypatch)
    at.radio(key=app.Keys.BASIS).set_value("calendar").run()
    assert_ok(at)
    per_day = fixture_per_day("calendar")
    assert metric(at, "Busiest month") == big(per_day.max())
    assert any(c.value.startswith("Figures per calendar day") for c in at.caption)
    assert at.query_params["basis"] == "calendar"
    assert "Appointments per calendar day against planned capacity" in [h.value for h in at.subheader]


def test_findings_follow_capacity(monkeypatch):
    at = run_page(PAGE["Findings"], monkeypatch)
    at.number_input(key=app.Keys.CAPACITY).set_value(4_000).run()
    assert_ok(at)
    per_day = fixture_per_day()
    assert metric(at, "Utilisation at the peak") == f"{per_day.max() / 4_000:.0%}"
    assert any("4,000 appointments a working day" in c.value for c in at.caption)


def test_social_media_controls(monkeypatch):
    at = run_page(PAGE["Social media"], monkeypatch)
    assert_ok(at)
    texts = fixture_tweets()
    tag = re.compile(r"(?<![\w&/])#healthcare(?!\w)", re.IGNORECASE)
    table = at.dataframe[0].value
    assert table.iloc[0].tolist() == ["healthcare", int(texts.map(lambda t: len(tag.findall(t))).sum())]
    at.slider(key=app.Keys.SOCIAL_TOP_N).set_value(5).run()
    assert len(at.dataframe[0].value) == 5
    at.toggle(key=app.Keys.SOCIAL_NO_RETWEETS).set_value(True).run()
    originals = texts[~texts.str.replace(r"^RT @\w+:\s*", "", regex=True).duplicated()]
    assert at.dataframe[0].value.iloc[0, 1] == int(originals.map(lambda t: len(tag.findall(t))).sum())
    at.toggle(key=app.Keys.SOCIAL_NO_RETWEETS).set_value(False)
    at.text_input(key=app.Keys.SOCIAL_SEARCH).input("#Health").run()
    health = re.compile(r"(?<![\w&/])#health(?!\w)", re.IGNORECASE)
    expected = int(texts.map(lambda t: bool(health.search(t))).sum())
    assert any(c.value.startswith(f"{expected} tweets use #health") for c in at.caption)


def test_tweet_text_is_never_rendered_as_markdown(monkeypatch):
    at = run_page(PAGE["Social media"], monkeypatch)
    at.text_input(key=app.Keys.SOCIAL_SEARCH).input("nhs").run()
    shown = " ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.caption)
    assert not any(text in shown for text in fixture_tweets())


def test_a_310_digit_capacity_in_the_url_is_ignored(monkeypatch):
    at = run_page(PAGE["Capacity and seasonality"], monkeypatch, query={"capacity": "9" * 310})
    assert_ok(at)
