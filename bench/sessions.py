"""Many users at once: N websocket sessions against one `streamlit run`, or against N replicas behind nginx, on a
store holding the real LSE extract (issue 15: "1, 10 and 25 websocket sessions on 1 and 2 replicas").

Usage: python -m bench.sessions [--store DIR] [--sessions 1 10 25] [--replicas 1 2] [--patterns every5 continuous]
       [--duration 60] [--port 8750] [--json FILE]

Each session speaks Streamlit's own protocol (`bench.st_protocol`, no browser), with its own cookie jar so nginx
keeps it on one replica. It opens Engagement (which must draw charts) and picks an ICB (the KPIs must change):
that warm-up is checked, not timed. Then, for `--duration` seconds, it alternates a page visit (Engagement,
Attendance, Services, Capacity in turn) and a filter change (another ICB in the sidebar), either one action every
5 s from a phase of its own ("every5", the issue's target) or each action as soon as the last finished
("continuous", the issue's "before" figures). Timed: from sending the rerun to its `script_finished`. Every
configuration starts a fresh app, so no run profits from another's caches. The store is read, never changed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bench import app_servers
from bench.st_session import Session
from nhs_core.analysis import filter_registry

ROOT = Path(__file__).resolve().parent.parent
LSE = Path(os.environ.get("NHS_SHARED_DATA", ROOT.parent / "shared" / "data")) / "lse-extract"
PAGES = ("Engagement", "Attendance", "Services_and_workforce", "Capacity_and_seasonality")  # URL paths
ICB = filter_registry.get("icbs").widget_label
PERIOD = 5.0
WARM_AT_ONCE = 4


@dataclass
class Action:
    kind: str  # "visit" or "filter"
    seconds: float | None
    ok: bool
    charts: int
    error: str = ""
    unannounced: bool = False  # its content came, its script_finished did not (timed to the next run's start)


async def _warm(session: Session, index: int) -> list[str]:
    """Open the session, check that its first run draws charts and that a filter change changes the KPIs."""
    await session.open()
    _, first = await session.visit(PAGES[0])
    problems = (
        []
        if (first.ok or first.unfinished) and first.charts
        else [f"first run: status {first.status}, {first.charts} charts"]
    )
    icbs = first.multiselects[ICB][1]
    _, changed = await session.choose(ICB, [icbs[index % len(icbs)]])
    if not (changed.ok or changed.unfinished) or not changed.charts or changed.metrics == first.metrics:
        problems.append(f"filter change: status {changed.status}, {changed.charts} charts, KPIs {changed.metrics}")
    return problems


async def _act(session: Session, index: int, step: int) -> Action:
    kind = "visit" if step % 2 == 0 else "filter"
    try:
        if kind == "visit":
            seconds, run = await session.visit(PAGES[(step // 2 + 1) % len(PAGES)])
        else:
            icbs = session.last.multiselects[ICB][1]
            seconds, run = await session.choose(ICB, [icbs[(index + step) % len(icbs)]])
    except Exception as error:  # a timeout or a dropped socket is an error of that action, not of the benchmark
        return Action(kind, None, False, 0, repr(error)[:600])
    done = run.ok or run.unfinished
    return Action(kind, seconds, done, run.charts, "" if done else f"status {run.status}", run.unfinished)


async def _drive(session: Session, index: int, count: int, every5: bool, end: float) -> list[Action]:
    loop = asyncio.get_running_loop()
    actions: list[Action] = []
    due = loop.time() + (index / count * PERIOD if every5 else 0)  # phases spread over the period
    step = 0
    while True:
        await asyncio.sleep(max(0.0, min(due, end) - loop.time()))
        if loop.time() >= end:
            return actions
        actions.append(await _act(session, index, step))
        step += 1
        # a user who waited longer than the period acts again at once, without catching up on missed actions
        due = max(due + PERIOD, loop.time()) if every5 else loop.time()


async def _measure(base: str, count: int, every5: bool, duration: float, pids: dict) -> dict:
    sessions = [Session(base) for _ in range(count)]
    # A few at a time: users do not all arrive in the same instant, and the warm-up is checked, not timed.
    gate = asyncio.Semaphore(WARM_AT_ONCE)

    async def warm(session: Session, index: int) -> list[str]:
        async with gate:
            return await _warm(session, index)

    warm = await asyncio.gather(*(warm(s, i) for i, s in enumerate(sessions)), return_exceptions=True)
    problems = [repr(w)[:600] if isinstance(w, BaseException) else "; ".join(w) for w in warm]
    live = [(i, s) for i, (s, p) in enumerate(zip(sessions, problems)) if not p]
    window = asyncio.create_task(_usage(pids, duration))
    end = asyncio.get_running_loop().time() + duration
    done = await asyncio.gather(*(_drive(s, i, count, every5, end) for i, s in live))
    usage = await window
    usage["after_window_s"] = time.perf_counter() - usage.pop("_end")  # the last runs in flight
    await asyncio.gather(*(s.close() for s in sessions), return_exceptions=True)
    actions = [a for session_actions in done for a in session_actions]
    replicas = [s.replica for s in sessions]
    return {
        "warm_up_problems": [p for p in problems if p],
        "sessions_per_replica": {r: replicas.count(r) for r in sorted(set(replicas)) if r},
        **usage,
        **_summary(actions),
    }


async def _usage(pids: dict[str, list[int]], duration: float) -> dict:
    """CPU used during the timed window (runs still in flight at its end are timed but not counted here)."""
    kinds = ("streamlit", "nginx")
    servers = [app_servers.cpu_seconds(pids[k]) for k in kinds]
    busy, client, start = app_servers.machine_busy(), time.process_time(), time.perf_counter()
    await asyncio.sleep(duration)
    used = [app_servers.cpu_seconds(pids[k]) - before for k, before in zip(kinds, servers)]
    busy_after, wall = app_servers.machine_busy(), time.perf_counter() - start
    return {
        "wall_s": wall,
        "server_cpu_s": used[0],
        "nginx_cpu_s": used[1],
        "client_cpu_s": time.process_time() - client,
        "machine_busy": (busy_after[0] - busy[0]) / (busy_after[1] - busy[1]),
        "load_average": Path("/proc/loadavg").read_text().split()[:3],
        "_end": time.perf_counter(),
    }


def _summary(actions: list[Action]) -> dict:
    times = np.array([a.seconds for a in actions if a.ok])
    errors = [a.error for a in actions if not a.ok]
    out = {"runs": len(times), "errors": len(errors), "error_examples": sorted(set(errors))[:3]}
    out["unannounced"] = sum(1 for a in actions if a.unannounced)
    out["runs_without_charts"] = sum(1 for a in actions if a.ok and not a.charts)
    for name, q in (("p50", 50), ("p95", 95), ("max", 100)):
        out[name] = float(np.percentile(times, q)) if len(times) else None
    for kind in ("visit", "filter"):
        kind_times = [a.seconds for a in actions if a.ok and a.kind == kind]
        out[f"{kind}_p95"] = float(np.percentile(kind_times, 95)) if kind_times else None
    return out


def _ensure_store(store: Path) -> None:
    """Import the real LSE extract into `store` unless it holds a version already."""
    if (store / "ACTIVE").exists():
        return
    files = [LSE / "appointments_regional.csv.zip", LSE / "tweets.csv"]
    if not all(f.exists() for f in files):
        sys.exit(f"The real LSE extract is not at {LSE}: pass --store with a store that holds it.")
    command = [sys.executable, "-m", "nhs_core", "import", *map(str, files), "--store", str(store)]
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def _row(replicas: int, count: int, pattern: str, got: dict) -> str:
    def fmt(value):
        return "–" if value is None else f"{value:.2f}"

    split = "/".join(str(n) for n in got["sessions_per_replica"].values()) if replicas > 1 else "–"
    cores = got["server_cpu_s"] / got["wall_s"]
    failed = len(got["warm_up_problems"])
    return (
        f"| {replicas} | {count} | {pattern} | {got['runs']} | {fmt(got['p50'])} | {fmt(got['p95'])} | "
        f"{fmt(got['max'])} | {got['errors']} | {got['unannounced']} | {failed} | "
        f"{got['server_cpu_s']:.0f} s ({cores:.2f} cores) | "
        f"{got['client_cpu_s']:.0f} s | {got['machine_busy']:.0%} | {split} |"
    )


HEADER = (
    "| replicas | sessions | pattern | runs | p50 s | p95 s | max s | errors | no script_finished | sessions failed "
    "| server CPU | client CPU | machine busy "
    "| sessions per replica |\n|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
)


def _configuration(replicas: int, count: int, pattern: str, args: argparse.Namespace) -> dict:
    """One row: a fresh app (so no row profits from another's caches), its sessions, then the app stopped."""
    with (
        tempfile.TemporaryDirectory(prefix="sessions-") as run_dir,
        app_servers.running(replicas, args.store.resolve(), args.port, Path(run_dir)) as (base, pid),
    ):
        return asyncio.run(_measure(base, count, pattern == "every5", args.duration, app_servers.processes(pid)))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=ROOT / "bench" / "out" / "lse_store")
    parser.add_argument("--sessions", type=int, nargs="+", default=[1, 10, 25])
    parser.add_argument("--replicas", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--patterns", nargs="+", choices=["every5", "continuous"], default=["every5", "continuous"])
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of actions per configuration")
    parser.add_argument("--port", type=int, default=8750, help="the address sessions open (nginx's, replicas above)")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "out" / "sessions.json")
    args = parser.parse_args(argv)
    _ensure_store(args.store.resolve())
    print(f"load average before: {Path('/proc/loadavg').read_text().strip()}\n{HEADER}", flush=True)
    results = []
    for replicas in args.replicas:
        for count in args.sessions:
            for pattern in args.patterns:
                got = _configuration(replicas, count, pattern, args)
                print(_row(replicas, count, pattern, got), flush=True)
                for problem in got["warm_up_problems"] + got["error_examples"]:
                    print(f"    {problem}", flush=True)
                results.append({"replicas": replicas, "sessions": count, "pattern": pattern, **got})
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=1))
    print(f"load average after: {Path('/proc/loadavg').read_text().strip()}; figures in {args.json}")


if __name__ == "__main__":
    main()
