"""A whole page as one Excel workbook: one sheet per table behind its charts, and an "About" sheet with the
selection, the source, what each sheet shows and the page's definitions and caveats.

Each table sheet starts at its header row (no notes above it), so it stays machine-readable; the words about it
are on "About". Text cells are neutralised as in the CSV downloads (a cell starting with ``=`` opens as text).
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from nhs_core import schema as s
from nhs_core.present import export
from nhs_core.present.standalone import Label

ABOUT = "About"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_SHEET_CHARS = 31  # Excel's limit on a sheet name
_NOT_IN_NAMES = r"[\[\]:*?/\\]"  # characters Excel refuses in a sheet name
_WIDEST = 80  # characters: the widest column Excel is asked to show


@dataclass(frozen=True)
class Sheet:
    """One table of the page: its file name (`name`, "dna_rate_by_lead_time"), the table and what it shows
    (`title`: the chart's finding, and `basis`)."""

    name: str
    frame: pd.DataFrame
    title: str = ""
    basis: str = ""


def sheet_names(names: Sequence[str]) -> list[str]:
    """Excel sheet names for file names: words, at most 31 characters, unique, never "About".

    >>> sheet_names(["dna_rate_by_lead_time", "dna_rate_by_lead_time", "about"])
    ['Dna rate by lead time', 'Dna rate by lead time 2', 'About 2']
    """
    out: list[str] = []
    taken = {ABOUT.lower()}
    for name in names:
        words = re.sub(_NOT_IN_NAMES, " ", name.replace("_", " ")).strip().capitalize() or "Table"
        candidate, n = words[:_SHEET_CHARS], 1
        while candidate.lower() in taken:
            n += 1
            candidate = f"{words[: _SHEET_CHARS - len(str(n)) - 1]} {n}"
        taken.add(candidate.lower())
        out.append(candidate)
    return out


def about_frame(page: str, label: Label, sheets: Sequence[Sheet], names: Sequence[str], notes: Sequence[str]):
    """The "About" sheet as two columns: what, and its text."""
    rows = [("Page", page), ("Selection", label.selection or "Everything loaded"), ("Source", label.source)]
    rows += [
        (f"Sheet: {name}", " ".join(p for p in (sheet.title, sheet.basis) if p)) for name, sheet in zip(names, sheets)
    ]
    rows += [("Definition or caveat", _unmarked(note)) for note in notes]
    return pd.DataFrame(rows, columns=["About", "Text"])


def _unmarked(text: str) -> str:
    """Markdown emphasis and code marks removed: Excel shows them as typed."""
    return re.sub(r"(\*\*|\*|`)", "", text)


def page_xlsx(page: str, label: Label, sheets: Sequence[Sheet], notes: Sequence[str] = ()) -> bytes:
    """The workbook: "About" first, then one sheet per table in page order, columns with their display labels."""
    names = sheet_names([sheet.name for sheet in sheets])
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        _write(writer, ABOUT, about_frame(page, label, sheets, names, notes))
        for name, sheet in zip(names, sheets):
            frame = sheet.frame.rename(columns={c: s.label(str(c)) for c in sheet.frame.columns})
            _write(writer, name, frame)
    return buffer.getvalue()


def _write(writer: pd.ExcelWriter, name: str, frame: pd.DataFrame) -> None:
    from openpyxl.utils import get_column_letter  # here, not at the top: importing openpyxl is a fifth of the
    # app's imports, paid by the first page of every new server, and a workbook is made only when asked for

    safe = export.neutralise(frame)
    safe.columns = [export.neutralise_text(str(c)) for c in safe.columns]
    safe.to_excel(writer, sheet_name=name, index=False)
    sheet = writer.sheets[name]
    for index, column in enumerate(safe.columns):
        longest = max([len(str(column)), *(len(str(v)) for v in safe[column].head(200))])
        sheet.column_dimensions[get_column_letter(index + 1)].width = min(longest + 2, _WIDEST)
