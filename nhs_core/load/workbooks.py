"""Excel workbooks (.xlsx): checked inside their zip before any reader runs, then parsed with fastexcel
(calamine) in a child process with a memory limit and a timeout (``workbook_worker``), so a hostile
workbook that makes the reader abort or blow up costs that child, never the server. One raw frame per sheet
that has a header row.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import replace
from pathlib import Path, PurePosixPath

import pyarrow as pa

from nhs_core.load import archives
from nhs_core.load.files import Limits, RawFrame, size_text
from nhs_core.load.problems import Problem, problem

_WORKER = Path(__file__).with_name("workbook_worker.py")
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?"')


def read_xlsx(label: str, data: bytes, limits: Limits = Limits()) -> tuple[list[RawFrame], list[Problem]]:
    """Every sheet of a workbook that has a header row, or the problem that stops the workbook being read."""
    refusal = check_workbook(label, data, limits)
    if refusal:
        return [], [refusal]
    with tempfile.TemporaryDirectory(prefix="nhs-xlsx-") as folder:
        result, failure = _parse_in_child(label, data, Path(folder), limits)
        if failure:
            return [], [failure]
        return _frames(label, result, Path(folder))


def check_workbook(label: str, data: bytes, limits: Limits) -> Problem | None:
    """The first limit a workbook breaks, from its zip directory and its sheets' declared used range, before
    anything is parsed: part sizes, every part's compression ratio, and the cells each sheet declares."""
    archive, problems = archives.open_archive(
        label, data, replace(limits, max_uncompressed_bytes=limits.max_workbook_unpacked_bytes)
    )
    if archive is None:
        return problems[0] if problems else None
    for info in archive.infolist():
        if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
            cells, span = _declared_cells(archive, info)
            if cells > limits.max_sheet_cells:
                sheet = _tab_names(archive).get(info.filename, PurePosixPath(info.filename).stem)
                return problem(
                    "xlsx.too_many_cells", label, sheet=sheet, span=span, cells=cells, limit=limits.max_sheet_cells
                )
    return None


_TAG = re.compile(rb"<(?:\w+:)?(sheet|Relationship)\b([^>]*)>")
_ATTRIBUTE = re.compile(rb'([\w:]+)="([^"]*)"')


def _tab_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Each worksheet part's tab name as users see it ("xl/worksheets/sheet1.xml" -> "Data"), where it can be
    read from the first 1 MB of the workbook's own parts; {} otherwise."""
    try:
        with archive.open("xl/workbook.xml") as book, archive.open("xl/_rels/workbook.xml.rels") as rels:
            tags = _TAG.findall(book.read(1 << 20)) + _TAG.findall(rels.read(1 << 20))
    except Exception:  # no such part, or damaged: the part name will do
        return {}
    found = [(kind, dict(_ATTRIBUTE.findall(attributes))) for kind, attributes in tags]
    targets = {a.get(b"Id"): a.get(b"Target", b"").decode() for kind, a in found if kind == b"Relationship"}
    names = {}
    for kind, a in found:
        target = targets.get(a.get(b"r:id")) if kind == b"sheet" else None
        if target:
            part = "xl/" + target.lstrip("/").removeprefix("xl/")
            names[part] = html.unescape(a.get(b"name", b"").decode("utf-8", "replace"))
    return names


def _declared_cells(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[int, str]:
    """(cells, "A1:XFD1048576") of the used range a sheet declares in its first 64 KB; (0, "") if it declares none."""
    try:
        with archive.open(info) as stream:
            head = stream.read(65536)
    except Exception:  # a damaged part is reported by the reader
        return 0, ""
    found = _DIMENSION.search(head)
    if not found:
        return 0, ""
    first_col, first_row, last_col, last_row = (g.decode() if g else None for g in found.groups())
    last_col, last_row = last_col or first_col, last_row or first_row
    rows = abs(int(last_row) - int(first_row)) + 1
    columns = abs(_column_number(last_col) - _column_number(first_col)) + 1
    span = f"{first_col}{first_row}:{last_col}{last_row}"
    return rows * columns, span


def _column_number(letters: str) -> int:
    """'A' -> 1, 'XFD' -> 16384."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _parse_in_child(label: str, data: bytes, folder: Path, limits: Limits) -> tuple[dict | None, Problem | None]:
    """Run the worker on the workbook; (its result, None), or (None, the problem) when it died or overran."""
    (folder / "book.xlsx").write_bytes(data)
    command = [sys.executable, str(_WORKER), str(folder), str(limits.max_workbook_memory_bytes)]
    env = {**os.environ, "RUST_BACKTRACE": "0"}
    memory = size_text(limits.max_workbook_memory_bytes)
    seconds = limits.max_workbook_seconds

    def refused(reason: str) -> Problem:
        return problem("xlsx.too_demanding", label, reason=reason, memory=memory, seconds=seconds)

    try:
        run = subprocess.run(command, capture_output=True, timeout=seconds, env=env, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return None, refused(f"reading it took longer than {seconds:,} seconds")
    result_file = folder / "sheets.json"
    if run.returncode != 0 or not result_file.exists():
        return None, refused(
            f"the reader stopped, needing more than {memory} of memory or meeting damage it cannot handle"
        )
    return json.loads(result_file.read_text()), None


def _frames(label: str, result: dict, folder: Path) -> tuple[list[RawFrame], list[Problem]]:
    """The raw frames the worker wrote, or the problem it reported."""
    if result["damaged"]:
        return [], [problem("xlsx.damaged", label)]
    frames = []
    for sheet in result["sheets"]:
        if sheet["status"] == "damaged":
            return [], [problem("xlsx.sheet_damaged", label, sheet=sheet["name"])]
        if sheet["status"] == "empty":
            continue
        with pa.memory_map(str(folder / sheet["file"])) as source:
            body = pa.ipc.open_file(source).read_all().to_pandas()
        body.columns = range(body.shape[1])
        frames.append(RawFrame(label, [str(h) for h in sheet["header"]][: body.shape[1]], body, sheet=sheet["name"]))
    if not frames:
        return [], [problem("xlsx.no_data", label)]
    return frames, []
