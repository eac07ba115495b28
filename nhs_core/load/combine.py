"""Combine several files of one table: the later file wins for each value of the table's combine key
(``TableKind.combine_key``, the month and ICB for the appointment tables); a table without one, such as
tweets, is replaced whole by the later file.

Official releases restate their whole 30-month window, so a newer release must replace the overlap
of an older one rather than add to it. Rows are never de-duplicated otherwise.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pandas as pd

from nhs_core import schema as s
from nhs_core.frames import distinct_rows
from nhs_core.load.problems import Problem, problem
from nhs_core.tables import GEOGRAPHY_COLUMNS, kind, table_words

_KEY_BITS = 21  # bits of each key column in a row's packed key: up to three columns of 2 million values


def combine(parts: list[tuple[str, str, pd.DataFrame]]) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Combine (table, file label, frame) parts into one frame per table, reporting replaced months."""
    by_table: dict[str, list[tuple[str, pd.DataFrame]]] = defaultdict(list)
    for table, label, frame in parts:
        by_table[table].append((label, frame))
    tables = {}
    notes = []
    for table, items in by_table.items():
        record = kind(table)
        if record.combine_key is None:
            for (old, _), (new, _) in zip(items, items[1:]):
                notes.append(
                    problem("combine.replaced_whole", new, older=old, table=table_words(record.name), noun=record.noun)
                )
            tables[table] = items[-1][1]
            continue
        kept, more = _latest_wins(items, record.combine_key)
        notes += more
        tables[table] = concat(kept)
    return tables, notes


def _latest_wins(
    items: list[tuple[str, pd.DataFrame]], key: tuple[str, ...]
) -> tuple[list[pd.DataFrame], list[Problem]]:
    """Each file's rows less those whose key a later file has, and a note for each file that replaces rows.

    Which file holds each key is kept in one sorted index (`owned`, `owner`), so a file is compared only with the
    files it overlaps: 1,000 one-row files took half a million pairwise comparisons before."""
    registries: dict[str, dict[str, int]] = {column: {} for column in key}
    kept: list[list] = []  # [label, frame, keys] per file, in order
    owned = np.empty(0, dtype=np.int64)  # every key held by some file, sorted
    owner = np.empty(0, dtype=np.int64)  # the index in `kept` of the file holding it
    notes = []
    for label, frame in items:
        keys = _keys(frame, key, registries)
        distinct = np.unique(keys)
        at = np.searchsorted(owned, distinct)
        found = at < len(owned)
        found[found] = owned[at[found]] == distinct[found]
        for index in np.unique(owner[at[found]]):
            old_label, old, old_keys = kept[index]
            hit = np.isin(old_keys, distinct)
            notes.append(_replaced(label, old_label, old, hit))
            kept[index] = [old_label, old[~hit], old_keys[~hit]]
        owner[at[found]] = len(kept)
        new = distinct[~found]
        owned = np.concatenate([owned, new])
        owner = np.concatenate([owner, np.full(len(new), len(kept))])
        order = np.argsort(owned, kind="stable")
        owned, owner = owned[order], owner[order]
        kept.append([label, frame, keys])
    return [frame for _, frame, _ in kept], notes


def _replaced(label: str, old_label: str, old: pd.DataFrame, hit: np.ndarray) -> Problem:
    """The note that `label` replaces the `hit` rows of `old_label`, with the months they cover."""
    months = pd.DatetimeIndex(old.loc[hit, s.MONTH].unique()).sort_values()
    return problem(
        "combine.replaced",
        label,
        older=old_label,
        replaced=int(hit.sum()),
        first=f"{months[0]:%b %Y}",
        last=f"{months[-1]:%b %Y}",
    )


def _keys(frame: pd.DataFrame, key: tuple[str, ...], registries: dict[str, dict[str, int]]) -> np.ndarray:
    """One integer per row for its values of the `key` columns, packed `_KEY_BITS` bits a column.

    Dates count in days; other values are numbered through the column's registry, shared
    by every file of the table so that equal values get equal numbers.
    """
    packed = np.zeros(len(frame), dtype=np.int64)
    for column in key:
        packed <<= _KEY_BITS
        packed += _column_codes(frame[column], registries[column])
    return packed


def _column_codes(values: pd.Series, registry: dict[str, int]) -> np.ndarray:
    """Small non-negative integers for one key column (a missing value has its own number)."""
    if pd.api.types.is_datetime64_any_dtype(values):  # days since 1970, shifted to be positive (+- 2,800 years)
        days = values.to_numpy().astype("datetime64[D]").astype(np.int64)
        return np.where(values.isna().to_numpy(), 0, days + (1 << (_KEY_BITS - 1)))
    codes = values.astype("category")
    lookup = np.array(
        [registry.setdefault(str(c), len(registry)) for c in codes.cat.categories]
        + [registry.setdefault("<none>", len(registry))],
        dtype=np.int64,
    )
    return lookup[codes.cat.codes.to_numpy()]


_DIMENSIONS = (s.STATUS, s.HCP, s.MODE, s.LEAD)


ROWS_AT_A_TIME = 1 << 22  # the daily-to-monthly sum works on this many rows at once, so its temporaries stay small


