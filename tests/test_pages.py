"""App tests (streamlit AppTest) for every explorer page: they run on the bundled sample and on a small
fixture; changing a filter changes the figures to what plain pandas computes independently here; the URL
round trip restores the filters; filters survive a page switch; an empty selection shows a message."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from nhs_core import app

ROOT = Path(__file__).resolve().parent.parent
PAGES = [p for p in sorted((ROOT / "pages").glob("*.py")) if p.stem[0] in "1234567"]  # the explorer pages
FIXTURE = ROOT / "tests" / "fixtures" / "lse"
BUNDLED = ROOT / "data"
MIDPOINTS = {
    "1-5 Minutes": 3,
    "6-10 Minutes": 8,
    "11-15 Minutes": 13,
    "16-20 Minutes": 18,
    "21-30 Minutes": 25.5,
    "31-60 Minutes": 45.5,
}
PAGE = {p.stem.split("_", 1)[1]: p for p in PAGES}


@pytest.fixture(autouse=True)
def _empty_store(tmp_path, monkeypatch):
    """Every app test reads an empty store of its own, so no uploaded version hides the folder under test."""
    monkeypatch.setenv("NHS_EXPLORER_STORE", str(tmp_path / "store"))


def _app(page: Path, monkeypatch, folder: Path | None = FIXTURE, query: dict | None = None) -> AppTest:
    if folder is None:
        monkeypatch.delenv(app.SAMPLE_DIR_ENV, raising=False)
    else:
        monkeypatch.setenv(app.SAMPLE_DIR_ENV, str(folder))
    at = AppTest.from_file(str(page), default_timeout=60)
    at.query_params.update(query or {})
    return at.run()


def _metric(at: AppTest, label: str) -> str:
    found = [m.value for m in at.metric if m.label == label or m.label.startswith(label)]
    assert found, f"no metric {label!r} among {[m.label for m in at.metric]}"
    return found[0]


def _ok(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


# --- plain-pandas versions of the fixture, independent of nhs_core ------------------------------------------
def _appointments() -> pd.DataFrame:
    frame = pd.read_csv(FIXTURE / "appointments_regional.csv", dtype={"count_of_appointments": "int64"})
    icbs = pd.read_csv(ROOT / "nhs_core" / "reference" / "icb_2022_2026.csv", dtype=str)
    return frame.merge(icbs[["icb_ons_code", "region_ons_code"]], on="icb_ons_code", how="left")


def _durations() -> pd.DataFrame:
    frame = pd.read_csv(FIXTURE / "actual_duration.csv")
    frame["month"] = pd.to_datetime(frame["appointment_date"], format="%d-%b-%y").dt.strftime("%Y-%m")
    return frame


def _tweets() -> pd.Series:
    return pd.read_csv(FIXTURE / "tweets.csv", dtype=str)["tweet_full_text"]


def _big(n: float) -> str:
    """How the app writes a count below ten million (only these occur in the fixture)."""
    return f"{n / 1e6:,.2f} million" if n >= 1e6 else f"{n:,.0f}"


# --- every page runs ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
@pytest.mark.parametrize("folder", ["bundled", "fixture"])
def test_page_runs_with_its_anatomy(page, folder, monkeypatch):
    if folder == "bundled" and not (BUNDLED / "appointments_regional.csv").exists():
        pytest.skip("the bundled sample in data/ is not there")
    at = _app(page, monkeypatch, None if folder == "bundled" else FIXTURE)
    _ok(at)
    assert at.title and at.markdown, "title and the line on what the page answers"
    assert len(at.metric) >= 3, "a KPI row"
    assert "About this data" in [e.label for e in at.expander]
    if page.stem not in ("6_Social_media", "7_Findings"):
        assert at.get("vega_lite_chart"), "charts"
        assert "The table behind the chart" in [e.label for e in at.expander]
        downloads = [d.label for d in at.get("download_button")]
        charts_shown = len(at.get("vega_lite_chart"))
        assert (downloads.count("PNG image"), downloads.count("SVG image"), downloads.count("Download CSV")) == (
            charts_shown,
            charts_shown,
            charts_shown,
        ), "a PNG, an SVG and a CSV download under every chart"


def test_every_widget_has_an_explicit_key(monkeypatch):
    for page in PAGES:
        at = _app(page, monkeypatch)
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
    at = _app(PAGE["Engagement"], monkeypatch)
    everything = _appointments()
    assert _metric(at, "Appointments in the selection") == _big(everything["count_of_appointments"].sum())
    at.multiselect(key=app.Keys.REGION).set_value(["E40000011"]).run()
    _ok(at)
    midlands = everything[everything["region_ons_code"] == "E40000011"]["count_of_appointments"].sum()
    assert _metric(at, "Appointments in the selection") == _big(midlands)
    share = midlands / everything["count_of_appointments"].sum()
    assert _metric(at, "Share of England") == f"{share:.1%}"
    assert at.query_params["region"] == "E40000011"


def test_icb_choices_are_narrowed_by_region(monkeypatch):
    at = _app(PAGE["Engagement"], monkeypatch)
    assert len(at.multiselect(key=app.Keys.ICB).options) == 3
    at.multiselect(key=app.Keys.REGION).set_value(["E40000005"]).run()
    assert at.multiselect(key=app.Keys.ICB).options == ["NHS Frimley Integrated Care Board"]
    assert at.multiselect(key=app.Keys.SUB_ICB).options == ["NHS Frimley ICB - D4U1Y"]


def test_attendance_mode_filter(monkeypatch):
    at = _app(PAGE["Attendance"], monkeypatch)
    at.multiselect(key=app.Keys.MODE).set_value(["Telephone"]).run()
    _ok(at)
    frame = _appointments()
    phone = frame[frame["appointment_mode"] == "Telephone"].groupby("appointment_status")["count_of_appointments"].sum()
    assert _metric(at, "DNA rate") == f"{phone['DNA'] / (phone['DNA'] + phone['Attended']):.2%}"


def test_services_status_filter(monkeypatch):
    at = _app(PAGE["Services_and_workforce"], monkeypatch)
    at.multiselect(key=app.Keys.STATUS).set_value(["Attended"]).run()
    _ok(at)
    frame = _appointments()
    feb = frame[(frame["appointment_month"] == "2022-02") & (frame["appointment_status"] == "Attended")]
    f2f = feb.loc[feb["appointment_mode"] == "Face-to-Face", "count_of_appointments"].sum()
    assert _metric(at, "Face-to-Face share, Feb 2022") == f"{f2f / feb['count_of_appointments'].sum():.1%}"


def test_durations_area_filter(monkeypatch):
    at = _app(PAGE["Durations"], monkeypatch)
    at.multiselect(key=app.Keys.REGION).set_value(["E40000005"]).run()
    _ok(at)
    frame = _durations()
    frame = frame[(frame["region_ons_code"] == "E40000005") & frame["actual_duration"].isin(list(MIDPOINTS))]
    mean = (frame["actual_duration"].map(MIDPOINTS) * frame["count_of_appointments"]).sum() / frame[
        "count_of_appointments"
    ].sum()
    assert _metric(at, "Estimated mean duration") == f"{mean:.1f} min"


def test_capacity_input_and_period_change_utilisation(monkeypatch):
    at = _app(PAGE["Capacity_and_seasonality"], monkeypatch)
    at.number_input(key=app.Keys.CAPACITY).set_value(5_000).run()
    _ok(at)
    monthly = _appointments().groupby("appointment_month")["count_of_appointments"].sum()
    per_day = monthly / pd.to_datetime(monthly.index).days_in_month.to_numpy()
    assert _metric(at, "Utilisation at the peak") == f"{per_day.max() / 5_000:.0%}"
    at.select_slider(key=app.Keys.PERIOD).set_range("2022-01", "2022-02").run()
    _ok(at)
    later = per_day[["2022-01", "2022-02"]]
    busiest = pd.Timestamp(later.idxmax())
    assert _metric(at, "Busiest month") == f"{_big(later.max())} a day"
    assert [m.label for m in at.metric][0] == f"Busiest month: {busiest:%b %Y}"
    assert at.query_params["capacity"] == "5000" and at.query_params["from"] == "2022-01"


def test_findings_follow_capacity(monkeypatch):
    at = _app(PAGE["Findings"], monkeypatch)
    at.number_input(key=app.Keys.CAPACITY).set_value(4_000).run()
    _ok(at)
    monthly = _appointments().groupby("appointment_month")["count_of_appointments"].sum()
    per_day = monthly / pd.to_datetime(monthly.index).days_in_month.to_numpy()
    assert _metric(at, "Utilisation at the peak") == f"{per_day.max() / 4_000:.0%}"
    assert any("4,000 appointments a day" in c.value for c in at.caption)


def test_social_media_controls(monkeypatch):
    at = _app(PAGE["Social_media"], monkeypatch)
    _ok(at)
    texts = _tweets()
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
    at = _app(PAGE["Social_media"], monkeypatch)
    at.text_input(key=app.Keys.SOCIAL_SEARCH).input("nhs").run()
    shown = " ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.caption)
    assert not any(text in shown for text in _tweets())


# --- URL round trip, persistence, reset, empty selection ---------------------------------------------------
def test_url_opens_the_same_view(monkeypatch):
    query = {"region": "E40000012", "from": "2021-12", "to": "2022-01", "mode": "Telephone"}
    at = _app(PAGE["Attendance"], monkeypatch, query=query)
    _ok(at)
    assert at.multiselect(key=app.Keys.REGION).value == ["E40000012"]
    assert at.multiselect(key=app.Keys.MODE).value == ["Telephone"]
    assert at.select_slider(key=app.Keys.PERIOD).value == ("2021-12", "2022-01")
    frame = _appointments()
    part = frame[
        (frame["region_ons_code"] == "E40000012")
        & frame["appointment_month"].isin(["2021-12", "2022-01"])
        & (frame["appointment_mode"] == "Telephone")
    ].groupby("appointment_status")["count_of_appointments"]
    totals = part.sum()
    assert _metric(at, "DNA rate") == f"{totals['DNA'] / (totals['DNA'] + totals['Attended']):.2%}"
    assert dict(at.query_params) == query


def test_changed_filters_round_trip_through_the_url(monkeypatch):
    first = _app(PAGE["Engagement"], monkeypatch)
    first.multiselect(key=app.Keys.REGION).set_value(["E40000011", "E40000005"]).run()
    first.select_slider(key=app.Keys.PERIOD).set_range("2021-12", "2022-02").run()
    first.multiselect(key=app.Keys.STATUS).set_value(["DNA"]).run()
    figures = [m.value for m in first.metric]
    second = _app(PAGE["Engagement"], monkeypatch, query=dict(first.query_params))
    _ok(second)
    assert [m.value for m in second.metric] == figures
    assert second.multiselect(key=app.Keys.REGION).value == ["E40000011", "E40000005"]


def test_filters_survive_a_page_switch(monkeypatch):
    monkeypatch.setenv(app.SAMPLE_DIR_ENV, str(FIXTURE))
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60).run()
    at.switch_page("pages/1_Engagement.py").run()
    at.multiselect(key=app.Keys.REGION).set_value(["E40000011"]).run()
    at.number_input(key=app.Keys.CAPACITY).set_value(7_000).run()
    at.switch_page("pages/5_Capacity_and_seasonality.py").run()
    _ok(at)
    assert at.multiselect(key=app.Keys.REGION).value == ["E40000011"]
    assert at.number_input(key=app.Keys.CAPACITY).value == 7_000
    assert at.query_params["region"] == "E40000011"


def test_reset_clears_every_filter(monkeypatch):
    at = _app(PAGE["Engagement"], monkeypatch, query={"region": "E40000011", "from": "2021-12", "capacity": "9"})
    at.button(key=app.Keys.RESET).click().run()
    _ok(at)
    assert at.multiselect(key=app.Keys.REGION).value == []
    assert at.select_slider(key=app.Keys.PERIOD).value == ("2021-11", "2022-02")
    assert at.number_input(key=app.Keys.CAPACITY).value == 1_200_000
    assert dict(at.query_params) == {}


def test_a_selection_with_no_data_shows_a_message(monkeypatch):
    at = _app(PAGE["Durations"], monkeypatch, query={"from": "2021-11", "to": "2021-11"})
    _ok(at)
    assert any("matches the filters" in w.value and "Reset filters" in w.value for w in at.warning)
    assert not at.get("vega_lite_chart") and not at.metric


def test_a_missing_table_shows_a_message(monkeypatch, tmp_path):
    (tmp_path / "appointments_regional.csv").write_bytes((FIXTURE / "appointments_regional.csv").read_bytes())
    at = _app(PAGE["Durations"], monkeypatch, folder=tmp_path)
    _ok(at)
    assert any("No actual durations data is loaded" in w.value for w in at.warning)
    at = _app(PAGE["Social_media"], monkeypatch, folder=tmp_path)
    _ok(at)
    assert at.warning


def test_pages_show_a_replaced_version_at_once(tmp_path, monkeypatch):
    """The metric cache is keyed by the store's version: after a replace, the same session sees the new data."""
    from conftest import appointments_csv, upload

    from nhs_core.store import Store

    at = _app(PAGE["Engagement"], monkeypatch)
    before = _metric(at, "Appointments in the selection")
    new = upload(("new.csv", appointments_csv(["2024-01", "2024-02"], 1000)))
    store = Store(tmp_path / "store", FIXTURE)
    store.replace(new, [])
    at.run()
    _ok(at)
    # The upload replaces the appointments table: Jan and Feb 2024, 2 ICBs, 10 x 1,000 a month each.
    assert _metric(at, "Appointments in the selection") == "40,000" != before
    assert at.select_slider(key=app.Keys.PERIOD).value == ("2021-11", "2024-02")  # the untouched period follows
    assert "version v0001" in " ".join(c.value for c in at.caption)
