"""Raw frames -> canonical tables: each file recognised by its columns (``recognise``), normalised and
validated (``normalise``), the files of one table combined (``combine``), every problem in plain English.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import pandas as pd

from nhs_core import schema as s
from nhs_core.frames import release_memory
from nhs_core.load.combine import combine, monthly_from_daily
from nhs_core.load.normalise import normalise
from nhs_core.load.problems import ERROR, Problem, Report, collapse_repeats, problem
from nhs_core.load.progress import Progress, Tracker
from nhs_core.load.readers import Limits, RawFrame, Source, iter_source
from nhs_core.load.recognise import layout, map_headers, recognise, unrecognised, unsupported
from nhs_core.load.rules import check_month_coverage
from nhs_core.tables import TableKind, kind, table_label


@dataclass(frozen=True)
class FileSummary:
    """What one file (or sheet, or zip member) was recognised as."""

    file: str
    table: str | None
    rows: int
    appointments: int | None
    first_month: pd.Timestamp | None
    last_month: pd.Timestamp | None
    description: str


@dataclass
class Ingested:
    """The result of reading an upload: canonical tables, what each file was, and the report."""

    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    files: list[FileSummary] = field(default_factory=list)
    report: Report = field(default_factory=Report)


def ingest(
    sources: Iterable[Source],
    *,
    limits: Limits = Limits(),
    today: pd.Timestamp | None = None,
    progress: Progress | None = None,
) -> Ingested:
    """Read, recognise, normalise and validate every source; later sources win for the months they cover.

    Never raises for bad input: problems go in the report and the affected file is left out.
    """
    today = today if today is not None else pd.Timestamp.today()
    sources = list(sources)
    result = Ingested()
    parts: list[tuple[str, str, pd.DataFrame]] = []
    tracker = Tracker(progress, sources)
    for i, source in enumerate(sources):
        tracker.start(i, source)
        _read_one(source, limits, today, tracker, result, parts)
        tracker.end()
    tracker.finish("Combining the files and checking them together")
    result.tables, notes = combine(parts)
    result.report.extend(notes)
    if s.DAILY in result.tables and s.APPOINTMENTS not in result.tables:
        release_memory()  # the per-file frames just freed stay in the heap otherwise
        result.tables[s.APPOINTMENTS] = monthly_from_daily(result.tables[s.DAILY])
        result.report.add(problem("combine.monthly_from_daily", table_label(s.DAILY)))
    result.report.problems = collapse_repeats(result.report.problems)
    release_memory()
    for table, frame in result.tables.items():
        if s.MONTH in frame:
            result.report.extend(check_month_coverage(frame[s.MONTH], table_label(table)))
    return result


def _read_one(
    source: Source,
    limits: Limits,
    today: pd.Timestamp,
    tracker: Tracker,
    result: Ingested,
    parts: list[tuple[str, str, pd.DataFrame]],
) -> None:
    """Read one source into `parts` (its canonical frames) and `result` (its report and file summaries)."""
    unrecognised_sheets: list[Problem] = []
    recognised_sheet = False
    for raw, problems in iter_source(source, limits, headers_ok=_recognisable, on_read=tracker.reading):
        result.report.extend(problems)
        if raw is None:
            continue
        label = raw.file + (f" (sheet {raw.sheet})" if raw.sheet else "")
        table, frame, problems = _guarded_canonical(raw, label, today)
        tracker.read(raw.file)
        if raw.sheet and table is None:
            unrecognised_sheets += problems  # an error only if no sheet of the workbook is a table
            continue
        recognised_sheet |= bool(raw.sheet)
        result.report.extend(problems)
        if frame is not None and not any(p.level == ERROR for p in problems):
            parts.append((table, label, frame))
            result.files.append(summarise(label, table, frame, raw.headers))
        elif table is not None and not kind(table).supported:
            result.files.append(_unsupported_summary(label, kind(table), raw))
    result.report.extend([_skipped_sheet(p) for p in unrecognised_sheets] if recognised_sheet else unrecognised_sheets)


def ingest_paths(paths: Iterable, **kwargs) -> Ingested:
    """`ingest` for files and folders on disk (a folder contributes its CSV, XLSX and ZIP files)."""
    from pathlib import Path

    from nhs_core.load.readers import iter_data_files

    files = []
    for path in map(Path, paths):
        files.extend(iter_data_files(path) if path.is_dir() else [path])
    return ingest([Source.from_path(p) for p in files], **kwargs)


def _recognisable(headers: list[str]) -> bool:
    """True when a header line names the columns of a table kind, so the body is worth parsing."""
    mapping, _ = map_headers(headers)
    return recognise(set(mapping.values()))[0] is not None


def _guarded_canonical(raw: RawFrame, label: str, today: pd.Timestamp):
    """`canonical` with the file labelled by its sheet, and a last guard so one odd file never crashes an upload."""
    try:
        table, frame, problems = canonical(raw, today)
    except Exception as exc:  # a bug met by unusual input: report it, never show a traceback
        return None, None, [problem("internal.error", label, error=type(exc).__name__)]
    return table, frame, [replace(p, file=label) if p.file == raw.file else p for p in problems]


def _skipped_sheet(unrecognised: Problem) -> Problem:
    return problem("xlsx.sheet_skipped", unrecognised.file)


def canonical(raw: RawFrame, today: pd.Timestamp) -> tuple[str | None, pd.DataFrame | None, list[Problem]]:
    """Turn one raw frame into a canonical frame of the table its columns identify."""
    mapping, dupes = map_headers(raw.headers)
    problems = [problem("column.duplicate", raw.file, column=name, first=a, second=b) for name, a, b in dupes]
    found, closest, missing = recognise(set(mapping.values()), raw.file)
    if found is None:
        return None, None, problems + [unrecognised(raw, closest, missing, mapping)]
    if not found.supported:
        return found.name, None, [unsupported(raw, found)]
    if raw.frame.empty:
        return found.name, None, problems + [problem("table.no_rows", raw.file)]
    if problems:
        return found.name, None, problems
    frame = raw.frame.rename(columns=mapping)[list(mapping.values())]
    frame, more = normalise(frame, found, raw.file, today)
    return found.name, frame, more


def summarise(file: str, table: str, frame: pd.DataFrame, headers: list[str]) -> FileSummary:
    """Describe a recognised file in words, e.g. "Official regional file, NHS Lincolnshire ICB, Jun 2023 to ..."."""
    months = frame[s.MONTH].dropna() if s.MONTH in frame else pd.Series(dtype="datetime64[ns]")
    first, last = (months.min(), months.max()) if len(months) else (None, None)
    parts = [f"{layout(headers)} {kind(table).noun}"]
    if s.ICB_NAME in frame:
        official = dict(kind(table).extra_values).get(s.ICB, ())  # "UNMAPPED" in PCN files: not an ICB
        names = frame[s.ICB_NAME].dropna().unique()
        icbs = [name for name in names if name not in official]
        unmapped = " and some not mapped to an area" if len(icbs) < len(names) else ""
        parts.append((str(icbs[0]) if len(icbs) == 1 else f"{len(icbs)} ICBs") + unmapped)
    if first is not None:
        parts.append(f"{first:%b %Y} to {last:%b %Y}")
    parts.append(f"{len(frame):,} rows")
    total = int(frame[s.COUNT].sum()) if s.COUNT in frame else None
    return FileSummary(file, table, len(frame), total, first, last, ", ".join(parts))


def _unsupported_summary(file: str, found: TableKind, raw: RawFrame) -> FileSummary:
    """Describe a file of a kind this version recognises but does not import (its report says why)."""
    description = f"{layout(raw.headers)} {found.noun}, {len(raw.frame):,} rows"
    return FileSummary(file, found.name, len(raw.frame), None, None, None, description)