def monthly_from_daily(daily: pd.DataFrame) -> pd.DataFrame:
    """The monthly appointments table of a daily one: each month's sum by area, status, HCP type, mode and
    lead time (the official regional files hold exactly these monthly sums of the daily data).

    Sums over one integer key built from the category codes (area, month, four dimensions), a block of rows at a
    time, then sums the blocks' sums: a 60-million-row table needs a few hundred MB beside it, not a groupby's
    int64 copy of every key column (nor one int64 key and its group numbers for every row, 2 GB at 60 M).
    """
    area = s.SUB_ICB if daily[s.SUB_ICB].notna().any() else s.ICB
    dates = daily[s.MONTH].to_numpy()

    def month_number(rows: slice) -> np.ndarray:
        return dates[rows].astype("datetime64[M]").astype(np.int64)

    # from the dates' own min and max, not a month number for every row at once (a full-size copy, twice)
    first_month = int(np.datetime64(dates.min(), "M").astype(np.int64)) if len(daily) else 0
    last_month = int(np.datetime64(dates.max(), "M").astype(np.int64)) if len(daily) else 0
    parts = [
        (lambda rows: daily[area].cat.codes.to_numpy()[rows], len(daily[area].cat.categories)),
        (lambda rows: month_number(rows) - first_month, last_month - first_month + 1),
        *((lambda rows, c=c: daily[c].cat.codes.to_numpy()[rows], len(daily[c].cat.categories)) for c in _DIMENSIONS),
    ]
    counts = daily[s.COUNT].to_numpy()
    block_keys, block_sums = [], []
    for start in range(0, len(daily), ROWS_AT_A_TIME):
        rows = slice(start, start + ROWS_AT_A_TIME)
        key = np.zeros(len(counts[rows]), dtype=np.int64)
        for codes, size in parts:  # in place: no block-size temporaries but the codes
            key *= size + 1
            key += codes(rows)
            key += 1  # a missing code (-1) gets its own slot
        groups, uniques = pd.factorize(key)
        block_keys.append(uniques)
        block_sums.append(np.bincount(groups, weights=counts[rows], minlength=len(uniques)))
    keys = np.concatenate(block_keys) if block_keys else np.empty(0, dtype=np.int64)
    groups, uniques = pd.factorize(keys, sort=True)
    sums = np.concatenate(block_sums) if block_sums else np.empty(0)
    totals = np.bincount(groups, weights=sums, minlength=len(uniques)).astype(np.int64)
    decoded = []
    for _, size in reversed(parts):
        decoded.append(uniques % (size + 1) - 1)
        uniques = uniques // (size + 1)
    area_codes, month_index, *dims = reversed(decoded)
    out = pd.DataFrame(
        {
            area: pd.Categorical.from_codes(area_codes, daily[area].cat.categories),
            s.MONTH: (month_index + first_month).astype("datetime64[M]").astype("datetime64[ns]"),
        }
    )
    for column, codes in zip(_DIMENSIONS, dims, strict=True):
        out[column] = pd.Categorical.from_codes(codes, dtype=daily[column].dtype)
    out[s.COUNT] = totals
    geo = [c for c in GEOGRAPHY_COLUMNS if c in daily and c != area]
    places = distinct_rows(daily, [area])[[area, *geo]]
    out = out.merge(places, on=area, how="left")
    return out[[c for c in kind(s.APPOINTMENTS).columns if c in out]]


def concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate frames keeping categoricals categorical (categories unioned, vocabulary order kept).

    Built a column at a time, each categorical from its pieces' codes mapped to the union: the frames are read,
    never copied, so the peak is the frames and the result (copying every frame first to align its categories
    made a 60-million-row import hold three copies of the table)."""
    frames = [f for f in frames if len(f)] or frames[:1]
    if len(frames) == 1:
        return frames[0].reset_index(drop=True)
    columns = {}
    for column in frames[0].columns:
        pieces = [f[column] for f in frames]
        if all(isinstance(piece.dtype, pd.CategoricalDtype) for piece in pieces):
            columns[column] = _joined_categorical(column, pieces)
        else:
            columns[column] = pd.concat(pieces, ignore_index=True)
    return pd.DataFrame(columns, copy=False)


def _joined_categorical(column: str, pieces: list[pd.Series]) -> pd.Series:
    """One categorical of `pieces`, its categories the union in vocabulary order (else sorted as text)."""
    values = [c for piece in pieces for c in piece.cat.categories]
    order = s.ordered_categories(column, values) if column in s.VOCABULARIES else sorted(set(values), key=str)
    dtype = pd.CategoricalDtype(order)
    width = np.int8 if len(order) < 127 else np.int16 if len(order) < 32_767 else np.int32
    position = pd.Index(order)
    codes = []
    for piece in pieces:
        remap = np.append(position.get_indexer(piece.cat.categories), -1).astype(width)
        codes.append(remap[piece.cat.codes.to_numpy()])  # code -1 (missing) picks the trailing -1
    return pd.Series(pd.Categorical.from_codes(np.concatenate(codes), dtype=dtype), copy=False)
