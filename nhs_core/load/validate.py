"""Problems in plain English: errors block an import, warnings inform.

`Problem` and `Report` are shared by readers and ingest; the rule functions here check canonical
frames (counts, dates, vocabularies, geography, month coverage). None of them raise for bad data.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from nhs_core import geography
from nhs_core import schema as s

ERROR, WARNING, INFO = "error", "warning", "info"


@dataclass(frozen=True)
class Problem:
    """One finding about one file, written for a non-technical reader."""

    level: str
    file: str
    message: str
    column: str | None = None
    expected: str | None = None
    found: str | None = None
    example: str | None = None
    rows: int | None = None
    hint: str | None = None

    def text(self) -> str:
        """The whole finding as one or two sentences."""
        parts = [f"{self.file}: {self.message}"]
        if self.column:
            parts.append(f"Column: {self.column}.")
        if self.expected:
            parts.append(f"Expected {self.expected}.")
        if self.found:
            parts.append(f"Found {self.found}.")
        if self.rows:
            parts.append(f"Rows affected: {self.rows:,}.")
        if self.example:
            parts.append(f"Example: {self.example}.")
        if self.hint:
            parts.append(self.hint)
        return " ".join(parts)


@dataclass
class Report:
    """All problems found in one upload, in the order they were found."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def extend(self, problems: list[Problem]) -> None:
        self.problems.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == WARNING]

    @property
    def notes(self) -> list[Problem]:
        return [p for p in self.problems if p.level == INFO]

    @property
    def ok(self) -> bool:
        """True when nothing blocks the import."""
        return not self.errors

    def to_frame(self) -> pd.DataFrame:
        cols = ["level", "file", "message", "column", "expected", "found", "example", "rows", "hint"]
        return pd.DataFrame([{c: getattr(p, c) for c in cols} for p in self.problems], columns=cols)

    def to_text(self) -> str:
        if not self.problems:
            return "No problems found."
        return "\n".join(f"{p.level.upper()}: {p.text()}" for p in self.problems)


def collapse_repeats(problems: list[Problem]) -> list[Problem]:
    """Merge problems that repeat word for word across the members of one archive into one line."""
    groups: dict[tuple, list[Problem]] = {}
    for p in problems:
        archive = p.file.split(" › ")[0] if " › " in p.file else p.file
        groups.setdefault((p.level, archive, p.message, p.column), []).append(p)
    out = []
    for (_, archive, _, _), group in groups.items():
        first = group[0]
        if len(group) == 1:
            out.append(first)
            continue
        rows = sum(p.rows or 0 for p in group) or None
        out.append(replace(first, file=f"{archive} ({len(group)} files)", rows=rows))
    return out


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
            Problem(
                WARNING,
                file,
                "has values that are not in the official list; they are kept as they are.",
                column=column,
                expected=", ".join(s.VOCABULARIES[column]),
                found=", ".join(f'"{v}"' for v in sorted(new)[:5]),
                rows=int(mask.sum()),
                example=_example(frame, mask, column),
            )
        )
    renamed = {raw: label for raw, label in raw_to_label.items() if label and raw != label}
    significant = {r: lbl for r, lbl in renamed.items() if s.match_key(r) != s.match_key(lbl)}
    if significant:
        pairs = "; ".join(f'"{r}" as "{lbl}"' for r, lbl in sorted(significant.items())[:5])
        problems.append(
            Problem(
                INFO, file, f"older or alternative spellings were read as the official ones: {pairs}.", column=column
            )
        )
    return problems


def check_counts(raw: pd.Series, file: str, column: str = s.COUNT) -> tuple[pd.Series, list[Problem]]:
    """Convert counts to integers, reporting blanks, text, fractions and negatives as errors."""
    cat = raw.astype("category")
    values = pd.to_numeric(pd.Series(cat.cat.categories.astype(str)), errors="coerce").to_numpy(dtype=float)
    codes = cat.cat.codes.to_numpy()
    numbers = np.append(values, np.nan)[codes]  # code -1 (blank) -> NaN
    problems = []
    frame = raw.to_frame(column)  # for examples only; no conversion of the values
    checks = (
        (np.isnan(numbers) & (codes == -1), "has blank counts.", "a whole number in every row", "blank cells"),
        (np.isnan(numbers) & (codes != -1), "has counts that are not numbers.", "whole numbers such as 120", "text"),
        (~np.isnan(numbers) & (numbers != np.floor(numbers)), "has fractional counts.", "whole numbers", "fractions"),
        (numbers < 0, "has negative counts.", "zero or more", "negative numbers"),
    )
    for mask, message, expected, found in checks:
        if mask.any():
            problems.append(
                Problem(
                    ERROR,
                    file,
                    message,
                    column=column,
                    expected=expected,
                    found=found,
                    rows=int(mask.sum()),
                    example=_example(frame, mask, column),
                )
            )
    clean = np.where(np.isnan(numbers), 0, numbers).astype(np.int64)
    return pd.Series(clean, index=raw.index, name=column), problems


def check_geography(frame: pd.DataFrame, file: str) -> list[Problem]:
    """Warn about geography codes the lookups do not know (kept, shown by their code)."""
    problems = []
    for column, codes in geography.unknown_codes(frame).items():
        mask = frame[column].isin(codes).to_numpy()
        problems.append(
            Problem(
                WARNING,
                file,
                "has area codes this app does not know (new areas appear, e.g. the April 2026 ICBs); "
                "they are kept and shown by their code.",
                column=column,
                found=", ".join(codes[:8]) + (" and more" if len(codes) > 8 else ""),
                rows=int(mask.sum()),
                example=_example(frame, mask, column),
            )
        )
    return problems


def check_future(frame: pd.DataFrame, file: str, today: pd.Timestamp) -> list[Problem]:
    """Warn about days after today (daily tables) or months after this month (monthly tables)."""
    column = s.DATE if s.DATE in frame else s.MONTH
    if column not in frame:
        return []
    limit = today.normalize() if column == s.DATE else today.to_period("M").to_timestamp()
    mask = (frame[column] > limit).to_numpy()
    if not mask.any():
        return []
    unit = "days up to today" if column == s.DATE else "months up to this one"
    return [
        Problem(
            WARNING,
            file,
            "has dates in the future; they are kept, but check the file.",
            column=column,
            expected=f"{unit} ({limit:%d %b %Y})" if column == s.DATE else f"{unit} ({limit:%b %Y})",
            found=f"dates up to {frame[column].max():%d %b %Y}",
            rows=int(mask.sum()),
            example=f"line {int(np.flatnonzero(mask)[0]) + 2}",
        )
    ]


def check_blanks(series: pd.Series, file: str, column: str, label: str) -> list[Problem]:
    """Warn about blank cells in a vocabulary column, which are counted as `label`."""
    mask = series.isna().to_numpy()
    if not mask.any():
        return []
    return [
        Problem(
            WARNING,
            file,
            f'has blank cells; they are counted as "{label}" so no appointment is lost.',
            column=column,
            rows=int(mask.sum()),
            example=_example(series.to_frame(column), mask, column),
        )
    ]


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
            Problem(
                WARNING,
                file,
                "has gaps: some months between the first and last have no rows.",
                column=s.MONTH,
                expected=f"every month from {present[0]:%b %Y} to {present[-1]:%b %Y}",
                found="no rows for " + ", ".join(f"{m:%b %Y}" for m in missing[:12]),
            )
        )
    return problems
