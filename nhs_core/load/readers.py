"""Bytes or paths (CSV, XLSX, ZIP) -> raw frames with their original headers.

A file's kind is decided by its content, not its name (``sniff``). CSVs are read with pyarrow into
dictionary-encoded (categorical) columns (``csvfile``), so later steps work on each distinct value once;
workbooks with fastexcel (``workbooks``); zip archives member by member within the limits (``archives``).
Bad input becomes `Problem`s, never exceptions.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePosixPath

from nhs_core.load import archives
from nhs_core.load.csvfile import Opener, read_csv
from nhs_core.load.files import Limits, RawFrame, Source, size_text
from nhs_core.load.problems import ERROR, Problem, problem
from nhs_core.load.sniff import CLAIMED, ENCRYPTED, is_data, sniff
from nhs_core.load.workbooks import read_xlsx

__all__ = ["Limits", "Part", "RawFrame", "Source", "iter_data_files", "iter_source", "read_source"]

Part = tuple[RawFrame | None, list[Problem]]
HeadersOk = Callable[[list[str]], bool]
OnRead = Callable[[str, float], None]  # (a CSV's label, the share of it parsed so far)


def read_source(source: Source, limits: Limits = Limits()) -> tuple[list[RawFrame], list[Problem]]:
    """Read every table-shaped part of one source (a CSV, each sheet of a workbook, each zip member)."""
    frames = []
    problems = []
    for frame, more in iter_source(source, limits):
        frames += [frame] if frame is not None else []
        problems += more
    return frames, problems


def iter_source(
    source: Source, limits: Limits = Limits(), headers_ok: HeadersOk | None = None, on_read: OnRead | None = None
) -> Iterator[Part]:
    """Yield the parts of one source one at a time, so a 30-file zip never holds all its tables at once.

    `headers_ok`, when given, is asked about each CSV's header line before its body is parsed: a CSV whose
    header it refuses is yielded with no rows (its header is reported), so a 1 GB file of the wrong table is
    never parsed whole. A file on disk or a zip member is sniffed from its first bytes, and a CSV among them is
    parsed from its stream a piece at a time, never read whole. `on_read` is told how far the parsing of a large
    CSV (a file or a zip member) has got.
    """
    try:
        size = source.data.stat().st_size if isinstance(source.data, Path) else len(source.data)
    except OSError as exc:
        yield None, [problem("file.unopenable", source.name, reason=exc.strerror)]
        return
    if size > limits.max_file_bytes:
        yield (
            None,
            [problem("file.too_large", source.name, limit=size_text(limits.max_file_bytes), size=size_text(size))],
        )
        return
    reading = _Reading(limits, headers_ok, on_read)
    if isinstance(source.data, Path):
        path = source.data

        def unopenable(exc: Exception) -> Problem:
            return problem("file.unopenable", source.name, reason=getattr(exc, "strerror", None) or str(exc))

        yield from _iter_stream(source.name, partial(path.open, "rb"), size, reading, 0, unopenable)
    else:
        yield from _iter_bytes(source.name, source.data, reading, depth=0)


@dataclass(frozen=True)
class _Reading:
    limits: Limits
    headers_ok: HeadersOk | None
    on_read: OnRead | None = None


Fault = Callable[[Exception], Problem]  # the problem to report when a stream fails as it is read
# What reading a stream can raise: disk faults, and a damaged member's inflating, CRC check or header offsets.
_FAULTS = (OSError, EOFError, ValueError, zlib.error, zipfile.BadZipFile, NotImplementedError)
_SNIFF_BYTES = 1 << 20  # what is read of a file or member to tell its kind (sniff looks this far for encryption)


def _iter_stream(label: str, opener: Opener, size: int, reading: _Reading, depth: int, fault: Fault) -> Iterator[Part]:
    """The parts of a file or member that can be opened as a stream: its kind is told from its first bytes, a
    CSV is then parsed from the stream a piece at a time (never held whole), and anything else is read whole
    only when it is a zip (an archive or a workbook needs its directory at the end)."""
    try:
        with opener() as stream:
            head = stream.read(_SNIFF_BYTES)
            kind = sniff(head)
            if kind == "zip" and len(head) < size:
                head += stream.read()
    except _FAULTS as exc:
        yield None, [fault(exc)]
        return
    if kind != "csv" or len(head) >= size:
        yield from _iter_bytes(label, head, reading, depth)
        return
    yield from _iter_kind(label, kind, opener, reading, depth, size, fault)


def _iter_bytes(label: str, data: bytes, reading: _Reading, depth: int) -> Iterator[Part]:
    """The parts of one file or member held in memory; `depth` counts the archives it is inside."""
    yield from _iter_kind(label, sniff(data), data, reading, depth, len(data), None)


def _iter_kind(
    label: str,
    kind: str,
    data: bytes | Opener,
    reading: _Reading,
    depth: int,
    size: int,
    fault: Fault | None,
) -> Iterator[Part]:
    """The parts of a file or member whose content `sniff` named `kind` (only a CSV comes as a stream)."""
    limits = reading.limits
    if kind == "empty":
        yield None, [problem("file.empty", label)]
        return
    if kind == ENCRYPTED:
        yield None, [problem("file.encrypted", label)]
        return
    if not is_data(kind):
        yield None, [problem("file.not_data", label, content=kind)]
        return
    suffix = PurePosixPath(label).suffix.lower()
    claimed = CLAIMED.get(suffix)
    if claimed and claimed != kind and not (claimed == "xlsx" and kind == "zip"):
        yield None, [problem("file.misnamed", label, suffix=suffix, holds=kind.upper())]
    if kind == "zip":
        yield from _iter_zip(label, data, reading, depth)
        return
    try:
        frames, problems = read_xlsx(label, data, limits) if kind == "xlsx" else _read_csv(label, data, reading, size)
    except _FAULTS as exc:
        if fault is None:  # bytes in memory: a fault here is a bug, not the file's
            raise
        frames, problems = [], [fault(exc)]
    yield None, problems
    if any(p.level == ERROR for p in problems):
        return  # a file with reading errors is left out whole, never imported in part
    for frame in frames:
        yield frame, []


def _iter_zip(label: str, data: bytes, reading: _Reading, depth: int) -> Iterator[Part]:
    """Each data member of an archive in turn (members are read like files, so a zip may hold workbooks or, up to
    `limits.max_zip_depth` levels, other zips); the member and size limits hold across all levels together."""
    limits = reading.limits
    if depth >= limits.max_zip_depth:
        yield None, [problem("zip.too_deep", label, limit=limits.max_zip_depth)]
        return
    archive, problems = archives.open_archive(label, data, limits)
    # the whole tree's limits are checked once, from the outermost archive, before any member is parsed
    refusal = archives.check_tree(label, archive, limits) if archive is not None and depth == 0 else None
    if archive is None or refusal:
        yield None, problems or [refusal]
        return
    members, skipped = archives.data_members(archive)
    found_data = False
    had_error = False
    for info in members:
        name = archives.member_label(label, info)
        opener, problems = archives.member_opener(archive, info, label)
        if opener is None:
            had_error = True
            yield None, problems
            continue
        damaged = archives.member_damaged(info, label)
        for frame, more in _iter_stream(name, opener, info.file_size, reading, depth + 1, damaged):
            found_data |= frame is not None
            had_error |= any(p.level == ERROR for p in more)
            yield frame, more
    notes = archives.closing_notes(label, archive, skipped, found_data, had_error)
    if notes:
        yield None, notes


def _read_csv(label: str, data: bytes | Opener, reading: _Reading, size: int) -> tuple[list[RawFrame], list[Problem]]:
    on_read = (lambda share: reading.on_read(label, share)) if reading.on_read else None
    headers, frame, encoding, problems = read_csv(
        label, data, reading.limits.max_line_chars, reading.headers_ok, on_read, size
    )
    return ([RawFrame(label, headers, frame, encoding=encoding)] if frame is not None else []), problems


def iter_data_files(folder: Path) -> Iterator[Path]:
    """The data files in a folder (CSV, XLSX, ZIP), sorted by name, skipping hidden ones."""
    for path in sorted(folder.iterdir()):
        if path.is_file() and not path.name.startswith(".") and path.suffix.lower() in (".csv", ".xlsx", ".zip"):
            yield path
