"""Raw frames -> canonical tables: each file recognised by its columns (``recognise``), normalised and
validated (``normalise``), the files of one table combined (``combine``), every problem in plain English.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals

from nhs_core import schema as s
from nhs_core.frames import release_memory
from nhs_core.load.combine import combine, monthly_from_daily
from nhs_core.load.normalise import normalise
from nhs_core.load.problems import ERROR, INFO, Problem, Report, collapse_repeats, problem
from nhs_core.load.progress import Progress, Tracker
from nhs_core.load.readers import Limits, RawFrame, Source, iter_source
from nhs_core.load.recognise import layout, map_headers, recognise, unrecognised, unsupported
from nhs_core.load.rules import check_month_coverage
from nhs_core.tables import KINDS, TableKind, kind, table_label


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
    parts.clear()  # each file's frames, now in the combined tables: not held beside them any longer
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
    for raw, problems in _batched(iter_source(source, limits, headers_ok=_recognisable, on_read=tracker.reading)):
        result.report.extend(problems)
        if raw is None:
            continue
        if isinstance(raw, _Batch):
            if _read_batch(raw, today, tracker, result, parts):
                continue
            for one in raw.raws:  # the batch had a problem: each file is checked alone, so the report names it
                _read_raw(one, today, tracker, result, parts)
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


def _read_raw(raw: RawFrame, today: pd.Timestamp, tracker: Tracker, result: Ingested, parts: list) -> None:
    """One CSV's frame (not a sheet) checked alone into `parts` and `result`."""
    table, frame, problems = _guarded_canonical(raw, raw.file, today)
    tracker.read(raw.file)
    result.report.extend(problems)
    if frame is not None and not any(p.level == ERROR for p in problems):
        parts.append((table, raw.file, frame))
        result.files.append(summarise(raw.file, table, frame, raw.headers))
    elif table is not None and not kind(table).supported:
        result.files.append(_unsupported_summary(raw.file, kind(table), raw))


@dataclass
class _Batch:
    """Small CSV members of one archive in a row with the same header, checked as one frame: the checks cost
    about 10 ms a frame whatever its size, so 1,000 one-row files took 14 s one at a time."""

    raws: list[RawFrame]


BATCH_ROWS = 50_000  # members up to this many rows are batched with their neighbours


def _batched(parts: Iterable[tuple[RawFrame | None, list[Problem]]]):
    """The parts, with each run of small same-header CSV members of one archive given as one `_Batch`."""
    run: list[RawFrame] = []

    def flush():
        if len(run) > 1:
            yield _Batch(list(run)), []
        elif run:
            yield run[0], []
        run.clear()

    for raw, problems in parts:
        if raw is None:  # a member's problems (said before its frame): a run goes on past them
            yield None, problems
            continue
        small = raw is not None and raw.sheet is None and " › " in raw.file and 0 < len(raw.frame) <= BATCH_ROWS
        small = small and not _known_by_name(raw.file)  # its name, not its columns, says its kind: never batched
        same = small and run and raw.headers == run[0].headers and _archive(raw.file) == _archive(run[0].file)
        if run and not same:
            yield from flush()
        if small:
            run.append(raw)
            yield None, problems
            continue
        yield raw, problems
    yield from flush()


def _known_by_name(label: str) -> bool:
    """Whether a kind is told apart by this file's name (`TableKind.file_names`: PCN_GRANULAR.csv has the
    regional file's columns), which a batch's joined label would lose."""
    return any(record.file_names and record.named_in(label) for record in KINDS)


def _archive(label: str) -> str:
    return label.rpartition(" › ")[0]


def _read_batch(batch: _Batch, today: pd.Timestamp, tracker: Tracker, result: Ingested, parts: list) -> bool:
    """Check a batch as one frame and split it back into its files; False (nothing added) when the checks find
    anything but notes, so that each file is then checked alone and the report names the file."""
    raws = batch.raws
    first = raws[0]
    label = f"{_archive(first.file)} ({len(raws)} files)"
    cells = pd.DataFrame({c: union_categoricals([r.frame[c] for r in raws]) for c in first.frame.columns}, copy=False)
    joined = RawFrame(label, first.headers, cells, encoding=first.encoding)
    table, frame, problems = _guarded_canonical(joined, label, today)
    starts = np.concatenate(([0], np.cumsum([len(r.frame) for r in raws])))
    if frame is None or len(frame) != starts[-1] or any(p.level != INFO for p in problems):
        return False
    result.report.extend(problems)
    for i, raw in enumerate(raws):
        piece = frame.iloc[starts[i] : starts[i + 1]]
        tracker.read(raw.file)
        parts.append((table, raw.file, piece))
        result.files.append(summarise(raw.file, table, piece, raw.headers))
    return True


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
