"""Problems in plain English, each of a kind in the catalogue (``problem_kinds``): errors block an import,
warnings inform, notes explain.

`Problem` and `Report` are shared by every reader and by ingest; the rules that find problems in canonical
frames live in ``rules``. A problem stores its code and fields; its level and sentences come from the
catalogue, so the same kind always reads the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pandas as pd

from nhs_core.load.problem_kinds import CATALOGUE, ERROR, INFO, WARNING, ProblemKind

__all__ = ["ERROR", "INFO", "WARNING", "Problem", "Report", "collapse_repeats", "problem"]

_FRAME_COLUMNS = ["code", "level", "file", "message", "column", "expected", "found", "example", "rows", "hint"]


@dataclass(frozen=True)
class Problem:
    """One finding about one file: a kind from the catalogue, filled in with this file's details.

    Parameters
    ----------
    code
        The kind's stable code, e.g. ``"count.negative"``.
    file
        The file it was found in, as users know it (``"release.zip › Regional_CSV_X.csv"``).
    fields
        The values the kind's templates name (plain strings and numbers, so they print as JSON).
    column, rows, example
        The column, how many rows are affected, and one example ("line 3 has "-5""), where they apply.
    """

    code: str
    file: str
    fields: dict = field(default_factory=dict, hash=False)
    column: str | None = None
    rows: int | None = None
    example: str | None = None

    def __post_init__(self) -> None:
        if self.code not in CATALOGUE:
            raise ValueError(f"unknown problem code {self.code!r}: add it to nhs_core/load/problem_kinds.py")
        wanted = self.kind.placeholders
        if set(self.fields) != wanted:
            raise ValueError(f"{self.code} takes fields {sorted(wanted)}, was given {sorted(self.fields)}")

    @property
    def kind(self) -> ProblemKind:
        return CATALOGUE[self.code]

    @property
    def level(self) -> str:
        return self.kind.level

    @property
    def message(self) -> str:
        return self.kind.render("message", self.fields)

    @property
    def expected(self) -> str | None:
        return self.kind.render("expected", self.fields)

    @property
    def found(self) -> str | None:
        return self.kind.render("found", self.fields)

    @property
    def hint(self) -> str | None:
        return self.kind.render("hint", self.fields)

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

    def to_dict(self) -> dict:
        """The problem as plain values: its code, level, file, sentences, details and fields (for JSON)."""
        return {**{name: getattr(self, name) for name in _FRAME_COLUMNS}, "fields": dict(self.fields)}


def problem(
    code: str, file: str, *, column: str | None = None, rows: int | None = None, example: str | None = None, **fields
) -> Problem:
    """A problem of the catalogue's kind `code` found in `file`, its templates filled from `fields`.

    >>> problem("count.negative", "counts.csv", column="count_of_appointments", rows=1).text()
    'counts.csv: has negative counts. Column: count_of_appointments. Expected zero or more. Found negative \
numbers. Rows affected: 1.'
    """
    return Problem(code, file, fields, column=column, rows=rows, example=example)


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
    def codes(self) -> list[str]:
        """The code of every problem, in order (repeats kept)."""
        return [p.code for p in self.problems]

    @property
    def ok(self) -> bool:
        """True when nothing blocks the import."""
        return not self.errors

    def to_frame(self) -> pd.DataFrame:
        """One row per problem: code, level, file, message, column, expected, found, example, rows, hint."""
        return pd.DataFrame([p.to_dict() for p in self.problems], columns=_FRAME_COLUMNS)

    def to_dict(self) -> dict:
        """The counts by level and every problem as plain values (`Problem.to_dict`), for JSON."""
        return {
            "ok": self.ok,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "notes": len(self.notes),
            "problems": [p.to_dict() for p in self.problems],
        }

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
    return _fold_notes(out)


NOTES_SHOWN = 1  # notes of one kind about the members of one archive shown in full before the rest are counted
NAMES_SHOWN = 3  # and the members named in the line that counts them


def _fold_notes(problems: list[Problem]) -> list[Problem]:
    """Keep the first note of each kind per archive and count the files that had it in one line naming the first
    few, so 1,000 one-row files give two lines, not 999."""
    seen: dict[tuple[str, str], list[str]] = {}
    out = []
    for p in problems:
        archive, _, member = p.file.partition(" › ")
        if p.level != INFO or not member:
            out.append(p)
            continue
        files = seen.setdefault((archive, p.code), [])
        files.append(member)
        if len(files) <= NOTES_SHOWN:
            out.append(p)
    for (archive, code), files in seen.items():
        if len(files) > NOTES_SHOWN:
            names = ", ".join(files[:NAMES_SHOWN]) + (" and others" if len(files) > NAMES_SHOWN else "")
            out.append(problem("notes.more", archive, files=len(files), kind=code, names=names))
    return out
