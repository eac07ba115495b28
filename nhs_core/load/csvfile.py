"""CSV text -> headers and dictionary-encoded columns, with pyarrow.

The header line sets the width and the delimiter; every column is read dictionary-encoded so later steps
work once per distinct value. UTF-8 (with or without a byte-order mark) is expected; Windows-1252 and
UTF-16 are read with a warning. Problems are returned, never raised.
"""

from __future__ import annotations

import csv

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from nhs_core.load.validate import ERROR, WARNING, Problem

_BOM = b"\xef\xbb\xbf"
_DICT = pa.dictionary(pa.int32(), pa.string())
_DELIMITERS = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "vertical bars"}


def _decode_head(data: bytes) -> tuple[str, str]:
    """Return (encoding, first chunk as text) for a CSV."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16", data[:65536].decode("utf-16", errors="ignore")
    head = data[:65536]
    for encoding in ("utf-8", "cp1252", "latin-1"):
        try:
            return encoding, head.decode(encoding)
        except UnicodeDecodeError as exc:
            if encoding == "utf-8" and exc.start >= len(head) - 4:  # a character cut at the chunk's end
                return encoding, head[: exc.start].decode(encoding)
    raise AssertionError("latin-1 decodes any bytes")


def _longest_line(data: bytes) -> tuple[int, int]:
    """(length, 1-based line number) of the longest physical line."""
    ends = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == 10)
    bounds = np.concatenate(([-1], ends, [len(data)]))
    lengths = np.diff(bounds) - 1
    line = int(lengths.argmax())
    return int(lengths[line]), line + 1


def read_csv(label: str, data: bytes, max_line_chars: int) -> tuple[list[str], pd.DataFrame | None, str, list[Problem]]:
    """(headers, cells by column position, encoding, problems) of one CSV; cells are None when unreadable."""
    body = data[len(_BOM) :] if data.startswith(_BOM) else data
    encoding, head = _decode_head(body)
    longest, line = _longest_line(body) if encoding != "utf-16" else (0, 0)
    if longest > max_line_chars:
        return (
            [],
            None,
            encoding,
            [
                Problem(
                    ERROR,
                    label,
                    "has a line far too long for a data table; it may not be a CSV file.",
                    expected=f"lines under {max_line_chars:,} characters",
                    found=f"line {line:,} with {longest:,} characters",
                )
            ],
        )
    lines = head.splitlines()
    first_line = lines[0] if lines else ""
    delimiter = max(_DELIMITERS, key=first_line.count)
    delimiter = delimiter if first_line.count(delimiter) else ","
    problems = []
    if delimiter != ",":
        problems.append(
            Problem(
                WARNING,
                label,
                f"separates columns with {_DELIMITERS[delimiter]} instead of commas; it was read that way.",
                expected="comma-separated values",
                found=f"{_DELIMITERS[delimiter]} in the header line",
            )
        )
    headers = next(csv.reader([first_line], delimiter=delimiter), [])
    if not "".join(lines[1:]).strip() and len(body) <= len(head.encode(encoding, errors="ignore")) + 4:
        return headers, pd.DataFrame(columns=range(len(headers))), encoding, problems
    frame, more = _parse_csv(label, body, encoding, delimiter, len(headers))
    if frame is None and encoding == "utf-8" and any("UTF8" in (p.found or "") for p in more):
        encoding = "cp1252"  # a non-UTF-8 byte after the first 64 KB
        frame, more = _parse_csv(label, body, encoding, delimiter, len(headers))
    if encoding not in ("utf-8", "utf-16"):
        problems.append(
            Problem(
                WARNING,
                label,
                f"is not UTF-8 text; it was read as {encoding.upper()} "
                "(Windows). Check that accented letters and symbols look right.",
            )
        )
    return headers, frame, encoding, problems + more


def _parse_csv(label: str, body: bytes, encoding: str, delimiter: str, width: int):
    bad_rows: list[str] = []

    def on_invalid(row) -> str:
        bad_rows.append(row.text)
        return "skip"

    names = [f"f{i}" for i in range(width)]  # the header sets the width, not the first data row
    try:
        table = pacsv.read_csv(
            pa.py_buffer(body),
            read_options=pacsv.ReadOptions(column_names=names, skip_rows=1, encoding=encoding, block_size=1 << 22),
            parse_options=pacsv.ParseOptions(
                delimiter=delimiter, newlines_in_values=True, invalid_row_handler=on_invalid
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={n: _DICT for n in names},
                null_values=[""],
                strings_can_be_null=True,
                quoted_strings_can_be_null=True,
            ),  # only empty cells are blank
        )
    except (pa.ArrowInvalid, pa.ArrowException) as exc:
        return None, [
            Problem(
                ERROR, label, "could not be read as a table.", expected="a comma-separated file", found=_short(str(exc))
            )
        ]
    problems = []
    if bad_rows:
        problems.append(
            Problem(
                ERROR,
                label,
                "has rows with the wrong number of values.",
                expected=f"{width} values per row, like the header",
                rows=len(bad_rows),
                example=f'"{_short(bad_rows[0])}"',
            )
        )
    frame = table.to_pandas()
    frame.columns = range(frame.shape[1])
    return frame, problems


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
