"""Describing uploads and versions for people: per-file reports, what is loaded, history, limits.

Shared by the Data page and the command line, so both say the same things in the same words.
"""

from __future__ import annotations

import hashlib
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from nhs_core import schema as s
from nhs_core.load.ingest import Ingested
from nhs_core.load.problems import Problem
from nhs_core.load.readers import Limits, Source
from nhs_core.store.changes import ACTION_TEXT, KEPT, SOURCE_SAMPLE, Preview, is_synthetic, period_text
from nhs_core.store.events import RESTORED
from nhs_core.store.versions import SAMPLE
from nhs_core.tables import kind, table_label, table_words

_SEP = " › "  # how readers label a member of a zip: "release.zip › Regional_CSV_X.csv"
ALL_FILES = "All files together"


def file_record(source: Source) -> dict:
    """Name, size and SHA-256 checksum of an uploaded file, for the manifest (paths read in chunks)."""
    digest = hashlib.sha256()
    size = 0
    if isinstance(source.data, Path):
        with open(source.data, "rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
                size += len(chunk)
    else:
        digest.update(source.data)
        size = len(source.data)
    return {"name": source.name, "bytes": size, "sha256": digest.hexdigest()}


RECOGNISED_SHOWN = 10  # what one uploaded file's members were recognised as, listed before the rest are counted


@dataclass
class FileReport:
    """What one uploaded file was recognised as, and the problems found in it."""

    name: str
    recognised: list[str] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)


def file_reports(upload: Ingested, names: list[str]) -> list[FileReport]:
    """One report per uploaded file (zip members under their zip), then one for problems across files."""
    reports = {name: FileReport(name) for name in names}
    across = FileReport(ALL_FILES)

    def owner(label: str) -> FileReport:
        return next(
            (reports[n] for n in names if label == n or label.startswith(n + _SEP) or label.startswith(n + " (sheet")),
            across,
        )

    for summary in upload.files:
        owner(summary.file).recognised.append(summary.description)
    for problem in upload.report.problems:
        report = owner(problem.file)
        {"error": report.errors, "warning": report.warnings}.get(problem.level, report.notes).append(problem)
    for report in reports.values():  # a zip of 1,000 small files lists the first few, then counts the rest
        if len(report.recognised) > RECOGNISED_SHOWN:
            rest = len(report.recognised) - RECOGNISED_SHOWN
            report.recognised[RECOGNISED_SHOWN:] = [f"and {rest:,} more files like these"]
    return list(reports.values()) + ([across] if across.errors or across.warnings or across.notes else [])


def reports_text(reports: list[FileReport]) -> str:
    """The per-file reports as plain text (the command line's output)."""
    lines = []
    for report in reports:
        lines.append(f"{report.name}:")
        lines += [f"  recognised as: {what}" for what in report.recognised]
        if not report.recognised and report.name != ALL_FILES:
            lines.append("  not recognised as any table")
        for label, problems in (("ERROR", report.errors), ("WARNING", report.warnings), ("NOTE", report.notes)):
            lines += [f"  {label}: {p.text()}" for p in problems]
    return "\n".join(lines)


def when_text(iso: str | None) -> str:
    """An ISO time as UK clock time, e.g. '21 Nov 2025 14:02' ('–' when unknown)."""
    if not iso:
        return "–"
    stamp = pd.Timestamp(iso)
    try:
        return f"{stamp.tz_convert(zoneinfo.ZoneInfo('Europe/London')):%d %b %Y %H:%M} UK time"
    except zoneinfo.ZoneInfoNotFoundError:
        return f"{stamp:%d %b %Y %H:%M} UTC"


def files_text(labels: list[str], limit: int = 4) -> str:
    """File names, a zip's members counted under the zip: 'release.zip (42 files), extra.csv'."""
    counts: dict[str, int] = {}
    for label in labels:
        top = label.split(_SEP)[0]
        counts[top] = counts.get(top, 0) + 1
    names = [f"{name} ({n} files)" if n > 1 else name for name, n in counts.items()]
    return ", ".join(names[:limit]) + (f" and {len(names) - limit} more" if len(names) > limit else "")


def loaded_frame(manifest: dict) -> pd.DataFrame:
    """What is loaded now, one row per table: source, period, rows, appointments, when, by whom, files."""
    rows = []
    for table, entry in manifest.get("tables", {}).items():
        sample = entry.get("source") == SOURCE_SAMPLE
        source = ("Bundled sample (synthetic)" if is_synthetic(entry) else "Bundled files") if sample else "Uploaded"
        rows.append(
            {
                "Table": table_label(table),
                "Source": source,
                "Period": period_text(entry),
                "Appointments": _num(entry.get("appointments")),
                "Rows in the files": _num(entry.get("rows")),
                "Loaded": "with the app" if sample else when_text(entry.get("loaded")),
                "By": entry.get("by") or "–",
                "Files": files_text(entry.get("files", [])),
            }
        )
    return pd.DataFrame(rows)


def quality_notes(manifest: dict) -> dict[str, list[str]]:
    """The data-quality notes recorded for each loaded table, by table label (tables without notes left out)."""
    return {table_label(t): e["notes"] for t, e in manifest.get("tables", {}).items() if e.get("notes")}


