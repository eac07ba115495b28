"""What a user feels replacing the data on the Data page with a big zip, in headless Chromium: the upload read,
checked and previewed, then replaced; the server's peak memory through each step, against the CLI import of the
same zip (`python -m nhs_core import`); for this checkout and for an earlier commit, in one run.

Usage: python -m bench.upload_path --zip PATH [--before REF|FOLDER] [--port 8660]

Each run starts the app on a new empty store under /tmp (so it shows the bundled sample, as on a fresh server),
uploads the zip with Playwright, waits for the preview ("Preview: what would change") and then for "Replaced:",
and reads the server's VmRSS and VmHWM from /proc after each step. The stores are deleted after.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.app_servers import running
from bench.app_start import DONE, _memory, compared_checkouts, show
from bench.screenshot import CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_MS = 900_000


def through_the_page(checkout: Path, zip_path: Path, port: int) -> dict[str, float]:
    """Upload `zip_path` on the Data page of the app in `checkout` and replace the data with it."""
    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="nhs-upload-") as folder:
        store, run_dir = Path(folder) / "store", Path(folder)
        with running(1, store, port, run_dir, checkout) as (base, pid), sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"{base}/Data", timeout=TIMEOUT_MS)
            page.wait_for_selector('[data-testid="stFileUploaderDropzoneInput"]', state="attached")
            page.wait_for_function(DONE)
            out["page_open_rss_gb"] = _memory(pid)["VmRSS"]
            start = time.perf_counter()
            page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files([zip_path])
            page.get_by_text("Preview: what would change").wait_for(timeout=TIMEOUT_MS)
            page.wait_for_function(DONE, timeout=TIMEOUT_MS)
            out["upload_to_preview_s"] = time.perf_counter() - start
            out |= {"preview_rss_gb": _memory(pid)["VmRSS"], "preview_peak_gb": _memory(pid)["VmHWM"]}
            start = time.perf_counter()
            page.get_by_role("button", name="Replace data").click()
            page.get_by_text("Replaced: version").wait_for(timeout=TIMEOUT_MS)
            page.wait_for_function(DONE, timeout=TIMEOUT_MS)
            out["replace_s"] = time.perf_counter() - start
            out |= {"after_rss_gb": _memory(pid)["VmRSS"], "peak_gb": _memory(pid)["VmHWM"]}
            browser.close()
    return out


def through_the_cli(zip_path: Path) -> dict[str, float]:
    """`python -m nhs_core import ZIP` into a new empty store: seconds and the process's peak RSS."""
    with tempfile.TemporaryDirectory(prefix="nhs-upload-cli-") as folder:
        command = [sys.executable, "-m", "nhs_core", "import", str(zip_path), "--store", f"{folder}/store"]
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError(f"the CLI import of {zip_path} failed")
    return {"cli_import_s": seconds, "cli_peak_gb": usage.ru_maxrss / 1024 / 1024}  # kB -> GB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zip", type=Path, required=True)
    parser.add_argument("--before", default=None, help="an earlier commit to compare with (today's path)")
    parser.add_argument("--port", type=int, default=8660)
    args = parser.parse_args()
    zip_path = args.zip.resolve()
    with compared_checkouts(args.before) as checkouts:
        show("CLI", through_the_cli(zip_path))
        for name, checkout in checkouts.items():
            show(name, through_the_page(checkout, zip_path, args.port))


if __name__ == "__main__":
    main()
