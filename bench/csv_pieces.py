"""Benchmark 9: parsing one large CSV a piece at a time (so the progress bar moves within it) against one
pyarrow call over the whole body (the reader before), in one run, alternating so both see the same machine load.

The CSV is generated in the official regional layout (1,000,000 rows, about 150 MB; never committed).

Usage: python -m bench.csv_pieces [--rows 1000000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from nhs_core.load import csvfile

HEADER = (
    "SUB_ICB_LOCATION_CODE,SUB_ICB_LOCATION_ONS_CODE,SUB_ICB_LOCATION_NAME,ICB_ONS_CODE,ICB_NAME,REGION_ONS_CODE,"
    "REGION_NAME,APPOINTMENT_MONTH,APPT_STATUS,HCP_TYPE,APPT_MODE,TIME_BETWEEN_BOOK_AND_APPT,COUNT_OF_APPOINTMENTS\n"
)
PLACE = "71E,E38000238,NHS Lincolnshire ICB - 71E,E54000013,NHS Lincolnshire Integrated Care Board,E40000006,Midlands"
CHOICES = (
    [f"{m}{y}" for y in ("2023", "2024") for m in ("JAN", "FEB", "MAR", "APR", "MAY", "JUN")],
    ["Attended", "DNA", "Unknown"],
    ["GP", "Other Practice staff", "Unknown"],
    ["Face-to-Face", "Telephone", "Home Visit", "Video Conference/Online", "Unknown"],
    ["Same Day", "1 Day", "2 to 7 Days", "8  to 14 Days", "15  to 21 Days", "22  to 28 Days", "More than 28 Days"],
)


def csv_body(rows: int) -> bytes:
    rng = np.random.default_rng(9)
    picks = [np.array(values)[rng.integers(0, len(values), rows)] for values in CHOICES]
    counts = rng.integers(1, 5000, rows).astype(str)
    lines = [",".join((PLACE, *cells)) for cells in zip(*picks, counts, strict=True)]
    return (HEADER + "\n".join(lines) + "\n").encode()


def parse(body: bytes, piece_bytes: int) -> tuple[float, int]:
    csvfile.PIECE_BYTES = piece_bytes
    reports: list[float] = []
    start = time.perf_counter()
    frame, problems = csvfile._parse_csv("bench.csv", body, "utf-8", ",", 13, reports.append)
    elapsed = time.perf_counter() - start
    assert frame is not None and not problems and len(frame) == body.count(b"\n") - 1
    return elapsed, len(reports)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    body = csv_body(args.rows)
    pieces = csvfile.PIECE_BYTES
    whole, split, updates = [], [], 0
    for _ in range(args.repeat):
        whole.append(parse(body, len(body) + 1)[0])
        elapsed, updates = parse(body, pieces)
        split.append(elapsed)
    print(f"{args.rows:,} rows, {len(body) / 1e6:.0f} MB; best of {args.repeat}, median in brackets")
    print(f"one call (before):        {min(whole):.2f} s ({np.median(whole):.2f} s), 0 progress updates")
    print(f"{pieces >> 20} MB pieces (now):      {min(split):.2f} s ({np.median(split):.2f} s), {updates} updates")


if __name__ == "__main__":
    main()
