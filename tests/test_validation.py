"""One test per validation rule on a table's contents: columns, counts, dates, vocabularies and geography (the
file-level problems are in test_validation_files.py). Every bad input is built in memory and passed through
`nhs_core.ingest` as an upload would be; each test checks that nothing raises, that the report holds an error
(the file is left out) or a warning (its rows are kept) of the rule's problem code, and that the problem names
the file, the column, what was expected, what was found and an example. The wording itself is checked once
per kind in test_problems.py."""

from __future__ import annotations

import random
from pathlib import Path

import pandas as pd

from nhs_core import schema as s
from tests.helpers import (
    DAILY_HEADER,
    LINCS_DAILY,
    LSE_HEADER,
    LSE_ROW,
    assert_blocked,
    assert_warned,
    csv_bytes,
    ingest_many,
    ingest_one,
    lse_csv,
    lse_row,
    zip_bytes,
)


# --- columns --------------------------------------------------------------------------------------------
def test_unrecognised_table_names_the_closest_table_and_its_missing_columns():
    header = [h for h in LSE_HEADER if h not in ("hcp_type", "appointment_mode")]
    data = csv_bytes(header, [["E54000050", "2020-01", "Attended", "1 Day", "5"]])
    problem = assert_blocked(ingest_one("mystery.csv", data), "mystery.csv", "table.unrecognised")
    assert problem.fields["closest"] == "appointments by month"
    assert problem.fields["missing"] == "hcp_type, appointment_mode"
    assert '"icb_ons_code"' in problem.fields["headers"]
    for table in ("actual durations", "national categories", "tweets"):  # which tables exist
        assert table in problem.fields["tables"]
    assert problem.fields["suggestions"] is None and problem.hint is None


def test_missing_count_column():
    data = csv_bytes(LSE_HEADER[:-1], [LSE_ROW[:-1]])
    problem = assert_blocked(ingest_one("no_counts.csv", data), "no_counts.csv", "table.unrecognised")
    assert problem.fields["missing"] == "count_of_appointments"


def test_near_miss_header_gets_a_did_you_mean():
    header = ["APPT_STATUSS" if h == "appointment_status" else h for h in LSE_HEADER]
    problem = assert_blocked(ingest_one("typo.csv", csv_bytes(header, [LSE_ROW])), "typo.csv", "table.unrecognised")
    assert problem.hint == 'Did you mean "APPT_STATUSS" for "appointment_status"?'
    assert problem.fields["missing"] == "appointment_status"


def test_duplicated_columns():
    header = [*LSE_HEADER[:2], "APPT_STATUS", *LSE_HEADER[3:], "appointment_status"]
    data = csv_bytes(header, [[*LSE_ROW, "Attended"]])
    problem = assert_blocked(ingest_one("twice.csv", data), "twice.csv", "column.duplicate")
    assert problem.column == s.STATUS
    assert problem.fields == {"first": "APPT_STATUS", "second": "appointment_status"}
    assert problem.expected


# --- counts ------------------------------------------------------------------------------------------------
def _bad_count(value: str):
    data = lse_csv(LSE_ROW, lse_row(count_of_appointments=value), LSE_ROW)
    return ingest_one("counts.csv", data)


def _assert_count_problem(result, code: str, value: str):
    problem = assert_blocked(result, "counts.csv", code)
    assert problem.column == s.COUNT and problem.expected and problem.found
    assert problem.rows == 1
    assert "line 3" in problem.example and (not value or value in problem.example)
    return problem


def test_non_integer_counts():
    _assert_count_problem(_bad_count("about 40"), "count.not_number", "about 40")


def test_negative_counts():
    _assert_count_problem(_bad_count("-5"), "count.negative", "-5")


def test_fractional_counts():
    _assert_count_problem(_bad_count("2.5"), "count.fraction", "2.5")


def test_blank_counts():
    _assert_count_problem(_bad_count(""), "count.blank", "")


