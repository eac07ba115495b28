"""Benchmark: the server's memory before, after a rejected ~1.5 GB browser upload, and after its tab closes.

Starts `streamlit run streamlit_app.py` on port 8700 (an empty store under /tmp), opens the Data page in Debian's
Chromium (Playwright, --no-sandbox), uploads a CSV of an unrecognised table (written under /tmp, deleted after),
waits for the report, closes the browser, samples the server's RSS (VmRSS) for `--wait` seconds (past Streamlit's
120 s reconnect time), then opens the home page in a new browser (a page run) and samples it once more.
Nothing here asserts a figure.

Usage: python -m bench.rejected_upload_rss [--mb 1500] [--wait 180] [--port 8700]
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    line = next(x for x in status.splitlines() if x.startswith("VmRSS"))
    return int(line.split()[1]) / 1024


def write_rejected(path: Path, megabytes: int) -> None:
    block = b"name,colour\n" + b"somebody,red\n" * 80_000
    with open(path, "wb") as out:
        out.write(b"name,colour\n")
        for _ in range(megabytes * 1_000_000 // len(block) + 1):
            out.write(block)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=1500)
    parser.add_argument("--wait", type=int, default=180, help="seconds to watch the server after the tab closes")
    parser.add_argument("--port", type=int, default=8700)
    parser.add_argument("--ttl", type=int, default=120, help="server.disconnectedSessionTTL (Streamlit's is 120 s)")
    args = parser.parse_args()
    from playwright.sync_api import expect, sync_playwright

    with tempfile.TemporaryDirectory(dir="/tmp") as folder:
        upload = Path(folder) / "not_a_table.csv"
        write_rejected(upload, args.mb)
        env = {**os.environ, "NHS_EXPLORER_STORE": str(Path(folder) / "store")}
        command = [sys.executable, "-m", "streamlit", "run", "streamlit_app.py", "--server.port", str(args.port)]
        command += ["--server.address", "127.0.0.1", "--server.headless", "true"]
        command += ["--server.disconnectedSessionTTL", str(args.ttl)]
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{args.port}"
        try:
            for _ in range(120):
                try:
                    urllib.request.urlopen(f"{url}/_stcore/health", timeout=2)
                    break
                except OSError:
                    time.sleep(0.5)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
                page = browser.new_page()
                page.set_default_timeout(600_000)
                page.goto(url + "/Data")
                page.wait_for_selector('[data-testid="stFileUploaderDropzoneInput"]', state="attached")
                time.sleep(3)
                before = rss_mb(server.pid)
                print(f"size {upload.stat().st_size / 1e6:,.0f} MB; before upload: {before:,.0f} MB", flush=True)
                page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files([upload])
                expect(page.get_by_text("Read 1 file(s)").first).to_be_visible(timeout=600_000)
                time.sleep(3)
                print(f"after the rejected upload: {rss_mb(server.pid):,.0f} MB", flush=True)
                browser.close()
            start = time.monotonic()
            while time.monotonic() - start < args.wait:
                time.sleep(15)
                print(f"  {time.monotonic() - start:4.0f} s after the tab closed: {rss_mb(server.pid):,.0f} MB")
            with sync_playwright() as playwright:  # another visitor: a page run, which frees a closed tab's upload
                browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
                page = browser.new_page()
                page.goto(url + "/")
                page.wait_for_selector('[data-testid="stApp"]')
                time.sleep(10)
                print(f"after another visitor opened the home page: {rss_mb(server.pid):,.0f} MB", flush=True)
                browser.close()
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
