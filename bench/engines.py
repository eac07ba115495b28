"""Which engine derives a version's summaries and answers whole-table aggregates: pandas, Polars (lazy) and DuckDB
over the same stored Parquet file, each in a fresh process so its peak memory is its own.

Usage: python -m bench.engines PARQUET [--rounds 2]

Three tasks, as the app and the import need them: the date x sub-ICB summary of the daily table (what a version
opens from), the monthly national totals by appointment status (a whole-table aggregate), and one ICB's rows by
date (a filtered scan). Prints seconds and peak resident memory per engine and task, and each one's ratio to pandas.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

from nhs_core import schema as s
from nhs_core.tables import kind

AREA_DATE = list(kind(s.DAILY).summaries[0].keys)
ICB = "E54000027"
TASKS = ("summary", "national", "one_icb")
ENGINES = ("pandas", "polars", "duckdb")


def _pandas(path: str, task: str) -> int:
    import pandas as pd
    import pyarrow.parquet as pq

    if task == "summary":
        frame = pq.read_table(path, columns=[*AREA_DATE, s.COUNT]).to_pandas()
        return len(frame.groupby(AREA_DATE, observed=True)[s.COUNT].agg(["sum", "size"]))
    if task == "national":
        frame = pd.read_parquet(path, columns=[s.MONTH, s.STATUS, s.COUNT])
        return len(frame.groupby([s.MONTH, s.STATUS], observed=True)[s.COUNT].sum())
    frame = pd.read_parquet(path, columns=[s.ICB, s.DATE, s.COUNT])
    return len(frame[frame[s.ICB] == ICB].groupby(s.DATE)[s.COUNT].sum())


def _polars(path: str, task: str) -> int:
    import polars as pl

    lazy = pl.scan_parquet(path)
    if task == "summary":
        query = lazy.group_by(AREA_DATE).agg(pl.col(s.COUNT).sum(), pl.len())
    elif task == "national":
        query = lazy.group_by([s.MONTH, s.STATUS]).agg(pl.col(s.COUNT).sum())
    else:
        query = lazy.filter(pl.col(s.ICB) == ICB).group_by(s.DATE).agg(pl.col(s.COUNT).sum())
    return len(query.collect(engine="streaming").to_arrow().to_pandas())


def _duckdb(path: str, task: str) -> int:
    import duckdb

    keys = ", ".join(AREA_DATE)
    sql = {
        "summary": f"select {keys}, sum({s.COUNT}), count(*) from read_parquet(?) group by all",
        "national": f"select {s.MONTH}, {s.STATUS}, sum({s.COUNT}) from read_parquet(?) group by all",
        "one_icb": f"select {s.DATE}, sum({s.COUNT}) from read_parquet(?) where {s.ICB} = '{ICB}' group by all",
    }[task]
    return len(duckdb.sql(sql, params=[path]).to_arrow_table())


def _run_one(engine: str, path: str, task: str) -> None:
    start = time.perf_counter()
    rows = {"pandas": _pandas, "polars": _polars, "duckdb": _duckdb}[engine](path, task)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024  # kB -> GB
    print(json.dumps({"rows": rows, "seconds": seconds, "peak_gb": peak}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("parquet")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--one", nargs=2, metavar=("ENGINE", "TASK"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        _run_one(args.one[0], args.parquet, args.one[1])
        return
    for task in TASKS:
        best = {}
        for engine in ENGINES:
            runs = []
            for _ in range(args.rounds):
                command = [sys.executable, "-m", "bench.engines", args.parquet, "--one", engine, task]
                out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
                runs.append(json.loads(out.strip().splitlines()[-1]))
            best[engine] = min(runs, key=lambda r: r["seconds"])
        base = best["pandas"]["seconds"]
        for engine, run in best.items():
            print(
                f"{task:8} {engine:7} {run['seconds']:6.2f} s  peak {run['peak_gb']:.2f} GB  "
                f"{base / run['seconds']:4.1f}x pandas  ({run['rows']:,} rows)",
                flush=True,
            )


if __name__ == "__main__":
    main()
