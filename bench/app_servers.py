"""The app as `bench.sessions` runs it: one `streamlit run`, or N replicas behind nginx (`deploy/replicas.sh`), on
one store; and the CPU its processes used, read from /proc."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TICKS = os.sysconf("SC_CLK_TCK")


def _wait_up(urls: list[str], process: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    for url in urls:
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the app exited with code {process.returncode} before {url} answered")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{url} did not answer within {seconds} s") from None
                time.sleep(0.3)


def _check_free(ports: range) -> None:
    for port in ports:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                raise RuntimeError(f"port {port} is in use: another app there would be measured instead of this one")


@contextmanager
def running(replicas: int, store: Path, port: int, run_dir: Path, checkout: Path = ROOT):
    """Start the app in `checkout`; yields (the address sessions open, the pid of the process group). With one
    replica it is `streamlit run` on `port` with no proxy (as the issue's "before" figures); with more, nginx
    listens on `port` and the replicas on `port + 1` upwards."""
    env = {**os.environ, "NHS_EXPLORER_STORE": str(store), "PYTHONPATH": str(checkout)}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"  # replicas.sh runs `python3`
    env.pop("NHS_EXPLORER_SAMPLE_DIR", None)
    base = f"http://127.0.0.1:{port}"
    if replicas == 1:
        command = [sys.executable, "-m", "streamlit", "run", "streamlit_app.py", "--server.port", str(port)]
        command += ["--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"]
        urls = [base]
    else:
        command = ["bash", "deploy/replicas.sh", str(replicas)]
        env |= {"PROXY_PORT": str(port), "BASE_PORT": str(port + 1), "RUN_DIR": str(run_dir)}
        env["LISTEN_ADDRESS"] = "127.0.0.1"
        urls = [f"http://127.0.0.1:{port + 1 + i}" for i in range(replicas)] + [base]
    _check_free(range(port, port + replicas + (replicas > 1)))
    log = (run_dir / "app.log").open("wb")
    process = subprocess.Popen(
        command, cwd=checkout, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        _wait_up(urls, process)
        yield base, process.pid
    finally:
        stop_group(process, grace=20)
        log.close()


def stop_group(process: subprocess.Popen, grace: float = 10) -> None:
    """Stop `process` and every process of its session (it was started with ``start_new_session``): SIGTERM,
    then SIGKILL after `grace` seconds."""
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def _stat(pid: int) -> list[str]:
    text = Path(f"/proc/{pid}/stat").read_text()
    return text[text.rindex(")") + 2 :].split()  # the fields after the command name, which may hold spaces


def processes(root: int) -> dict[str, list[int]]:
    """The app's processes under `root` (itself included), by kind: the Streamlit servers and nginx."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int(_stat(int(entry.name))[1])
            except (OSError, ValueError):
                continue
    tree, grew = {root}, True
    while grew:
        found = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= found
        grew = bool(found)
    kinds: dict[str, list[int]] = {"streamlit": [], "nginx": []}
    for pid in sorted(tree):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if "streamlit" in command and "run" in command:
            kinds["streamlit"].append(pid)
        elif "nginx" in command:
            kinds["nginx"].append(pid)
    return kinds


def cpu_seconds(pids: list[int]) -> float:
    """User plus system CPU of these processes (all their threads) so far."""
    total = 0
    for pid in pids:
        try:
            fields = _stat(pid)
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of proc(5))
    return total / TICKS


def machine_busy() -> tuple[float, float]:
    """The machine's busy and total CPU seconds so far (all cores), from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]  # idle, iowait
    return (sum(values) - idle) / TICKS, sum(values) / TICKS
