"""Benchmark 7: peak memory and time for each hostile input (tests/hostile.py), each in a fresh process.

Every input is read with `ingest_paths` exactly as an upload is; the peak RSS counts the process and any child
it ran (the contained workbook reader). The baseline row is the same process reading one valid one-row CSV,
so the cost of refusing a hostile input is the difference. Nothing here asserts a figure.

Usage: python -m bench.hostile_rss [NAME ...]   (default: every input)
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.helpers import lse_csv
from tests.hostile import CASES, Hostile

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
    args = parser.parse_args()
    cases = [c for c in CASES if not args.names or c.name in args.names]
    with tempfile.TemporaryDirectory() as folder:
        base = measure("baseline.csv", lse_csv(), Path(folder))
        print("| input | size | expected code | codes found | seconds | peak RSS MB | over baseline MB |")
        print("|---|---:|---|---|---:|---:|---:|")
        print(f"| baseline: one valid row | 1 KB | – | – | {base['seconds']:.2f} | {base['peak_mb']:.0f} | 0 |")
        for case in cases:
            _row(case, Path(folder), base)


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
