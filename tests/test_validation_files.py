"""One test per file-level problem: files that are not what they claim to be, empty files, the CSV's shape
(delimiters, line lengths, row widths, size) and zip archives. Every bad input is built in memory (or in
tmp_path) and passed through `nhs_core.ingest` as an upload would be; each test checks the problem's code, the
file it names and its details, and that the file is left out (errors) or read (warnings)."""

from __future__ import annotations

import random

import openpyxl
import pytest

from nhs_core import schema as s
from nhs_core.load.ingest import ingest_paths
from nhs_core.load.readers import Limits
from tests.helpers import (
    LSE_HEADER,
    LSE_ROW,
    TODAY,
    assert_blocked,
    assert_warned,
    corrupt_first_member,
    ingest_one,
    lse_csv,
    lse_row,
    one_problem,
    xlsx_bytes,
    zip_bytes,
)


# --- files that are not what they claim to be ------------------------------------------------------------
def test_png_named_xlsx():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)
    problem = assert_blocked(ingest_one("appointments.xlsx", png), "appointments.xlsx", "file.not_data")
    assert problem.fields == {"content": "a PNG image"}
    assert problem.expected and problem.found == "a PNG image" and problem.hint


def test_truncated_workbook(tmp_path):
    path = tmp_path / "national_categories.xlsx"
    workbook = openpyxl.Workbook()
    for i in range(300):
        workbook.active.append([f"row {i}", i, i * 2.5, "General Practice"])
    workbook.save(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    problem = assert_blocked(ingest_paths([path], today=TODAY), "national_categories.xlsx", "zip.damaged")
    assert problem.fields == {"container": "Excel workbook"} and problem.hint


def test_binary_junk():
    junk = random.Random(7).randbytes(5000)
    problem = assert_blocked(
        ingest_one("appointments_regional.csv", junk), "appointments_regional.csv", "file.not_data"
    )
    assert problem.fields == {"content": "binary data that is not text"} and problem.expected


@pytest.mark.parametrize("data", [b"", b"   \r\n\n  \t"], ids=["zero-bytes", "blank-lines"])
def test_empty_file(data):
    problem = assert_blocked(ingest_one("empty.csv", data), "empty.csv", "file.empty")
    assert problem.expected


@pytest.mark.parametrize("newline", ["\n", "\r\n", ""], ids=["lf", "crlf", "no-newline"])
def test_header_only_csv_is_an_error_saying_there_are_no_data_rows(newline):
    data = (",".join(LSE_HEADER) + newline).encode()
    problem = assert_blocked(ingest_one("header_only.csv", data), "header_only.csv", "table.no_rows")
    assert problem.expected


def test_header_only_workbook():
    data = xlsx_bytes({"Sheet1": [LSE_HEADER]})
    problem = assert_blocked(ingest_one("header_only.xlsx", data), "header_only.xlsx", "table.no_rows")
    assert problem.expected


# --- CSV shape ---------------------------------------------------------------------------------------------
def test_semicolon_delimiter_warns_and_is_still_read():
    data = lse_csv(LSE_ROW, lse_row(appointment_status="DNA"), delimiter=";")
    problem = assert_warned(ingest_one("semicolons.csv", data), "csv.delimiter", rows=2)
    assert problem.file == "semicolons.csv" and problem.fields == {"delimiter": "semicolons"}


def test_absurd_line_length_is_an_error():
    data = lse_csv() + b"x" * 200_000 + b"\n"
    problem = assert_blocked(ingest_one("long.csv", data), "long.csv", "csv.line_too_long")
    assert problem.fields == {"limit": 100_000, "line": 3, "length": 200_000}


def test_line_length_limit_is_configurable():
    data = lse_csv(lse_row(icb_ons_code="E54000050" + "x" * 300))
    problem = assert_blocked(
        ingest_one("long.csv", data, limits=Limits(max_line_chars=200)), "long.csv", "csv.line_too_long"
    )
    assert problem.fields["limit"] == 200


def test_rows_with_the_wrong_number_of_values_are_an_error():
    data = lse_csv(LSE_ROW, [*LSE_ROW, "99"], LSE_ROW, LSE_ROW[:3])
    result = ingest_one("ragged.csv", data)
    problem = one_problem(result, "csv.wrong_width")
    assert problem.file == "ragged.csv" and problem.rows == 2 and problem.fields == {"width": 7}
    assert ",99" in problem.example


def test_rows_with_the_wrong_number_of_values_block_the_file():
    assert_blocked(
        ingest_one("ragged.csv", lse_csv(LSE_ROW, [*LSE_ROW, "99"], LSE_ROW)), "ragged.csv", "csv.wrong_width"
    )


def test_extra_value_on_the_first_data_row_is_the_row_reported():
    result = ingest_one("ragged_first.csv", lse_csv([*LSE_ROW, "99"], LSE_ROW, LSE_ROW, LSE_ROW))
    problem = one_problem(result, "csv.wrong_width")
    assert problem.rows == 1 and ",99" in problem.example


def test_missing_values_on_the_first_data_row_do_not_raise():
    result = ingest_one("short_first.csv", lse_csv(LSE_ROW[:5], LSE_ROW, LSE_ROW))
    assert one_problem(result, "csv.wrong_width").rows == 1 and not result.report.ok


def test_values_differing_only_by_surrounding_spaces_do_not_raise():
    result = ingest_one("spaces.csv", lse_csv(LSE_ROW, lse_row(icb_ons_code="E54000050 ")))
    assert result.tables[s.APPOINTMENTS][s.ICB].astype(str).tolist() == ["E54000050", "E54000050"]


def test_file_larger_than_the_limit():
    problem = assert_blocked(
        ingest_one("big.csv", lse_csv(), limits=Limits(max_file_bytes=100)), "big.csv", "file.too_large"
    )
    assert problem.fields == {"limit": "100 bytes", "size": f"{len(lse_csv())} bytes"}


# --- zip archives ------------------------------------------------------------------------------------------
def test_empty_zip():
    assert_blocked(ingest_one("empty.zip", zip_bytes({})), "empty.zip", "zip.empty")


def test_zip_with_no_data_file():
    data = zip_bytes({"picture.png": b"\x89PNG\r\n\x1a\n", "notes.pdf": b"%PDF-1.4", "folder/": b""})
    problem = assert_blocked(ingest_one("release.zip", data), "release.zip", "zip.no_data")
    assert problem.expected
    assert one_problem(ingest_one("release.zip", data), "zip.skipped_members").fields == {
        "names": "picture.png, notes.pdf"
    }


def test_zip_expanding_beyond_the_configured_limit():
    data = zip_bytes({"a.csv": lse_csv(*[LSE_ROW] * 200)})
    result = ingest_one("big.zip", data, limits=Limits(max_uncompressed_bytes=5_000))
    problem = assert_blocked(result, "big.zip", "zip.too_large")
    assert problem.fields["limit"] == "5 KB" and problem.found


def test_zip_size_limit_message_shows_different_sizes():
    data = zip_bytes({"a.csv": lse_csv(*[LSE_ROW] * 20_000)})  # about 1 MB unpacked
    problem = assert_blocked(
        ingest_one("big.zip", data, limits=Limits(max_uncompressed_bytes=500_000)), "big.zip", "zip.too_large"
    )
    assert problem.fields["limit"] == "500 KB" and problem.fields["size"].endswith(" MB")
    assert "0.0 GB" not in problem.text()


def test_zip_with_a_compression_ratio_over_100_to_1():
    data = zip_bytes({"bomb.csv": b"a" * 50_000_000})
    assert len(data) < 100_000
    problem = assert_blocked(ingest_one("bomb.zip", data), "bomb.zip", "zip.bomb")
    assert problem.fields["member"] == "bomb.csv" and problem.fields["limit"] == 100
    assert problem.fields["ratio"] > 100 and problem.found.endswith(":1")


def test_zip_with_too_many_members():
    data = zip_bytes({f"part_{i}.csv": lse_csv() for i in range(5)})
    problem = assert_blocked(
        ingest_one("many.zip", data, limits=Limits(max_members=3)), "many.zip", "zip.too_many_members"
    )
    assert problem.fields == {"limit": 3, "count": 5}


def test_truncated_zip():
    data = zip_bytes({"a.csv": lse_csv(*[LSE_ROW] * 500)})
    problem = assert_blocked(ingest_one("cut.zip", data[: len(data) // 2]), "cut.zip", "zip.damaged")
    assert problem.fields == {"container": "ZIP archive"}


def test_zip_with_a_damaged_member():
    data = corrupt_first_member(zip_bytes({"a.csv": lse_csv(*[LSE_ROW] * 200)}))
    problem = assert_blocked(ingest_one("damaged.zip", data), "damaged.zip", "zip.member_damaged")
    assert problem.file == "damaged.zip › a.csv"