def history_frame(history: list[dict]) -> pd.DataFrame:
    """Every version, newest first: id, whether active, when, period, rows, by whom and the files uploaded."""
    rows = []
    for entry in history:
        tables = entry.get("tables", {})
        main = _main_table(tables)
        rows.append(
            {
                "Version": entry["version"],
                "Active": _active_text(entry),
                "When": when_text(entry.get("created")),
                "Period": period_text(main),
                "Rows in the files": "; ".join(f"{table_label(t)} {_num(e.get('rows'))}" for t, e in tables.items())
                or entry.get("damaged", "–"),
                "By": entry.get("by") or "–",
                "Files uploaded": files_text([f["name"] for f in entry.get("files", [])]) or "–",
            }
        )
    return pd.DataFrame(
        rows, columns=["Version", "Active", "When", "Period", "Rows in the files", "By", "Files uploaded"]
    )


def _active_text(entry: dict) -> str:
    """'active', 'never used' for a version written whose switch failed, or ''."""
    if entry.get("active"):
        return "active"
    return "never used (written, but switching to it failed)" if entry.get("never_activated") else ""


def version_label(entry: dict) -> str:
    """A version as one line for a picker: 'v0003 · 21 Nov 2025 14:02 UK time · Jun 2023 to Nov 2025 (active)'."""
    parts = [entry["version"], when_text(entry.get("created")), period_text(_main_table(entry.get("tables", {})))]
    mark = " (active)" if entry.get("active") else " (never used)" if entry.get("never_activated") else ""
    return " · ".join(p for p in parts if p != "–") + mark


def limits_text(limits: Limits, max_upload_mb: int) -> str:
    """The upload limits in words (the server's per-file limit, then the archive limits)."""
    return (
        f"Each file can be up to {max_upload_mb:,} MB. A ZIP can hold up to {limits.max_members:,} files and "
        f"{limits.max_uncompressed_bytes / 1e9:,.1f} GB once unpacked; files compressed more than "
        f"{limits.max_ratio:,.0f} times are refused as possible ZIP bombs."
    )


def preview_text(preview: Preview) -> str:
    """The preview as plain text: one line per table, then the headline figures now and after."""
    lines = ["What replacing does:"]
    for row in preview.summary.to_dict("records"):
        if row["What happens"] == ACTION_TEXT[KEPT]:
            lines.append(
                f"  {row['Table']}: {row['What happens']} ({_period(row['Period now'])}{_num(row['Rows now'])} rows)."
            )
            continue
        months = (
            (
                f"; months: {row['New months']} new, {row['Changed months']} changed, "
                f"{row['Months that would disappear']} would disappear"
            )
            if row["Period after"] != "–"
            else ""
        )
        lines.append(
            f"  {row['Table']}: {row['What happens']}. Now {_period(row['Period now'])}"
            f"{_num(row['Rows now'])} rows; after {_period(row['Period after'])}{_num(row['Rows after'])} "
            f"rows{months}."
        )
    if len(preview.headline):
        lines.append("Headline figures (now -> after):")
        lines += [f"  {r['Figure']}: {r['Now']} -> {r['After replacing']}" for r in preview.headline.to_dict("records")]
    return "\n".join(lines)


def _main_table(tables: dict) -> dict:
    """The entry whose period describes a version: appointments by month, else the first table with months."""
    return tables.get(s.APPOINTMENTS) or next((e for e in tables.values() if "first_month" in e), {})


def _period(text: str) -> str:
    return "" if text == "–" else f"{text}, "


def _num(value) -> str:
    return "–" if value is None or pd.isna(value) else f"{int(value):,}"


def upload_summary(upload: Ingested) -> str:
    """An upload in one line: per table, its files, areas, period and rows, then its problems, e.g. "42 regional
    (monthly appointments) files: 42 ICBs, Jun 2023 to Nov 2025, 713,695 rows; no problems"."""
    parts = []
    for table, frame in upload.tables.items():
        n_files = sum(1 for f in upload.files if f.table == table)
        # a table no file holds was derived from the others (the monthly sums of daily files), not "0 ... files"
        plural = "" if n_files == 1 else "s"
        words = [f"{n_files} {kind(table).noun}{plural}" if n_files else f"{table_words(table)}, summed from them"]
        details = []
        if s.ICB in frame and (n_icbs := frame[s.ICB].nunique()):
            details.append(f"{n_icbs} ICB{'' if n_icbs == 1 else 's'}")
        if s.MONTH in frame and len(months := frame[s.MONTH].dropna()):
            first, last = months.min(), months.max()
            details.append(f"{first:%b %Y}" if first == last else f"{first:%b %Y} to {last:%b %Y}")
        details.append(f"{len(frame):,} rows")
        parts.append(f"{words[0]}: {', '.join(details)}")
    return "; ".join(parts or ["no table this app reads"]) + f"; {_problems_text(upload)}"


def _problems_text(upload: Ingested) -> str:
    counts = [(len(upload.report.errors), "error"), (len(upload.report.warnings), "warning")]
    said = [f"{n:,} {word}{'' if n == 1 else 's'}" for n, word in counts if n]
    return " and ".join(said) if said else "no problems"


def changes_frame(changes: list[dict]) -> pd.DataFrame:
    """Every replace and restore (`Store.changes()`), newest first: when, what happened, by whom."""
    rows = [
        {
            "When": when_text(change.get("when")),
            "What happened": _change_text(change),
            "By": change.get("by") or "not given",
        }
        for change in changes
    ]
    return pd.DataFrame(rows, columns=["When", "What happened", "By"])


def _change_text(change: dict) -> str:
    version = change["version"]
    if change["action"] == RESTORED:
        return "Restored the bundled sample" if version == SAMPLE else f"Restored version {version}"
    files = files_text(change.get("files") or [])
    return f"Replaced the data: version {version}" + (f" from {files}" if files else "")
