"""Benchmark 7: peak memory and time for each hostile input (tests/hostile.py), each in a fresh process.

Every input is read with `ingest_paths` exactly as an upload is; the peak RSS counts the process and any child
it ran (the contained workbook reader). The baseline row is the same process reading one valid one-row CSV,
so the cost of refusing a hostile input is the difference. Nothing here asserts a figure.

Usage: python -m bench.hostile_rss [NAME ...]   (default: every input)
       python -m bench.hostile_rss --big-member-mb 1500   (also: a zip holding one valid CSV member that large,
       written under /tmp and deleted after; read from its stream since issue 14, unpacked whole before)
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.helpers import lse_csv
from tests.hostile import CASES, Hostile, write_big_member_zip

ROOT = Path(__file__).resolve().parents[1]
_MEASURE = """
import json, resource, sys, time
from nhs_core.load import ingest_paths
start = time.perf_counter()
codes = sorted({p.code for p in ingest_paths([sys.argv[1]]).report.problems})
seconds = time.perf_counter() - start
own = next(int(x.split()[1]) for x in open("/proc/self/status") if x.startswith("VmHWM"))
peak = max(own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"codes": codes, "seconds": seconds, "peak_mb": peak / 1024}))
"""


def measure(name: str, data: bytes, folder: Path) -> dict:
    path = folder / name
    path.write_bytes(data)
    run = subprocess.run([sys.executable, "-c", _MEASURE, str(path)], capture_output=True, text=True, cwd=ROOT)
    path.unlink()
    if run.returncode:
        return {"codes": [f"process exited {run.returncode}"], "seconds": float("nan"), "peak_mb": float("nan")}
    return json.loads(run.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="hostile inputs to run (default: all)")
    parser.add_argument("--big-member-mb", type=int, default=0, help="add a zip with one valid CSV this large")
    args = parser.parse_args()
    cases = [c for c in CASES if not args.names or c.name in args.names]
    with tempfile.TemporaryDirectory(dir="/tmp") as folder:
        base = measure("baseline.csv", lse_csv(), Path(folder))
        print("| input | size | expected code | codes found | seconds | peak RSS MB | over baseline MB |")
        print("|---|---:|---|---|---:|---:|---:|")
        print(f"| baseline: one valid row | 1 KB | – | – | {base['seconds']:.2f} | {base['peak_mb']:.0f} | 0 |")
        for case in cases:
            _row(case, Path(folder), base)
        if args.big_member_mb:
            _big_member_row(args.big_member_mb, Path(folder), base)


def _big_member_row(megabytes: int, folder: Path, base: dict) -> None:
    path = folder / "big_member.zip"
    member = write_big_member_zip(path, megabytes * 1_000_000)
    size = path.stat().st_size
    run = subprocess.run([sys.executable, "-c", _MEASURE, str(path)], capture_output=True, text=True, cwd=ROOT)
    path.unlink()
    result = json.loads(run.stdout.strip().splitlines()[-1])
    print(
        f"| big_member.zip (one valid {member / 1e6:,.0f} MB CSV) | {size / 1024:,.0f} KB | – | "
        f"{', '.join(result['codes'])} | {result['seconds']:.2f} | {result['peak_mb']:.0f} | "
        f"{result['peak_mb'] - base['peak_mb']:+.0f} |"
    )


def _row(case: Hostile, folder: Path, base: dict) -> None:
    data = case.build()
    result = measure(case.name, data, folder)
    ok = "" if case.code in result["codes"] else " (MISSING)"
    print(
        f"| {case.name} | {len(data) / 1024:,.0f} KB | {case.code}{ok} | {', '.join(result['codes'])} | "
        f"{result['seconds']:.2f} | {result['peak_mb']:.0f} | {result['peak_mb'] - base['peak_mb']:+.0f} |"
    )


if __name__ == "__main__":
    main()
