"""Downloads that are safe to open in a spreadsheet, and how tables are shown.

A cell starting with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return) is run as a formula by
Excel and similar programs ("CSV injection"); text cells like that get a leading apostrophe so they
open as the text they are. Numbers and dates are never changed.
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
import zipfile
from collections.abc import Iterable

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from nhs_core import definitions as d
from nhs_core import schema as s
from nhs_core.units import DECIMAL, PERCENT

RISKY_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
# What a spreadsheet skips before deciding a cell is a formula: spaces and control characters.
_SKIPPED = "".join(chr(c) for c in range(33))
# Columns holding fractions (measures written as percentages), shown as percentages in tables.
PERCENT_COLUMNS = frozenset(c for m in d.MEASURES.values() if m.fmt.kind == PERCENT for c in m.columns)


def _starts_control(value: object) -> bool:
    return isinstance(value, str) and value[:1] in ("\t", "\r", "\n")


def neutralise_text(value: object) -> object:
    """Prefix a text value that a spreadsheet would run as a formula with `'`; other values pass through.

    >>> neutralise_text("=HYPERLINK(1)"), neutralise_text(" \\r=1+2"), neutralise_text("NHS"), neutralise_text(-3)
    ("'=HYPERLINK(1)", "' \\r=1+2", 'NHS', -3)
    """
    risky = isinstance(value, str) and value.lstrip(_SKIPPED).startswith(RISKY_STARTS) or _starts_control(value)
    return f"'{value}" if risky else value


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of `frame` whose text cells cannot run as spreadsheet formulas.

    Parameters
    ----------
    frame : DataFrame
        Any table; it is not modified.

    Returns
    -------
    DataFrame
        The same table with text cells starting with ``= + - @`` (or tab, carriage return) prefixed by ``'``.
    """
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if isinstance(values.dtype, pd.CategoricalDtype):
            categories = values.cat.categories
            safe = [neutralise_text(c) for c in categories]
            if safe != list(categories):
                renamed = pd.Index(safe)
                out[column] = (
                    values.cat.rename_categories(renamed)
                    if renamed.is_unique
                    else values.astype(object).map(neutralise_text)
                )
        elif pd.api.types.is_string_dtype(values.dtype) or values.dtype == object:
            out[column] = values.map(neutralise_text)
    return out


def csv_bytes(frame: pd.DataFrame, labels: bool = False) -> bytes:
    """The table as CSV bytes for a download, with formulas neutralised.

    Parameters
    ----------
    frame : DataFrame
        The table to download.
    labels : bool
        False (default): canonical column names and plain UTF-8, so the file can be uploaded again.
        True: display labels (`schema.LABELS`) and a byte-order mark so Excel reads accents, for the
        tables behind the charts.
    """
    out = neutralise(frame)
    # Every text field quoted: a bare CR inside an unquoted field ends the row in LibreOffice and Excel, so the
    # text after it would start a new cell (and could run as a formula).
    if not labels:
        return out.to_csv(index=False, quoting=csv.QUOTE_NONNUMERIC).encode("utf-8")
    out = out.rename(columns={c: neutralise_text(s.label(str(c))) for c in out.columns})
    return out.to_csv(index=False, date_format="%Y-%m-%d", quoting=csv.QUOTE_NONNUMERIC).encode("utf-8-sig")


def csv_zip(parts: Iterable[pd.DataFrame], member: str) -> bytes:
    """Parts of one table, in order, as one CSV file (as `csv_bytes` writes it) inside a ZIP, written part by
    part through a temporary file: memory follows one part and the zip, never the whole CSV."""
    with tempfile.TemporaryFile() as buffer:
        with (
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive,
            archive.open(member, "w", force_zip64=True) as out,
        ):
            for index, part in enumerate(parts):
                safe = neutralise(part)
                text = _arrow_csv(safe, header=index == 0)
                if text is None:
                    text = safe.to_csv(index=False, header=index == 0, quoting=csv.QUOTE_NONNUMERIC).encode("utf-8")
                out.write(text)
        buffer.seek(0)
        return buffer.read()


_DAY_NS = 86_400_000_000_000


