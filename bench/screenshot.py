"""Screenshot app pages with headless Debian Chromium (Playwright), for looking at what users see.

Usage: python -m bench.screenshot URL_PATH... [--port 8501] [--out screenshots]
Start the app first (streamlit run streamlit_app.py --server.port PORT).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def shoot(paths: list[str], port: int, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    saved = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        for path in paths:
            page.goto(f"http://127.0.0.1:{port}/{path.lstrip('/')}", timeout=30_000)
            page.wait_for_selector('[data-testid="stApp"]', timeout=30_000)
            page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
            page.wait_for_timeout(1500)
            target = out / f"{(path.strip('/') or 'home').replace('/', '_')}.png"
            page.screenshot(path=str(target), full_page=True)
            saved.append(target)
        browser.close()
    return saved


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=["/"])
    parser.add_argument("--port", type=int, default=8501)
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    args = parser.parse_args()
    for saved in shoot(args.paths, args.port, args.out):
        print(saved)
