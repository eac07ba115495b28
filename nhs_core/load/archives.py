"""ZIP archives: opened only within the limits (member count, unpacked size, compression ratio), their data
members listed and read one at a time, and what they held in words.

Reading a member's content is the readers' job (a member can be a CSV or a workbook); this module never
parses one.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import PurePosixPath
from typing import IO

from nhs_core.load.files import Limits, printable, size_text
from nhs_core.load.problems import Problem, problem

DATA_SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm")
_DAMAGE = (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError)


def open_archive(label: str, data: bytes, limits: Limits) -> tuple[zipfile.ZipFile | None, list[Problem]]:
    """The archive, opened, when it is readable and within `limits`; else None and the reason."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except _DAMAGE:
        workbook = PurePosixPath(label).suffix.lower() in (".xlsx", ".xlsm")
        return None, [problem("zip.damaged", label, container="Excel workbook" if workbook else "ZIP archive")]
    refusal = _over_limits(label, infos, limits)
    return (None, [refusal]) if refusal else (archive, [])


def _over_limits(label: str, infos: list[zipfile.ZipInfo], limits: Limits) -> Problem | None:
    """The first limit the archive breaks, checked from its directory before anything is unpacked."""
    if len(infos) > limits.max_members:
        return problem("zip.too_many_members", label, limit=limits.max_members, count=len(infos))
    total = sum(i.file_size for i in infos)
    if total > limits.max_uncompressed_bytes:
        return problem("zip.too_large", label, limit=size_text(limits.max_uncompressed_bytes), size=size_text(total))
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.max_ratio * max(info.compress_size, 1) and info.file_size > 1_000_000:
            return problem("zip.bomb", label, member=printable(info.filename), limit=limits.max_ratio, ratio=ratio)
    return None


def check_tree(label: str, archive: zipfile.ZipFile, limits: Limits) -> Problem | None:
    """Before any member is read: the members and unpacked size of this archive and of every archive inside it
    (down to the depth the readers open), against the limits for the whole tree."""
    members, unpacked = _tree_size(archive, limits, level=1)
    if members > limits.max_members:
        return problem("zip.too_many_members", label, limit=limits.max_members, count=members)
    if unpacked > limits.max_uncompressed_bytes:
        return problem("zip.too_large", label, limit=size_text(limits.max_uncompressed_bytes), size=size_text(unpacked))
    return None


def _tree_size(archive: zipfile.ZipFile, limits: Limits, level: int) -> tuple[int, int]:
    """(members, unpacked bytes) of an archive and the archives inside it, stopping once past a limit."""
    infos = archive.infolist()
    members = len(infos)
    unpacked = sum(i.file_size for i in infos)
    for info in infos if level < limits.max_zip_depth else ():
        if members > limits.max_members or unpacked > limits.max_uncompressed_bytes:
            break
        inner = _inner_archive(archive, info, limits)
        if inner is not None:
            more, size = _tree_size(inner, limits, level + 1)
            members += more
            unpacked += size
    return members, unpacked


def _inner_archive(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits) -> zipfile.ZipFile | None:
    """The member opened as a zip when it is one (but not a workbook) and passes the per-archive limits."""
    try:
        with archive.open(info) as stream:
            if stream.read(4) != b"PK\x03\x04":
                return None
        inner = zipfile.ZipFile(io.BytesIO(archive.read(info)))
        names = inner.namelist()
    except Exception:  # damaged or encrypted: reported when the member is read
        return None
    if "xl/workbook.xml" in names or _over_limits("", inner.infolist(), limits):
        return None  # a workbook's parts are checked as a workbook; a refused archive is reported when read
    return inner


def data_members(archive: zipfile.ZipFile) -> tuple[list[zipfile.ZipInfo], list[str]]:
    """(members that may hold a table, names of other files); folders, macOS metadata and hidden files
    are left out of both."""
    members = []
    skipped = []
    for info in archive.infolist():
        name = PurePosixPath(info.filename)
        hidden = any(p.startswith(".") and p not in (".", "..") for p in name.parts)  # "../x.csv" is data
        if info.is_dir() or "__MACOSX" in name.parts or hidden:
            continue
        if name.suffix.lower() in DATA_SUFFIXES:
            members.append(info)
        else:
            skipped.append(printable(name.name))
    return members, skipped


def member_label(label: str, info: zipfile.ZipInfo) -> str:
    """How users see a member: 'release.zip › Regional_CSV_X.csv'."""
    return f"{label} › {printable(info.filename)}"


def member_opener(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, label: str
) -> tuple[Callable[[], IO[bytes]] | None, list[Problem]]:
    """A way to open a member as a stream (read a piece at a time, never whole), or None and why it cannot be
    unpacked."""
    if info.flag_bits & 0x1:  # the member is encrypted
        return None, [problem("zip.encrypted", member_label(label, info))]
    return (lambda: archive.open(info)), []


def member_damaged(info: zipfile.ZipInfo, label: str) -> Callable[[Exception], Problem]:
    """The problem for a member whose stream fails as it is read (zlib.error, a CRC error, an unsupported
    compression method)."""
    return lambda exc: problem("zip.member_damaged", member_label(label, info))


def closing_notes(
    label: str, archive: zipfile.ZipFile, skipped: list[str], found_data: bool, had_error: bool
) -> list[Problem]:
    """What is left to say once every member is read: the files skipped, and an archive with no data."""
    notes = []
    if skipped:
        names = ", ".join(skipped[:10]) + ("…" if len(skipped) > 10 else "")
        notes.append(problem("zip.skipped_members", label, names=names))
    if not found_data and not had_error:
        notes.append(problem("zip.no_data" if archive.infolist() else "zip.empty", label))
    return notes