def _arrow_csv(frame: pd.DataFrame, header: bool) -> bytes | None:
    """The frame as `csv_bytes` writes it (text and dates quoted, blanks as "", numbers bare), written by pyarrow,
    4 times faster than pandas (the 25.6-million-row daily download spent 168 of its 197 s in `to_csv`); None
    when a column is not categorical text, whole numbers or whole days, which pandas then writes."""
    columns = []
    for name in frame.columns:
        values = frame[name]
        if isinstance(values.dtype, pd.CategoricalDtype) and pd.api.types.is_string_dtype(values.cat.categories):
            labels = pa.array(values.cat.categories.astype(object), type=pa.string())
            column = labels.take(pa.array(values.cat.codes.to_numpy(), mask=values.isna().to_numpy()))
            columns.append(pc.fill_null(column, ""))
        elif pd.api.types.is_datetime64_dtype(values.dtype):
            stamps = values.to_numpy().astype("datetime64[ns]").view("int64")[values.notna().to_numpy()]
            if (stamps % _DAY_NS).any():  # a time of day: pandas writes it, this would drop it
                return None
            column = pa.array(values.to_numpy().astype("datetime64[D]"), mask=values.isna().to_numpy())
            columns.append(pc.fill_null(column.cast(pa.string()), ""))
        elif pd.api.types.is_integer_dtype(values.dtype) and not pd.api.types.is_bool_dtype(values.dtype):
            columns.append(pa.array(values.to_numpy()))
        else:
            return None
    buffer = io.BytesIO()
    options = pacsv.WriteOptions(include_header=header, quoting_style="needed")
    pacsv.write_csv(pa.table(columns, names=[str(c) for c in frame.columns]), buffer, options)
    return buffer.getvalue()


def display_format(frame: pd.DataFrame, column: str) -> str | None:
    """How a table column is shown: a date format ("MMM YYYY" for months, "YYYY-MM-DD" for days), a number
    format ("percent" for fractions, "%.1f" for minutes, "localized" for other numbers), or None (as is)."""
    values = frame[column]
    measure = d.of_column(column)
    if pd.api.types.is_datetime64_any_dtype(values):
        return "YYYY-MM-DD" if column == s.DATE else "MMM YYYY"
    if column in PERCENT_COLUMNS:
        return "percent"
    if pd.api.types.is_float_dtype(values):
        decimal = measure is not None and measure.fmt.kind == DECIMAL
        return f"%.{measure.fmt.table_decimals}f" if decimal else "localized"
    if pd.api.types.is_integer_dtype(values) and not pd.api.types.is_bool_dtype(values):
        return "localized"  # counts with thousands separators (1,405,064), as the KPIs and findings write them
    return None


# GitHub-flavoured Markdown makes links of bare URLs, www. names and e-mail addresses, and Streamlit reads
# :shortcodes: and :colour[...] directives, all from the text after escapes are resolved. A word joiner (U+2060,
# invisible) after such a colon, inside "www." and before "@" stops every one of them.
_JOINER = "\u2060"
_UNLINK = re.compile(r"(?<=:)(?=[\w/+-])|(?<=www)(?=\\\.)|(?=@)", re.IGNORECASE)


def plain(text: str) -> str:
    """Text from files (names, values, names typed in) escaped so Markdown shows it as typed: never formatting,
    a link, an image, an emoji or a colour (Markdown's marks and ``&`` are backslash-escaped; see `_UNLINK`).

    >>> plain("NHS *Kent* $5")
    'NHS \\\\*Kent\\\\* \\\\$5'
    >>> plain("see http://x.org") == "see http:\u2060//x\\\\.org"
    True
    """
    escaped = re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$&])", r"\\\1", str(text))
    return _UNLINK.sub(_JOINER, escaped)


def plain_table(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of a small table for `st.table` (which renders Markdown in cells) with its text cells and
    column names escaped by `plain`, so file names and names typed in show as typed."""
    out = frame.rename(columns={c: plain(c) for c in frame.columns})
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column].dtype):
            out[column] = out[column].map(lambda v: plain(v) if isinstance(v, str) else v)
    return out
