"""Two replicas behind nginx (deploy/replicas.sh) on one temporary store: a browser pinned to replica A uploads and
replaces the data through the proxy; a session open on replica B gets the change toast, and B (through the proxy
and on its own port, never restarted) serves the new version."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT, appointments_csv
from test_browser import CHROMIUM, CHROMIUM_ARGS, WAIT_MS, _settle

from bench import app_servers

pytestmark = [pytest.mark.browser, pytest.mark.replicas]


def _free_ports(count: int) -> int:
    """A base port with `count` consecutive free loopback ports."""
    for _ in range(50):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            base = sock.getsockname()[1]
        if base + count < 65535 and all(_free(base + i) for i in range(count)):
            return base
    pytest.fail("no consecutive free ports")


def _free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _first_visit(proxy: str, cookie: str | None = None) -> tuple[str, str]:
    """The replica nginx picks for a browser without a (known) sticky cookie, and the cookie it sets."""
    headers = {"Cookie": f"nhs_replica={cookie}"} if cookie else {}
    request = urllib.request.Request(f"{proxy}/_stcore/health", headers=headers)
    with urllib.request.urlopen(request, timeout=5) as response:
        ours = [c for c in response.headers.get_all("Set-Cookie") or [] if c.startswith("nhs_replica=")]
        return response.headers["X-Replica"], ours[0].split(";")[0].removeprefix("nhs_replica=") if ours else ""


def _replica_for(proxy: str, key: str) -> str:
    request = urllib.request.Request(f"{proxy}/_stcore/health", headers={"Cookie": f"nhs_replica={key}"})
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.headers["X-Replica"]


def _wait_up(urls: list[str], process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    for url in urls:
        while True:
            if process.poll() is not None:
                pytest.fail(f"deploy/replicas.sh exited with code {process.returncode}")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"{url} did not answer within {seconds} s")
                time.sleep(0.3)


def test_a_replace_through_one_replica_reaches_a_session_on_the_other(tmp_path: Path) -> None:
    if shutil.which("nginx") is None:
        pytest.skip("nginx is not installed (.ci/run installs Debian's nginx)")
    if not CHROMIUM.exists():
        pytest.skip("Debian's Chromium is not installed at /usr/bin/chromium (.ci/run installs it)")
    playwright = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    playwright.expect.set_options(timeout=WAIT_MS)
    base = _free_ports(3)
    env = {**os.environ, "NHS_EXPLORER_STORE": str(tmp_path / "store"), "RUN_DIR": str(tmp_path / "run")}
    env |= {"BASE_PORT": str(base), "PROXY_PORT": str(base + 2), "LISTEN_ADDRESS": "127.0.0.1"}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    env.pop("NHS_EXPLORER_ADMIN_PASSWORD", None)
    upload = tmp_path / "appointments.csv"
    upload.write_bytes(appointments_csv(["2024-01", "2024-02"], 1000))
    process = subprocess.Popen(
        ["bash", "deploy/replicas.sh", "2"], cwd=ROOT, env=env, start_new_session=True, stdout=subprocess.DEVNULL
    )
    proxy, replica_b = f"http://127.0.0.1:{base + 2}", f"http://127.0.0.1:{base + 1}"
    try:
        _wait_up([f"http://127.0.0.1:{base}", replica_b, proxy], process)
        # first visits (no cookie) are spread over the replicas, and the cookie nginx sets keeps a browser on one
        firsts = [_first_visit(proxy) for _ in range(4)]
        a, b = f"127.0.0.1:{base}", f"127.0.0.1:{base + 1}"
        assert sorted(firsts) == [(a, a), (a, a), (b, b), (b, b)], firsts  # least connections, ties in turn
        keys = {replica: cookie for replica, cookie in firsts}
        assert all(_replica_for(proxy, cookie) == replica for replica, cookie in keys.items())
        assert _first_visit(proxy, cookie="a-replica-long-gone")[0] in keys  # an unknown cookie counts as none
        _replace_on_a_seen_on_b(proxy, replica_b, keys[f"127.0.0.1:{base}"], keys[f"127.0.0.1:{base + 1}"], upload)
        log = (tmp_path / "run" / "access.log").read_text()
        streams = {line.split("upstream=")[1] for line in log.splitlines() if "/_stcore/stream" in line}
        assert streams == set(keys), f"each browser's websocket went through nginx to its replica: {streams}"
    finally:
        app_servers.stop_group(process, grace=15)


def _replace_on_a_seen_on_b(proxy: str, replica_b: str, key_a: str, key_b: str, upload: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    host = proxy.split("//")[1].split(":")[0]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            contexts = {}
            for name, key in (("a", key_a), ("b", key_b)):
                contexts[name] = browser.new_context(viewport={"width": 1400, "height": 1000})
                contexts[name].add_cookies([{"name": "nhs_replica", "value": key, "domain": host, "path": "/"}])
            other = contexts["b"].new_page()
            other.goto(proxy + "/")
            _settle(other)
            expect(other.get_by_text("Sample data (synthetic)").first).to_be_visible()
            page = contexts["a"].new_page()
            page.goto(proxy + "/Data")
            _settle(page)
            page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files([upload])
            expect(page.get_by_role("heading", name="Preview: what would change")).to_be_visible()
            _settle(page)
            page.get_by_role("button", name="Replace data").click()
            expect(page.get_by_text("Replaced: version v0001 is now the data every page shows.")).to_be_visible()

            expect(other.get_by_text("Data changed to v0001 at")).to_be_visible(timeout=30_000)  # the toast on B
            direct = contexts["b"].new_page()  # replica B on its own port, never restarted
            direct.goto(replica_b + "/")
            _settle(direct)
            expect(direct.get_by_text("Your data: version v0001").first).to_be_visible()
        finally:
            browser.close()
