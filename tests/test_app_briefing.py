"""The briefing and chart-image buttons under AppTest: the Findings page prepares the briefing of the sidebar
selection on request and then offers it for download; a changed selection asks to prepare it again; chart images
are named after the selection of the page they come from."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from nhs_core import app
from nhs_core.app import navigation
from nhs_core.present import images

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "lse"
FINDINGS = ROOT / navigation.page("Findings").path


@pytest.fixture(autouse=True)
def _fixture_data(tmp_path, monkeypatch):
    monkeypatch.setenv("NHS_EXPLORER_STORE", str(tmp_path / "store"))
    monkeypatch.setenv(app.SAMPLE_DIR_ENV, str(FIXTURE))


def _run(page: Path, query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(page), default_timeout=60)
    at.query_params.update(query or {})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _downloads(at: AppTest) -> list[str]:
    return [d.label for d in at.get("download_button")]


def test_findings_page_prepares_then_downloads_the_briefing_of_the_selection():
    at = _run(FINDINGS, {"region": "E40000011", "from": "2021-12", "to": "2022-01"})
    assert "Download briefing" not in _downloads(at)
    at.button(key=app.Keys.BRIEFING_PREPARE).click().run()
    assert not at.exception and not at.error
    download = next(d for d in at.get("download_button") if d.label == "Download briefing")
    assert "briefing-midlands-2021-12-2022-01.html" in download.help
    _, name, payload = at.session_state[app.Keys.BRIEFING_READY]
    html = payload.decode("utf-8")
    assert name == "briefing-midlands-2021-12-2022-01.html"
    assert "<h1>GP appointments briefing: Midlands</h1>" in html and "Dec 2021 to Jan 2022; Region: Midlands" in html
    assert html.count('<img class="chart"') == 5 and "<script" not in html
    assert "Nothing in the actual durations table matches" in html  # the fixture has no Midlands durations then
    at.run()  # a rerun keeps the prepared file
    assert "Download briefing" in _downloads(at) and "Prepare briefing" not in [b.label for b in at.button]


def test_a_changed_selection_asks_to_prepare_again():
    at = _run(FINDINGS)
    at.button(key=app.Keys.BRIEFING_PREPARE).click().run()
    assert "Download briefing" in _downloads(at)
    at.multiselect(key=app.Keys.ICB).set_value(["E54000034"]).run()
    assert not at.exception
    assert "Download briefing" not in _downloads(at)
    assert "Prepare briefing" in [b.label for b in at.button]


def test_chart_images_are_named_after_the_selection():
    at = _run(ROOT / navigation.page("Attendance").path, {"icb": "E54000034"})
    stems = tuple(label.stem for label in at.session_state[app.Keys.EXPORT_LABELS])
    assert stems == ("frimley-icb-2021-11-2022-02", "england-2021-11-2022-02")
    assert {"PNG image", "SVG image", "Download this page (Excel)"} <= set(_downloads(at))
    assert at.session_state[app.Keys.EXPORT_LABELS][0].source.startswith("Source: synthetic sample")
    assert at.session_state[app.Keys.EXPORT_LABELS][0].selection.startswith("NHS Frimley")
    social = _run(ROOT / navigation.page("Social media").path)
    assert {label.stem for label in social.session_state[app.Keys.EXPORT_LABELS]} == {""}  # tweets are never filtered
    assert _downloads(social).count("PNG image") == len(social.get("vega_lite_chart")) == 1


def test_a_new_picture_format_is_one_record(monkeypatch):
    made_up = images.ImageFormat("PDF", "pdf", "application/pdf", lambda chart, **label: b"%PDF-1.4")
    monkeypatch.setattr(images, "IMAGE_FORMATS", (*images.IMAGE_FORMATS, made_up))
    social = _run(ROOT / navigation.page("Social media").path)
    pdf = [d for d in social.get("download_button") if d.label == "PDF image"]
    assert len(pdf) == len(social.get("vega_lite_chart")) == 1
    assert "Download this chart as a PDF picture" in pdf[0].help
