"""Generate synthetic official release zips for benchmarks (never committed; written to bench/out/).

- daily: 30 monthly `SUB_ICB_LOCATION_CSV_<Mon>_<YY>.csv` files in one zip, about 850k rows a month
  (about 26 million in all), like a real release's daily zip;
- regional: 42 `Regional_CSV_<ICB>.csv` files (monthly, by sub-ICB), about 700k rows, like a real
  release's regional zip.

Usage: python -m bench.make_official_extract [daily|regional] [--months 30] [--last-month 2025-11] [--out PATH]

A history longer than one zip holds (about 57 million daily rows, see the README) is two zips: for example
`--months 35 --last-month 2025-11` and `--months 35 --last-month 2022-12`.

Synthetic and deterministic (seeded). Every sub-ICB x day x status x HCP type x mode x lead-time cell
gets a Poisson count around a realistic expectation (weekday pattern, seasonal shape, DNA rising with
lead time); zero cells are dropped, as the official files do, which leaves about 1M rows a month.
"""

from __future__ import annotations

import argparse
import io
import time
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from nhs_core import geography
from nhs_core import schema as s

HEADER = [
    "SUB_ICB_LOCATION_CODE",
    "SUB_ICB_LOCATION_ONS_CODE",
    "SUB_ICB_LOCATION_NAME",
    "ICB_ONS_CODE",
    "REGION_ONS_CODE",
    "Appointment_Date",
    "APPT_STATUS",
    "HCP_TYPE",
    "APPT_MODE",
    "TIME_BETWEEN_BOOK_AND_APPT",
    "COUNT_OF_APPOINTMENTS",
]
# Official daily files spell the online mode differently from the regional files.
MODES = ["Face-to-Face", "Home Visit", "Telephone", "Video Conference/Online", "Unknown"]
SHARES = {
    s.STATUS: [0.90, 0.04, 0.06],
    s.HCP: [0.49, 0.43, 0.08],
    s.MODE: [0.55, 0.03, 0.32, 0.04, 0.06],
    s.LEAD: [0.33, 0.10, 0.24, 0.13, 0.07, 0.05, 0.05, 0.03],
}
WEEKDAY = np.array([1.15, 1.0, 1.0, 0.98, 0.95, 0.25, 0.15])  # Monday first
NATIONAL_PER_WEEKDAY = 1_600_000


def _month_grid(month: pd.Timestamp, subs: pd.DataFrame, weights: np.ndarray, rng) -> pa.Table:
    days = pd.date_range(month, month + pd.offsets.MonthEnd(0), freq="D")
    season = 1 + 0.12 * np.cos((month.month - 11) / 12 * 2 * np.pi)
    day_total = NATIONAL_PER_WEEKDAY * season * WEEKDAY[days.day_of_week.to_numpy()]
    dims = [np.asarray(SHARES[c]) for c in (s.STATUS, s.HCP, s.MODE, s.LEAD)]
    # DNA rises with booking lead time: tilt the DNA share per lead band, keeping the status total.
    dna_tilt = np.linspace(0.5, 2.2, len(dims[3]))
    expected = (
        day_total[:, None, None, None, None, None]
        * weights[None, :, None, None, None, None]
        * dims[0][None, None, :, None, None, None]
        * dims[1][None, None, None, :, None, None]
        * dims[2][None, None, None, None, :, None]
        * dims[3][None, None, None, None, None, :]
    )
    expected[:, :, 1] *= dna_tilt
    counts = rng.poisson(expected).ravel()
    keep = np.flatnonzero(counts)
    idx = np.unravel_index(keep, expected.shape)
    dates = np.array([d.strftime("%d%b%Y").upper() for d in days])

    def dictionary(indices, values):
        return pa.DictionaryArray.from_arrays(pa.array(indices, pa.int32()), pa.array(values)).cast(pa.string())

    columns = [
        dictionary(idx[1], subs[s.SUB_ICB].to_numpy()),
        dictionary(idx[1], subs[s.SUB_ICB_ONS].to_numpy()),
        dictionary(idx[1], subs[s.SUB_ICB_NAME].to_numpy()),
        dictionary(idx[1], subs[s.ICB].to_numpy()),
        dictionary(idx[1], subs[s.REGION].to_numpy()),
        dictionary(idx[0], dates),
        dictionary(idx[2], list(s.VOCABULARIES[s.STATUS])),
        dictionary(idx[3], list(s.VOCABULARIES[s.HCP])),
        dictionary(idx[4], MODES),
        dictionary(idx[5], list(s.VOCABULARIES[s.LEAD])),
        pa.array(counts[keep]),
    ]
    return pa.table(columns, names=HEADER)


