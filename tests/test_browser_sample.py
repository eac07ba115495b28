"""Real-browser test: a store holding real official regional files (two ICBs of the November 2025 release, as one
zip) beside the bundled synthetic sample shows no number from the sample on any page, finding or briefing unless
the switch "Show the sample for missing tables" is on; with it on, the sample is badged."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT, SHARED_DATA
from test_browser import WAIT_MS, _settle, server  # noqa: F401  (server is a fixture)

from nhs_core.analysis.tweets import hashtag_counts
from nhs_core.load.files import Source
from nhs_core.load.ingest import ingest
from nhs_core.store import Store

pytestmark = pytest.mark.browser
REGIONAL = [SHARED_DATA / "official-sample" / f"Regional_CSV_{icb}.csv" for icb in ("Lincolnshire", "NWLondon")]


def _import_real(tmp_path: Path) -> None:
    if not all(path.exists() for path in REGIONAL):
        pytest.skip(f"the official regional files are not in {REGIONAL[0].parent}")
    bundle = tmp_path / "Appointments_GP_Regional_CSV_Nov_25.zip"
    with zipfile.ZipFile(bundle, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in REGIONAL:
            archive.write(path, path.name)
    result = ingest([Source.from_path(bundle)])
    assert result.report.ok, result.report.to_text()
    Store(tmp_path / "store", ROOT / "data").replace(result, [])


def _main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def test_no_sample_number_beside_real_data_unless_the_switch_is_on(server: str, tmp_path: Path) -> None:  # noqa: F811
    from playwright.sync_api import sync_playwright

    _import_real(tmp_path)
    sample_tag = hashtag_counts(pd.read_csv(ROOT / "data" / "tweets.csv"))["hashtag"].iloc[0]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(WAIT_MS)
            seen = {}
            for path in ("Social_media", "Durations", "Services_and_workforce", "Capacity_and_seasonality", "Findings"):
                page.goto(f"{server}/{path}")
                page.locator('[data-testid="stMain"] h1').first.wait_for()
                _settle(page)
                page.wait_for_timeout(1000)
                seen[path] = _main_text(page)
            for path, text in seen.items():
                assert "Synthetic sample" not in text and "synthetic sample)" not in text, path
            assert "No tweets data is loaded" in seen["Social_media"] and "tweets.csv" in seen["Social_media"]
            assert "No actual durations data is loaded" in seen["Durations"]
            assert "Service setting" not in seen["Services_and_workforce"]  # national categories left out
            assert "Oct 2021" not in seen["Capacity_and_seasonality"] and "Weekdays" in seen["Capacity_and_seasonality"]
            assert f"#{sample_tag} leads" not in seen["Findings"] and "busiest weekday" not in seen["Findings"]
            sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
            assert "Jun 2023" in sidebar and "Aug 2021" not in sidebar  # the period offers the real months only

            page.get_by_role("button", name="Prepare briefing").click()
            with page.expect_download() as briefing:
                page.get_by_role("button", name="Download briefing").click()
            html = Path(briefing.value.path()).read_text(encoding="utf-8")
            assert f"#{sample_tag} leads" not in html and "busiest weekday" not in html

            page.goto(f"{server}/Social_media?sample=show")
            page.locator('[data-testid="stMain"] h1').first.wait_for()
            _settle(page)
            page.wait_for_timeout(1000)
            text = _main_text(page)
            assert "Synthetic sample." in text and f"#{sample_tag}" in text
            assert "synthetic sample: not real figures" in text  # the table behind the badged chart
        finally:
            browser.close()
