"""An official daily file uploaded without the regional files also gives the monthly table (its monthly sums)."""

import csv
from pathlib import Path

import pandas as pd

from nhs_core import ingest_paths
from nhs_core import schema as s
from nhs_core.frames import distinct_rows
from nhs_core.load import combine
from nhs_core.store import describe

OFFICIAL = Path(__file__).parent / "fixtures" / "official"
DAILY = OFFICIAL / "SUB_ICB_LOCATION_CSV_Nov_25.csv"
TODAY = pd.Timestamp("2026-11-21")


def _raw_monthly_sums() -> dict[tuple[str, str, str], int]:
    """(sub-ICB, YYYY-MM, status) -> appointments, summed straight from the raw daily rows."""
    sums: dict[tuple[str, str, str], int] = {}
    with DAILY.open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            month = pd.Timestamp(row["Appointment_Date"]).strftime("%Y-%m")
            key = (row["SUB_ICB_LOCATION_CODE"], month, row["APPT_STATUS"])
            sums[key] = sums.get(key, 0) + int(row["COUNT_OF_APPOINTMENTS"])
    return sums


def test_a_daily_file_alone_gives_the_monthly_table_and_says_so():
    result = ingest_paths([DAILY], today=TODAY)
    monthly = result.tables[s.APPOINTMENTS]
    assert result.report.ok
    assert monthly[s.COUNT].sum() == result.tables[s.DAILY][s.COUNT].sum()
    got = monthly.groupby([s.SUB_ICB, s.MONTH, s.STATUS], observed=True)[s.COUNT].sum()
    got = {(sub, f"{m:%Y-%m}", status): int(v) for (sub, m, status), v in got.items()}
    assert got == _raw_monthly_sums()
    assert len(monthly) < len(result.tables[s.DAILY])  # one row per month, not per day
    assert list(monthly[s.LEAD].cat.categories) == list(s.VOCABULARIES[s.LEAD])
    assert result.report.codes.count("combine.monthly_from_daily") == 1


def test_with_the_regional_files_the_monthly_table_is_theirs():
    result = ingest_paths([DAILY, OFFICIAL / "Regional_CSV_Lincolnshire.csv"], today=TODAY)
    regional = ingest_paths([OFFICIAL / "Regional_CSV_Lincolnshire.csv"], today=TODAY)
    assert result.tables[s.APPOINTMENTS][s.COUNT].sum() == regional.tables[s.APPOINTMENTS][s.COUNT].sum()
    assert "combine.monthly_from_daily" not in result.report.codes


def test_the_monthly_sums_do_not_depend_on_how_many_rows_are_summed_at_once(monkeypatch):
    # the sums are taken a block of rows at a time (bounded memory at 60 M rows); tiny blocks must agree with one
    daily = ingest_paths([DAILY], today=TODAY).tables[s.DAILY]
    whole = combine.monthly_from_daily(daily)
    monkeypatch.setattr(combine, "ROWS_AT_A_TIME", 7)
    blocks = combine.monthly_from_daily(daily)
    pd.testing.assert_frame_equal(blocks, whole)
    assert len(daily) > 7 * 3  # several blocks, some of them sharing months and areas


def test_distinct_rows_are_the_first_of_each_key_in_row_order_whatever_the_block():
    frame = pd.DataFrame(
        {
            "a": pd.Categorical(["x", "y", "x", None, "y", "z", None]),
            "b": pd.Categorical(["p", "p", "p", "q", "q", "p", "q"]),
            "row": range(7),
        }
    )
    for block in (1, 2, 3, 100):
        assert distinct_rows(frame, ["a", "b"], rows_at_a_time=block)["row"].tolist() == [0, 1, 3, 4, 5]
        assert distinct_rows(frame, ["a"], rows_at_a_time=block)["row"].tolist() == [0, 1, 3, 5]


def test_the_upload_line_says_the_monthly_table_was_summed_from_the_daily_files():
    line = describe.upload_summary(ingest_paths([DAILY], today=TODAY))
    assert line.startswith("1 daily sub-ICB appointments file: ")
    assert "; appointments by month, summed from them: " in line
    assert "0 regional" not in line
