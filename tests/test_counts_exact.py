"""Counts are exact integers from 0 to 10^9: values beyond int64, inf, NaN and overflowing totals are refused
with the row that holds them (they used to wrap silently), and exponent notation is read exactly with a warning."""

from __future__ import annotations

import pytest

from nhs_core import schema as s
from nhs_core.load.rules import MAX_COUNT
from tests.helpers import LSE_ROW, assert_blocked, assert_warned, ingest_one, lse_csv, lse_row

INT64_MAX = str(2**63 - 1)


def _counts(*values: str):
    return ingest_one("counts.csv", lse_csv(LSE_ROW, *[lse_row(count_of_appointments=v) for v in values]))


@pytest.mark.parametrize(
    ("values", "code"),
    [
        (["99999999999999999999"], "count.too_large"),
        ([INT64_MAX, INT64_MAX], "count.too_large"),
        (["1000000000000000000"] * 10, "count.too_large"),
        ([str(MAX_COUNT + 1)], "count.too_large"),
        (["inf"], "count.not_finite"),
        (["-inf"], "count.not_finite"),
        (["NaN"], "count.not_finite"),
        (["1_000"], "count.not_number"),
    ],
)
def test_counts_out_of_range_are_refused_with_their_row(values, code):
    problem = assert_blocked(_counts(*values), "counts.csv", code)
    assert problem.column == s.COUNT and problem.rows == len(values)
    assert f'line 3 has "{values[0]}"' == problem.example


def test_the_largest_allowed_counts_add_up_exactly():
    result = _counts(*[str(MAX_COUNT)] * 12)
    assert result.report.ok and not result.report.problems
    table = result.tables[s.APPOINTMENTS]
    assert int(table[s.COUNT].sum()) == 12 * MAX_COUNT + int(LSE_ROW[-1])


@pytest.mark.parametrize(("text", "value"), [("1e3", 1000), ("1.23E+11", None), ("2.5E1", 25)])
def test_exponent_notation_is_read_exactly_with_a_warning(text, value):
    if value is None:  # over the limit: refused, and not also warned about
        problem = assert_blocked(_counts(text), "counts.csv", "count.too_large")
        assert problem.rows == 1
        return
    result = ingest_one("counts.csv", lse_csv(lse_row(count_of_appointments=text)))
    problem = assert_warned(result, "count.exponent")
    assert problem.example == f'line 2 has "{text}"'
    assert result.tables[s.APPOINTMENTS][s.COUNT].tolist() == [value]
