"""What reading takes and gives: a `Source` to read, the `Limits` that keep one upload safe, and the
`RawFrame`s found in it (original headers, cells by column position)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd


@dataclass(frozen=True)
class Limits:
    """Safety limits for one upload (sizes in bytes)."""

    max_file_bytes: int = 2 * 1024**3
    max_members: int = 1_000  # across every level of nested archives together
    max_zip_depth: int = 2  # a zip inside a zip is read; one level deeper is refused
    max_uncompressed_bytes: int = 8 * 1024**3
    max_ratio: float = 100.0
    max_line_chars: int = 100_000
    # Workbooks: limits checked inside the .xlsx before parsing, and the parsing child's memory and time.
    max_workbook_unpacked_bytes: int = 1_500_000_000
    max_sheet_cells: int = 40_000_000
    max_workbook_memory_bytes: int = 4 * 1024**3
    max_workbook_seconds: int = 300


@dataclass(frozen=True)
class Source:
    """One file to read: a display name and either its bytes or a path."""

    name: str
    data: bytes | Path

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", printable(self.name))

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


# Control characters (C0, DEL, C1) and the bidirectional overrides that reorder how text is shown.
_CONTROL = re.compile("[\\x00-\\x1f\\x7f-\\x9f\\u202a-\\u202e\\u2066-\\u2069]")


def printable(name: str) -> str:
    """A file or member name with control characters shown as "?", so a name cannot forge a line of a report
    or colour a terminal.

    >>> printable("a\\nERROR: b\\x1b[31m.csv")
    'a?ERROR: b?[31m.csv'
    """
    return _CONTROL.sub("?", name)


def size_text(n: float) -> str:
    """A byte count in words.

    >>> size_text(512_000), size_text(38_700_000), size_text(2 * 1024**3)
    ('512 KB', '38.7 MB', '2.1 GB')
    """
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if n >= scale:
            return f"{n / scale:,.1f} {unit}".replace(".0 ", " ")
    return f"{n:,.0f} bytes"
