"""CSV text -> headers and dictionary-encoded columns, with pyarrow.

The header line sets the width and the delimiter; every column is read dictionary-encoded so later steps
work once per distinct value. UTF-8 (with or without a byte-order mark) is expected; Windows-1252 and
UTF-16 are read with a warning. Problems are returned, never raised.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from typing import BinaryIO

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
from pandas.api.types import union_categoricals

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
Opener = Callable[[], BinaryIO]  # a fresh binary stream of the whole file, from its first byte


def read_csv(
    label: str,
    data: bytes | Opener,
    max_line_chars: int,
    headers_ok: Callable[[list[str]], bool] | None = None,
    on_read: Read | None = None,
    size: int | None = None,
) -> tuple[list[str], pd.DataFrame | None, str, list[Problem]]:
    """(headers, cells by column position, encoding, problems) of one CSV; cells are None when unreadable, and
    no rows when `headers_ok` refuses the header (the body is then never parsed). `on_read` is told the share
    of the body parsed after each piece of a large file.

    `data` is the file's bytes, or a way to open it as a stream of `size` bytes (a zip member, a file on disk):
    a stream is read a piece at a time, so a 1.5 GB member never sits in memory whole next to its table.
    Errors from the stream itself (a damaged member, a disk fault) are raised for the caller to name."""
    if isinstance(data, bytes | bytearray | memoryview):
        data, size = (lambda whole=data: io.BytesIO(whole)), len(data)
    with data() as stream:
        head = _read_head(stream)
    skip = len(_BOM) if head.startswith(_BOM) else 0
    separator = _excel_separator(head[skip:])
    if separator:  # Excel's "sep=;" first line names the delimiter; the header follows it
        skip = head.index(b"\n", skip) + 1
    body_size = (size if size is not None else len(head)) - skip
    encoding, text = _decode_head(head[skip:])
    lines = text.splitlines()
    first_line = lines[0] if lines else ""
    delimiter = separator or _delimiter(first_line)
    problems = [] if delimiter == "," else [problem("csv.delimiter", label, delimiter=_DELIMITERS[delimiter])]
    headers = next(csv.reader([first_line], delimiter=delimiter), [])
    no_body = not "".join(lines[1:]).strip() and body_size <= len(text.encode(encoding, errors="ignore")) + 4
    body = _Body(data, skip, body_size, encoding, max_line_chars)
    if no_body or (headers_ok is not None and not headers_ok(headers)):
        too_long = body.first_line_too_long(head[skip:], label)  # a binary file is still named as one
        if too_long:
            return [], None, encoding, [too_long]
        return headers, pd.DataFrame(columns=range(len(headers))), encoding, problems
    frame, more = _parse_csv(label, body, delimiter, len(headers), on_read)
    if frame is None and encoding == "utf-8" and any(p.code == "csv.unreadable" and "UTF8" in p.found for p in more):
        body = _Body(data, skip, body_size, encoding := "cp1252", max_line_chars)  # a non-UTF-8 byte further on
        frame, more = _parse_csv(label, body, delimiter, len(headers), on_read)
    if any(p.code == "csv.line_too_long" for p in more):
        return [], None, encoding, more
    if encoding not in ("utf-8", "utf-16"):
        problems.append(problem("csv.encoding", label, encoding=encoding.upper()))
    return headers, frame, encoding, problems + more


_HEAD_BYTES = 1 << 16  # at least this much is decoded to find the header and the encoding
_MAX_HEADER_BYTES = 1 << 22  # and always the whole header line, up to this long


def _read_head(stream: BinaryIO) -> bytes:
    """The first 64 KB of a stream and, past that, up to the end of its first line (at most 4 MB)."""
    head = stream.read(_HEAD_BYTES)
    while b"\n" not in head and len(head) < _MAX_HEADER_BYTES:
        more = stream.read(_HEAD_BYTES)
        if not more:
            break
        head += more
    return head


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


PIECE_BYTES = 1 << 24  # 16 MB: a large CSV is read and parsed this much at a time (memory and the progress bar)
_MAX_CARRY = 4 * PIECE_BYTES  # a quoted cell this long is not a table's: cut anyway, the parser then reports it


class _TooLong(Exception):
    def __init__(self, found: Problem) -> None:
        self.problem = found


class _Body:
    """A CSV's body (after any byte-order mark and "sep=" line) read from its stream as pieces of about
    `PIECE_BYTES` that end at a row's end, each line checked against `max_line_chars` on the way."""

    def __init__(self, opener: Opener, skip: int, size: int, encoding: str, max_line_chars: int) -> None:
        self.opener, self.skip, self.size = opener, skip, size
        self.encoding, self.max_line_chars = encoding, max_line_chars

    def pieces(self, label: str) -> Iterator[tuple[bytes | memoryview, int]]:
        """(piece, bytes of the body read up to its end); raises `_TooLong` at the first line over the limit."""
        with self.opener() as stream:
            stream.read(self.skip)
            if self.encoding == "utf-16":  # two-byte newlines: one piece, transcoded by the parser
                yield stream.read(), self.size
                return
            carry, lines, done = b"", 0, 0
            while True:
                buffer = bytearray(carry)
                chunk = _fill(stream, buffer, PIECE_BYTES)
                if not chunk and not carry:
                    return
                end = _row_end(buffer) if chunk else len(buffer)
                if not end and len(buffer) > _MAX_CARRY:
                    end = buffer.rfind(b"\n") + 1
                if not end:
                    if b"\n" not in buffer and len(buffer) > self.max_line_chars:
                        raise _TooLong(self._too_long(label, lines + 1, len(buffer) + _rest_of_line(stream)))
                    carry = buffer
                    continue
                piece, carry = memoryview(buffer)[:end], bytes(buffer[end:])  # the piece is not copied
                longest, at = _longest_line(piece)
                if longest > self.max_line_chars:
                    raise _TooLong(self._too_long(label, lines + at, longest))
                lines += buffer.count(b"\n", 0, end)
                done += len(piece)
                if piece:
                    yield piece, done
                if not chunk:
                    return

    def first_line_too_long(self, head: bytes, label: str) -> Problem | None:
        """The error for a line over the limit within the file's first bytes (the body is not read)."""
        longest, at = _longest_line(head) if self.encoding != "utf-16" else (0, 0)
        return self._too_long(label, at, longest) if longest > self.max_line_chars else None

    def _too_long(self, label: str, line: int, length: int) -> Problem:
        return problem("csv.line_too_long", label, limit=self.max_line_chars, line=line, length=length)


