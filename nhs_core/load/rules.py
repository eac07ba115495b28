"""The validation rules: checks of canonical frames (counts, dates, vocabularies, geography, month coverage).

Each rule returns `Problem`s of kinds in the catalogue (``problem_kinds``) and never raises for bad data.
Readers and ingest report what they find while reading with ``problems`` directly; only ingest runs these.
"""

from __future__ import annotations

import difflib
from decimal import Decimal, InvalidOperation

import numpy as np
import pandas as pd

from nhs_core import geography
from nhs_core import schema as s
from nhs_core.load.problems import Problem, problem


def did_you_mean(wanted: str, offered: list[str]) -> str | None:
    """A "did you mean" hint naming the closest header in `offered` to the missing column `wanted`."""
    keys = {s.header_key(o): o for o in offered}
    close = difflib.get_close_matches(wanted, list(keys), n=1, cutoff=0.6)
    return f'Did you mean "{keys[close[0]]}" for "{wanted}"?' if close else None


def _example(frame: pd.DataFrame, mask: np.ndarray, column: str, line_offset: int = 2) -> str:
    """Describe the first flagged row by its line in the file (header is line 1)."""
    position = int(np.flatnonzero(mask)[0])
    value = frame[column].iloc[position]
    line = position + line_offset
    return f"line {line} is blank" if pd.isna(value) else f'line {line} has "{value}"'


def check_vocabulary(frame: pd.DataFrame, file: str, column: str, raw_to_label: dict) -> list[Problem]:
    """Warn about values outside the official vocabulary (they are kept) and note respellings."""
    problems = []
    new = [raw for raw, label in raw_to_label.items() if label is None]
    if new:
        mask = frame[column].isin(new).to_numpy()
        problems.append(
            problem(
                "vocabulary.new_value",
                file,
                column=column,
                rows=int(mask.sum()),
                example=_example(frame, mask, column),
                official=", ".join(s.VOCABULARIES[column]),
                values=", ".join(f'"{v}"' for v in sorted(new)[:5]),
            )
        )
    renamed = {raw: label for raw, label in raw_to_label.items() if label and raw != label}
    significant = {r: lbl for r, lbl in renamed.items() if s.match_key(r) != s.match_key(lbl)}
    if significant:
        pairs = "; ".join(f'"{r}" as "{lbl}"' for r, lbl in sorted(significant.items())[:5])
        problems.append(problem("vocabulary.respelled", file, column=column, pairs=pairs))
    return problems


# Counts are checked one distinct value at a time, as exact decimals (never through float64, which turns
# 99999999999999999999 into a number that wraps when cast to int64). With every row at most MAX_COUNT, any
# total over fewer than 9.2 billion rows fits in int64, so sums downstream cannot overflow.
MAX_COUNT = 10**9
_COUNT_CHECKS = (
    "count.blank",
    "count.not_number",
    "count.not_finite",
    "count.fraction",
    "count.negative",
    "count.too_large",
)


def _count_value(text: str) -> tuple[int, str | None, bool]:
    """(exact value, the error code or None, written with an exponent) of one distinct count as text."""
    try:
        number = Decimal(text) if "_" not in text else None
    except InvalidOperation:
        number = None
    if number is None:
        return 0, "count.not_number", False
    if not number.is_finite():
        return 0, "count.not_finite", False
    exponent = "e" in text.lower()
    if number != number.to_integral_value():
        return 0, "count.fraction", exponent
    if number < 0:
        return 0, "count.negative", exponent
    if number > MAX_COUNT:
        return 0, "count.too_large", exponent
    return int(number), None, exponent


def check_counts(raw: pd.Series, file: str, column: str = s.COUNT) -> tuple[pd.Series, list[Problem]]:
    """Convert counts to exact integers from 0 to `MAX_COUNT`, reporting blanks, text, inf/NaN, fractions,
    negatives and counts too large as errors (with the first row), and exponent notation as a warning."""
    cat = raw.astype("category")
    parsed = [_count_value(str(c).strip()) for c in cat.cat.categories]
    codes = cat.cat.codes.to_numpy()
    values = np.array([v for v, _, _ in parsed] + [0], dtype=np.int64)
    errors = np.array([e or "" for _, e, _ in parsed] + ["count.blank"], dtype=object)
    exponents = np.array([x for _, _, x in parsed] + [False])
    row_errors = errors[codes]  # code -1 (blank) picks the last entry
    frame = raw.to_frame(column)  # for examples only; no conversion of the values
    masks = [(code, row_errors == code) for code in _COUNT_CHECKS]
    masks.append(("count.exponent", exponents[codes] & (row_errors == "")))
    problems = [
        problem(code, file, column=column, rows=int(mask.sum()), example=_example(frame, mask, column), **_fields(code))
        for code, mask in masks
        if mask.any()
    ]
    return pd.Series(values[codes], index=raw.index, name=column), problems


