"""The Data page's download of a table whose rows stay on disk: streamed into a zipped CSV part by part, against
the whole table read into pandas and written as one CSV (the path before), each in a fresh process.

Usage: python -m bench.download --store DIR [--table daily] [--naive]

`--naive` also runs the old path (about half a gigabyte of memory per million rows: skip it above 5 M rows on a
shared machine). Prints seconds, peak resident memory and the size of what is downloaded.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

from nhs_core.present import export
from nhs_core.store import Store


def _one(store: Path, table: str, how: str) -> dict:
    opened = Store(store).open(lazy=True)
    start = time.perf_counter()
    if how == "streamed":
        payload = export.csv_zip(opened.facts[table].parts(), f"{table}.csv")
    else:
        payload = export.csv_bytes(opened.facts[table].frame())
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
    return {"seconds": seconds, "peak_gb": peak, "mb": len(payload) / 1e6, "rows": opened.facts[table].rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--table", default="daily")
    parser.add_argument("--naive", action="store_true")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(_one(args.store, args.table, args.one)))
        return
    for how in ["streamed", "whole CSV"] if args.naive else ["streamed"]:
        command = [sys.executable, "-m", "bench.download", "--store", str(args.store), "--table", args.table]
        out = subprocess.run([*command, "--one", how], check=True, capture_output=True, text=True).stdout
        run = json.loads(out.strip().splitlines()[-1])
        print(
            f"{how:10} {run['rows']:,} rows: {run['seconds']:.1f} s, peak {run['peak_gb']:.2f} GB, "
            f"{run['mb']:,.0f} MB downloaded",
            flush=True,
        )


if __name__ == "__main__":
    main()
