"""How far reading an upload has got, for the progress bar: each file counts by its size, and each member of a
zip by its unpacked size, so the bar moves once per inner file (a 42-file regional zip moves 42 times, a 30-month
daily zip 30 times) instead of once per uploaded file, and within a large CSV (a file or a member) once per piece
parsed (`csvfile.PIECE_BYTES`), so one big daily file does not sit still either.

Reading takes the bar to `READ_SHARE`; combining the files and the checks across them take it to the end.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path, PurePosixPath

from nhs_core.load import archives
from nhs_core.load.files import Source

Progress = Callable[[float, str], None]
READ_SHARE = 0.9


def _size(source: Source) -> int:
    try:
        return source.data.stat().st_size if isinstance(source.data, Path) else len(source.data)
    except OSError:
        return 0


def member_sizes(source: Source) -> dict[str, tuple[int, str]]:
    """The unpacked size and file name of each data member of a zip source, by the label its frames carry
    (none for another kind of file; a damaged or refused zip is reported by the reader, not here)."""
    head = _head(source.data) if isinstance(source.data, Path) else source.data[:4]
    if head != b"PK\x03\x04":
        return {}
    try:
        opened = source.data if isinstance(source.data, Path) else io.BytesIO(source.data)
        with zipfile.ZipFile(opened) as archive:
            members, _ = archives.data_members(archive)
            return {
                archives.member_label(source.name, info): (info.file_size, PurePosixPath(info.filename).name)
                for info in members
            }
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
        return {}


def _head(path: Path) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(4)
    except OSError:
        return b""


class Tracker:
    """Reports progress through `progress(share, text)` as each file and zip member is read."""

    def __init__(self, progress: Progress | None, sources: Sequence[Source]) -> None:
        self._progress = progress
        sizes = [max(_size(source), 1) for source in sources]
        total = sum(sizes) or 1
        self._starts = [READ_SHARE * sum(sizes[:i]) / total for i in range(len(sizes))]
        self._widths = [READ_SHARE * size / total for size in sizes]
        self._source: Source | None = None
        self._members: dict[str, tuple[int, str]] = {}
        self._done: set[str] = set()
        self._index = 0
        self._at = 0.0  # the bar never goes back (a CSV re-read as Windows-1252 reports its pieces again)

    def start(self, index: int, source: Source) -> None:
        """Reading `source` (the `index`-th) begins."""
        self._index, self._source, self._done = index, source, set()
        self._members = member_sizes(source) if self._progress else {}
        self._report(0.0, f"Reading {source.name}")

    def read(self, label: str) -> None:
        """The part labelled `label` (a file, a sheet's file or a zip member) has been read and checked."""
        member = next((m for m in self._members if label == m or label.startswith(m + " (sheet")), None)
        if member is None or member in self._done:
            return
        self._done.add(member)
        total = sum(size for size, _ in self._members.values()) or 1
        done = sum(self._members[m][0] for m in self._done) / total
        name = self._members[member][1]
        self._report(done, f"Read {len(self._done)} of {len(self._members)} files in {self._source.name}: {name}")

    def reading(self, label: str, share: float) -> None:
        """`share` of the CSV labelled `label` (the file itself, or a member of the zip being read) is parsed."""
        if self._source is None:
            return
        if not self._members:
            if label == self._source.name:
                self._report(share, f"Reading {label}: {share:.0%} done")
            return
        if label not in self._members or label in self._done:
            return  # a member of a zip inside the zip: counted when its outer member is read
        total = sum(size for size, _ in self._members.values()) or 1
        size, name = self._members[label]
        done = (sum(self._members[m][0] for m in self._done) + share * size) / total
        count = f"{len(self._done) + 1} of {len(self._members)}"
        self._report(done, f"Reading file {count} in {self._source.name}: {name}, {share:.0%} done")

    def end(self) -> None:
        """The current source has been read whole."""
        self._report(1.0, f"Read {self._source.name}")

    def finish(self, text: str) -> None:
        """Reading is over; `text` says what comes next."""
        self._report_at(READ_SHARE, text)

    def _report(self, done: float, text: str) -> None:
        self._report_at(self._starts[self._index] + self._widths[self._index] * done, text)

    def _report_at(self, share: float, text: str) -> None:
        self._at = max(self._at, min(share, 1.0))
        if self._progress:
            self._progress(self._at, text)
