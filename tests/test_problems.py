"""The problem catalogue: every kind has an input that produces it, renders with its placeholders filled, and
reads as plain English after the file name. A few sentences are checked word for word here, once, so the
wording can change in one place without breaking the rule tests (they assert codes)."""

from __future__ import annotations

import dataclasses
import io
import json
import re
import zipfile
from pathlib import Path
from unittest import mock

import pytest

from nhs_core import schema as s
from nhs_core import tables
from nhs_core.load import Source, ingest
from nhs_core.load.problem_kinds import CATALOGUE, KINDS, LEVELS
from nhs_core.load.problems import Problem, problem
from nhs_core.load.readers import Limits
from tests import hostile
from tests.helpers import (
    DAILY_HEADER,
    LINCS_DAILY,
    LSE_HEADER,
    LSE_ROW,
    TODAY,
    corrupt_first_member,
    csv_bytes,
    ingest_many,
    ingest_one,
    lse_csv,
    lse_row,
    xlsx_bytes,
    zip_bytes,
)

TWEETS = [s.TWEET_ID, s.TWEET_TEXT]
NOTES_SHEET = [["About this file"], ["Synthetic test data"]]


def _workbook_with_a_damaged_sheet() -> bytes:
    members = zipfile.ZipFile(io.BytesIO(xlsx_bytes({"Sheet1": [LSE_HEADER, LSE_ROW]})))
    files = {name: members.read(name) for name in members.namelist()}
    files["xl/worksheets/sheet1.xml"] = b"<not xml"
    return zip_bytes(files)


def _with_the_crosstab_unsupported(make):
    """A kind recognised but not imported (every kind is imported today, so one is made so for the test)."""
    record = dataclasses.replace(tables.kind(s.PRACTICE_CROSSTAB), supported=False)
    others = tuple(k for k in tables.KINDS if k.name != s.PRACTICE_CROSSTAB)
    with mock.patch.object(tables, "KINDS", (*others, record)):
        return make()


def _late_undefined_byte() -> bytes:
    """Windows-1252 text with, after the first 64 KB, a byte that Windows-1252 does not define."""
    rows = [[str(i), f"Tweet number {i} #NHS"] for i in range(3000)]
    return csv_bytes(TWEETS, rows) + b"3000,bad \x81 byte\n"


def _unexpected_failure():
    with mock.patch("nhs_core.load.ingest.canonical", side_effect=RuntimeError("a bug")):
        return ingest_one("odd.csv", lse_csv())


