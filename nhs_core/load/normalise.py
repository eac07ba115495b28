"""A recognised frame -> the canonical table of its kind: vocabularies normalised, dates parsed, counts
checked, geography joined, every problem reported.

Work is done on each column's distinct values (the readers give categoricals), so a 1-million-row file
costs little more than its vocabulary. Text columns are normalised by their kind's entry in
`TEXT_NORMALISERS` (the default keeps them categorical, trimmed).
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from nhs_core import geography
from nhs_core import schema as s
from nhs_core.frames import fill_missing, recode
from nhs_core.load.dates import DAY_FORMATS, MONTH_FORMATS, month_start, parse_dates
from nhs_core.load.problems import Problem
from nhs_core.load.rules import (
    check_blanks,
    check_counts,
    check_future,
    check_geography,
    check_too_old,
    check_vocabulary,
)
from nhs_core.tables import TableKind


def categorical_text(values: pd.Series) -> pd.Series:
    """Text as a categorical with surrounding spaces trimmed (blank cells missing)."""
    return recode(values, lambda c: str(c).strip() or None)


def plain_text(values: pd.Series) -> pd.Series:
    """Text as plain strings, blank cells as "" (free text, such as tweets, has no vocabulary to share)."""
    return values.astype(object).where(values.notna(), "").astype(str)


TextNormaliser = Callable[[pd.Series], pd.Series]
# How each kind's text columns are normalised, by kind name; kinds not listed use `categorical_text`.
TEXT_NORMALISERS: dict[str, TextNormaliser] = {s.TWEETS: plain_text}


def normalise(
    frame: pd.DataFrame, kind: TableKind, file: str, today: pd.Timestamp
) -> tuple[pd.DataFrame, list[Problem]]:
    """The canonical table of `kind` from a frame of canonical column names, and the problems found.

    Parameters
    ----------
    frame : DataFrame
        The file's columns, renamed to canonical names (not modified).
    kind : TableKind
        What the file was recognised as.
    file : str
        The file's label, for the problems.
    today : Timestamp
        Dates after it are reported as in the future.

    Returns
    -------
    (DataFrame, list of Problem)
        The table (the kind's columns in order, geography completed when the kind has it) and its problems.
    """
    problems: list[Problem] = []
    out = pd.DataFrame(index=frame.index)
    for column in frame.columns:
        if column == s.MONTH and s.DATE in frame:
            continue  # derived from the day, below
        out[column], more = _column(frame[column], column, kind, file)
        problems += more
    if s.DATE in out:
        out[s.MONTH] = month_start(out[s.DATE])
    problems += check_future(out, file, today)
    problems += check_too_old(out, file)
    if kind.needs_geography:
        out = geography.complete(out)
        problems += check_geography(out, file, dict(kind.extra_values))
    return out[[c for c in kind.columns if c in out]], problems


def _column(values: pd.Series, column: str, kind: TableKind, file: str) -> tuple[pd.Series, list[Problem]]:
    """One normalised column and its problems."""
    if column in s.VOCABULARIES:
        labels, raw_to_label = _vocabulary(values, column, dict(kind.extra_values).get(column, ()))
        problems = check_vocabulary(values.to_frame(column), file, column, raw_to_label)
        problems += check_blanks(labels, file, column, s.BLANK_MEANS[column])
        return fill_missing(labels, s.BLANK_MEANS[column]), problems
    if column in (s.MONTH, s.DATE):
        parsed, problems = parse_dates(values, file, column, MONTH_FORMATS if column == s.MONTH else DAY_FORMATS)
        return (month_start(parsed) if column == s.MONTH else parsed), problems
    if column in kind.count_columns:
        return check_counts(values, file, column)
    return TEXT_NORMALISERS.get(kind.name, categorical_text)(values), []


def _vocabulary(values: pd.Series, column: str, extra: tuple[str, ...] = ()) -> tuple[pd.Series, dict[str, str | None]]:
    """Map each distinct raw value to its canonical label (unknown values kept as spelled, trimmed); `extra` are
    values official in this kind's files only (`TableKind.extra_values`)."""
    cat = values.astype("category")
    own = {s.match_key(value): value for value in extra}
    raw_to_label = {
        str(v): s.canonical_value(column, str(v)) or own.get(s.match_key(str(v))) for v in cat.cat.categories
    }
    labels = {raw: label or " ".join(raw.split()) for raw, label in raw_to_label.items()}
    order = s.ordered_categories(column, list(labels.values()))
    return recode(cat, lambda v: labels[str(v)], order=order), raw_to_label