def write_daily_zip(out: Path, months: int = 30, last_month: str = "2025-11", seed: int = 2025) -> tuple[Path, int]:
    """Write the zip; return its path and the total number of data rows."""
    rng = np.random.default_rng(seed)
    subs = geography.sub_icbs()
    weights = rng.gamma(12.0, 1.0, len(subs))
    weights /= weights.sum()
    out.parent.mkdir(parents=True, exist_ok=True)
    rows = 0
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for month in pd.date_range(end=pd.Timestamp(last_month), periods=months, freq="MS"):
            table = _month_grid(month, subs, weights, rng)
            rows += table.num_rows
            buffer = io.BytesIO()
            buffer.write(b"\xef\xbb\xbf")
            pacsv.write_csv(table, buffer, pacsv.WriteOptions(eol="\r\n"))
            archive.writestr(f"SUB_ICB_LOCATION_CSV_{month:%b_%y}.csv", buffer.getvalue())
    return out, rows


REGIONAL_HEADER = [
    "SUB_ICB_LOCATION_CODE",
    "SUB_ICB_LOCATION_ONS_CODE",
    "SUB_ICB_LOCATION_NAME",
    "ICB_ONS_CODE",
    "ICB_NAME",
    "REGION_ONS_CODE",
    "REGION_NAME",
    "APPOINTMENT_MONTH",
    "APPT_STATUS",
    "HCP_TYPE",
    "APPT_MODE",
    "TIME_BETWEEN_BOOK_AND_APPT",
    "COUNT_OF_APPOINTMENTS",
]


GEO_COLUMNS = [s.SUB_ICB, s.SUB_ICB_ONS, s.SUB_ICB_NAME, s.ICB, s.ICB_NAME, s.REGION, s.REGION_NAME]


def write_regional_zip(out: Path, months: int = 30, last_month: str = "2025-11", seed: int = 2025) -> tuple[Path, int]:
    """Write a 42-file regional release zip (monthly counts by sub-ICB); return its path and row count."""
    rng = np.random.default_rng(seed)
    subs = geography.sub_icbs().merge(geography.icbs()[[s.ICB, s.ICB_NAME, "icb_short_name"]], on=s.ICB)
    subs = subs.merge(geography.regions(), on=s.REGION)
    month_index = pd.date_range(end=pd.Timestamp(last_month), periods=months, freq="MS")
    dims = [np.asarray(SHARES[c]) for c in (s.STATUS, s.HCP, s.MODE, s.LEAD)]
    expected = (22 * NATIONAL_PER_WEEKDAY / len(subs) * rng.gamma(12.0, 1 / 12, (len(subs), months)))[
        :, :, None, None, None, None
    ] * np.einsum("a,b,c,d->abcd", *dims)[None, None]
    counts = rng.poisson(expected)
    labels = [list(s.VOCABULARIES[c]) for c in (s.STATUS, s.HCP, s.MODE, s.LEAD)]
    rows = 0
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for _, group in subs.groupby(s.ICB):
            part = counts[group.index.to_numpy()]
            idx = np.nonzero(part)
            geo = group.iloc[idx[0]]
            frame = pd.DataFrame(
                {
                    **{h: geo[c].to_numpy() for h, c in zip(REGIONAL_HEADER[:7], GEO_COLUMNS)},
                    "APPOINTMENT_MONTH": month_index.strftime("%b%Y").str.upper().to_numpy()[idx[1]],
                    **{h: np.asarray(v)[i] for h, v, i in zip(REGIONAL_HEADER[8:12], labels, idx[2:])},
                    "COUNT_OF_APPOINTMENTS": part[idx],
                }
            )
            rows += len(frame)
            short = "".join(ch for ch in group["icb_short_name"].iloc[0] if ch.isalnum())
            data = b"\xef\xbb\xbf" + frame.to_csv(index=False, lineterminator="\r\n").encode()
            archive.writestr(f"Regional_CSV_{short}.csv", data)
    return out, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=["daily", "regional"], nargs="?", default="daily")
    parser.add_argument("--months", type=int, default=30)
    parser.add_argument("--last-month", default="2025-11", help="the newest month, YYYY-MM")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    names = {"daily": "Appointments_GP_Daily_CSV_Nov_25.zip", "regional": "Appointments_GP_Regional_CSV_Nov_25.zip"}
    out = args.out or Path("bench/out") / names[args.kind]
    out.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    write = write_daily_zip if args.kind == "daily" else write_regional_zip
    path, rows = write(out, args.months, args.last_month)
    print(f"wrote {path} ({path.stat().st_size / 1e6:,.0f} MB, {rows:,} rows) in {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
