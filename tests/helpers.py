"""Small builders shared by the tests: in-memory CSV, workbook and zip bytes, and report assertions by problem code."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable

import openpyxl
import pandas as pd

from nhs_core import definitions
from nhs_core.load.ingest import Ingested, ingest
from nhs_core.load.problems import Problem
from nhs_core.load.readers import Limits, Source

TODAY = pd.Timestamp("2026-11-21")

LSE_HEADER = [
    "icb_ons_code",
    "appointment_month",
    "appointment_status",
    "hcp_type",
    "appointment_mode",
    "time_between_book_and_appointment",
    "count_of_appointments",
]
LSE_ROW = ["E54000050", "2020-01", "Attended", "GP", "Face-to-Face", "1 Day", "120"]
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
LINCS = [
    "71E",
    "E38000238",
    "NHS Lincolnshire ICB - 71E",
    "E54000013",
    "NHS Lincolnshire Integrated Care Board",
    "E40000011",
    "Midlands",
]
NWL = [
    "W2U3Z",
    "E38000256",
    "NHS North West London ICB - W2U3Z",
    "E54000027",
    "NHS North West London Integrated Care Board",
    "E40000003",
    "London",
]
DAILY_HEADER = [
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
LINCS_DAILY = ["71E", "E38000238", "NHS Lincolnshire ICB - 71E", "E54000013", "E40000011"]


def lse_row(**changes: str) -> list[str]:
    """One row of the LSE appointments file with some cells changed, by column name."""
    row = dict(zip(LSE_HEADER, LSE_ROW))
    row.update(changes)
    return list(row.values())


TWO_ROWS = [
    lse_row(),
    lse_row(appointment_status="DNA", time_between_book_and_appointment="8  to 14 Days", count_of_appointments="7"),
]


def csv_bytes(
    header: list[str],
    rows: Iterable[list],
    *,
    newline: str = "\n",
    bom: bool = False,
    encoding: str = "utf-8",
    delimiter: str = ",",
) -> bytes:
    """A CSV file as bytes, written with the csv module."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=newline, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return (b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode(encoding)


def lse_csv(*rows: list, **kwargs) -> bytes:
    """An LSE appointments CSV with the given rows (one default row when none are given)."""
    return csv_bytes(LSE_HEADER, rows or [LSE_ROW], **kwargs)


def xlsx_bytes(sheets: dict[str, list[list]]) -> bytes:
    """A workbook with one sheet per entry (rows of Python values), written by openpyxl."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zip_bytes(members: dict[str, bytes | str], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip archive holding the given members."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def ingest_one(name: str, data: bytes, **kwargs) -> Ingested:
    """Ingest one in-memory file as an upload would (today pinned to 21 Nov 2026)."""
    return ingest([Source(name, data)], today=TODAY, **kwargs)


def ingest_many(*files: tuple[str, bytes], limits: Limits = Limits()) -> Ingested:
    return ingest([Source(name, data) for name, data in files], today=TODAY, limits=limits)


def clean(result: Ingested, table: str = "appointments") -> pd.DataFrame:
    """The table `result` read, asserting the report has no errors and no warnings."""
    assert result.report.ok, result.report.to_text()
    assert not result.report.warnings, result.report.to_text()
    return result.tables[table]


def one_problem(result: Ingested, code: str) -> Problem:
    """The single problem of kind `code` in the report."""
    found = [p for p in result.report.problems if p.code == code]
    assert len(found) == 1, f"expected one {code}, got {result.report.codes}:\n{result.report.to_text()}"
    return found[0]


def assert_blocked(result: Ingested, file: str, code: str) -> Problem:
    """An error of kind `code` naming `file`, and no table built from the file."""
    problem = one_problem(result, code)
    assert problem.level == "error", problem.text()
    assert file in problem.file and problem.text().startswith(problem.file)
    assert result.tables == {}, f"tables were built despite the error: {list(result.tables)}"
    assert not result.report.ok
    return problem


def assert_warned(result: Ingested, code: str, *, table: str = "appointments", rows: int = 1) -> Problem:
    """A warning of kind `code`, no errors, and the table present with all its rows kept."""
    problem = one_problem(result, code)
    assert problem.level == "warning", problem.text()
    assert result.report.ok, result.report.to_text()
    assert table in result.tables and len(result.tables[table]) == rows
    return problem


def corrupt_first_member(data: bytes) -> bytes:
    """A zip whose first member's compressed bytes are scrambled (the directory still reads)."""
    info = zipfile.ZipFile(io.BytesIO(data)).infolist()[0]
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    damaged = bytearray(data)
    for i in range(start, start + 40):
        damaged[i] ^= 0x5A
    return bytes(damaged)


def dna_rate_of(by_status) -> float:
    """The DNA rate of status sums counted by a test, by the one definition (`nhs_core.definitions`)."""
    return definitions.DNA_RATE.formula(by_status["Attended"], by_status["DNA"], by_status.get("Unknown", 0))
