"""What users feel at start-up, in headless Chromium from `streamlit run`: process start to Home shown, the first
visit of each page (clicked in the sidebar, to its first chart drawn), a selection opened from its address, and
the server's memory; for this checkout and for an earlier commit of the project (today's path) on the same store,
in one run.

Usage: python -m bench.app_start --store DIR [--before REF|FOLDER] [--port 8650] [--rounds 1] [--pages PATH ...]
[--bare]

The earlier commit is exported with `git archive` to a temporary folder (never a worktree) and run the same way.
The store is read, never changed. Memory: the server's resident set (VmRSS) after the visits and its peak
(VmHWM), from /proc.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.screenshot import CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
DONE = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"


def _memory(pid: int) -> dict[str, float]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) / 1024 / 1024  # kB -> GB
    return fields


def _wait(page, selector: str, timeout: float = 180_000) -> None:
    page.wait_for_selector(selector, timeout=timeout)
    page.wait_for_function(DONE, timeout=timeout)


# The page titled `title` has finished its run and drawn a chart of its own (not one of the last page's, which
# Streamlit keeps, marked stale, until the new run ends).
NEW_PAGE_CHART = """title => document.title.startsWith(title + " ·")
    && !document.querySelector('[data-testid="stStatusWidget"]')
    && [...document.querySelectorAll('.vega-embed')].some(chart => !chart.closest('[data-stale="true"]'))"""


def _visit(page, port: int, path: str, selector: str) -> float:
    """Seconds to `path`'s first chart: a page name is clicked in the sidebar, in the same session, as a user
    goes from page to page; a path with a query (a selection in the address) is opened as a new page load."""
    start = time.perf_counter()
    if "?" in path:
        page.goto(f"http://127.0.0.1:{port}/{path}", timeout=180_000)
        _wait(page, selector)
    else:
        link = page.locator(f'[data-testid="stSidebar"] :is(a[href="{path}"], a[href$="/{path}"])')
        if not link.count():  # a page this checkout does not have (an earlier commit)
            return float("nan")
        link.first.click()
        page.wait_for_function(NEW_PAGE_CHART, arg=path.replace("_", " "), timeout=180_000)
    return time.perf_counter() - start


PAGES = ("Engagement", "Capacity_and_seasonality", "Engagement?icb=E54000027")


def _open_when_up(playwright, port: int):
    """Chromium and a page of the app on `port`, opened as soon as the server listens: (browser, page)."""
    browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    for _ in range(600):  # the port opens once the server is up
        try:
            page.goto(f"http://127.0.0.1:{port}/", timeout=5_000)
            break
        except Exception:  # noqa: BLE001 - not listening yet
            time.sleep(0.05)
    return browser, page


def measure(checkout: Path, store: Path, port: int, pages: tuple[str, ...] = PAGES) -> dict[str, float]:
    """Start the app in `checkout` on `store`, and time what a first user sees: Home, then each of `pages` (URL
    paths, with a query for a selection) until its first chart is drawn."""
    env = {**os.environ, "NHS_EXPLORER_STORE": str(store), "PYTHONPATH": str(checkout)}
    env.pop("NHS_EXPLORER_SAMPLE_DIR", None)
    command = [sys.executable, "-m", "streamlit", "run", "streamlit_app.py", "--server.headless", "true"]
    command += ["--server.port", str(port), "--browser.gatherUsageStats", "false"]
    start = time.perf_counter()
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(command, cwd=checkout, env=env, stdout=log, stderr=subprocess.STDOUT)
        out: dict[str, float] = {}
        try:
            with sync_playwright() as p:
                browser, page = _open_when_up(p, port)
                _wait(page, "h1")  # the title: a store without the monthly table has no KPIs on Home
                out["start_to_home_s"] = time.perf_counter() - start
                for index, path in enumerate(pages):
                    out[f"{path.lower()}_s"] = _visit(page, port, path, ".vega-embed")
                    if index == 0:
                        out["start_to_first_chart_s"] = time.perf_counter() - start
                browser.close()
            out |= {"rss_gb": _memory(server.pid)["VmRSS"], "peak_gb": _memory(server.pid)["VmHWM"]}
        except Exception:
            log.seek(0)
            print(f"the app in {checkout} failed; the end of its output:", log.read()[-3000:].decode(errors="replace"))
            raise
        finally:
            server.terminate()
            server.wait(timeout=30)
    return out


def measure_bare(store: Path, port: int, charts: int = 6) -> dict[str, float]:
    """The floor: a bare Streamlit app (`bench.filter_change.BARE_APP`, no caching) reading the store's monthly
    appointments Parquet and drawing `charts` Altair charts, from process start to its first chart drawn."""
    from bench.filter_change import BARE_APP

    with tempfile.TemporaryDirectory(prefix="nhs-bare-start-") as folder:
        version = (store / "ACTIVE").read_text().strip()
        parquet = store / "versions" / version / "appointments.parquet"
        script = Path(folder) / "bare_app.py"
        script.write_text(textwrap.dedent(BARE_APP.format(parquet=str(parquet), charts=charts)))
        command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true"]
        command += ["--server.port", str(port), "--browser.gatherUsageStats", "false"]
        start = time.perf_counter()
        server = subprocess.Popen(command, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            with sync_playwright() as p:
                browser, page = _open_when_up(p, port)
                _wait(page, ".vega-embed")
                first_chart = time.perf_counter() - start
                browser.close()
            return {"start_to_first_chart_s": first_chart, "rss_gb": _memory(server.pid)["VmRSS"]}
        finally:
            server.terminate()
            server.wait(timeout=30)


@contextlib.contextmanager
def compared_checkouts(before: str | None) -> Iterator[dict[str, Path]]:
    """{name: folder} of this checkout and, when `before` is given, that commit exported (removed afterwards; a
    folder given as `before` is used as it is and kept)."""
    checkouts = {"this checkout": ROOT}
    if before:
        checkouts = {f"before ({before})": export(before), **checkouts}
    try:
        yield checkouts
    finally:
        for checkout in checkouts.values():
            if checkout != ROOT and not Path(before).is_dir():
                shutil.rmtree(checkout, ignore_errors=True)


def show(name: str, figures: dict[str, float]) -> None:
    print(name, " ".join(f"{k}={v:.2f}" for k, v in figures.items()), flush=True)


def export(ref: str) -> Path:
    """The project at `ref`, exported to a temporary folder (`ref` may also name a folder holding it already)."""
    if Path(ref).is_dir():
        return Path(ref)
    folder = Path(tempfile.mkdtemp(prefix="nhs-before-"))
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--before", default=None, help="an earlier commit to compare with (today's path)")
    parser.add_argument("--port", type=int, default=8650)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--pages", nargs="+", default=PAGES, help="pages to visit after Home, in order")
    parser.add_argument("--bare", action="store_true", help="also time a bare Streamlit app's first chart")
    args = parser.parse_args()
    with compared_checkouts(args.before) as checkouts:
        for _ in range(args.rounds):
            for name, checkout in checkouts.items():
                show(name, measure(checkout, args.store.resolve(), args.port, tuple(args.pages)))
            if args.bare:
                show("bare Streamlit", measure_bare(args.store.resolve(), args.port))


if __name__ == "__main__":
    main()
