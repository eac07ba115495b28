"""Combine several files of one table: the later file wins for each (month, ICB) it covers.

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


def combine(parts: list[tuple[str, str, pd.DataFrame]]) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Combine (table, file label, frame) parts into one frame per table, reporting replaced months."""
    by_table: dict[str, list[tuple[str, pd.DataFrame]]] = defaultdict(list)
    for table, label, frame in parts:
        by_table[table].append((label, frame))
    tables, notes = {}, []
    for table, items in by_table.items():
        if table == s.TWEETS:
            for (old, _), (new, _) in zip(items, items[1:]):
                notes.append(problem("combine.tweets_replaced", new, older=old))
            tables[table] = items[-1][1]
            continue
        kept, more = _latest_wins(items)
        notes += more
        tables[table] = concat(kept)
    return tables, notes


def _latest_wins(items: list[tuple[str, pd.DataFrame]]) -> tuple[list[pd.DataFrame], list[Problem]]:
    registry: dict[str, int] = {}
    kept: list[tuple[str, pd.DataFrame, np.ndarray, np.ndarray]] = []
    notes = []
    for label, frame in items:
        keys = _keys(frame, registry)
        distinct = np.unique(keys)
        survivors = []
        for old_label, old, old_keys, old_distinct in kept:
            if np.intersect1d(old_distinct, distinct).size:  # cheap test first: most files never overlap
                hit = np.isin(old_keys, distinct)
                months = pd.DatetimeIndex(old.loc[hit, s.MONTH].unique()).sort_values()
                notes.append(
                    problem(
                        "combine.replaced",
                        label,
                        older=old_label,
                        replaced=int(hit.sum()),
                        first=f"{months[0]:%b %Y}",
                        last=f"{months[-1]:%b %Y}",
                    )
                )
                old, old_keys = old[~hit], old_keys[~hit]
                old_distinct = np.unique(old_keys)
            survivors.append((old_label, old, old_keys, old_distinct))
        kept = survivors + [(label, frame, keys, distinct)]
    return [frame for _, frame, _, _ in kept], notes


def _keys(frame: pd.DataFrame, registry: dict[str, int]) -> np.ndarray:
    """One integer per row for its (month, ICB) pair; ICB codes are numbered through `registry`."""
    months = frame[s.MONTH].to_numpy().astype("datetime64[M]").astype(np.int64)
    icb = frame[s.ICB].astype("category")
    lookup = np.array(
        [registry.setdefault(str(c), len(registry)) for c in icb.cat.categories]
        + [registry.setdefault("<none>", len(registry))],
        dtype=np.int64,
    )
    return months * 1_000_000 + lookup[icb.cat.codes.to_numpy()]


_DIMENSIONS = (s.STATUS, s.HCP, s.MODE, s.LEAD)


def monthly_from_daily(daily: pd.DataFrame) -> pd.DataFrame:
    """The monthly appointments table of a daily one: each month's sum by area, status, HCP type, mode and
    lead time (the official regional files hold exactly these monthly sums of the daily data).

    Sums over one integer key built from the category codes (area, month, four dimensions), so a
    26-million-row table needs a few hundred MB rather than a groupby's int64 copy of every key column.
    """
    area = s.SUB_ICB if daily[s.SUB_ICB].notna().any() else s.ICB
    months = daily[s.MONTH].to_numpy().astype("datetime64[M]").astype(np.int64)
    first_month = int(months.min()) if len(months) else 0
    parts = [
        (daily[area].cat.codes.to_numpy(), len(daily[area].cat.categories)),
        (months - first_month, int(months.max() - first_month) + 1 if len(months) else 1),
        *((daily[c].cat.codes.to_numpy(), len(daily[c].cat.categories)) for c in _DIMENSIONS),
    ]
    key = np.zeros(len(daily), dtype=np.int64)
    for codes, size in parts:  # in place: no full-size temporaries
        key *= size + 1
        key += codes
        key += 1  # a missing code (-1) gets its own slot
    groups, uniques = pd.factorize(key, sort=True)
    counts = np.bincount(groups, weights=daily[s.COUNT].to_numpy(), minlength=len(uniques)).astype(np.int64)
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
    out[s.COUNT] = counts
    geo = [c for c in s.COLUMNS[s.APPOINTMENTS][:6] if c in daily and c != area]
    places = distinct_rows(daily, [area])[[area, *geo]]
    out = out.merge(places, on=area, how="left")
    return out[[c for c in s.COLUMNS[s.APPOINTMENTS] if c in out]]


def concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate frames keeping categoricals categorical (categories unioned, vocabulary order kept)."""
    frames = [f for f in frames if len(f)] or frames[:1]
    if len(frames) == 1:
        return frames[0].reset_index(drop=True)
    aligned = [f.copy() for f in frames]
    for column in frames[0].columns:
        if not all(isinstance(f[column].dtype, pd.CategoricalDtype) for f in frames):
            continue
        values = [c for f in frames for c in f[column].cat.categories]
        order = s.ordered_categories(column, values) if column in s.VOCABULARIES else sorted(set(values), key=str)
        for f in aligned:
            f[column] = f[column].cat.set_categories(order)
    return pd.concat(aligned, ignore_index=True)
