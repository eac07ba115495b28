"""Real-browser tests of what leaves the app: exports named after the selection that stand alone, and no request
to any host but the app's own, on every page (the app must work offline and behind NHS proxies)."""

from __future__ import annotations

import csv as csv_module
import io
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from test_browser import CHROMIUM, CHROMIUM_ARGS, SHOTS, WAIT_MS, _settle, server  # noqa: F401 (a fixture)

from nhs_core.app import navigation

pytestmark = pytest.mark.browser
KENT_2021 = "icb=E54000032&from=2021-01&to=2021-12"
STEM = "kent-and-medway-icb-2021-01-2021-12"


def _browser(playwright):
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def test_no_request_leaves_the_machine_on_any_page(server: str) -> None:  # noqa: F811
    from playwright.sync_api import sync_playwright

    app_host = urlsplit(server).netloc
    elsewhere: list[str] = []

    def guard(route) -> None:
        if urlsplit(route.request.url).scheme in ("http", "https", "ws", "wss") and (
            urlsplit(route.request.url).netloc != app_host
        ):
            elsewhere.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    with sync_playwright() as playwright:
        browser = _browser(playwright)
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            context.route("**/*", guard)
            page = context.new_page()
            page.set_default_timeout(WAIT_MS)
            for item in navigation.PAGES:
                page.goto(f"{server}/{item.url_path}")
                _settle(page)
                page.wait_for_timeout(1000)  # the favicon and fonts load after the app has run
                assert not elsewhere, f"{item.label} asked another host for {elsewhere}"
        finally:
            browser.close()


def test_exported_picture_csv_and_page_workbook_are_named_after_the_selection(server: str) -> None:  # noqa: F811
    from openpyxl import load_workbook
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = _browser(playwright)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
            page.set_default_timeout(WAIT_MS)
            page.goto(f"{server}/Attendance?{KENT_2021}")
            _settle(page)
            pngs = page.get_by_role("button", name="PNG image")
            pngs.nth(5).wait_for()  # status twice, then lead time, mode, HCP type and combinations
            names = {}
            for index in range(pngs.count()):
                with page.expect_download() as picture:
                    pngs.nth(index).click()
                names[picture.value.suggested_filename] = picture.value
            png = names.get(f"dna-rate-by-lead-time-{STEM}.png")
            assert png is not None, sorted(names)
            SHOTS.mkdir(exist_ok=True)
            png.save_as(SHOTS / "exported_dna_by_lead_time.png")
            assert Path(png.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

            page.get_by_text("The table behind the chart").first.click()
            with page.expect_download() as csv:
                page.get_by_role("button", name="Download CSV").first.click()
            assert csv.value.suggested_filename == f"appointment-status-by-month-{STEM}.csv"
            rows = list(csv_module.reader(io.StringIO(Path(csv.value.path()).read_text(encoding="utf-8-sig"))))
            assert rows[0][:2] == ["Month", "Appointment status"]  # the header row first: no metadata rows above it

            with page.expect_download() as xlsx:
                page.get_by_role("button", name="Download this page (Excel)").click()
            assert xlsx.value.suggested_filename == f"attendance-{STEM}.xlsx"
            book = load_workbook(io.BytesIO(Path(xlsx.value.path()).read_bytes()))
            assert book.sheetnames[0] == "About" and "Dna rate by lead time" in book.sheetnames
            about = {row[0]: row[1] for row in book["About"].iter_rows(min_row=2, values_only=True)}
            assert about["Selection"].startswith("NHS Kent and Medway Integrated Care Board · Jan 2021 to Dec 2021")
        finally:
            browser.close()
