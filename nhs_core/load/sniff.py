"""What a file holds, decided by its first bytes, never by its name."""

from __future__ import annotations

import io
import zipfile

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
ENCRYPTED = "encrypted"  # an Office file saved with a password: a compound file holding an EncryptionInfo stream
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")
# What a file's name claims it holds (an .xlsx is a zip, so a damaged one sniffs as "zip").
CLAIMED = {".csv": "csv", ".txt": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx", ".zip": "zip"}


def sniff(data: bytes) -> str:
    """Name what the bytes hold: 'zip', 'xlsx', 'csv', 'empty', or a phrase such as 'a PNG image'.

    >>> sniff(b"a,b\\n1,2\\n"), sniff(b"  \\n"), sniff(b"%PDF-1.4")
    ('csv', 'empty', 'a PDF document')
    """
    head = data[:4096]
    if not head.strip():
        return "empty"
    if head.startswith(b"\xd0\xcf\x11\xe0") and _ENCRYPTED in data[: 1 << 20]:
        return ENCRYPTED
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


def is_data(kind: str) -> bool:
    """True when `kind` (from `sniff`) is something this app reads: a CSV, a workbook or a zip."""
    return kind in ("csv", "xlsx", "zip")


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
