"""CSV text -> headers and dictionary-encoded columns, with pyarrow.

The header line sets the width and the delimiter; every column is read dictionary-encoded so later steps
work once per distinct value. UTF-8 (with or without a byte-order mark) is expected; Windows-1252 and
UTF-16 are read with a warning. Problems are returned, never raised.
"""

from __future__ import annotations

import csv
from collections.abc import Callable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from nhs_core.load.problems import Problem, problem

_BOM = b"\xef\xbb\xbf"
_DICT = pa.dictionary(pa.int32(), pa.string())
_DELIMITERS = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "vertical bars"}


def _decode_head(data: bytes) -> tuple[str, str]:
    """Return (encoding, first chunk as text) for a CSV."""
    # at least 64 KB, and always the whole header line (a valid wide file can have a longer one)
    size = max(65536, data.find(b"\n", 0, 1 << 22) + 2)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16", data[: size + size % 2].decode("utf-16", errors="ignore")
    head = data[:size]
    for encoding in ("utf-8", "cp1252", "latin-1"):
        try:
            return encoding, head.decode(encoding)
        except UnicodeDecodeError as exc:
            if encoding == "utf-8" and exc.start >= len(head) - 4:  # a character cut at the chunk's end
                return encoding, head[: exc.start].decode(encoding)
    raise AssertionError("latin-1 decodes any bytes")


_CHUNK = 1 << 26  # 64 MB: the newline scan's temporary arrays stay this size, not the file's


def _longest_line(data: bytes, chunk: int = _CHUNK) -> tuple[int, int]:
    """(length, 1-based line number) of the longest physical line, scanned a chunk at a time (a whole-file scan of
    a 1.5 GB member made a 1.5 GB mask and 8 bytes per line besides)."""
    best, best_line = -1, 0
    lines = 0  # lines ended so far
    start = 0  # where the current line begins
    for offset in range(0, len(data), chunk):
        ends = np.flatnonzero(np.frombuffer(data, np.uint8, min(chunk, len(data) - offset), offset) == 10) + offset
        if len(ends):
            lengths = np.diff(np.concatenate(([start - 1], ends))) - 1
            i = int(lengths.argmax())
            if lengths[i] > best:
                best, best_line = int(lengths[i]), lines + i + 1
            lines += len(ends)
            start = int(ends[-1]) + 1
    if len(data) - start > best:  # the last line, which has no newline after it
        best, best_line = len(data) - start, lines + 1
    return best, best_line


Read = Callable[[float], None]  # the share of a CSV's body parsed so far


def read_csv(
    label: str,
    data: bytes,
    max_line_chars: int,
    headers_ok: Callable[[list[str]], bool] | None = None,
    on_read: Read | None = None,
) -> tuple[list[str], pd.DataFrame | None, str, list[Problem]]:
    """(headers, cells by column position, encoding, problems) of one CSV; cells are None when unreadable, and
    no rows when `headers_ok` refuses the header (the body is then never parsed). `on_read` is told the share
    of the body parsed after each piece of a large file."""
    body = data[len(_BOM) :] if data.startswith(_BOM) else data
    separator = _excel_separator(body)
    if separator:  # Excel's "sep=;" first line names the delimiter; the header follows it
        body = body[body.index(b"\n") + 1 :]
    encoding, head = _decode_head(body)
    too_long = _line_too_long(label, body, encoding, max_line_chars)
    if too_long:
        return [], None, encoding, [too_long]
    lines = head.splitlines()
    first_line = lines[0] if lines else ""
    delimiter = separator or _delimiter(first_line)
    problems = [] if delimiter == "," else [problem("csv.delimiter", label, delimiter=_DELIMITERS[delimiter])]
    headers = next(csv.reader([first_line], delimiter=delimiter), [])
    no_body = not "".join(lines[1:]).strip() and len(body) <= len(head.encode(encoding, errors="ignore")) + 4
    if no_body or (headers_ok is not None and not headers_ok(headers)):
        return headers, pd.DataFrame(columns=range(len(headers))), encoding, problems
    frame, more = _parse_csv(label, body, encoding, delimiter, len(headers), on_read)
    if frame is None and encoding == "utf-8" and any(p.code == "csv.unreadable" and "UTF8" in p.found for p in more):
        encoding = "cp1252"  # a non-UTF-8 byte after the first 64 KB
        frame, more = _parse_csv(label, body, encoding, delimiter, len(headers), on_read)
    if encoding not in ("utf-8", "utf-16"):
        problems.append(problem("csv.encoding", label, encoding=encoding.upper()))
    return headers, frame, encoding, problems + more


