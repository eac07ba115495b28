"""Benchmark 7 (practice level): importing one England month of the practice crosstab (about 1.1 million
rows), and comparing practices over 12 such months (about 13 million rows), against the naive pandas way.

The crosstab is generated from the real practices of NHS England's `Mapping.csv` (../shared/data, read here
only) with invented counts and combinations, in the official layout. Imports run in fresh processes so
their peak memory is their own. The comparison times `practices.compare` and the funnel plot against a
naive `groupby(...).apply` over string columns, on the same frame, and `practices.compare` from the summary per
practice-month that the app reads (derived with DuckDB from the stored rows, as at import).

Usage: python -m bench.practices [--months 12] [--rows-per-month 1100000] [--naive-months 2]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

from nhs_core import schema as s
from nhs_core import shares

ROOT = Path(__file__).resolve().parents[1]
MAPPING_ZIP = ROOT.parent / "shared" / "data" / "official-more" / "Practice_Level_Crosstab_Cambridgeshire_Oct_25.zip"
OUT = ROOT / "bench" / "out"
# The crosstab's own spellings of two labels (the importer reads both).
_CROSSTAB_SPELLING = {"Video/Online": "Video Conference/Online", s.UNKNOWN_DQ: "Unknown / Data Issue"}
_VALUES = {
    header: [_CROSSTAB_SPELLING.get(v, v) for v in s.VOCABULARIES[column]]
    for header, column in (
        ("HCP_TYPE", s.HCP),
        ("APPT_MODE", s.MODE),
        ("NATIONAL_CATEGORY", s.CATEGORY),
        ("TIME_BETWEEN_BOOK_AND_APPT", s.LEAD),
        ("APPT_STATUS", s.STATUS),
    )
}


def crosstab_month(month: pd.Timestamp, rows: int, seed: int) -> pd.DataFrame:
    """One England month in the official crosstab layout: every practice of Mapping.csv, random combinations."""
    with zipfile.ZipFile(MAPPING_ZIP) as archive:
        mapping = pd.read_csv(archive.open("Mapping.csv"), dtype=str)
    rng = np.random.default_rng(seed)
    practice = rng.integers(0, len(mapping), rows)
    out = {"APPOINTMENT_MONTH_START_DATE": month.strftime("%d%b%Y").upper()}
    for column in ("GP_CODE", "GP_NAME", "SUPPLIER", "PCN_CODE", "PCN_NAME"):
        out[column] = mapping[column].to_numpy()[practice]
    out["SUB_ICB_LOCATION_CODE"] = mapping["SUB_ICB_LOCATION_CODE"].to_numpy()[practice]
    out["SUB_ICB_LOCATION_NAME"] = mapping["SUB_ICB_LOCATION_NAME"].to_numpy()[practice]
    for column, values in _VALUES.items():
        out[column] = np.array(values)[rng.integers(0, len(values), rows)]
    out["COUNT_OF_APPOINTMENTS"] = rng.geometric(0.05, rows)
    order = [*list(out)[:8], "HCP_TYPE", "APPT_MODE", "NATIONAL_CATEGORY", "TIME_BETWEEN_BOOK_AND_APPT"]
    return pd.DataFrame(out)[[*order, "COUNT_OF_APPOINTMENTS", "APPT_STATUS"]]


_OURS = """
import json, resource, sys, time
from nhs_core import ingest_paths
start = time.perf_counter()
result = ingest_paths([sys.argv[1]])
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "rows": sum(len(t) for t in result.tables.values()),
                  "peak_gb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6,
                  "errors": len(result.report.errors)}))
"""
_NAIVE = """
import json, resource, sys, time
import pandas as pd
start = time.perf_counter()
frame = pd.read_csv(sys.argv[1])
frame["APPOINTMENT_MONTH_START_DATE"] = pd.to_datetime(frame["APPOINTMENT_MONTH_START_DATE"], format="%d%b%Y")
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "rows": len(frame),
                  "peak_gb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6}))
