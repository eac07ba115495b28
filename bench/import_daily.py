"""Benchmark 5 (import): the generated 30-month official daily zip (about 26 million rows).

Each measurement runs in a fresh Python process so its peak memory (RSS) is its own. The naive approach
(`pandas.read_csv` of every member with default dtypes, then concat) runs on the first 3 months only:
on all 30 it would need tens of GB of Python strings. Figures are compared per million rows.

Usage: python -m bench.import_daily [--zip bench/out/Appointments_GP_Daily_CSV_Nov_25.zip] [--naive-months 3]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

DEFAULT_ZIP = Path("bench/out/Appointments_GP_Daily_CSV_Nov_25.zip")

_OURS = """
import json, resource, sys, time
from nhs_core import ingest_paths
updates = []
start = time.perf_counter()
result = ingest_paths([sys.argv[1]], progress=lambda f, t: updates.append(time.perf_counter()))
seconds = time.perf_counter() - start
gaps = [b - a for a, b in zip([start] + updates, updates + [start + seconds])]
rows = sum(len(t) for t in result.tables.values())
print(json.dumps({"seconds": seconds, "rows": rows, "peak_gb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6,
                  "progress_updates": len(updates), "longest_gap_s": max(gaps), "errors": len(result.report.errors)}))
"""

_NAIVE = """
import io, json, resource, sys, time, zipfile
import pandas as pd
start = time.perf_counter()
archive = zipfile.ZipFile(sys.argv[1])
names = sorted(n for n in archive.namelist() if n.endswith(".csv"))[: int(sys.argv[2])]
frame = pd.concat([pd.read_csv(io.BytesIO(archive.read(n)), encoding="utf-8-sig") for n in names], ignore_index=True)
frame["Appointment_Date"] = pd.to_datetime(frame["Appointment_Date"], format="%d%b%Y")
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6
print(json.dumps({"seconds": seconds, "rows": len(frame), "peak_gb": peak}))
"""


def run(code: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zip", type=Path, default=DEFAULT_ZIP)
    parser.add_argument("--naive-months", type=int, default=3)
    args = parser.parse_args()
    if not args.zip.exists():
        from bench.make_official_extract import write_daily_zip

        write_daily_zip(args.zip)
    ours = run(_OURS, str(args.zip))
    naive = run(_NAIVE, str(args.zip), str(args.naive_months))
    per_m = {k: v["seconds"] / v["rows"] * 1e6 for k, v in (("ours", ours), ("naive", naive))}
    print(
        f"nhs_core: {ours['rows']:,} rows in {ours['seconds']:.1f} s, peak RSS {ours['peak_gb']:.2f} GB, "
        f"{ours['progress_updates']} progress updates (longest gap {ours['longest_gap_s']:.1f} s), "
        f"{ours['errors']} errors"
    )
    print(
        f"naive pandas: {naive['rows']:,} rows ({args.naive_months} months) in {naive['seconds']:.1f} s, "
        f"peak RSS {naive['peak_gb']:.2f} GB"
    )
    mb = {k: v["peak_gb"] / v["rows"] * 1e9 for k, v in (("ours", ours), ("naive", naive))}
    print(
        f"per million rows: nhs_core {per_m['ours']:.2f} s, naive {per_m['naive']:.2f} s "
        f"({per_m['naive'] / per_m['ours']:.1f}x); peak memory per million rows: nhs_core {mb['ours']:.0f} MB, "
        f"naive {mb['naive']:.0f} MB"
    )


if __name__ == "__main__":
    main()