def test_blank_count_example_does_not_say_nan():
    problem = _assert_count_problem(_bad_count(""), "count.blank", "")
    assert "nan" not in problem.example.lower()


# --- dates -------------------------------------------------------------------------------------------------
def test_unparseable_dates_quote_the_value_and_its_line():
    data = lse_csv(LSE_ROW, LSE_ROW, lse_row(appointment_month="Janvier 2020"))
    problem = assert_blocked(ingest_one("dates.csv", data), "dates.csv", "date.unparseable")
    assert problem.column == s.MONTH
    assert problem.fields == {"value": "Janvier 2020"}
    assert "line 4" in problem.example
    assert "JAN2024" in problem.expected and "01JAN2024" in problem.expected  # the forms it does read


def test_blank_dates():
    data = csv_bytes(DAILY_HEADER, [[*LINCS_DAILY, "", "Attended", "GP", "Telephone", "Same Day", "4"]])
    problem = assert_blocked(ingest_one("SUB_ICB_LOCATION_CSV.csv", data), "SUB_ICB_LOCATION_CSV.csv", "date.blank")
    assert problem.column == s.DATE and "line 2" in problem.example


def test_dates_in_the_future_warn_and_rows_are_kept():
    data = lse_csv(lse_row(appointment_month="2026-12"), lse_row(appointment_month="2027-01"))
    problem = assert_warned(ingest_one("future.csv", data), "date.future", rows=2)
    assert problem.column == s.MONTH
    assert problem.fields["latest"] == "01 Jan 2027" and problem.fields["limit"] == "Nov 2026"


def test_dates_in_the_future_warning_names_the_file():
    problem = assert_warned(ingest_one("future.csv", lse_csv(lse_row(appointment_month="2027-01"))), "date.future")
    assert "future.csv" in problem.file and problem.example


def test_days_later_this_month_are_in_the_future():
    data = csv_bytes(DAILY_HEADER, [[*LINCS_DAILY, "28NOV2026", "Attended", "GP", "Telephone", "Same Day", "4"]])
    problem = assert_warned(ingest_one("SUB_ICB_LOCATION_CSV_Nov_26.csv", data), "date.future", table=s.DAILY)
    assert problem.column == s.DATE and problem.fields["limit"] == "21 Nov 2026"


def test_gaps_in_months_warn_and_rows_are_kept():
    data = lse_csv(*(lse_row(appointment_month=m) for m in ("2020-01", "2020-02", "2020-05")))
    problem = assert_warned(ingest_one("gaps.csv", data), "months.gap", rows=3)
    assert problem.fields == {"first": "Jan 2020", "last": "May 2020", "missing": "Mar 2020, Apr 2020"}


# --- vocabularies and geography ------------------------------------------------------------------------------
def test_unknown_vocabulary_values_warn_and_are_kept():
    data = lse_csv(LSE_ROW, lse_row(appointment_mode="Hologram"))
    result = ingest_one("modes.csv", data)
    problem = assert_warned(result, "vocabulary.new_value", rows=2)
    assert problem.column == s.MODE and problem.file == "modes.csv"
    assert problem.fields["values"] == '"Hologram"' and "Video/Online" in problem.fields["official"]
    assert "line 3" in problem.example and problem.rows == 1
    modes = result.tables[s.APPOINTMENTS][s.MODE]
    assert modes.astype(str).tolist() == ["Face-to-Face", "Hologram"]
    assert modes.cat.categories[-1] == "Unknown"  # the new value sits before Unknown


def test_blank_vocabulary_values_are_reported():
    result = ingest_one("blank_status.csv", lse_csv(LSE_ROW, lse_row(appointment_status="")))
    problem = assert_warned(result, "vocabulary.blank", rows=2)
    assert problem.column == s.STATUS and problem.fields == {"counted_as": "Unknown"} and problem.rows == 1


