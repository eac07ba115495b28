"""Start the app, screenshot the home page and every explorer page with headless Chromium, stop the app.

Usage: python -m bench.screenshot_pages [--data FOLDER] [--port 8531] [--out screenshots] [--query "region=..."]

With --data the app opens on that folder (through NHS_EXPLORER_SAMPLE_DIR) instead of the bundled sample,
e.g. --data ../shared/data/lse-extract for the real extract. Screenshots are full-page PNGs at 1400 x 1000.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.screenshot import CHROMIUM_ARGS
from nhs_core.app import navigation

ROOT = Path(__file__).resolve().parent.parent
PAGES = [f"/{p.url_path}" for p in navigation.PAGES]  # every page's address, from the one list of pages


def _wait_until_up(port: int, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"the app did not start on port {port}")


def shoot(paths: list[str], port: int, out: Path, width: int = 1400, height: int = 1000) -> list[Path]:
    """Full-page screenshots. Streamlit scrolls inside its main container, not the document, so the
    viewport is stretched to the container's height before each shot."""
    out.mkdir(parents=True, exist_ok=True)
    saved = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": width, "height": height})
        for path in paths:
            page.set_viewport_size({"width": width, "height": height})
            page.goto(f"http://127.0.0.1:{port}/{path.lstrip('/')}", timeout=30_000)
            page.wait_for_selector('[data-testid="stApp"]', timeout=30_000)
            page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=60_000)
            page.wait_for_timeout(2000)  # charts draw after the script finishes
            full = page.evaluate(
                "() => Math.max(...[...document.querySelectorAll('[data-testid=stMain], "
                "[data-testid=stSidebarContent]')].map(e => e.scrollHeight))"
            )
            page.set_viewport_size({"width": width, "height": max(height, int(full) + 40)})
            page.wait_for_timeout(1500)
            name = (path.split("?")[0].strip("/") or "home").replace("/", "_")
            target = out / f"{name}.png"
            page.screenshot(path=str(target), full_page=True)
            saved.append(target)
        browser.close()
    return saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="folder of extract files to open the app on")
    parser.add_argument("--port", type=int, default=8531)
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--query", default="", help="query string added to every page, e.g. region=E40000003")
    args = parser.parse_args()
    env = dict(os.environ)
    if args.data:
        env["NHS_EXPLORER_SAMPLE_DIR"] = str(args.data.resolve())
        env["NHS_EXPLORER_STORE"] = tempfile.mkdtemp(prefix="nhs_store_")  # empty: no upload hides the files
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "streamlit_app.py",
            "--server.port",
            str(args.port),
            "--server.headless",
            "true",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_until_up(args.port)
        paths = [p + (f"?{args.query}" if args.query else "") for p in PAGES]
        for saved in shoot(paths, args.port, args.out):
            print(saved)
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
