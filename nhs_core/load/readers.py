"""Bytes or paths (CSV, XLSX, ZIP) -> raw frames with their original headers.

A file's kind is decided by its content, not its name. CSVs are read with pyarrow into
dictionary-encoded (categorical) columns, so later steps work on each distinct value once; workbooks
with fastexcel (calamine). Bad input becomes `Problem`s, never exceptions.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import fastexcel
import pandas as pd

from nhs_core.load.csvfile import read_csv
from nhs_core.load.validate import ERROR, INFO, WARNING, Problem

_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"%PDF": "a PDF document",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\xd0\xcf\x11\xe0": "an old-style Excel (.xls) or Word file",
    b"\x1f\x8b": "a gzip archive",
    b"Rar!": "a RAR archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
}


@dataclass(frozen=True)
class Limits:
    """Safety limits for one upload (sizes in bytes)."""

    max_file_bytes: int = 2 * 1024**3
    max_members: int = 1_000
    max_uncompressed_bytes: int = 8 * 1024**3
    max_ratio: float = 100.0
    max_line_chars: int = 100_000


@dataclass(frozen=True)
class Source:
    """One file to read: a display name and either its bytes or a path."""

    name: str
    data: bytes | Path

    @classmethod
    def from_path(cls, path: str | Path) -> Source:
        path = Path(path)
        return cls(path.name, path)

    def read_bytes(self) -> bytes:
        return self.data.read_bytes() if isinstance(self.data, Path) else self.data


@dataclass
class RawFrame:
    """One table-shaped thing found in a file: its original headers and its cells (columns by position)."""

    file: str
    headers: list[str]
    frame: pd.DataFrame
    sheet: str | None = None
    encoding: str = "utf-8"


Part = tuple[RawFrame | None, list[Problem]]


def read_source(source: Source, limits: Limits = Limits()) -> tuple[list[RawFrame], list[Problem]]:
    """Read every table-shaped part of one source (a CSV, each sheet of a workbook, each zip member)."""
    frames, problems = [], []
    for frame, more in iter_source(source, limits):
        frames += [frame] if frame is not None else []
        problems += more
    return frames, problems


def iter_source(source: Source, limits: Limits = Limits()) -> Iterator[Part]:
    """Yield the parts of one source one at a time, so a 30-file zip never holds all its tables at once."""
    try:
        size = source.data.stat().st_size if isinstance(source.data, Path) else len(source.data)
    except OSError as exc:
        yield None, [Problem(ERROR, source.name, f"could not be opened ({exc.strerror}).")]
        return
    if size > limits.max_file_bytes:
        yield (
            None,
            [
                Problem(
                    ERROR,
                    source.name,
                    "is larger than this app accepts.",
                    expected=f"at most {_size(limits.max_file_bytes)}",
                    found=_size(size),
                )
            ],
        )
        return
    yield from _iter_bytes(source.name, source.read_bytes(), limits)


def _iter_bytes(label: str, data: bytes, limits: Limits) -> Iterator[Part]:
    kind = sniff(data)
    suffix = PurePosixPath(label).suffix.lower()
    if kind == "empty":
        yield None, [Problem(ERROR, label, "is empty.", expected="a CSV, Excel (.xlsx) or ZIP file with data")]
        return
    if kind.startswith(("a ", "an ", "binary")):
        yield (
            None,
            [
                Problem(
                    ERROR,
                    label,
                    f"is not a data file: its content is {kind}.",
                    expected="a CSV, Excel (.xlsx) or ZIP file",
                    found=kind,
                    hint="Check you picked the right file; renaming a file does not change what it is.",
                )
            ],
        )
        return
    claimed = {".csv": "csv", ".txt": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx", ".zip": "zip"}.get(suffix)
    if claimed and claimed != kind and not (claimed == "xlsx" and kind == "zip"):
        yield (
            None,
            [
                Problem(
                    WARNING,
                    label,
                    f"is named like a {suffix} file but holds {kind.upper()} data; it was read as what it holds.",
                )
            ],
        )
    if kind == "zip":
        yield from _iter_zip(label, data, limits)
        return
    frames, problems = (_read_xlsx if kind == "xlsx" else _read_csv)(label, data, limits)
    yield None, problems
    if any(p.level == ERROR for p in problems):
        return  # a file with reading errors is left out whole, never imported in part
    for frame in frames:
        yield frame, []


def sniff(data: bytes) -> str:
    """Name what the bytes hold: 'zip', 'xlsx', 'csv', 'empty', or a phrase such as 'a PNG image'."""
    head = data[:4096]
    if not head.strip():
        return "empty"
    for magic, what in _MAGIC.items():
        if head.startswith(magic):
            return what
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(data)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "csv"  # UTF-16 text, transcoded when read
    if b"\x00" in head or _binary_share(head) > 0.1:
        return "binary data that is not text"
    return "csv"


def _zip_kind(data: bytes) -> str:
    """'xlsx' for a workbook (a zip holding xl/workbook.xml), 'zip' for any other or damaged archive."""
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
        return "zip"  # damaged: reported when the archive is opened
    return "xlsx" if "xl/workbook.xml" in names else "zip"


def _binary_share(head: bytes) -> float:
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    return control / max(len(head), 1)


def _zip_members(label: str, data: bytes, limits: Limits) -> tuple[list[zipfile.ZipInfo], list[Problem]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
        what = "Excel workbook" if PurePosixPath(label).suffix.lower() in (".xlsx", ".xlsm") else "ZIP archive"
        return [], [
            Problem(
                ERROR,
                label,
                f"is a damaged or incomplete {what} and cannot be opened.",
                hint="Download it again or save it again; the file may have been cut short.",
            )
        ]
    if len(infos) > limits.max_members:
        return [], [
            Problem(
                ERROR,
                label,
                "holds too many files.",
                expected=f"at most {limits.max_members:,}",
                found=f"{len(infos):,} files",
            )
        ]
    total = sum(i.file_size for i in infos)
    if total > limits.max_uncompressed_bytes:
        return [], [
            Problem(
                ERROR,
                label,
                "would expand to more than this app accepts (a possible ZIP bomb).",
                expected=f"at most {_size(limits.max_uncompressed_bytes)} unpacked",
                found=_size(total),
            )
        ]
    for info in infos:
        if info.file_size > limits.max_ratio * max(info.compress_size, 1) and info.file_size > 1_000_000:
            return [], [
                Problem(
                    ERROR,
                    label,
                    f'member "{info.filename}" is compressed suspiciously well '
                    "(a possible ZIP bomb), so the archive was not opened.",
                    expected=f"a compression ratio under {limits.max_ratio:.0f}:1",
                    found=f"{info.file_size / max(info.compress_size, 1):,.0f}:1",
                )
            ]
    return infos, []


def _iter_zip(label: str, data: bytes, limits: Limits) -> Iterator[Part]:
    infos, problems = _zip_members(label, data, limits)
    if problems:
        yield None, problems
        return
    archive = zipfile.ZipFile(io.BytesIO(data))
    found_data, had_error, skipped = False, False, []
    for info in infos:
        name = PurePosixPath(info.filename)
        if info.is_dir() or "__MACOSX" in name.parts or any(p.startswith(".") for p in name.parts):
            continue
        if name.suffix.lower() not in (".csv", ".txt", ".xlsx", ".xlsm"):
            skipped.append(name.name)
            continue
        try:
            member = archive.read(info)
        except Exception:  # zlib.error, BadZipFile, CRC errors, NotImplementedError (unsupported compression)
            had_error = True
            yield (
                None,
                [
                    Problem(
                        ERROR,
                        f"{label} › {info.filename}",
                        "is damaged inside the archive, or packed with a compression method this app cannot read.",
                        hint="Download the archive again, or unzip it and upload its CSV files.",
                    )
                ],
            )
            continue
        for frame, more in _iter_bytes(f"{label} › {info.filename}", member, limits):
            found_data |= frame is not None
            had_error |= any(p.level == ERROR for p in more)
            yield frame, more
        del member
    if skipped:
        yield (
            None,
            [
                Problem(
                    INFO,
                    label,
                    "also holds files that are not data tables; they were skipped: "
                    + ", ".join(skipped[:10])
                    + ("…" if len(skipped) > 10 else ""),
                )
            ],
        )
    if not found_data and not had_error:
        yield (
            None,
            [
                Problem(
                    ERROR,
                    label,
                    "holds no CSV or Excel data file." if infos else "is an empty archive.",
                    expected="CSV or XLSX files inside the ZIP",
                )
            ],
        )


def _read_csv(label: str, data: bytes, limits: Limits) -> tuple[list[RawFrame], list[Problem]]:
    headers, frame, encoding, problems = read_csv(label, data, limits.max_line_chars)
    return ([RawFrame(label, headers, frame, encoding=encoding)] if frame is not None else []), problems


def _read_xlsx(label: str, data: bytes, limits: Limits) -> tuple[list[RawFrame], list[Problem]]:
    try:
        reader = fastexcel.read_excel(data)
        names = reader.sheet_names
    except Exception:  # calamine reports damage with several error types
        return [], [
            Problem(
                ERROR,
                label,
                "is a damaged or incomplete Excel workbook and cannot be read.",
                hint="Open it in Excel and save it again, or download it again.",
            )
        ]
    frames = []
    for name in names:
        try:
            header = reader.load_sheet(name, header_row=None, n_rows=1, dtypes="string").to_pandas()
            if header.empty:
                continue
            body = reader.load_sheet(name).to_pandas()
        except Exception:
            return [], [Problem(ERROR, label, f'sheet "{name}" is damaged and cannot be read.')]
        headers = [str(h) if h is not None and h == h else "" for h in header.iloc[0].tolist()]
        body.columns = range(body.shape[1])
        frames.append(RawFrame(label, headers[: body.shape[1]], body, sheet=name))
    if not frames:
        return [], [Problem(ERROR, label, "is an Excel workbook with no data in any sheet.")]
    return frames, []


def _size(n: float) -> str:
    """A byte count in words: '512 KB', '38.7 MB', '2.1 GB'."""
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if n >= scale:
            return f"{n / scale:,.1f} {unit}".replace(".0 ", " ")
    return f"{n:,.0f} bytes"


def iter_data_files(folder: Path) -> Iterator[Path]:
    """The data files in a folder (CSV, XLSX, ZIP), sorted by name, skipping hidden ones."""
    for path in sorted(folder.iterdir()):
        if path.is_file() and not path.name.startswith(".") and path.suffix.lower() in (".csv", ".xlsx", ".zip"):
            yield path
