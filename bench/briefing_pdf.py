"""Print the briefing to PDF with headless Chromium and turn its first pages into PNGs to look at.

Usage: python -m bench.briefing_pdf [FILE_OR_DIR...] [--icb CODE] [--from YYYY-MM --to YYYY-MM] [--pages 8]
                                    [--out screenshots/briefing] [--name briefing]

Builds the briefing exactly as `python -m nhs_core report` does (default: the bundled sample, England,
every month), prints it with Playwright's `page.pdf(format="A4")` (what "Save as PDF" does) and runs
`pdftoppm -png -r 60` on the first pages. Writes NAME.html, NAME.pdf and NAME-<page>.png under --out
(git-ignored) and prints their paths. Needs Debian's Chromium at /usr/bin/chromium and poppler-utils.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.screenshot import CHROMIUM_ARGS
from nhs_core.cli import main as cli_main

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"


def print_pdf(html: Path, pdf: Path) -> int:
    """Print `html` to `pdf` (A4, backgrounds on, as the page's CSS asks); returns the page count."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        fetched: list[str] = []
        page.on("request", lambda request: fetched.append(request.url))
        page.goto(html.resolve().as_uri(), wait_until="load")
        page.pdf(path=str(pdf), format="A4", print_background=True, prefer_css_page_size=True)
        browser.close()
    outside = [url for url in fetched if not url.startswith(("file:", "data:"))]
    if outside:
        raise RuntimeError(f"the briefing fetched from outside the file: {outside}")
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def page_images(pdf: Path, pages: int, resolution: int = 60) -> list[Path]:
    """`pdftoppm` the first `pages` pages of `pdf` into PNGs beside it."""
    prefix = pdf.with_suffix("")
    for old in prefix.parent.glob(f"{prefix.name}-*.png"):
        old.unlink()
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(resolution), "-f", "1", "-l", str(pages), str(pdf), str(prefix)], check=True
    )
    return sorted(prefix.parent.glob(f"{prefix.name}-*.png"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "data")], help="extract files or folders")
    parser.add_argument("--icb", action="append", default=[])
    parser.add_argument("--from", dest="start")
    parser.add_argument("--to", dest="end")
    parser.add_argument("--pages", type=int, default=8, help="how many pages to turn into PNGs")
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots" / "briefing")
    parser.add_argument("--name", default="briefing")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists() or not shutil.which("pdftoppm"):
        print(f"Needs {CHROMIUM} (apt-get install -y chromium) and pdftoppm (apt-get install -y poppler-utils).")
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    html = args.out / f"{args.name}.html"
    pdf = args.out / f"{args.name}.pdf"
    command = ["report", *args.paths, "--out", str(html), *(x for c in args.icb for x in ("--icb", c))]
    command += [*(("--from", args.start) if args.start else ()), *(("--to", args.end) if args.end else ())]
    if cli_main(command):
        return 1
    count = print_pdf(html, pdf)
    print(f"{pdf} ({count} pages)")
    for image in page_images(pdf, args.pages):
        print(image)
    return 0


if __name__ == "__main__":
    sys.exit(main())
