"""Real-browser test: `streamlit run` on a free loopback port, Debian's Chromium driven by Playwright.

Uploads the official sample files through the Data page's file input, replaces the data, checks the
new period on the home page, then uploads a bad file and checks the error. Screenshots of each step go
to screenshots/ (git-ignored). Every wait is bounded; the server is killed at the end.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, SHARED_DATA, appointments_csv

from bench import app_servers

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
OFFICIAL = SHARED_DATA / "official-sample"
SHOTS = ROOT / "screenshots"
WAIT_MS = 60_000


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"streamlit exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"streamlit did not answer on {url} within {seconds} s")


@pytest.fixture
def official(tmp_path: Path) -> list[Path]:
    """Copies of the official sample files in a temporary folder (skip when they are absent)."""
    if not OFFICIAL.is_dir():
        pytest.skip(f"the official sample files are not at {OFFICIAL}")
    folder = tmp_path / "upload"
    folder.mkdir()
    return [Path(shutil.copy(path, folder)) for path in sorted(OFFICIAL.glob("*.csv"))]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """`streamlit run streamlit_app.py` on a free loopback port with an empty temporary store."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's Chromium is not installed at /usr/bin/chromium (.ci/run installs it)")
    playwright = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    # expect() waits 5 s by default: less than the first load of the sample on a busy 2-core machine
    playwright.expect.set_options(timeout=WAIT_MS)
    port = _free_port()
    env = {**os.environ, "NHS_EXPLORER_STORE": str(tmp_path / "store")}
    env.pop("NHS_EXPLORER_ADMIN_PASSWORD", None)
    with open(tmp_path / "streamlit.log", "wb") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "streamlit_app.py",
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
                "--browser.gatherUsageStats",
                "false",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process)
        yield url
    finally:
        app_servers.stop_group(process, grace=10)


@contextlib.contextmanager
def _browser_page(**options) -> Iterator:
    """A page of Debian's Chromium with the bounded default wait, closed with its browser afterwards."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000}, **options)
            page.set_default_timeout(WAIT_MS)
            yield page
        finally:
            browser.close()


def _settle(page) -> None:
    """Wait until the app has finished running (no 'Running…' widget), bounded."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=WAIT_MS)
    page.wait_for_timeout(500)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=WAIT_MS)


def _shot(page, name: str) -> None:
    """Screenshot the whole page: Streamlit scrolls inside its main block, so grow the viewport to fit it."""
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": 1400, "height": min(max(int(height), 1000), 8000)})
    page.wait_for_timeout(500)
    page.screenshot(path=str(SHOTS / name), full_page=True)
    page.set_viewport_size({"width": 1400, "height": 1000})


