"""The contained workbook reader: limits checked inside the .xlsx before parsing, and the child process that
parses it stopped by its memory limit or its timeout with a clean problem, never taking the caller down."""

from __future__ import annotations

import dataclasses

from nhs_core.load.readers import Limits
from nhs_core.load.workbooks import check_workbook, read_xlsx
from tests import hostile
from tests.helpers import LSE_HEADER, LSE_ROW, xlsx_bytes

WORKBOOK = xlsx_bytes({"Sheet1": [LSE_HEADER, LSE_ROW]})


def test_a_good_workbook_reads_through_the_child_process():
    frames, problems = read_xlsx("good.xlsx", WORKBOOK)
    assert problems == [] and len(frames) == 1
    assert frames[0].headers == LSE_HEADER and frames[0].frame.shape == (1, len(LSE_HEADER))


def test_a_reader_that_overruns_its_time_is_stopped():
    limits = dataclasses.replace(Limits(), max_workbook_seconds=0.01)
    frames, problems = read_xlsx("slow.xlsx", WORKBOOK, limits)
    assert frames == [] and [p.code for p in problems] == ["xlsx.too_demanding"]
    assert "longer than" in problems[0].fields["reason"]


def test_a_reader_that_runs_out_of_memory_dies_alone():
    limits = dataclasses.replace(Limits(), max_workbook_memory_bytes=64 * 1024**2)  # less than Python needs
    frames, problems = read_xlsx("big.xlsx", WORKBOOK, limits)
    assert frames == [] and [p.code for p in problems] == ["xlsx.too_demanding"]


def test_declared_used_range_and_part_ratio_are_checked_before_parsing():
    assert check_workbook("bomb.xlsx", hostile.build("dimension_bomb.xlsx"), Limits()).code == "xlsx.too_many_cells"
    assert check_workbook("strings.xlsx", hostile.build("shared_strings_bomb.xlsx"), Limits()).code == "zip.bomb"
    assert check_workbook("good.xlsx", WORKBOOK, Limits()) is None


def test_a_refused_sheet_is_named_by_its_tab():
    assert check_workbook("bomb.xlsx", hostile.build("dimension_bomb.xlsx"), Limits()).fields["sheet"] == "Sheet1"
