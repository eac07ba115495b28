"""Small helpers for categorical columns that work on the categories, never on every row."""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
from collections.abc import Callable

import numpy as np
import pandas as pd
import pyarrow as pa


def recode(codes: pd.Series, lookup: dict | Callable, order: list[str] | None = None) -> pd.Series:
    """Map each category of `codes` through `lookup` (a dict or function), touching categories only.

    Categories that map to None or "" become missing; the result's categories are `order` when given
    (it must hold every mapped value), else the mapped values sorted.
    """
    cat = codes.astype("category")
    get = lookup.get if isinstance(lookup, dict) else lookup
    mapped = [get(c) for c in cat.cat.categories]
    labels = order if order is not None else sorted({m for m in mapped if m})
    position = {label: i for i, label in enumerate(labels)}
    remap = np.array([position.get(m, -1) if m else -1 for m in mapped] + [-1], dtype=np.int32)
    new_codes = remap[cat.cat.codes.to_numpy()]  # code -1 (missing) picks the trailing -1
    return pd.Series(pd.Categorical.from_codes(new_codes, labels), index=codes.index)


def fill_missing(series: pd.Series, label: str) -> pd.Series:
    """A categorical with its missing values set to `label` (added to the categories if needed)."""
    if label not in series.cat.categories:
        series = series.cat.add_categories([label])
    return series.fillna(label)


def coalesce(first: pd.Series, second: pd.Series) -> pd.Series:
    """Take `first` where present, else `second`; both categorical."""
    a = first.astype("category")
    b = second.astype("category")
    labels = a.cat.categories.union(b.cat.categories)
    a = a.cat.set_categories(labels)
    b = b.cat.set_categories(labels)
    codes = np.where(a.isna().to_numpy(), b.cat.codes.to_numpy(), a.cat.codes.to_numpy())
    return pd.Series(pd.Categorical.from_codes(codes, labels), index=first.index).cat.remove_unused_categories()


def present_values(series: pd.Series) -> list:
    """The values that occur in a column, fast for categoricals (a count of codes, not a hash of rows)."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        codes = series.cat.codes.to_numpy()
        seen = np.bincount(codes[codes >= 0], minlength=len(series.cat.categories)) > 0
        return list(series.cat.categories[seen])
    return list(series.dropna().unique())


def distinct_rows(frame: pd.DataFrame, key: list[str], rows_at_a_time: int = 1 << 22) -> pd.DataFrame:
    """The first row of each distinct combination of the categorical `key` columns, in the order they first
    appear (hashing one integer per row, a block of rows at a time: for 60 million rows the int64 keys and their
    hash table took 2 GB at once)."""
    keys, firsts = [], []
    for start in range(0, len(frame), rows_at_a_time):
        rows = slice(start, start + rows_at_a_time)
        combined = np.zeros(len(frame.index[rows]), dtype=np.int64)
        for column in key:
            combined *= len(frame[column].cat.categories) + 1
            combined += frame[column].cat.codes.to_numpy()[rows]
            combined += 1  # missing (-1) becomes 0
        first = pd.Series(combined).drop_duplicates().index.to_numpy()
        keys.append(combined[first])
        firsts.append(first + start)
    if not keys:
        return frame.iloc[:0]
    across = pd.Series(np.concatenate(keys)).drop_duplicates().index.to_numpy()  # blocks are in row order
    return frame.iloc[np.concatenate(firsts)[across]]


def release_memory() -> None:
    """Hand freed heap memory back to the operating system after a big import (glibc keeps it otherwise).

    pandas and numpy free large temporary arrays into glibc's heap, which keeps them: a 26-million-row
    import left 1.8 GB of freed memory held by the process. No-op where glibc's malloc_trim is absent.
    """
    pa.default_memory_pool().release_unused()  # pyarrow's pool kept about 1 GB after a 26 M-row load
    with contextlib.suppress(OSError, AttributeError, TypeError):
        ctypes.CDLL(ctypes.util.find_library("c")).malloc_trim(0)


def restore_dtypes(frame: pd.DataFrame) -> pd.DataFrame:
    """Parquet gives an all-blank categorical object-typed categories; make them text like ingest does."""
    empty = [c for c in frame.select_dtypes("category") if not len(frame[c].cat.categories)]
    return frame.astype(dict.fromkeys(empty, pd.CategoricalDtype(pd.Index([], dtype="str")))) if empty else frame