def test_upload_official_files_replace_see_the_new_period_then_a_bad_file(
    official: list[Path], server: str, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    files = official
    bad = tmp_path / "broken_counts.csv"
    bad.write_bytes(appointments_csv(["2024-01"]).replace(b",800\n", b",eight hundred\n"))
    SHOTS.mkdir(exist_ok=True)
    with _browser_page() as page:
        page.goto(server + "/")
        _settle(page)
        expect(page.get_by_text("Sample data (synthetic)")).to_be_visible()
        _shot(page, "1_home_sample.png")

        page.goto(server + "/Data")
        _settle(page)
        expect(page.get_by_role("heading", name="What is loaded now")).to_be_visible()
        _shot(page, "2_data_page.png")
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(files)
        expect(page.get_by_role("heading", name="Preview: what would change")).to_be_visible()
        _settle(page)
        # one summary line in sight; each file's detail folded until asked for
        expect(page.get_by_text("2 regional (monthly appointments) files: 2 ICBs").first).to_be_visible()
        page.get_by_text("Each file: what it was recognised as").click()
        expect(
            page.get_by_text("Official regional (monthly appointments) file, NHS Lincolnshire").first
        ).to_be_visible()
        _shot(page, "3_preview.png")
        page.get_by_role("button", name="Replace data").click()
        expect(page.get_by_text("Replaced: version v0001 is now the data every page shows.")).to_be_visible()
        _settle(page)
        _shot(page, "4_replaced.png")

        page.goto(server + "/")
        _settle(page)
        expect(page.get_by_text("June 2023 to November 2025").first).to_be_visible()
        expect(page.get_by_text("Your data").first).to_be_visible()
        _shot(page, "5_home_new_data.png")

        page.goto(server + "/Data")
        _settle(page)
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files([bad])
        expect(page.get_by_text("error(s) must be fixed before these files can replace the data")).to_be_visible()
        _settle(page)
        expect(page.get_by_text("has counts that are not numbers").first).to_be_visible()
        expect(page.get_by_role("button", name="Replace data")).to_be_disabled()
        _shot(page, "6_bad_upload.png")


def test_briefing_in_two_clicks_and_a_chart_picture(server: str, tmp_path: Path) -> None:
    """The sample, one ICB and a year from the URL: "Prepare briefing", "Download briefing" gives the file named
    after the selection; a chart's "PNG image" button gives a PNG named after the chart and the selection."""
    from playwright.sync_api import expect

    selection = "icb=E54000032&from=2021-01&to=2021-12"
    with _browser_page(accept_downloads=True) as page:
        page.goto(f"{server}/Findings?{selection}")
        _settle(page)
        page.get_by_role("button", name="Prepare briefing").click()
        with page.expect_download() as briefing:
            page.get_by_role("button", name="Download briefing").click()
        assert briefing.value.suggested_filename == "briefing-kent-and-medway-icb-2021-01-2021-12.html"
        html = Path(briefing.value.path()).read_text(encoding="utf-8")
        assert "<h1>GP appointments briefing: NHS Kent and Medway Integrated Care Board</h1>" in html

        page.goto(f"{server}/Engagement?{selection}")
        _settle(page)
        chip = page.get_by_test_id("stSidebar").locator("[data-tag] span[title]").first
        expect(chip).to_have_text("NHS Kent and Medway Integrated Care Board")
        assert chip.evaluate("el => el.scrollWidth <= el.clientWidth"), "the chosen ICB's name is cut off"
        buttons = page.get_by_role("button", name="PNG image")
        # England and the ICB by month, the change on a year earlier (2021 against the 2020 months loaded
        # before the period), access by month, by area and per 1,000 patients, the top five by appointments (rows
        # are not ranked as a chart), the PCNs' share by month and PCN appointments by ICB
        expect(buttons).to_have_count(9, timeout=WAIT_MS)
        _settle(page)
        names = set()
        for index in range(9):
            with page.expect_download() as picture:
                buttons.nth(index).click()
            names.add(picture.value.suggested_filename)
            assert Path(picture.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert len(names) == 9
        assert {
            "appointments-per-month-national-england-2021-01-2021-12.png",
            "appointments-per-month-selection-kent-and-medway-icb-2021-01-2021-12.png",
        } <= names


def test_the_server_still_answers_after_a_dimension_bomb_upload(server: str, tmp_path: Path) -> None:
    """Two tiny workbooks whose far cell (XFD1048576) made calamine allocate 512 GiB and abort the server: one
    declares that used range (refused before parsing), one hides it (the contained reader dies, not the server)."""
    from playwright.sync_api import expect

    from tests import hostile

    bombs = []
    for name in ("dimension_bomb.xlsx", "far_cell_no_dimension.xlsx"):
        bombs.append(tmp_path / name)
        bombs[-1].write_bytes(hostile.build(name))
    SHOTS.mkdir(exist_ok=True)
    with _browser_page() as page:
        page.goto(server + "/Data")
        _settle(page)
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(bombs)
        expect(page.get_by_text("far larger than a data table").first).to_be_visible()
        expect(page.get_by_text("could not be read safely").first).to_be_visible()
        expect(page.get_by_role("button", name="Replace data")).to_be_disabled()
        _settle(page)
        _shot(page, "7_dimension_bomb.png")
        with urllib.request.urlopen(f"{server}/_stcore/health", timeout=10) as response:
            assert response.status == 200
        page.goto(server + "/")  # a new page load still runs the app
        _settle(page)
        expect(page.get_by_text("Sample data (synthetic)")).to_be_visible()


def _choose(page, label: str, typed: str) -> None:
    """Pick the option of a Streamlit multiselect or selectbox that matches `typed`, as a user types it."""
    widget = page.locator('[data-testid="stMultiSelect"], [data-testid="stSelectbox"]').filter(has_text=label)
    widget.locator("input").first.click()
    page.keyboard.type(typed)
    page.get_by_role("option", name=typed).first.click()
    page.keyboard.press("Escape")
    _settle(page)


def test_practices_from_an_icb_to_a_pcn_to_one_practice(server: str) -> None:
    """On the bundled sample: choose an ICB in the sidebar, a PCN on the page, then one of its practices; the
    KPIs narrow to the ICB's practices, then the PCN's seven, and the profile compares that practice with its PCN
    and ICB."""
    import pandas as pd
    from playwright.sync_api import expect, sync_playwright

    sizes = pd.read_csv(ROOT / "data" / "registered_patients.csv")
    in_icb = sizes[(sizes["SUB_ICB_LOCATION_CODE"] == "06H") & (sizes["NUMBER_OF_PATIENTS"] >= 1_000)]

    SHOTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(WAIT_MS)
            page.goto(server + "/Practices")
            _settle(page)
            expect(page.get_by_role("heading", name="Practices", exact=True)).to_be_visible()
            _choose(page, "Integrated care board", "NHS Cambridgeshire and Peterborough Integrated Care Board")
            practices = (
                page.get_by_test_id("stMetric").filter(has_text="Practices").first.get_by_test_id("stMetricValue")
            )
            expect(practices).to_have_text(str(len(in_icb)))
            _choose(page, "Primary care networks", "Cambridge North Villages PCN")
            expect(practices).to_have_text("7")
            _choose(page, "Practice (type a name or code", "Swavesey Surgery (D81607)")
            chart = page.get_by_test_id("stVegaLiteChart").last
            expect(chart).to_contain_text("Swavesey Surgery")
            expect(chart).to_contain_text("Cambridge North Villages PCN (its PCN)")
            _shot(page, "7_practices_profile.png")
        finally:
            browser.close()


_WATCH = """() => {
    window.__progress = []; window.__replaceDisabled = false;
    new MutationObserver(() => {
        for (const bar of document.querySelectorAll('[role="progressbar"]')) {
            const value = Number(bar.getAttribute('aria-valuenow'));
            if (window.__progress.at(-1) !== value) window.__progress.push(value);
        }
        for (const button of document.querySelectorAll('button')) {
            if (button.innerText.trim() === 'Replace data' && button.disabled && window.__clicked)
                window.__replaceDisabled = true;
        }
    }).observe(document.body, {subtree: true, childList: true, attributes: true});
}"""


def _zip(folder: Path, name: str, members: list[Path]) -> Path:
    import zipfile

    path = folder / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in members:
            archive.write(member, member.name)
    return path


def test_two_official_zips_show_progress_replace_is_disabled_and_another_session_is_told(
    official: list[Path], server: str, tmp_path: Path
) -> None:
    """The regional zip and the durations zip upload with the bar at values between 0 and 100; Replace is drawn
    disabled while it runs; a second browser context gets the toast, then the notice on its next click."""
    from playwright.sync_api import expect, sync_playwright

    regional = _zip(tmp_path, "Appointments_GP_Regional_CSV_Nov_25.zip", [p for p in official if "Regional" in p.name])
    durations = _zip(tmp_path, "Actual_Duration_CSV_Nov_25.zip", [p for p in official if "Duration" in p.name])
    SHOTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            other = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
            other.goto(server + "/Attendance")
            _settle(other)
            page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
            page.goto(server + "/Data")
            _settle(page)
            page.evaluate(_WATCH)
            page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files([regional, durations])
            expect(page.get_by_role("heading", name="Preview: what would change")).to_be_visible()
            _settle(page)
            progress = page.evaluate("() => window.__progress")
            assert any(0 < value < 100 for value in progress), f"the bar only showed {progress}"
            assert progress == sorted(progress), "the bar never goes back"
            page.evaluate("() => { window.__clicked = true; }")
            page.get_by_role("button", name="Replace data").click()
            expect(page.get_by_text("Replaced: version v0001 is now the data every page shows.")).to_be_visible()
            assert page.evaluate("() => window.__replaceDisabled"), "Replace data was not disabled while it ran"

            expect(other.get_by_text("Data changed to v0001 at")).to_be_visible(timeout=30_000)  # the toast
            assert (
                "this page shows it from your next click"
                in other.get_by_text("Data changed to v0001").first.inner_text()
            )
            _shot(other, "9_change_toast.png")
            other.get_by_text("Appointments", exact=True).first.click()  # any interaction: the next run
            expect(other.get_by_text("every page now shows it")).to_be_visible()
            expect(other.get_by_text("Your data: version v0001").first).to_be_visible()  # and shows the new data
            _shot(other, "10_change_notice.png")
        finally:
            browser.close()


def test_enter_in_the_icb_box_picks_one_match_not_all_of_them(server: str) -> None:
    """Typing "Somerset" lists three ICBs; Enter picks the first, as a search box does. Streamlit's multiselect
    put a "Select 3 matches" row first, so Enter chose all three."""
    with _browser_page() as page:
        page.goto(f"{server}/Engagement")
        _settle(page)
        box = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Integrated care board").locator("input")
        box.first.click()
        page.keyboard.type("Somerset")
        options = page.get_by_role("option")
        assert options.count() >= 2, "the sample should have several ICBs named Somerset"
        assert not any(text.startswith("Select") for text in options.all_inner_texts())
        page.keyboard.press("Enter")
        page.keyboard.press("Escape")
        _settle(page)
        page.wait_for_function("() => location.search.includes('icb=')", timeout=WAIT_MS)
        chosen = page.evaluate("() => new URLSearchParams(location.search).get('icb')")
        assert chosen is not None and len(chosen.split(",")) == 1