"""


def _run(code: str, path: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def naive_compare(frame: pd.DataFrame) -> pd.DataFrame:
    """The obvious way: group the raw strings and compute each practice's shares in Python."""

    def one(group: pd.DataFrame) -> pd.Series:
        count = group["COUNT_OF_APPOINTMENTS"]
        known_status = count[group["APPT_STATUS"] != "Unknown"].sum()
        return pd.Series(
            {
                "appointments": count.sum(),
                "dna_rate": count[group["APPT_STATUS"] == "DNA"].sum() / known_status,
                "same_day": count[group["TIME_BETWEEN_BOOK_AND_APPT"] == "Same Day"].sum() / count.sum(),
                "face_to_face": count[group["APPT_MODE"] == "Face-to-Face"].sum() / count.sum(),
                "gp": count[group["HCP_TYPE"] == "GP"].sum() / count.sum(),
            }
        )

    return frame.groupby("GP_CODE").apply(one)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--rows-per-month", type=int, default=1_100_000)
    parser.add_argument("--naive-months", type=int, default=2, help="months the naive comparison runs on")
    parser.add_argument("--write", type=Path, help="only write the months' CSVs into this folder (for a store)")
    args = parser.parse_args()
    if not MAPPING_ZIP.exists():
        sys.exit(f"bench.practices needs {MAPPING_ZIP} (the real Mapping.csv); it is absent.")
    OUT.mkdir(parents=True, exist_ok=True)
    months = pd.date_range("2025-10-01", periods=args.months, freq="-1MS")[::-1]  # the latest month is Oct 2025
    if args.write:
        args.write.mkdir(parents=True, exist_ok=True)
        for i, month in enumerate(months):
            crosstab_month(month, args.rows_per_month, i).to_csv(
                args.write / f"Practice_Level_Crosstab_{month:%b_%y}.csv", index=False
            )
        print(f"wrote {len(months)} months of {args.rows_per_month:,} rows into {args.write}")
        return
    one_month = OUT / "practice_crosstab_one_month.csv"
    # Written by a child process: a child's peak RSS starts at its parent's, so the parent stays small until
    # both imports have been measured.
    write = "import sys, pandas as pd; from bench.practices import crosstab_month as c; "
    write += "c(pd.Timestamp(sys.argv[1]), int(sys.argv[2]), 0).to_csv(sys.argv[3], index=False)"
    subprocess.run(
        [sys.executable, "-c", write, f"{months[-1]:%Y-%m-%d}", str(args.rows_per_month), str(one_month)],
        check=True,
        cwd=ROOT,
    )
    ours = _run(_OURS, one_month)
    naive = _run(_NAIVE, one_month)
    print(f"import of one England month ({ours['rows']:,} rows, {one_month.stat().st_size / 1e6:.0f} MB CSV):")
    print(f"  nhs_core ingest (validated, categorical): {ours['seconds']:.1f} s, peak {ours['peak_gb']:.2f} GB")
    print(f"  naive pandas.read_csv + dates:            {naive['seconds']:.1f} s, peak {naive['peak_gb']:.2f} GB")

    from nhs_core.analysis import funnel, practices
    from nhs_core.load.ingest import ingest_paths

    paths = []
    naive_frames = []  # strings: keeping every month would need many GB
    for i, month in enumerate(months):
        frame = crosstab_month(month, args.rows_per_month, i)
        paths.append(OUT / f"practice_crosstab_{month:%Y_%m}.csv")
        frame.to_csv(paths[-1], index=False)
        if i < args.naive_months:
            naive_frames.append(frame)
    raw = pd.concat(naive_frames, ignore_index=True)
    table = ingest_paths(paths).tables[s.PRACTICE_CROSSTAB]
    start = time.perf_counter()
    compared = practices.compare(table)
    ours_compare = time.perf_counter() - start
    start = time.perf_counter()
    plot = funnel.funnel(compared, shares.SHARE_BY_NAME["dna"])
    ours_funnel = time.perf_counter() - start
    # What the app does: the summary per practice-month written at import, the comparison made from it.
    from nhs_core.store.summaries import derive
    from nhs_core.tables import kind

    stored = OUT / "practice_crosstab.parquet"
    table.to_parquet(stored)
    record = kind(s.PRACTICE_CROSSTAB)
    start = time.perf_counter()
    summary = derive(stored, record.summaries[0], record.count_columns)
    derive_seconds = time.perf_counter() - start
    start = time.perf_counter()
    from_summary = practices.compare(summary)
    summary_compare = time.perf_counter() - start
    assert from_summary[s.COUNT].tolist() == compared[s.COUNT].tolist()
    stored.unlink()
    start = time.perf_counter()
    naive_compare(raw)
    naive_seconds = time.perf_counter() - start
    print(f"comparing {compared.shape[0]:,} practices over {args.months} months ({len(table):,} rows):")
    print(f"  practices.compare: {ours_compare:.2f} s; funnel plot: {ours_funnel * 1000:.0f} ms "
          f"({(plot.points['outside'] != 'within').sum()} outside the limits)")  # fmt: skip
    print(f"  from the summary per practice-month ({len(summary):,} rows, derived at import in "
          f"{derive_seconds:.1f} s): practices.compare {summary_compare:.2f} s")  # fmt: skip
    per_million = naive_seconds / len(raw) * 1e6
    print(f"  naive groupby(...).apply over strings: {naive_seconds:.2f} s on {len(raw):,} rows "
          f"({per_million:.2f} s per million rows; ours {ours_compare / len(table) * 1e6:.3f} s)")  # fmt: skip
    for path in [one_month, *paths]:
        path.unlink()


if __name__ == "__main__":
    main()
