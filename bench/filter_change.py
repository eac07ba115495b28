"""A filter change as a user feels it, in headless Chromium: from choosing a region in the sidebar to the last
chart redrawn, on the Engagement page of this app and on a bare Streamlit app drawing as many charts from the same
rows (the floor Streamlit itself sets), in one run on the same machine.

Usage: python -m bench.filter_change [--store DIR] [--page Engagement] [--before REF] [--port 8660] [--rounds 2]

`--before REF`: an earlier commit of the app (exported with `git archive`, as `bench.app_start` does) is measured
the same way first, in the same run.

The bare app reads the appointments table the app has loaded (written to a temporary Parquet file), filters it with
pandas on each rerun and draws the same number of Altair line charts, with no caching of its own. Each round adds
every region in turn and removes it again (two filter changes per region); the first round is the first time this
app sees each selection (its caches are cold), later rounds repeat them. A change is timed from the key press to
the last change of the page's DOM, once the page has been quiet for half a second.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.app_start import export
from bench.screenshot import CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
QUIET_MS = 500
_WATCH = "() => { window.__last = performance.now(); new MutationObserver(() => { window.__last = performance.now(); })"
_WATCH += ".observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true}); }"
_IDLE = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"

BARE_APP = """
import altair as alt
import pandas as pd
import streamlit as st

st.set_page_config(layout="wide")
frame = pd.read_parquet({parquet!r})
regions = st.sidebar.multiselect("Region", sorted(frame["region_name"].dropna().astype(str).unique()))
shown = frame[frame["region_name"].astype(str).isin(regions)] if regions else frame
dims = ["appointment_status", "hcp_type", "appointment_mode", "time_between_book_and_appointment"]
dims = [dim for dim in dims if dim in frame] or ["icb_name"]  # the practice summary has areas, no breakdowns
for i in range({charts}):
    dim = dims[i % len(dims)]
    table = shown.groupby(["appointment_month", dim], observed=True)["count_of_appointments"].sum().reset_index()
    chart = alt.Chart(table).mark_line(point=True).encode(
        x="appointment_month:T", y="count_of_appointments:Q", color=dim + ":N", tooltip=list(table.columns)
    )
    st.altair_chart(chart.properties(title=f"Chart {{i + 1}}: appointments by {{dim}}"), use_container_width=True)
"""


def _serve(script: str, cwd: Path, port: int, env: dict) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        script,
        "--server.headless",
        "true",
        "--server.port",
        str(port),
    ]
    command += ["--browser.gatherUsageStats", "false"]
    return subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _settled(page, since: float) -> float:
    """Seconds from `since` (the page's clock, ms) to the page's last DOM change, once it has been quiet."""
    page.wait_for_timeout(150)
    page.wait_for_function(_IDLE, timeout=180_000)
    page.wait_for_function(f"() => performance.now() - window.__last > {QUIET_MS}", timeout=180_000)
    return (page.evaluate("() => window.__last") - since) / 1000


def _change(page, region: str | None) -> float:
    """Add `region` to the sidebar's Region filter (None: remove the last one) and time the redraw."""
    box = page.get_by_test_id("stSidebar").get_by_role("combobox", name="Region")
    box.click()
    since = page.evaluate("() => performance.now()")
    if region is None:
        page.keyboard.press("Backspace")
    else:
        box.fill(region)
        since = page.evaluate("() => performance.now()")
        page.keyboard.press("Enter")
    seconds = _settled(page, since)
    page.keyboard.press("Escape")
    return seconds


def measure(url: str, regions: list[str], rounds: int) -> list[list[float]]:
    """Per round, the seconds of each filter change (add a region, remove it) on the page at `url`."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        for _ in range(600):
            try:
                page.goto(url, timeout=5_000)
                break
            except Exception:  # noqa: BLE001 - the server is not listening yet
                time.sleep(0.1)
        page.wait_for_selector(".vega-embed", timeout=180_000)
        page.evaluate(_WATCH)
        _settled(page, 0)
        out = []
        for _ in range(rounds):
            out.append([seconds for region in regions for seconds in (_change(page, region), _change(page, None))])
        browser.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=None, help="the app's store (default: the bundled sample)")
    parser.add_argument("--port", type=int, default=8660)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--before", default=None, help="an earlier commit of this app, measured first")
    parser.add_argument("--page", default="Engagement", help="the app's page whose filter changes are timed")
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    store = args.store or Path(tempfile.mkdtemp(prefix="nhs-store-"))
    env["NHS_EXPLORER_STORE"] = str(store.resolve())
    os.environ["NHS_EXPLORER_STORE"] = env["NHS_EXPLORER_STORE"]

    from nhs_core import schema as s
    from nhs_core.app.data import active_data

    data = active_data()
    # The rows the page draws: the appointments, or on the Practices page the practice crosstab (its summary).
    rows = data.tables[s.PRACTICE_CROSSTAB if args.page == "Practices" else s.APPOINTMENTS]
    regions = sorted(rows[s.REGION_NAME].dropna().astype(str).unique())
    work = Path(tempfile.mkdtemp(prefix="nhs-bare-"))
    rows.to_parquet(work / "appointments.parquet")

    checkouts = {"this app": ROOT}
    if args.before:
        checkouts = {f"before ({args.before})": export(args.before), **checkouts}
    results = {}
    for name, checkout in list(checkouts.items())[:-1]:
        server = _serve("streamlit_app.py", checkout, args.port, {**env, "PYTHONPATH": str(checkout)})
        try:
            results[name] = measure(f"http://127.0.0.1:{args.port}/{args.page}", regions, args.rounds)
        finally:
            server.terminate()
            server.wait(timeout=30)
            if not Path(args.before).is_dir():  # exported here, not a folder given
                shutil.rmtree(checkout, ignore_errors=True)
    app = _serve("streamlit_app.py", ROOT, args.port, env)
    try:
        ours = measure(f"http://127.0.0.1:{args.port}/{args.page}", regions, args.rounds)
        with sync_playwright() as p:  # how many charts the page drew, for the bare app to draw as many
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"http://127.0.0.1:{args.port}/{args.page}")
            page.wait_for_selector(".vega-embed", timeout=180_000)
            page.wait_for_function(_IDLE, timeout=180_000)
            page.wait_for_timeout(1_000)
            charts = page.get_by_role("button", name="PNG image").count()  # one under every chart
            browser.close()
    finally:
        app.terminate()
        app.wait(timeout=30)
    script = work / "bare_app.py"
    script.write_text(textwrap.dedent(BARE_APP.format(parquet=str(work / "appointments.parquet"), charts=charts)))
    bare_server = _serve(str(script), work, args.port + 1, env)
    try:
        bare = measure(f"http://127.0.0.1:{args.port + 1}/", regions, args.rounds)
    finally:
        bare_server.terminate()
        bare_server.wait(timeout=30)
    print(f"{len(regions)} regions, {2 * len(regions)} filter changes a round, {charts} charts on each page")
    results["this app"] = ours
    for name, rounds in results.items():
        for index, (mine, floor) in enumerate(zip(rounds, bare)):
            label = "first time (cold caches)" if index == 0 else f"round {index + 1} (seen before)"
            ours_median, bare_median = statistics.median(mine), statistics.median(floor)
            print(
                f"{name}, {label}: median {ours_median:.2f} s (max {max(mine):.2f}); bare Streamlit median "
                f"{bare_median:.2f} s (max {max(floor):.2f}); ratio {ours_median / bare_median:.2f}x"
            )


if __name__ == "__main__":
    main()
