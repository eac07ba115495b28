"""Downloads that are safe to open in a spreadsheet, and how tables are shown.

A cell starting with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return) is run as a formula by
Excel and similar programs ("CSV injection"); text cells like that get a leading apostrophe so they
open as the text they are. Numbers and dates are never changed.
"""

from __future__ import annotations

import re

import pandas as pd

from nhs_core import definitions as d
from nhs_core import schema as s
from nhs_core.units import DECIMAL, PERCENT

RISKY_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Columns holding fractions (measures written as percentages), shown as percentages in tables.
PERCENT_COLUMNS = frozenset(c for m in d.MEASURES.values() if m.fmt.kind == PERCENT for c in m.columns)


def neutralise_text(value: object) -> object:
    """Prefix a text value that a spreadsheet would run as a formula with `'`; other values pass through.

    >>> neutralise_text("=HYPERLINK(1)"), neutralise_text("NHS"), neutralise_text(-3)
    ("'=HYPERLINK(1)", 'NHS', -3)
    """
    return f"'{value}" if isinstance(value, str) and value.startswith(RISKY_STARTS) else value


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
    if not labels:
        return out.to_csv(index=False).encode("utf-8")
    out = out.rename(columns={c: neutralise_text(s.label(str(c))) for c in out.columns})
    return out.to_csv(index=False, date_format="%Y-%m-%d").encode("utf-8-sig")


def display_format(frame: pd.DataFrame, column: str) -> str | None:
    """How a table column is shown: a date format ("MMM YYYY" for months, "YYYY-MM-DD" for days), a number
    format ("percent" for fractions, "%.1f" for minutes, "localized" for other decimals), or None (as is)."""
    values = frame[column]
    measure = d.of_column(column)
    if pd.api.types.is_datetime64_any_dtype(values):
        return "YYYY-MM-DD" if column == s.DATE else "MMM YYYY"
    if column in PERCENT_COLUMNS:
        return "percent"
    if pd.api.types.is_float_dtype(values):
        decimal = measure is not None and measure.fmt.kind == DECIMAL
        return f"%.{measure.fmt.table_decimals}f" if decimal else "localized"
    return None


def plain(text: str) -> str:
    """Text from files (names, values) escaped so st.markdown shows it as typed, never as formatting.

    >>> plain("NHS *Kent* $5")
    'NHS \\\\*Kent\\\\* \\\\$5'
    """
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$])", r"\\\1", str(text))
