"""Safe downloads: CSV whose text cells cannot run as spreadsheet formulas.

A spreadsheet treats a cell starting with `=`, `+`, `-` or `@` (and, in some programs, a tab or a
carriage return) as a formula. Every such text cell is prefixed with an apostrophe, which spreadsheets
show as text; numbers (including negative ones) are left alone because they are not text.
"""

from __future__ import annotations

import pandas as pd

from nhs_core import schema as s

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_text(value: object) -> object:
    """Prefix a text value that a spreadsheet would run as a formula with `'`; other values pass through.

    >>> neutralise_text("=HYPERLINK(1)"), neutralise_text("NHS"), neutralise_text(-3)
    ("'=HYPERLINK(1)", 'NHS', -3)
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` with every text cell (string, object or category column) neutralised."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if isinstance(values.dtype, pd.CategoricalDtype):
            out[column] = values.cat.rename_categories(
                lambda c: neutralise_text(c) if isinstance(c, str) else c)
        elif pd.api.types.is_string_dtype(values) or values.dtype == object:
            out[column] = values.map(neutralise_text)
    return out


def csv_bytes(frame: pd.DataFrame, labels: bool = True) -> bytes:
    """The frame as UTF-8 CSV (with a byte-order mark so Excel reads accents), formulas neutralised.

    Parameters
    ----------
    frame : DataFrame
        A small tidy table (a metric result).
    labels : bool
        Rename canonical columns to their display labels (`schema.LABELS`).
    """
    out = neutralise(frame)
    if labels:
        out = out.rename(columns={c: neutralise_text(s.label(str(c))) for c in out.columns})
    return out.to_csv(index=False, date_format="%Y-%m-%d").encode("utf-8-sig")


_MARKDOWN = str.maketrans({c: "\\" + c for c in "\\`*_{}[]<>()#+-!|$~"})
# Columns holding fractions, shown as percentages in tables.
PERCENT_COLUMNS = frozenset({s.SHARE, s.DNA_RATE, s.UTILISATION, s.PCT_CHANGE, s.SHARE_OF_KNOWN, s.GP_SHARE,
                             s.UNKNOWN_SHARE, s.EARLY_SHARE, s.LATE_SHARE})


def escape_markdown(text: str) -> str:
    """Text with Markdown (and LaTeX `$`) characters backslash-escaped, for sentences built from data values.

    >>> escape_markdown("NHS *Kent* $5")
    'NHS \\\\*Kent\\\\* \\\\$5'
    """
    return str(text).translate(_MARKDOWN)


def display_format(frame: pd.DataFrame, column: str) -> str | None:
    """How a table column is shown: a date format ("MMM YYYY" for months, "YYYY-MM-DD" for days), a number
    format ("percent" for fractions, "%.1f" for minutes, "localized" for other decimals), or None (as is)."""
    values = frame[column]
    if pd.api.types.is_datetime64_any_dtype(values):
        return "YYYY-MM-DD" if column == s.DATE else "MMM YYYY"
    if column in PERCENT_COLUMNS:
        return "percent"
    if pd.api.types.is_float_dtype(values):
        return "%.1f" if column == s.MEAN_MINUTES else "localized"
    return None
