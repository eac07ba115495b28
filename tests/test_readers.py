"""Reading every accepted container: encodings, line ends, workbooks, zips, files and folders; tables are
recognised by their columns. Each file is built in memory or in tmp_path and passed through `nhs_core.ingest`
exactly as an upload would be (layouts and date formats: test_layouts.py; several files: test_combine.py)."""

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
    LINCS,
    LSE_HEADER,
    LSE_ROW,
    NWL,
    REGIONAL_HEADER,
    TODAY,
    TWO_ROWS,
    clean,
    csv_bytes,
    ingest_one,
    lse_csv,
    lse_row,
    one_problem,
    xlsx_bytes,
    zip_bytes,
)


# --- encodings and line ends ---------------------------------------------------------------------------
def test_utf8_with_byte_order_mark_is_read_and_the_first_header_recognised():
    frame = clean(ingest_one("bom.csv", lse_csv(*TWO_ROWS, bom=True)))
    assert frame[s.ICB].astype(str).tolist() == ["E54000050", "E54000050"]
    assert frame[s.COUNT].tolist() == [120, 7]


def test_crlf_and_lf_files_give_identical_tables():
    lf = clean(ingest_one("lf.csv", lse_csv(*TWO_ROWS, newline="\n")))
    crlf = clean(ingest_one("crlf.csv", lse_csv(*TWO_ROWS, newline="\r\n")))
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
    frame = clean(ingest_one("national_categories.xlsx", xlsx_bytes({"Sheet1": [NC_HEADER, *NC_ROWS]})), s.CATEGORIES)
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
    from_csv = clean(ingest_one("a.csv", lse_csv()))
    from_xlsx = clean(ingest_one("a.xlsx", xlsx_bytes({"Sheet1": [LSE_HEADER, *typed]})))
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
    assert clean(result)[s.COUNT].sum() == 127
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
    assert len(clean(ingest_one("nc.zip", data), s.CATEGORIES)) == 2


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


def test_a_zip_inside_a_zip_is_read_and_one_level_deeper_is_refused():
    from tests.hostile import nested_zips

    assert ingest_one("two.zip", nested_zips(2)).report.ok
    deeper = ingest_one("three.zip", nested_zips(3)).report
    assert [p.code for p in deeper.errors] == ["zip.too_deep"] and not deeper.ok


def test_members_under_a_parent_folder_are_read_not_dropped():
    result = ingest_one("up.zip", zip_bytes({"../appointments.csv": lse_csv()}))
    assert result.report.ok and "appointments" in result.tables


def test_a_header_line_longer_than_64_kb_is_read_whole():
    extra = [f"extra_column_{i:05d}" for i in range(4000)]  # about 80 KB of header
    header = [*LSE_HEADER, *extra]
    data = csv_bytes(header, [[*LSE_ROW, *["x"] * len(extra)]])
    assert data.index(b"\n") > 65536
    result = ingest_one("wide.csv", data)
    assert result.report.ok, result.report.to_text()
    assert "appointments" in result.tables


@pytest.mark.parametrize("separator", [",", ";"])
def test_excels_sep_first_line_names_the_delimiter(separator):
    data = f"sep={separator}\r\n".encode() + csv_bytes(LSE_HEADER, [LSE_ROW], delimiter=separator)
    result = ingest_one("excel.csv", data)
    assert result.report.ok and len(result.tables["appointments"]) == 1


def test_a_password_protected_workbook_says_so():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500) + "EncryptionInfo".encode("utf-16-le") + bytes(500)
    assert ingest_one("locked.xlsx", data).report.codes == ["file.encrypted"]


def test_a_month_in_1900_is_kept_with_a_warning():
    result = ingest_one("old.csv", lse_csv(lse_row(appointment_month="1900-01")))
    assert result.report.ok and result.report.codes == ["date.too_old"]
    assert len(result.tables["appointments"]) == 1


def test_the_body_of_a_csv_with_an_unrecognised_header_is_never_parsed(monkeypatch):
    from nhs_core.load import csvfile

    def parse(*args, **kwargs):
        raise AssertionError("the body was parsed")

    monkeypatch.setattr(csvfile, "_parse_csv", parse)
    data = csv_bytes(["name", "colour"], [["a", "red"]] * 1000)
    assert ingest_one("other.csv", data).report.codes == ["table.unrecognised"]


