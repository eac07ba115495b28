"""Reading every accepted layout: encodings, line ends, workbooks, zips, date formats, header spellings,
old layouts, duplicate rows and several files of one table. Each file is built in memory or in tmp_path
and passed through `nhs_core.ingest` exactly as an upload would be."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pandas as pd
import pytest

from nhs_core import schema as s
from nhs_core.load.ingest import ingest, ingest_paths
from nhs_core.load.readers import Source
from tests.helpers import (
    DAILY_HEADER,
    LINCS,
    LINCS_DAILY,
    LSE_HEADER,
    LSE_ROW,
    NWL,
    REGIONAL_HEADER,
    TODAY,
    csv_bytes,
    ingest_many,
    ingest_one,
    lse_csv,
    lse_row,
    one_problem,
    xlsx_bytes,
    zip_bytes,
)

TWO_ROWS = [
    lse_row(),
    lse_row(appointment_status="DNA", time_between_book_and_appointment="8  to 14 Days", count_of_appointments="7"),
]


def _clean(result, table: str = s.APPOINTMENTS) -> pd.DataFrame:
    assert result.report.ok, result.report.to_text()
    assert not result.report.warnings, result.report.to_text()
    return result.tables[table]


# --- encodings and line ends ---------------------------------------------------------------------------
def test_utf8_with_byte_order_mark_is_read_and_the_first_header_recognised():
    frame = _clean(ingest_one("bom.csv", lse_csv(*TWO_ROWS, bom=True)))
    assert frame[s.ICB].astype(str).tolist() == ["E54000050", "E54000050"]
    assert frame[s.COUNT].tolist() == [120, 7]


def test_crlf_and_lf_files_give_identical_tables():
    lf = _clean(ingest_one("lf.csv", lse_csv(*TWO_ROWS, newline="\n")))
    crlf = _clean(ingest_one("crlf.csv", lse_csv(*TWO_ROWS, newline="\r\n")))
    pd.testing.assert_frame_equal(lf, crlf)
    assert crlf[s.COUNT].dtype == "int64"
    assert not any(str(v).endswith("\r") for v in crlf[s.ICB].cat.categories)


def test_windows_1252_text_is_read_with_a_warning():
    data = csv_bytes([s.TWEET_ID, s.TWEET_TEXT], [["1", "Café opening hours – see #NHS"]], encoding="cp1252")
    result = ingest_one("tweets_win.csv", data)
    problem = one_problem(result, "csv.encoding")
    assert problem.file == "tweets_win.csv" and problem.fields == {"encoding": "CP1252"}
    assert result.report.ok
    assert result.tables[s.TWEETS][s.TWEET_TEXT].tolist() == ["Café opening hours – see #NHS"]


def test_windows_1252_character_after_the_first_64_kb_still_falls_back():
    rows = [[str(i), f"Tweet number {i} #NHS"] for i in range(3000)] + [["3000", "Café #NHS"]]
    data = csv_bytes([s.TWEET_ID, s.TWEET_TEXT], rows, encoding="cp1252")
    assert len(data) > 70_000
    result = ingest_one("late_accent.csv", data)
    one_problem(result, "csv.encoding")
    assert result.report.ok and len(result.tables[s.TWEETS]) == 3001


# --- workbooks -----------------------------------------------------------------------------------------
NC_HEADER = [
    "appointment_date",
    "icb_ons_code",
    "sub_icb_location_name",
    "service_setting",
    "context_type",
    "national_category",
    "count_of_appointments",
    "appointment_month",
]
NC_ROWS = [
    [
        dt.datetime(2021, 8, 1),
        "E54000013",
        "NHS Lincolnshire ICB - 71E",
        "General Practice",
        "Care Related Encounter",
        "Clinical Triage",
        5,
        "2021-08",
    ],
    [
        dt.datetime(2021, 9, 30),
        "E54000034",
        "NHS Frimley ICB - D4U1Y",
        "Other",
        "Care Related Encounter",
        "Walk-in",
        7,
        "2021-09",
    ],
]


def test_workbook_with_real_excel_dates_and_a_text_month_column():
    frame = _clean(ingest_one("national_categories.xlsx", xlsx_bytes({"Sheet1": [NC_HEADER, *NC_ROWS]})), s.CATEGORIES)
    assert frame[s.DATE].tolist() == [pd.Timestamp("2021-08-01"), pd.Timestamp("2021-09-30")]
    assert frame[s.MONTH].tolist() == [pd.Timestamp("2021-08-01"), pd.Timestamp("2021-09-01")]
    assert frame[s.COUNT].tolist() == [5, 7] and frame[s.COUNT].dtype == "int64"
    assert frame[s.SUB_ICB].astype(str).tolist() == ["71E", "D4U1Y"]  # codes derived from the LSE names
    assert frame[s.REGION_NAME].astype(str).tolist() == ["Midlands", "South East"]


def test_workbook_whose_first_sheet_is_notes_reads_the_table_on_the_second():
    data = xlsx_bytes({"Notes": [["About this file"], ["Synthetic test data"]], "Data": [LSE_HEADER, LSE_ROW]})
    result = ingest_one("notes_first.xlsx", data)
    assert len(result.tables[s.APPOINTMENTS]) == 1
    assert result.tables[s.APPOINTMENTS][s.COUNT].tolist() == [120]


def test_workbook_whose_first_sheet_is_notes_has_no_errors():
    data = xlsx_bytes({"Notes": [["About this file"], ["Synthetic test data"]], "Data": [LSE_HEADER, LSE_ROW]})
    result = ingest_one("notes_first.xlsx", data)
    assert result.report.ok and result.report.codes == ["xlsx.sheet_skipped"]
    assert result.report.problems[0].file == "notes_first.xlsx (sheet Notes)"


def test_csv_and_workbook_of_the_same_rows_give_the_same_table():
    typed = [LSE_ROW[:-1] + [120]]
    from_csv = _clean(ingest_one("a.csv", lse_csv()))
    from_xlsx = _clean(ingest_one("a.xlsx", xlsx_bytes({"Sheet1": [LSE_HEADER, *typed]})))
    pd.testing.assert_frame_equal(from_csv, from_xlsx)


# --- zip archives --------------------------------------------------------------------------------------
def test_zip_members_under_macosx_and_hidden_files_are_skipped():
    data = zip_bytes(
        {
            "appointments_regional.csv": lse_csv(*TWO_ROWS),
            "__MACOSX/._appointments_regional.csv": b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X" + b"\x00" * 64,
            ".hidden.csv": b"\x00\x01junk",
        }
    )
    result = ingest_one("appointments_regional.csv.zip", data)
    assert _clean(result)[s.COUNT].sum() == 127
    assert not result.report.errors


def test_zip_of_several_regional_files_combines_them():
    lincs = csv_bytes(
        REGIONAL_HEADER,
        [[*LINCS, "JUN2023", "Attended", "GP", "Face-to-Face", "1 Day", "5711"]],
        bom=True,
        newline="\r\n",
    )
    nwl = csv_bytes(
        REGIONAL_HEADER, [[*NWL, "JUN2023", "DNA", "GP", "Telephone", "Same Day", "33"]], bom=True, newline="\r\n"
    )
    data = zip_bytes({"Regional_CSV_Lincolnshire.csv": lincs, "Regional_CSV_NWLondon.csv": nwl, "readme.pdf": b"%PDF"})
    result = ingest_one("Appointments_GP_Regional_CSV_Nov_25.zip", data)
    frame = result.tables[s.APPOINTMENTS]
    assert sorted(frame[s.ICB].astype(str)) == ["E54000013", "E54000027"]
    assert frame[s.COUNT].sum() == 5744
    assert result.report.ok
    assert {f.file.split(" › ")[-1] for f in result.files} == {
        "Regional_CSV_Lincolnshire.csv",
        "Regional_CSV_NWLondon.csv",
    }


def test_zip_holding_a_workbook():
    data = zip_bytes({"national_categories.xlsx": xlsx_bytes({"Sheet1": [NC_HEADER, *NC_ROWS]})})
    assert len(_clean(ingest_one("nc.zip", data), s.CATEGORIES)) == 2


# --- tables are recognised by their columns, never by their names -------------------------------------
def test_file_name_does_not_decide_the_table():
    result = ingest_one("tweets.csv", lse_csv())
    assert list(result.tables) == [s.APPOINTMENTS]


def test_path_and_bytes_sources_read_the_same(tmp_path):
    path = tmp_path / "appointments_regional.csv"
    path.write_bytes(lse_csv(*TWO_ROWS))
    from_path = ingest_paths([path], today=TODAY).tables[s.APPOINTMENTS]
    from_bytes = ingest_one("appointments_regional.csv", lse_csv(*TWO_ROWS)).tables[s.APPOINTMENTS]
    pd.testing.assert_frame_equal(from_path, from_bytes)
    assert Source.from_path(path).name == "appointments_regional.csv"


def test_folder_contributes_its_csv_xlsx_and_zip_files_only(tmp_path):
    (tmp_path / "a.csv").write_bytes(lse_csv(lse_row(appointment_month="2020-01")))
    (tmp_path / "b.zip").write_bytes(zip_bytes({"b.csv": lse_csv(lse_row(icb_ons_code="E54000013"))}))
    (tmp_path / "c.xlsx").write_bytes(xlsx_bytes({"Sheet1": [NC_HEADER, *NC_ROWS]}))
    (tmp_path / "notes.md").write_text("# not data\n")
    (tmp_path / ".hidden.csv").write_bytes(b"junk")
    result = ingest_paths([tmp_path], today=TODAY)
    assert result.report.ok, result.report.to_text()
    assert {t: len(f) for t, f in result.tables.items()} == {s.APPOINTMENTS: 2, s.CATEGORIES: 2}


# --- every date format ------------------------------------------------------------------------------------
@pytest.mark.parametrize("value", ["2020-01", "JAN2020", "Jan2020", "01JAN2020", "01-Jan-20", "2020-01-31"])
def test_month_formats(value):
    frame = _clean(ingest_one("m.csv", lse_csv(lse_row(appointment_month=value))))
    assert frame[s.MONTH].tolist() == [pd.Timestamp("2020-01-01")]
    assert frame[s.MONTH].dtype == "datetime64[ns]"


@pytest.mark.parametrize("value", ["15JAN2020", "15-Jan-20", "2020-01-15"])
def test_day_formats(value):
    data = csv_bytes(DAILY_HEADER, [[*LINCS_DAILY, value, "Attended", "GP", "Telephone", "Same Day", "4"]])
    frame = _clean(ingest_one("SUB_ICB_LOCATION_CSV_Jan_20.csv", data), s.DAILY)
    assert frame[s.DATE].tolist() == [pd.Timestamp("2020-01-15")]
    assert frame[s.MONTH].tolist() == [pd.Timestamp("2020-01-01")]


def test_official_regional_months_like_jun2023():
    rows = [[*LINCS, month, "Attended", "GP", "Face-to-Face", "1 Day", "10"] for month in ("JUN2023", "JUL2023")]
    frame = _clean(ingest_one("Regional_CSV_Lincolnshire.csv", csv_bytes(REGIONAL_HEADER, rows, bom=True)))
    assert frame[s.MONTH].tolist() == [pd.Timestamp("2023-06-01"), pd.Timestamp("2023-07-01")]


# --- header spellings and old layouts ----------------------------------------------------------------------
@pytest.mark.parametrize("case", [str.upper, str.lower, str.title, lambda h: h[:1].upper() + h[1:]])
def test_header_case_does_not_matter(case):
    data = csv_bytes(
        [case(h) for h in REGIONAL_HEADER],
        [[*LINCS, "JUN2023", "Attended", "GP", "Face-to-Face", "8  to 14 Days", "10"]],
    )
    frame = _clean(ingest_one("Regional_CSV_Lincolnshire.csv", data))
    assert frame[s.LEAD].astype(str).tolist() == ["8  to 14 Days"]
    assert frame[s.ICB_NAME].astype(str).tolist() == ["NHS Lincolnshire Integrated Care Board"]


def test_lse_and_official_headers_give_the_same_columns():
    lse = _clean(ingest_one("lse.csv", lse_csv(lse_row(icb_ons_code="E54000013"))))
    official = _clean(
        ingest_one(
            "off.csv",
            csv_bytes(REGIONAL_HEADER, [[*LINCS, "JAN2020", "Attended", "GP", "Face-to-Face", "1 Day", "120"]]),
        )
    )
    assert list(lse.columns) == list(official.columns) == list(s.COLUMNS[s.APPOINTMENTS])


def test_ccg_era_daily_header():
    header = [
        "CCG_CODE",
        "CCG_ONS_CODE",
        "CCG_NAME",
        "STP_ONS_CODE",
        "REGION_ONS_CODE",
        "Appointment_Date",
        "APPT_STATUS",
        "HCP_TYPE",
        "APPT_MODE",
        "TIME_BETWEEN_BOOK_AND_APPT",
        "COUNT_OF_APPOINTMENTS",
    ]
    rows = [
        [
            "00L",
            "E38000130",
            "NHS Northumberland CCG",
            "E54000050",
            "E40000012",
            "01JAN2021",
            "Attended",
            "GP",
            "Face-to-Face",
            "Same Day",
            "5",
        ]
    ]
    result = ingest_one("CCG_CSV_Jan_21.csv", csv_bytes(header, rows))
    frame = _clean(result, s.DAILY)
    assert frame[s.SUB_ICB].tolist() == ["00L"]
    assert frame[s.ICB].tolist() == ["E54000050"]
    assert frame[s.DATE].tolist() == [pd.Timestamp("2021-01-01")]
    assert "CCG" in result.files[0].description


def test_official_daily_file_with_older_spellings_normalised():
    rows = [
        [
            *LINCS_DAILY,
            "01JAN2024",
            "Appt Status Not Provided",
            "HCP Type Not Provided",
            "Video Conference/Online",
            "8 to 14 Days",
            "5",
        ]
    ]
    result = ingest_one("SUB_ICB_LOCATION_CSV_Jan_24.csv", csv_bytes(DAILY_HEADER, rows, bom=True))
    frame = _clean(result, s.DAILY)
    assert frame[[s.STATUS, s.HCP, s.MODE, s.LEAD]].astype(str).values.tolist() == [
        ["Unknown", "Unknown", "Video/Online", "8  to 14 Days"]
    ]
    assert frame[s.REGION_NAME].tolist() == ["Midlands"]


def test_coverage_file_headers_with_spaces():
    header = [
        "SUB_ICB_LOCATION_CODE",
        "ICB_ONS_CODE",
        "REGION_CODE",
        "Appointment_Month",
        "Included Practices",
        "Open Practices",
        "Patients registered at included practices",
        "Patients registered at open practices",
    ]
    rows = [["71E", "E54000013", "E40000011", "01FEB2023", "80", "82", "700000", "710000"]]
    frame = _clean(ingest_one("APPOINTMENTS_GP_COVERAGE.csv", csv_bytes(header, rows, bom=True)), s.COVERAGE)
    assert frame[[s.INCLUDED_PRACTICES, s.OPEN_PRACTICES, s.PATIENTS_INCLUDED, s.PATIENTS_OPEN]].values.tolist() == [
        [80, 82, 700000, 710000]
    ]
    assert frame[s.MONTH].tolist() == [pd.Timestamp("2023-02-01")]
    assert frame[s.REGION].tolist() == ["E40000011"]


def test_tweets_file_keeps_text_as_plain_strings():
    data = csv_bytes([s.TWEET_ID, s.TWEET_TEXT, s.TWEET_RETWEETS], [["1", "Hello, #NHS\nsecond line", "3"]])
    frame = _clean(ingest_one("tweets.csv", data), s.TWEETS)
    assert frame[s.TWEET_TEXT].tolist() == ["Hello, #NHS\nsecond line"]
    assert frame[s.TWEET_RETWEETS].tolist() == [3]


# --- canonical frames ------------------------------------------------------------------------------------
def test_canonical_dtypes_and_vocabulary_order():
    frame = _clean(ingest_one("a.csv", lse_csv(*TWO_ROWS)))
    assert list(frame[s.LEAD].cat.categories) == list(s.VOCABULARIES[s.LEAD])
    assert list(frame[s.STATUS].cat.categories) == ["Attended", "DNA", "Unknown"]
    assert frame[s.COUNT].dtype == "int64"
    assert frame[s.MONTH].dtype == "datetime64[ns]"
    assert frame[s.REGION_NAME].astype(str).tolist() == ["North East and Yorkshire"] * 2


def test_duplicate_rows_are_kept():
    result = ingest_one("dupes.csv", lse_csv(LSE_ROW, LSE_ROW, LSE_ROW))
    frame = _clean(result)
    assert len(frame) == 3 and frame[s.COUNT].sum() == 360


def test_rows_are_kept_in_file_order():
    rows = [lse_row(count_of_appointments=str(n)) for n in (5, 1, 9, 3)]
    assert _clean(ingest_one("order.csv", lse_csv(*rows)))[s.COUNT].tolist() == [5, 1, 9, 3]


# --- several files of one table ---------------------------------------------------------------------------
def test_later_file_wins_for_the_months_and_icbs_it_covers_and_the_report_says_so():
    older = lse_csv(
        lse_row(appointment_month="2020-01", count_of_appointments="10"),
        lse_row(appointment_month="2020-02", count_of_appointments="20"),
        lse_row(appointment_month="2020-02", icb_ons_code="E54000013", count_of_appointments="7"),
    )
    newer = lse_csv(
        lse_row(appointment_month="2020-02", count_of_appointments="25"),
        lse_row(appointment_month="2020-03", count_of_appointments="30"),
    )
    result = ingest_many(("release_jan.csv", older), ("release_mar.csv", newer))
    frame = result.tables[s.APPOINTMENTS]
    got = {(str(i), f"{m:%Y-%m}"): c for i, m, c in frame[[s.ICB, s.MONTH, s.COUNT]].itertuples(index=False)}
    assert got == {
        ("E54000050", "2020-01"): 10,
        ("E54000050", "2020-02"): 25,
        ("E54000013", "2020-02"): 7,
        ("E54000050", "2020-03"): 30,
    }
    note = one_problem(result, "combine.replaced")
    assert note.file == "release_mar.csv"
    assert note.fields == {"older": "release_jan.csv", "replaced": 1, "first": "Feb 2020", "last": "Feb 2020"}
    assert result.report.ok


def test_two_regional_files_for_different_icbs_and_the_same_months_are_both_kept():
    def regional(area: list[str], count: str) -> bytes:
        rows = [[*area, month, "Attended", "GP", "Face-to-Face", "1 Day", count] for month in ("JUN2023", "JUL2023")]
        return csv_bytes(REGIONAL_HEADER, rows, bom=True, newline="\r\n")

    result = ingest_many(
        ("Regional_CSV_Lincolnshire.csv", regional(LINCS, "100")), ("Regional_CSV_NWLondon.csv", regional(NWL, "300"))
    )
    frame = result.tables[s.APPOINTMENTS]
    assert len(frame) == 4 and frame[s.COUNT].sum() == 800
    assert "combine.replaced" not in result.report.codes
    assert result.report.ok


def test_a_later_tweets_file_replaces_an_earlier_one():
    first = csv_bytes([s.TWEET_ID, s.TWEET_TEXT], [["1", "old #a"], ["2", "old #b"]])
    second = csv_bytes([s.TWEET_ID, s.TWEET_TEXT], [["3", "new #c"]])
    result = ingest_many(("tweets_old.csv", first), ("tweets_new.csv", second))
    assert result.tables[s.TWEETS][s.TWEET_TEXT].tolist() == ["new #c"]
    assert one_problem(result, "combine.tweets_replaced").fields == {"older": "tweets_old.csv"}


def test_a_zip_needing_an_unknown_format_version_is_reported_not_raised():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("f.csv", "a,b\n1,2\n")
    data = bytearray(buffer.getvalue())
    central = data.rfind(b"PK\x01\x02")
    data[central + 6 : central + 8] = (188).to_bytes(2, "little")  # "version needed to extract": 18.8
    result = ingest([Source("f.zip", bytes(data))])
    assert [p.file for p in result.report.errors] == ["f.zip"]
    assert result.report.codes == ["zip.damaged"] and result.report.errors[0].fields == {"container": "ZIP archive"}
    assert not result.tables