def _row_end(buffer: bytes) -> int:
    """Just after the last newline of `buffer` that is outside quotes (an even number of quote characters before
    it), or 0 when there is none; `buffer` starts at a row's start."""
    end = buffer.rfind(b"\n") + 1
    quotes = buffer.count(b'"', 0, end) if end else 0
    while quotes % 2 and end:  # that newline is inside a quoted cell: try the one before
        previous = buffer.rfind(b"\n", 0, end - 1) + 1
        quotes -= buffer.count(b'"', previous, end)
        end = previous
    return end


_STEP = 1 << 20  # a zip member's stream joins what one read returns: small reads keep that copy small


def _fill(stream: BinaryIO, buffer: bytearray, size: int) -> int:
    """Append up to `size` bytes of `stream` to `buffer`, a megabyte at a time; how many were added."""
    added = 0
    while added < size:
        more = stream.read(min(_STEP, size - added))
        if not more:
            break
        buffer += more
        added += len(more)
    return added


def _rest_of_line(stream: BinaryIO) -> int:
    """How many bytes are left of the current line, read and dropped a piece at a time."""
    length = 0
    while chunk := stream.read(PIECE_BYTES):
        newline = chunk.find(b"\n")
        if newline >= 0:
            return length + newline
        length += len(chunk)
    return length


def _parse_csv(
    label: str, body: _Body, delimiter: str, width: int, on_read: Read | None = None
) -> tuple[pd.DataFrame | None, list[Problem]]:
    """The cells of a CSV after its header, `width` columns wide; rows of another width are an error.

    The body is parsed a piece at a time as it is read (each piece still on all cores), telling `on_read` how far
    it got; the pieces' tables are joined without copying, so this costs no time against one call
    (bench/README.md), and a streamed file's bytes are never all held at once."""
    bad_rows: list[str] = []

    def on_invalid(row) -> str:
        bad_rows.append(row.text)
        return "skip"

    frames: list[pd.DataFrame] = []
    try:
        for piece, done in body.pieces(label):
            options = _arrow_options(width, body.encoding, delimiter, on_invalid, skip_header=not frames)
            # each piece's table becomes pandas at once: its one-byte category codes, not arrow's four-byte
            # indices for the whole file, are what is kept (a 1.5 GB member's indices alone were 760 MB)
            frames.append(pacsv.read_csv(pa.py_buffer(piece), **options).to_pandas())
            del piece
            if on_read and done < body.size:
                on_read(done / body.size)
    except _TooLong as exc:
        return None, [exc.problem]
    except (pa.ArrowInvalid, pa.ArrowException, UnicodeDecodeError) as exc:  # a byte the encoding lacks
        return None, [problem("csv.unreadable", label, reason=_short(str(exc)))]
    problems = []
    if bad_rows:
        example = f'"{_short(bad_rows[0])}"'
        problems.append(problem("csv.wrong_width", label, rows=len(bad_rows), example=example, width=width))
    frame = _join_pieces(frames, width)
    frame.columns = range(frame.shape[1])
    return frame, problems


def _join_pieces(frames: list[pd.DataFrame], width: int) -> pd.DataFrame:
    """The pieces' frames as one, each column's categories unioned (in order of first appearance, as one read
    gives them)."""
    if len(frames) <= 1:
        return frames[0] if frames else pd.DataFrame(columns=range(width))
    columns = {}
    for column in frames[0].columns:
        columns[column] = union_categoricals([_text_categories(f.pop(column)) for f in frames])
    return pd.DataFrame(columns, copy=False)


_NO_TEXT = pd.CategoricalDtype(pd.Index([], dtype="str"))


def _text_categories(values: pd.Series) -> pd.Series:
    """A piece's column with text categories even when it is all blank (then they are untyped, and pieces whose
    categories differ in type cannot be joined)."""
    return values if len(values.cat.categories) else values.astype(_NO_TEXT)


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