def test_a_file_on_disk_that_is_not_data_is_refused_from_its_first_bytes(tmp_path, monkeypatch):
    picture = tmp_path / "photo.csv"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100_000))
    monkeypatch.setattr(type(picture), "read_bytes", lambda self: pytest.fail("read whole"))
    assert ingest_paths([picture]).report.codes == ["file.not_data"]


def test_notes_about_many_members_of_one_archive_are_counted_not_listed():
    report = ingest_one("many.zip", zip_bytes({f"t{i}.csv": lse_csv() for i in range(30)})).report
    assert report.codes == ["combine.replaced", "notes.more"]
    names = "t1.csv, t2.csv, t3.csv and others"
    assert report.problems[-1].fields == {"files": 29, "kind": "combine.replaced", "names": names}


@pytest.mark.parametrize("chunk", [1, 3, 7, 64])
def test_the_longest_line_is_found_across_chunk_boundaries(chunk):
    import numpy as np

    from nhs_core.load.csvfile import _longest_line

    rng = np.random.default_rng(5)
    for _ in range(50):
        data = bytes(rng.choice([10, 97], size=int(rng.integers(0, 40)), p=[0.2, 0.8]).astype(np.uint8))
        lines = data.split(b"\n")
        lengths = [len(x) for x in lines]
        expected = (max(lengths), lengths.index(max(lengths)) + 1)
        assert _longest_line(data, chunk) == expected, data


def _one_row_files(n: int, *, bad: int | None = None) -> bytes:
    """A zip of `n` one-row LSE files, each of its own ICB and month (so none replaces another); file `bad`, when
    given, has a negative count."""
    from nhs_core import geography

    codes = list(geography.icbs()["icb_ons_code"])
    months = [f"{2020 + i // 12}-{i % 12 + 1:02d}" for i in range(n // len(codes) + 1)]
    files = {}
    for i in range(n):
        count = "-5" if i == bad else str(i + 1)
        row = lse_row(icb_ons_code=codes[i % len(codes)], appointment_month=months[i // len(codes)])
        files[f"part{i:04d}.csv"] = lse_csv(row[:-1] + [count])
    return zip_bytes(files)


def test_a_thousand_one_row_files_are_checked_together_and_give_a_short_report(monkeypatch):
    import sys

    ingest_module = sys.modules["nhs_core.load.ingest"]
    calls = []
    real = ingest_module.canonical
    monkeypatch.setattr(ingest_module, "canonical", lambda *a: calls.append(1) or real(*a))
    result = ingest_one("k1000.zip", _one_row_files(1000))
    assert result.report.ok
    assert len(result.report.notes) <= 5 and not result.report.warnings
    assert len(result.tables["appointments"]) == 1000
    assert result.tables["appointments"]["count_of_appointments"].sum() == 1000 * 1001 // 2
    assert len(result.files) == 1000 and result.files[7].rows == 1
    assert len(calls) < 10  # checked as one frame, not 1,000 (about 10 ms each: 14 s before)


def test_one_bad_file_among_many_small_ones_is_named_in_the_report():
    result = ingest_one("k50.zip", _one_row_files(50, bad=17))
    problem = one_problem(result, "count.negative")
    assert problem.file == "k50.zip › part0017.csv"
    assert len(result.tables["appointments"]) == 49


def test_identical_one_row_files_replace_each_other_in_two_lines():
    result = ingest_one("same.zip", zip_bytes({f"t{i}.csv": lse_csv() for i in range(200)}))
    assert [p.code for p in result.report.notes] == ["combine.replaced", "notes.more"]
    assert len(result.tables["appointments"]) == 1


def test_the_command_line_and_the_data_page_count_the_files_past_the_first_few(tmp_path, capsys):
    from nhs_core.cli import main
    from nhs_core.store import describe

    path = tmp_path / "k300.zip"
    path.write_bytes(_one_row_files(300))
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert len(out.splitlines()) < 20 and "- and 290 more files" in out
    assert out.count("INFO:") + out.count("NOTE") <= 3
    result = ingest_one("k300.zip", path.read_bytes())
    (report,) = describe.file_reports(result, ["k300.zip"])
    assert len(report.recognised) == 11 and report.recognised[-1] == "and 290 more files like these"