def test_unknown_geography_codes_warn_and_are_kept():
    data = lse_csv(LSE_ROW, lse_row(icb_ons_code="E54000999"), lse_row(icb_ons_code="UNMAPPED"))
    result = ingest_one("areas.csv", data)
    problem = assert_warned(result, "geography.unknown_code", rows=3)
    assert problem.column == s.ICB and problem.file == "areas.csv"
    assert problem.fields == {"codes": "E54000999, UNMAPPED"}
    assert problem.rows == 2 and "line 3" in problem.example
    frame = result.tables[s.APPOINTMENTS]
    assert frame[s.ICB_NAME].astype(str).tolist()[1:] == ["E54000999", "UNMAPPED"]  # shown by their code


def test_icbs_new_in_april_2026_are_kept_with_their_names():
    result = ingest_one("april_2026.csv", lse_csv(lse_row(icb_ons_code="E54000071", appointment_month="2026-04")))
    frame = result.tables[s.APPOINTMENTS]
    assert frame[s.ICB_NAME].tolist() == ["NHS West and North London Integrated Care Board"]
    assert frame[s.REGION_NAME].tolist() == ["London"]
    assert result.report.ok


# --- nothing bad escapes as an exception ------------------------------------------------------------------
def _mutations(base: bytes, rng: random.Random, count: int):
    for _ in range(count):
        data = bytearray(base)
        op = rng.randrange(3)
        if op == 0:
            for _ in range(rng.randint(1, 8)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        elif op == 1:
            del data[rng.randrange(len(data)) :]
        else:
            at = rng.randrange(len(data))
            data[at:at] = bytes(rng.choice(b',"\n\r;x0 ') for _ in range(rng.randint(1, 6)))
        yield bytes(data)


def test_damaged_inputs_never_raise():
    rng = random.Random(2026)
    rows = [lse_row(appointment_month=f"2020-0{1 + i % 3}", count_of_appointments=str(i)) for i in range(40)]
    csv_file = lse_csv(*rows)
    # A committed workbook, not one written now: openpyxl stamps the time into a new one, so the seeded
    # mutations would land on different bytes from run to run.
    workbook = (Path(__file__).parent / "fixtures" / "lse" / "national_categories.xlsx").read_bytes()
    bases = [("f.csv", csv_file), ("f.zip", zip_bytes({"f.csv": csv_file})), ("f.xlsx", workbook)]
    failures = []
    for name, base in bases:
        for data in _mutations(base, rng, 120):
            try:
                ingest_many((name, data))
            except Exception as exc:  # the point of the test: collect what escapes
                failures.append(f"{name}: {type(exc).__name__}: {exc}"[:160])
    assert not failures, f"{len(failures)} inputs raised, e.g. {failures[:3]}"


def test_a_bad_file_does_not_stop_the_good_ones():
    result = ingest_many(
        ("good.csv", lse_csv()),
        ("bad.xlsx", b"\x89PNG\r\n\x1a\n" + bytes(50)),
        ("also_good.csv", lse_csv(lse_row(icb_ons_code="E54000013"))),
    )
    assert len(result.report.errors) == 1 and result.report.errors[0].file == "bad.xlsx"
    assert result.report.errors[0].code == "file.not_data"
    assert len(result.tables[s.APPOINTMENTS]) == 2
    assert [f.file for f in result.files] == ["good.csv", "also_good.csv"]


def test_report_text_is_plain_english_one_line_per_problem():
    result = ingest_many(("a.csv", lse_csv(lse_row(appointment_mode="Hologram"))), ("b.csv", b""))
    lines = result.report.to_text().splitlines()
    assert len(lines) == len(result.report.problems) == 2
    assert lines[0].startswith("WARNING: a.csv:") and lines[1].startswith("ERROR: b.csv:")
    frame = result.report.to_frame()
    assert frame["level"].tolist() == ["warning", "error"] and frame["file"].tolist() == ["a.csv", "b.csv"]
    assert frame["code"].tolist() == ["vocabulary.new_value", "file.empty"]
    assert isinstance(frame, pd.DataFrame)
