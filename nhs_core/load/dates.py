"""Dates parsed with explicit formats only, once per distinct value (the readers give categoricals).

A parser that guesses can fill in today's day of the month or swap day and month; a value that fits
no listed format is an error quoting the value and its line.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from nhs_core.load.problems import Problem, problem

MONTH_FORMATS = ("%Y-%m", "%b%Y", "%d%b%Y", "%Y-%m-%d", "%d-%b-%y", "%d-%b-%Y", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S")
DAY_FORMATS = ("%d%b%Y", "%Y-%m-%d", "%d-%b-%y", "%d-%b-%Y", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S")


def month_start(dates: pd.Series) -> pd.Series:
    """The first day of each date's month (numpy arithmetic: far faster than periods on big tables)."""
    months = dates.to_numpy().astype("datetime64[M]").astype("datetime64[ns]")
    return pd.Series(months, index=dates.index)


def parse_dates(values: pd.Series, file: str, column: str, formats: tuple[str, ...]) -> tuple[pd.Series, list[Problem]]:
    """Parse dates with explicit formats only, once per distinct value; unparseable values are errors."""
    if pd.api.types.is_datetime64_any_dtype(values):
        parsed = values.astype("datetime64[ns]").dt.floor("D")
        blank = parsed.isna().to_numpy()
        return parsed, _date_problems(file, column, values, blank, blank)
    cat = values.astype("category")
    uniques = pd.Index(cat.cat.categories.astype(str).str.strip())
    found = pd.Series(pd.NaT, index=range(len(uniques)), dtype="datetime64[ns]")
    for fmt in formats:
        todo = found.isna().to_numpy()
        if not todo.any():
            break
        found[todo] = pd.to_datetime(uniques[todo], format=fmt, errors="coerce").astype("datetime64[ns]")
    codes = cat.cat.codes.to_numpy()
    parsed = np.append(found.to_numpy(), np.datetime64("NaT"))[codes]
    bad = np.isnat(parsed)
    return pd.Series(parsed, index=values.index), _date_problems(file, column, values, bad, codes == -1)


def _date_problems(file: str, column: str, values: pd.Series, bad: np.ndarray, blank: np.ndarray) -> list[Problem]:
    if not bad.any():
        return []
    first = int(np.flatnonzero(bad)[0])
    return [
        problem(
            "date.blank" if blank[first] else "date.unparseable",
            file,
            column=column,
            rows=int(bad.sum()),
            example=f"line {first + 2}",
            value=str(values.iloc[first]),
        )
    ]