def _line_too_long(label: str, body: bytes, encoding: str, max_line_chars: int) -> Problem | None:
    """An error when the longest line is too long for a table (a binary file or one long line of text)."""
    longest, line = _longest_line(body) if encoding != "utf-16" else (0, 0)
    if longest <= max_line_chars:
        return None
    return problem("csv.line_too_long", label, limit=max_line_chars, line=line, length=longest)


def _excel_separator(body: bytes) -> str | None:
    """The delimiter an Excel "sep=X" first line names, when the file starts with one this app knows."""
    line = body[:8].split(b"\n")[0].strip()
    if line.lower().startswith(b"sep=") and len(line) == 5 and chr(line[4]) in _DELIMITERS:
        return chr(line[4])
    return None


def _delimiter(first_line: str) -> str:
    """The character that separates the header's columns: the commonest of the known ones, else a comma."""
    delimiter = max(_DELIMITERS, key=first_line.count)
    return delimiter if first_line.count(delimiter) else ","


PIECE_BYTES = 1 << 24  # 16 MB: a large CSV is parsed this much at a time, so the progress bar moves within it


def _piece_ends(body: bytes, encoding: str) -> list[int]:
    """Where each piece of the body ends: just after a newline that is outside quotes (an even number of
    quote characters before it), about every `PIECE_BYTES`; one piece for a UTF-16 file, whose newlines
    are two bytes."""
    piece = PIECE_BYTES
    if encoding == "utf-16" or len(body) <= piece:
        return [len(body)]
    quoted = body.find(b'"') >= 0  # official extracts have no quotes: then any newline ends a row
    ends, start, quotes = [], 0, 0
    while len(body) - start > piece:
        end = body.find(b"\n", start + piece) + 1
        while quoted and end and (quotes + body.count(b'"', start, end)) % 2:
            end = body.find(b"\n", end) + 1  # that newline is inside a quoted cell: take the next one
        if not end:
            break
        quotes += body.count(b'"', start, end) if quoted else 0
        ends.append(end)
        start = end
    return ends + [len(body)] if not ends or ends[-1] < len(body) else ends


def _parse_csv(
    label: str, body: bytes, encoding: str, delimiter: str, width: int, on_read: Read | None = None
) -> tuple[pd.DataFrame | None, list[Problem]]:
    """The cells of a CSV after its header, `width` columns wide; rows of another width are an error.

    A large body is parsed a piece at a time (each piece still on all cores), telling `on_read` how far it got;
    the pieces' tables are joined without copying, so this costs no time against one call (bench/README.md)."""
    bad_rows: list[str] = []

    def on_invalid(row) -> str:
        bad_rows.append(row.text)
        return "skip"

    buffer = pa.py_buffer(body)
    tables, start = [], 0
    try:
        for end in _piece_ends(body, encoding):
            options = _arrow_options(width, encoding, delimiter, on_invalid, skip_header=start == 0)
            tables.append(pacsv.read_csv(buffer.slice(start, end - start), **options))
            start = end
            if on_read and end < len(body):
                on_read(end / len(body))
        table = pa.concat_tables(tables) if len(tables) > 1 else tables[0]
    except (pa.ArrowInvalid, pa.ArrowException, UnicodeDecodeError) as exc:  # a byte the encoding lacks
        return None, [problem("csv.unreadable", label, reason=_short(str(exc)))]
    problems = []
    if bad_rows:
        example = f'"{_short(bad_rows[0])}"'
        problems.append(problem("csv.wrong_width", label, rows=len(bad_rows), example=example, width=width))
    frame = table.to_pandas()
    frame.columns = range(frame.shape[1])
    return frame, problems


def _arrow_options(width: int, encoding: str, delimiter: str, on_invalid, skip_header: bool = True) -> dict:
    """pyarrow's options: every column dictionary-encoded text, only empty cells blank, bad rows handed back."""
    names = [f"f{i}" for i in range(width)]  # the header sets the width, not the first data row
    return {
        "read_options": pacsv.ReadOptions(
            column_names=names, skip_rows=int(skip_header), encoding=encoding, block_size=1 << 22
        ),
        "parse_options": pacsv.ParseOptions(
            delimiter=delimiter, newlines_in_values=True, invalid_row_handler=on_invalid
        ),
        "convert_options": pacsv.ConvertOptions(
            column_types={n: _DICT for n in names},
            null_values=[""],
            strings_can_be_null=True,
            quoted_strings_can_be_null=True,
        ),
    }


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
