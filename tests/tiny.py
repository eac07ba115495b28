"""Tiny canonical frames for the metric tests: categoricals in vocabulary order, month-start dates."""

from __future__ import annotations

import pandas as pd

from nhs_core import schema as s

DATE_COLUMNS = (s.MONTH, s.DATE)


def frame(columns: list[str], rows: list[tuple]) -> pd.DataFrame:
    """A canonical-looking frame: dates parsed, vocabulary columns categorical in display order,
    other text columns categorical, counts int64."""
    out = pd.DataFrame(rows, columns=columns)
    for column in columns:
        if column in DATE_COLUMNS:
            out[column] = pd.to_datetime(out[column])
        elif column in s.VOCABULARIES:
            out[column] = pd.Categorical(out[column], categories=s.ordered_categories(column, list(out[column])))
        elif column == s.COUNT:
            out[column] = out[column].astype("int64")
        elif out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].astype("category")
    if s.DATE in out and s.MONTH not in out:
        out[s.MONTH] = out[s.DATE].dt.to_period("M").dt.to_timestamp()
    return out


def appointments(rows: list[tuple]) -> pd.DataFrame:
    """Rows of (region, ICB, month 'YYYY-MM-01', status, HCP, mode, lead time, count) with names derived."""
    columns = [s.REGION, s.ICB, s.MONTH, s.STATUS, s.HCP, s.MODE, s.LEAD, s.COUNT]
    out = frame(columns, rows)
    out[s.REGION_NAME] = out[s.REGION].map(lambda c: f"Region {c}")
    out[s.ICB_NAME] = out[s.ICB].map(lambda c: f"ICB {c}")
    return out


def row(
    month: str = "2021-01-01",
    status: str = "Attended",
    count: int = 100,
    *,
    region: str = "R1",
    icb: str = "I1",
    hcp: str = "GP",
    mode: str = "Face-to-Face",
    lead: str = "Same Day",
) -> tuple:
    """One appointments row for `appointments`."""
    return region, icb, month, status, hcp, mode, lead, count
