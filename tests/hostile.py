"""Hostile inputs, built at test time (no committed binaries): each is a name, the bytes of a file a visitor
could upload, and the problem code it must produce. Used by tests/test_hostile.py (in a subprocess, with memory
measured) and bench/hostile_rss.py (peak RSS per input).

The first group made the server or the totals fail before issue 14; the rest were already handled and are
kept so they stay handled.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.helpers import LSE_HEADER, LSE_ROW, csv_bytes, lse_csv, lse_row, xlsx_bytes, zip_bytes


@dataclass(frozen=True)
class Hostile:
    name: str  # also the uploaded file's name
    build: Callable[[], bytes]
    code: str  # the problem code it must produce
    fixed_in_14: bool = True  # False: already handled before issue 14


def _two_far_cells(keep_dimension: bool = True) -> bytes:
    """A workbook with cells at A1 and XFD1048576: calamine allocates 512 GiB for it and aborts."""
    data = xlsx_bytes({"Sheet1": [["x"]]})
    members = zipfile.ZipFile(io.BytesIO(data))
    files = {name: members.read(name) for name in members.namelist()}
    sheet = files["xl/worksheets/sheet1.xml"].decode()
    far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>y</t></is></c></row></sheetData>'
    sheet = sheet.replace("</sheetData>", far)
    sheet = re.sub(r'<dimension ref="[^"]*"\s*/>', '<dimension ref="A1:XFD1048576"/>' if keep_dimension else "", sheet)
    files["xl/worksheets/sheet1.xml"] = sheet.encode()
    return zip_bytes(files)


def _shared_strings_bomb(strings: int = 2_000_000) -> bytes:
    """A small workbook whose shared-strings part unpacks hundreds of times larger than it is packed."""
    data = xlsx_bytes({"Sheet1": [LSE_HEADER, LSE_ROW]})
    members = zipfile.ZipFile(io.BytesIO(data))
    files = {name: members.read(name) for name in members.namelist()}
    body = b"<si><t>a</t></si>" * strings
    files["xl/sharedStrings.xml"] = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + body + b"</sst>"
    )
    return zip_bytes(files)


def nested_zips(levels: int) -> bytes:
    """A CSV inside `levels` zips, each inner zip named like a CSV (content decides, not the name)."""
    data = lse_csv()
    for level in range(levels):
        data = zip_bytes({f"level{level}.csv": data}, zipfile.ZIP_STORED)
    return data


def _many_tiny_tables(inner: int = 2, each: int = 600) -> bytes:
    """Zips of hundreds of one-row tables inside one zip: each level is within the 1,000-member limit."""
    table = lse_csv()
    zips = {f"part{i}.csv": zip_bytes({f"t{j}.csv": table for j in range(each)}) for i in range(inner)}
    return zip_bytes(zips)


def encrypted_zip() -> bytes:
    """A zip whose member is marked encrypted (as a password-protected zip's members are)."""
    data = bytearray(zip_bytes({"appointments.csv": lse_csv()}))
    for header, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.index(header) + offset
        data[at] |= 0x1
    return bytes(data)


def write_big_member_zip(path: Path, member_bytes: int) -> int:
    """Write a zip holding one valid LSE appointments CSV of about `member_bytes` (written a block at a time, so
    building it never holds it whole); the member's exact size is returned.

    The block is 20,000 varied rows, so the member packs about 7:1 (well inside the ratio limit) and reads as a
    table of a realistic shape: a 1.5 GB member is 22.8 million rows, a 200 MB zip."""
    rnd = random.Random(14)
    modes = ["Face-to-Face", "Telephone", "Home Visit", "Video/Online", "Unknown"]
    leads = ["Same Day", "1 Day", "2 to 7 Days", "8  to 14 Days", "15  to 21 Days", "More than 28 Days"]
    block = "".join(
        f"E54000{rnd.randint(10, 59)},20{rnd.randint(20, 22)}-{rnd.randint(1, 12):02d},"
        f"{rnd.choice(['Attended', 'DNA', 'Unknown'])},{rnd.choice(['GP', 'Other Practice staff', 'Unknown'])},"
        f"{rnd.choice(modes)},{rnd.choice(leads)},{rnd.randint(1, 9999)}\n"
        for _ in range(20_000)
    ).encode()
    written = 0
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("Big_Regional.csv", "w", force_zip64=True) as member,
    ):
        written += member.write((",".join(LSE_HEADER) + "\n").encode())
        while written < member_bytes:
            written += member.write(block)
    return written


CASES = (
    Hostile("dimension_bomb.xlsx", _two_far_cells, "xlsx.too_many_cells"),
    Hostile("far_cell_no_dimension.xlsx", lambda: _two_far_cells(keep_dimension=False), "xlsx.too_demanding"),
    Hostile("shared_strings_bomb.xlsx", _shared_strings_bomb, "zip.bomb"),
    Hostile("count_beyond_int64.csv", lambda: lse_csv(lse_row(count_of_appointments="9" * 20)), "count.too_large"),
    Hostile("count_inf.csv", lambda: lse_csv(lse_row(count_of_appointments="inf")), "count.not_finite"),
    Hostile(
        "two_int64_max.csv", lambda: lse_csv(*[lse_row(count_of_appointments=str(2**63 - 1))] * 2), "count.too_large"
    ),
    Hostile("count_exponent.csv", lambda: lse_csv(lse_row(count_of_appointments="1.23E+11")), "count.too_large"),
    Hostile("nested_1500_levels.zip", lambda: nested_zips(1500), "zip.too_deep"),
    Hostile("many_tiny_tables.zip", _many_tiny_tables, "zip.too_many_members"),
    Hostile("encrypted.zip", encrypted_zip, "zip.encrypted"),
    Hostile("not_data.csv", lambda: b"\x89PNG\r\n\x1a\n" + bytes(100), "file.not_data", fixed_in_14=False),
    Hostile("negative.csv", lambda: lse_csv(lse_row(count_of_appointments="-5")), "count.negative", fixed_in_14=False),
    Hostile(
        "ratio_bomb.zip",
        lambda: zip_bytes({"a.csv": csv_bytes(LSE_HEADER, [LSE_ROW]) + b" " * 5_000_000}),
        "zip.bomb",
        fixed_in_14=False,
    ),
)


def build(name: str) -> bytes:
    """The bytes of the hostile input called `name`."""
    return next(c for c in CASES if c.name == name).build()