def _fields(code: str) -> dict:
    return {"limit": MAX_COUNT} if code == "count.too_large" else {}


def check_geography(
    frame: pd.DataFrame, file: str, official: dict[str, tuple[str, ...]] | None = None
) -> list[Problem]:
    """Warn about geography codes the lookups do not know (kept, shown by their code), but for the `official`
    ones of the file's kind ("UNMAPPED" in PCN files)."""
    problems = []
    for column, unknown in geography.unknown_codes(frame).items():
        codes = [code for code in unknown if code not in (official or {}).get(column, ())]
        if not codes:
            continue
        mask = frame[column].isin(codes).to_numpy()
        problems.append(
            problem(
                "geography.unknown_code",
                file,
                column=column,
                rows=int(mask.sum()),
                example=_example(frame, mask, column),
                codes=", ".join(codes[:8]) + (" and more" if len(codes) > 8 else ""),
            )
        )
    return problems


def _date_column(frame: pd.DataFrame) -> str | None:
    """The dates a table has: days (daily tables) or months, or None."""
    column = s.DATE if s.DATE in frame else s.MONTH
    return column if column in frame else None


def _dated_rows(code: str, file: str, column: str, mask: np.ndarray, **fields) -> list[Problem]:
    """One warning of kind `code` about the rows `mask` flags, with the first one's line."""
    example = f"line {int(np.flatnonzero(mask)[0]) + 2}"
    return [problem(code, file, column=column, rows=int(mask.sum()), example=example, **fields)]


def check_future(frame: pd.DataFrame, file: str, today: pd.Timestamp) -> list[Problem]:
    """Warn about days after today (daily tables) or months after this month (monthly tables)."""
    column = _date_column(frame)
    if column is None:
        return []
    daily = column == s.DATE
    limit = today.normalize() if daily else today.to_period("M").to_timestamp()
    mask = (frame[column] > limit).to_numpy()
    if not mask.any():
        return []
    return _dated_rows(
        "date.future",
        file,
        column,
        mask,
        allowed="days up to today" if daily else "months up to this one",
        limit=f"{limit:%d %b %Y}" if daily else f"{limit:%b %Y}",
        latest=f"{frame[column].max():%d %b %Y}",
    )


EARLIEST = pd.Timestamp("2000-01-01")  # GP appointment data starts in the late 2010s; 1900 is Excel's day zero


def check_too_old(frame: pd.DataFrame, file: str) -> list[Problem]:
    """Warn about dates before 2000 (a blank Excel date often reads as 1900); the rows are kept."""
    column = _date_column(frame)
    if column is None:
        return []
    mask = (frame[column] < EARLIEST).to_numpy()
    if not mask.any():
        return []  # (and no earliest date to format: the column may hold only blanks)
    earliest = frame[column].min()
    shown = f"{earliest:%d %b %Y}" if column == s.DATE else f"{earliest:%b %Y}"
    return _dated_rows("date.too_old", file, column, mask, limit=f"{EARLIEST:%b %Y}", earliest=shown)


def check_blanks(series: pd.Series, file: str, column: str, label: str) -> list[Problem]:
    """Warn about blank cells in a vocabulary column, which are counted as `label`."""
    mask = series.isna().to_numpy()
    if not mask.any():
        return []
    example = _example(series.to_frame(column), mask, column)
    return [problem("vocabulary.blank", file, column=column, rows=int(mask.sum()), example=example, counted_as=label)]


def check_month_coverage(months: pd.Series, file: str) -> list[Problem]:
    """Warn about gaps: months between the first and last that have no rows."""
    present = pd.DatetimeIndex(months.dropna().unique()).sort_values()
    if present.empty:
        return []
    problems = []
    full = pd.date_range(present[0], present[-1], freq="MS")
    missing = full.difference(present)
    if len(missing):
        problems.append(
            problem(
                "months.gap",
                file,
                column=s.MONTH,
                first=f"{present[0]:%b %Y}",
                last=f"{present[-1]:%b %Y}",
                missing=", ".join(f"{m:%b %Y}" for m in missing[:12]),
            )
        )
    return problems
