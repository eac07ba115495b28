"""The briefing printed to PDF by headless Chromium (as "Save as PDF" does): it loads without fetching anything,
prints on A4 with each section on its own page, and its first page turns into an image (bench/briefing_pdf.py
does the same for looking at the pages)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from nhs_core import ingest_paths
from nhs_core.briefing.build import build_briefing
from nhs_core.briefing.html import render_html

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")


def test_briefing_prints_to_a4_pages(tmp_path):
    if not CHROMIUM.exists():
        pytest.skip("Debian's Chromium is not installed at /usr/bin/chromium (apt-get install -y chromium)")
    if not (shutil.which("pdfinfo") and shutil.which("pdftoppm")):
        pytest.skip("poppler-utils (pdfinfo, pdftoppm) are not installed (apt-get install -y poppler-utils)")
    pytest.importorskip("playwright")
    from bench.briefing_pdf import page_images, print_pdf

    html = tmp_path / "briefing.html"
    html.write_text(
        render_html(build_briefing(ingest_paths([ROOT / "tests" / "fixtures" / "lse"]).tables)), encoding="utf-8"
    )
    pdf = tmp_path / "briefing.pdf"
    pages = print_pdf(html, pdf)  # raises if the page fetched anything from outside the file
    assert pdf.read_bytes()[:5] == b"%PDF-"
    assert 8 <= pages <= 12  # the front matter, one page per section, definitions and notes
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "pts (A4)" in info
    first = page_images(pdf, 1)
    assert len(first) == 1 and first[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