def _cut_in_half(data: bytes) -> bytes:
    return data[: len(data) // 2]


def _daily(date: str = "15JAN2020") -> bytes:
    return csv_bytes(DAILY_HEADER, [[*LINCS_DAILY, date, "Attended", "GP", "Telephone", "Same Day", "4"]])


# The smallest input that produces each kind of problem.
CASES = {
    "file.unopenable": lambda: ingest([Source("gone.csv", Path(__file__).parent / "no-such-file.csv")]),
    "file.too_large": lambda: ingest_one("big.csv", lse_csv(), limits=Limits(max_file_bytes=100)),
    "file.empty": lambda: ingest_one("empty.csv", b""),
    "file.not_data": lambda: ingest_one("appointments.xlsx", b"\x89PNG\r\n\x1a\n" + bytes(100)),
    "file.encrypted": lambda: ingest_one(
        "locked.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptionInfo".encode("utf-16-le")
    ),
    "file.misnamed": lambda: ingest_one("appointments.xlsx", lse_csv()),
    "zip.damaged": lambda: ingest_one("cut.zip", _cut_in_half(zip_bytes({"a.csv": lse_csv(*[LSE_ROW] * 500)}))),
    "zip.too_many_members": lambda: ingest_one(
        "many.zip", zip_bytes({f"{i}.csv": lse_csv() for i in range(5)}), limits=Limits(max_members=3)
    ),
    "zip.too_large": lambda: ingest_one(
        "big.zip", zip_bytes({"a.csv": lse_csv(*[LSE_ROW] * 200)}), limits=Limits(max_uncompressed_bytes=5_000)
    ),
    "zip.too_deep": lambda: ingest_one("deep.zip", hostile.nested_zips(3)),
    "zip.encrypted": lambda: ingest_one("locked.zip", hostile.encrypted_zip()),
    "zip.bomb": lambda: ingest_one("bomb.zip", zip_bytes({"bomb.csv": b"a" * 2_000_000})),
    "zip.member_damaged": lambda: ingest_one(
        "damaged.zip", corrupt_first_member(zip_bytes({"a.csv": lse_csv(*[LSE_ROW] * 200)}))
    ),
    "zip.skipped_members": lambda: ingest_one("release.zip", zip_bytes({"a.csv": lse_csv(), "readme.pdf": b"%PDF"})),
    "zip.no_data": lambda: ingest_one("release.zip", zip_bytes({"readme.pdf": b"%PDF"})),
    "zip.empty": lambda: ingest_one("empty.zip", zip_bytes({})),
    "xlsx.damaged": lambda: ingest_one("wb.xlsx", zip_bytes({"xl/workbook.xml": b"garbage"})),
    "xlsx.too_many_cells": lambda: ingest_one("wb.xlsx", hostile.build("dimension_bomb.xlsx")),
    "xlsx.too_demanding": lambda: ingest_one("wb.xlsx", hostile.build("far_cell_no_dimension.xlsx")),
    "xlsx.sheet_damaged": lambda: ingest_one("wb.xlsx", _workbook_with_a_damaged_sheet()),
    "xlsx.no_data": lambda: ingest_one("wb.xlsx", xlsx_bytes({"Sheet1": []})),
    "xlsx.sheet_skipped": lambda: ingest_one(
        "wb.xlsx", xlsx_bytes({"Notes": NOTES_SHEET, "Data": [LSE_HEADER, LSE_ROW]})
    ),
    "csv.line_too_long": lambda: ingest_one("long.csv", lse_csv() + b"x" * 200_000 + b"\n"),
    "csv.delimiter": lambda: ingest_one("semicolons.csv", lse_csv(delimiter=";")),
    "csv.encoding": lambda: ingest_one("win.csv", csv_bytes(TWEETS, [["1", "Café #NHS"]], encoding="cp1252")),
    "csv.unreadable": lambda: ingest_one("late_byte.csv", _late_undefined_byte()),
    "csv.wrong_width": lambda: ingest_one("ragged.csv", lse_csv(LSE_ROW, [*LSE_ROW, "99"])),
    "table.unrecognised": lambda: ingest_one("mystery.csv", csv_bytes(["a", "b"], [["1", "2"]])),
    "table.no_rows": lambda: ingest_one("header_only.csv", ",".join(LSE_HEADER).encode()),
    "table.unsupported": lambda: _with_the_crosstab_unsupported(
        lambda: ingest_one("crosstab.csv", csv_bytes(["GP_CODE", *LSE_HEADER], [["Y00056", *LSE_ROW]]))
    ),
    "table.skipped": lambda: ingest_one(
        "Mapping.csv", csv_bytes(["GP_CODE", "PCN_CODE", "ICB_ONS_CODE"], [["A", "B", "C"]])
    ),
    "column.duplicate": lambda: ingest_one(
        "twice.csv", csv_bytes([*LSE_HEADER, "APPT_STATUS"], [[*LSE_ROW, "Attended"]])
    ),
    "count.blank": lambda: ingest_one("counts.csv", lse_csv(lse_row(count_of_appointments=""))),
    "count.not_number": lambda: ingest_one("counts.csv", lse_csv(lse_row(count_of_appointments="lots"))),
    "count.fraction": lambda: ingest_one("counts.csv", lse_csv(lse_row(count_of_appointments="2.5"))),
    "count.negative": lambda: ingest_one("counts.csv", lse_csv(lse_row(count_of_appointments="-5"))),
    "count.not_finite": lambda: ingest_one("counts.csv", lse_csv(lse_row(count_of_appointments="inf"))),
    "count.too_large": lambda: ingest_one("counts.csv", lse_csv(lse_row(count_of_appointments="1000000001"))),
    "count.exponent": lambda: ingest_one("counts.csv", lse_csv(lse_row(count_of_appointments="1e3"))),
    "notes.more": lambda: ingest_one("many.zip", zip_bytes({f"t{i}.csv": lse_csv() for i in range(6)})),
    "date.too_old": lambda: ingest_one("old.csv", lse_csv(lse_row(appointment_month="1900-01"))),
    "date.blank": lambda: ingest_one("daily.csv", _daily("")),
    "date.unparseable": lambda: ingest_one("dates.csv", lse_csv(lse_row(appointment_month="Janvier 2020"))),
    "date.future": lambda: ingest_one("future.csv", lse_csv(lse_row(appointment_month="2027-01"))),
    "vocabulary.new_value": lambda: ingest_one("modes.csv", lse_csv(lse_row(appointment_mode="Hologram"))),
    "vocabulary.blank": lambda: ingest_one("status.csv", lse_csv(lse_row(appointment_status=""))),
    "vocabulary.respelled": lambda: ingest_one("old.csv", lse_csv(lse_row(appointment_mode="Video Conference/Online"))),
    "geography.unknown_code": lambda: ingest_one("areas.csv", lse_csv(lse_row(icb_ons_code="E54000999"))),
    "months.gap": lambda: ingest_one(
        "gaps.csv", lse_csv(lse_row(appointment_month="2020-01"), lse_row(appointment_month="2020-03"))
    ),
    "combine.replaced": lambda: ingest_many(("jan.csv", lse_csv()), ("feb.csv", lse_csv())),
    "combine.replaced_whole": lambda: ingest_many(
        ("old.csv", csv_bytes(TWEETS, [["1", "#a"]])), ("new.csv", csv_bytes(TWEETS, [["2", "#b"]]))
    ),
    "combine.monthly_from_daily": lambda: ingest_one("daily.csv", _daily()),
    "internal.error": _unexpected_failure,
}


def test_every_kind_in_the_catalogue_has_an_input_that_produces_it():
    assert set(CASES) == set(CATALOGUE), {
        "untested": set(CATALOGUE) - set(CASES),
        "unknown": set(CASES) - set(CATALOGUE),
    }


@pytest.mark.parametrize("code", list(CASES))
def test_each_kind_is_produced_and_reads_as_plain_english(code):
    result = CASES[code]()
    found = [p for p in result.report.problems if p.code == code]
    assert found, f"{code} not produced; got {result.report.codes}"
    problem = found[0]
    text = problem.text()
    assert text.startswith(f"{problem.file}: {problem.message}") and problem.file
    assert not re.search(r"[{}]", text), text  # every placeholder filled
    for value in problem.fields.values():  # every detail shows, as given
        assert value is None or isinstance(value, int | float) or value in text
    json.dumps(problem.to_dict(), allow_nan=False)  # fields are plain values
    assert result.report.ok == (problem.level != "error" and not result.report.errors)


def test_catalogue_codes_are_unique_and_shaped_like_family_dot_kind():
    assert len(KINDS) == len(CATALOGUE)
    for kind in KINDS:
        assert re.fullmatch(r"[a-z]+\.[a-z_]+", kind.code), kind.code
        assert kind.level in LEVELS, kind.code
        assert kind.message[0].islower(), f"{kind.code}: a message continues the file name"
        assert not kind.placeholders & {"code", "file", "column", "rows", "example"}, kind.code


def test_a_problem_must_come_from_the_catalogue_with_exactly_its_fields():
    with pytest.raises(ValueError, match="unknown problem code"):
        problem("count.negatve", "a.csv")
    with pytest.raises(ValueError, match="takes fields"):
        problem("file.not_data", "a.csv")  # its "content" is missing
    with pytest.raises(ValueError, match="takes fields"):
        problem("count.negative", "a.csv", value="-5")
    assert isinstance(problem("file.not_data", "a.csv", content="a PNG image"), Problem)


# --- a handful of sentences, word for word -----------------------------------------------------------------
def test_fixed_sentences_read_as_before():
    report = CASES["count.negative"]().report
    assert report.to_text() == (
        "ERROR: counts.csv: has negative counts. Column: count_of_appointments. Expected zero or more. "
        'Found negative numbers. Rows affected: 1. Example: line 2 has "-5".'
    )


def test_placeholders_fill_the_sentences():
    bomb = problem("zip.bomb", "bomb.zip", member="bomb.csv", limit=100.0, ratio=1234.4)
    assert bomb.text() == (
        'bomb.zip: member "bomb.csv" is compressed suspiciously well (a possible ZIP bomb), so the archive was not '
        "opened. Expected a compression ratio under 100:1. Found 1,234:1."
    )
    replaced = problem(
        "combine.replaced", "feb.csv", older="jan.csv", replaced=12_345, first="Jan 2020", last="Feb 2020"
    )
    assert replaced.message == (
        "covers the same months and areas as jan.csv, so it replaces 12,345 of its rows (Jan 2020 to Feb 2020): "
        "the later file wins."
    )


def test_unrecognised_tables_name_the_closest_and_say_did_you_mean():
    header = ["APPT_STATUSS" if h == "appointment_status" else h for h in LSE_HEADER]
    unrecognised = ingest_one("typo.csv", csv_bytes(header, [LSE_ROW])).report.errors[0]
    assert unrecognised.message.startswith("was not recognised as any table this app reads (appointments by month, ")
    assert unrecognised.expected == (
        "the columns of appointments by month, the closest match; missing: appointment_status"
    )
    assert unrecognised.text().endswith('Did you mean "APPT_STATUSS" for "appointment_status"?')


def test_an_optional_detail_is_left_out_when_its_field_is_none():
    unrecognised = CASES["table.unrecognised"]().report.errors[0]
    assert unrecognised.fields["suggestions"] is None and unrecognised.hint is None
    assert not unrecognised.text().endswith("None")


def test_dates_in_the_future_say_up_to_when():
    daily = ingest_one("daily.csv", _daily("28NOV2026")).report.warnings[0]
    assert daily.expected == "days up to today (21 Nov 2026)" and daily.found == "dates up to 28 Nov 2026"
    monthly = CASES["date.future"]().report.warnings[0]
    assert monthly.expected == f"months up to this one ({TODAY:%b %Y})"
