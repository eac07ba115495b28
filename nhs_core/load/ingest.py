"""Raw frames -> canonical tables: recognise each table by its columns, map headers, parse dates,
normalise vocabularies, convert counts and join geography, reporting every problem in plain English.

Work is done on each column's distinct values (the readers give categoricals), so a 1-million-row
file costs little more than its vocabulary.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

import pandas as pd

from nhs_core import geography
from nhs_core import schema as s
from nhs_core.frames import fill_missing, recode, release_memory
from nhs_core.load.combine import combine, monthly_from_daily
from nhs_core.load.dates import DAY_FORMATS, MONTH_FORMATS, month_start, parse_dates
from nhs_core.load.problems import ERROR, Problem, Report, collapse_repeats, problem
from nhs_core.load.readers import Limits, RawFrame, Source, iter_source
from nhs_core.load.rules import (
    check_blanks,
    check_counts,
    check_future,
    check_geography,
    check_month_coverage,
    check_vocabulary,
    did_you_mean,
)

_FALLBACK_HEADERS = {"stp_code", "region_code"}  # used only when the primary column is absent
Progress = Callable[[float, str], None]
_FILE_NOUNS = {
    s.APPOINTMENTS: "regional (monthly appointments) file",
    s.DAILY: "daily sub-ICB appointments file",
    s.DURATIONS: "actual duration file",
    s.CATEGORIES: "national categories file",
    s.COVERAGE: "coverage file",
    s.TWEETS: "tweets file",
}


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
    for i, source in enumerate(sources):
        step = (lambda text, share=i / len(sources): progress(share, text)) if progress else None
        _read_one(source, limits, today, step, result, parts)
    if progress:
        progress(1.0, "Combining files")
    result.tables, notes = combine(parts)
    result.report.extend(notes)
    if s.DAILY in result.tables and s.APPOINTMENTS not in result.tables:
        release_memory()  # the per-file frames just freed stay in the heap otherwise
        result.tables[s.APPOINTMENTS] = monthly_from_daily(result.tables[s.DAILY])
        result.report.add(problem("combine.monthly_from_daily", s.TABLE_LABELS[s.DAILY]))
    result.report.problems = collapse_repeats(result.report.problems)
    release_memory()
    for table, frame in result.tables.items():
        if s.MONTH in frame:
            result.report.extend(check_month_coverage(frame[s.MONTH], s.TABLE_LABELS[table]))
    return result


def _read_one(
    source: Source,
    limits: Limits,
    today: pd.Timestamp,
    step: Callable[[str], None] | None,
    result: Ingested,
    parts: list[tuple[str, str, pd.DataFrame]],
) -> None:
    """Read one source into `parts` (its canonical frames) and `result` (its report and file summaries)."""
    if step:
        step(f"Reading {source.name}")
    unrecognised_sheets: list[Problem] = []
    recognised_sheet = False
    for raw, problems in iter_source(source, limits):
        result.report.extend(problems)
        if raw is None:
            continue
        if step:
            step(f"Reading {raw.file}")
        label = raw.file + (f" (sheet {raw.sheet})" if raw.sheet else "")
        table, frame, problems = _guarded_canonical(raw, label, today)
        if raw.sheet and table is None:
            unrecognised_sheets += problems  # an error only if no sheet of the workbook is a table
            continue
        recognised_sheet |= bool(raw.sheet)
        result.report.extend(problems)
        if frame is not None and not any(p.level == ERROR for p in problems):
            parts.append((table, label, frame))
            result.files.append(summarise(label, table, frame, raw.headers))
    result.report.extend([_skipped_sheet(p) for p in unrecognised_sheets] if recognised_sheet else unrecognised_sheets)


def ingest_paths(paths: Iterable, **kwargs) -> Ingested:
    """`ingest` for files and folders on disk (a folder contributes its CSV, XLSX and ZIP files)."""
    from pathlib import Path

    from nhs_core.load.readers import iter_data_files

    files = []
    for path in map(Path, paths):
        files.extend(iter_data_files(path) if path.is_dir() else [path])
    return ingest([Source.from_path(p) for p in files], **kwargs)


def _guarded_canonical(raw: RawFrame, label: str, today: pd.Timestamp):
    """`canonical` with the file labelled by its sheet, and a last guard so one odd file never crashes an upload."""
    try:
        table, frame, problems = canonical(raw, today)
    except Exception as exc:  # a bug met by unusual input: report it, never show a traceback
        return None, None, [problem("internal.error", label, error=type(exc).__name__)]
    return table, frame, [replace(p, file=label) if p.file == raw.file else p for p in problems]


def _skipped_sheet(unrecognised: Problem) -> Problem:
    return problem("xlsx.sheet_skipped", unrecognised.file)


def map_headers(headers: list[str]) -> tuple[dict[int, str], list[tuple[str, str, str]]]:
    """Map header positions to canonical names; report columns that two headers both claim."""
    keys = [s.header_key(h) for h in headers]
    primary = {s.HEADER_ALIASES[k] for k in keys if k in s.HEADER_ALIASES and k not in _FALLBACK_HEADERS}
    mapping: dict[int, str] = {}
    seen: dict[str, int] = {}
    dupes = []
    for pos, key in enumerate(keys):
        name = s.HEADER_ALIASES.get(key)
        if name is None or (key in _FALLBACK_HEADERS and name in primary):
            continue
        if name in seen:
            dupes.append((name, headers[seen[name]], headers[pos]))
            continue
        seen[name] = pos
        mapping[pos] = name
    return mapping, dupes


def recognise(present: set[str]) -> tuple[str | None, str | None, list[str]]:
    """Return (table, None, []) when the columns identify a table, else (None, closest table, missing)."""
    has_geo = bool(present & {s.ICB, s.SUB_ICB, s.SUB_ICB_NAME})
    scored = []
    for table in s.REQUIRED:
        missing = [c for c in s.REQUIRED[table] if c not in present]
        if table in s.NEEDS_GEOGRAPHY and not has_geo:
            missing.append(f"{s.ICB} or {s.SUB_ICB}")
        if not missing:
            return table, None, []
        found = len(s.REQUIRED[table]) - len(missing)
        scored.append((found / len(s.REQUIRED[table]), table, missing))
    _, closest, missing = max(scored, key=lambda t: t[0])
    return None, closest, missing


def canonical(raw: RawFrame, today: pd.Timestamp) -> tuple[str | None, pd.DataFrame | None, list[Problem]]:
    """Turn one raw frame into a canonical frame of the table its columns identify."""
    mapping, dupes = map_headers(raw.headers)
    problems = [problem("column.duplicate", raw.file, column=name, first=a, second=b) for name, a, b in dupes]
    table, closest, missing = recognise(set(mapping.values()))
    if table is None:
        return None, None, problems + [_unrecognised(raw, closest, missing, mapping)]
    if raw.frame.empty:
        return table, None, problems + [problem("table.no_rows", raw.file)]
    if problems:
        return table, None, problems
    frame = raw.frame.rename(columns=mapping)[list(mapping.values())]
    frame, more = _normalise(frame, table, raw.file, today)
    return table, frame, more


def _unrecognised(raw: RawFrame, closest: str, missing: list[str], mapping: dict[int, str]) -> Problem:
    unused = [h for pos, h in enumerate(raw.headers) if pos not in mapping]
    hints = [h for h in (did_you_mean(m, unused) for m in missing) if h]
    tables = ", ".join(s.TABLE_LABELS[t].lower() for t in s.REQUIRED)
    return problem(
        "table.unrecognised",
        raw.file,
        tables=tables,
        closest=s.TABLE_LABELS[closest].lower(),
        missing=", ".join(missing),
        headers=", ".join(f'"{h}"' for h in raw.headers[:12]) + ("…" if len(raw.headers) > 12 else ""),
        suggestions=" ".join(hints) or None,
    )


def _normalise(frame: pd.DataFrame, table: str, file: str, today: pd.Timestamp) -> tuple[pd.DataFrame, list[Problem]]:
    problems: list[Problem] = []
    out = pd.DataFrame(index=frame.index)
    for column in frame.columns:
        values = frame[column]
        if column in s.VOCABULARIES:
            out[column], raw_to_label = _vocabulary(values, column)
            problems += check_vocabulary(values.to_frame(column), file, column, raw_to_label)
            problems += check_blanks(out[column], file, column, s.BLANK_MEANS[column])
            out[column] = fill_missing(out[column], s.BLANK_MEANS[column])
        elif column in (s.MONTH, s.DATE):
            if column == s.MONTH and s.DATE in frame:
                continue  # derived from the day, below
            parsed, more = parse_dates(values, file, column, MONTH_FORMATS if column == s.MONTH else DAY_FORMATS)
            out[column] = month_start(parsed) if column == s.MONTH else parsed
            problems += more
        elif column in s.COUNT_COLUMNS.get(table, s.DEFAULT_COUNT_COLUMNS):
            out[column], more = check_counts(values, file, column)
            problems += more
        else:
            out[column] = _text(values, table)
    if s.DATE in out:
        out[s.MONTH] = month_start(out[s.DATE])
    problems += check_future(out, file, today)
    if table == s.TWEETS:
        return out, problems
    out = geography.complete(out)
    problems += check_geography(out, file)
    return out[[c for c in s.COLUMNS[table] if c in out]], problems


def _text(values: pd.Series, table: str) -> pd.Series:
    """Text columns: categorical with surrounding spaces trimmed (tweets keep plain strings)."""
    if table == s.TWEETS:
        return values.astype(object).where(values.notna(), "").astype(str)
    return recode(values, lambda c: str(c).strip() or None)


def _vocabulary(values: pd.Series, column: str) -> tuple[pd.Series, dict[str, str | None]]:
    """Map each distinct raw value to its canonical label (unknown values kept as spelled, trimmed)."""
    cat = values.astype("category")
    raw_to_label = {str(v): s.canonical_value(column, str(v)) for v in cat.cat.categories}
    labels = {raw: label or " ".join(raw.split()) for raw, label in raw_to_label.items()}
    order = s.ordered_categories(column, list(labels.values()))
    return recode(cat, lambda v: labels[str(v)], order=order), raw_to_label


def summarise(file: str, table: str, frame: pd.DataFrame, headers: list[str]) -> FileSummary:
    """Describe a recognised file in words, e.g. "Official regional file, NHS Lincolnshire ICB, Jun 2023 to ..."."""
    layout = _layout(headers)
    noun = _FILE_NOUNS[table]
    months = frame[s.MONTH].dropna() if s.MONTH in frame else pd.Series(dtype="datetime64[ns]")
    first, last = (months.min(), months.max()) if len(months) else (None, None)
    parts = [f"{layout} {noun}"]
    if s.ICB_NAME in frame:
        icbs = frame[s.ICB_NAME].dropna().unique()
        parts.append(str(icbs[0]) if len(icbs) == 1 else f"{len(icbs)} ICBs")
    if first is not None:
        parts.append(f"{first:%b %Y} to {last:%b %Y}")
    parts.append(f"{len(frame):,} rows")
    total = int(frame[s.COUNT].sum()) if s.COUNT in frame else None
    return FileSummary(file, table, len(frame), total, first, last, ", ".join(parts))


def _layout(headers: list[str]) -> str:
    keys = {s.header_key(h) for h in headers}
    if "ccg_code" in keys or "ccg_ons_code" in keys:
        return "Older (CCG-era)"
    if any(h.strip("\ufeff").isupper() for h in headers if h.strip()):
        return "Official"
    return "LSE"
