"""Downloads that are safe to open in a spreadsheet.

A cell starting with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return) is run as a formula by
Excel and similar programs ("CSV injection"); text cells like that get a leading apostrophe so they
open as the text they are. Numbers and dates are never changed.
"""

from __future__ import annotations

import pandas as pd

RISKY_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _safe(value):
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
            safe = [_safe(c) for c in categories]
            if safe != list(categories):
                renamed = pd.Index(safe)
                out[column] = (values.cat.rename_categories(renamed) if renamed.is_unique
                               else values.astype(object).map(_safe))
        elif pd.api.types.is_string_dtype(values.dtype) or values.dtype == object:
            out[column] = values.map(_safe)
    return out


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The table as UTF-8 CSV bytes for a download, with formulas neutralised."""
    return neutralise(frame).to_csv(index=False).encode("utf-8")
