"""AppTest of the Data quality page: its sections on the fixture, and an upload beside tables still from the
sample (said, never mixed silently), with a gap between tables that should agree shown as a warning."""

from __future__ import annotations

from conftest import appointments_csv, upload
from pagetest import ROOT, assert_ok, metric, run_page

from nhs_core.app import navigation
from nhs_core.store import Store

PAGE = ROOT / navigation.page("Data quality").path


def test_the_page_shows_every_section_and_the_checks_on_the_fixture(monkeypatch) -> None:
    at = run_page(PAGE, monkeypatch)
    assert_ok(at)
    assert [h.value for h in at.header] == [
        "Unknown values",
        "National categories not yet mapped",
        "Coverage: practices included against open",
        "Months or areas missing from a table",
        "Tables that should agree",
    ]
    assert metric(at, "Months missing") == "0"
    # the fixture's tables are cut independently of each other, so they do not agree: the page says so
    assert metric(at, "Tables that disagree") == "2 of 2"
    gaps = [e.value.replace("\\", "") for e in at.warning]
    assert any("largest gap is -94.81% (-154,982 appointments) in Dec 2021" in text for text in gaps)
    assert metric(at, "ICB-months missing") == "4"  # two ICBs' durations start late
    assert "No practice coverage table is loaded" in " ".join(i.value for i in at.info)
    assert len(at.get("vega_lite_chart")) == 3 + 1 + 2  # unknown shares per table, mapping, the two gaps


def test_an_upload_beside_sample_tables_says_so(pages_store: Store, monkeypatch) -> None:
    pages_store.replace(upload(("a.csv", appointments_csv(["2024-01", "2024-03"], 1000))), [{"name": "a.csv"}])
    at = run_page(PAGE, monkeypatch, folder=None)
    assert not at.exception
    warning = " ".join(w.value for w in at.warning).replace("\\", "")
    assert "Still the synthetic sample:" in warning and "Tweets" in warning  # the tiny sample's other table
    assert metric(at, "Months missing") == "1"  # February 2024 is not in the upload
    assert "No two tables that should agree are both loaded" in " ".join(i.value for i in at.info)
