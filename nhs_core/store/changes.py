"""What an upload changes: the replacement rule, where each table came from, and the preview.

The rule (the Data page and the README say it in these words):

- each table in the upload **replaces the current table of that kind whole**, so the data shown is exactly
  what was uploaded (an official release restates its whole 30-month window);
- tables not in the upload **keep their current data**;
- with ``keep_months``, the upload instead replaces only the months and ICBs it covers and the rest of
  the current table is kept (the later-file-wins rule of `combine`), to build a longer history from
  several releases. A table that is still the bundled synthetic sample is always replaced whole, so
  real and synthetic figures are never mixed; a table without a combine key (tweets) is always replaced whole.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from nhs_core import definitions as d
from nhs_core import schema as s
from nhs_core.analysis import metrics
from nhs_core.load.combine import combine
from nhs_core.load.ingest import Ingested
from nhs_core.tables import kind, table_label, table_names

SOURCE_SAMPLE = "sample"
SOURCE_UPLOAD = "upload"
REPLACED = "replaced"
MERGED = "merged"
KEPT = "kept"
ACTION_TEXT = {
    REPLACED: "Replaced whole by the upload",
    MERGED: "Upload replaces the months and ICBs it covers; other months kept",
    KEPT: "Not in the upload: kept as it is",
}
# Month-by-month comparison labels.
NEW_MONTH = "new month"
CHANGED_MONTH = "changed"
GONE_MONTH = "would disappear"
SAME_MONTH = "unchanged"


def is_synthetic(entry: dict) -> bool:
    """Whether a manifest entry's table is the synthetic sample: from the bundled folder, unless that folder
    holds real files (`NHS_EXPLORER_SAMPLE_DIR` pointed at a real extract; entries written before the flag
    existed count as synthetic, as the bundled sample always was)."""
    return entry.get("source") == SOURCE_SAMPLE and bool(entry.get("synthetic", True))


def synthetic_tables(manifest: dict) -> tuple[str, ...]:
    """The tables of a manifest that are still the synthetic sample."""
    return tuple(t for t, e in manifest.get("tables", {}).items() if is_synthetic(e))


def stats(frame: pd.DataFrame) -> dict:
    """Rows, appointments and first/last month (``YYYY-MM``) of one table, as plain JSON values."""
    return metrics.table_overview({"table": frame})["table"]


def provenance(upload: Ingested, source: str, when: str | None, by: str | None) -> dict[str, dict]:
    """For each table of an upload: where it came from (source, files, when, by) and its data-quality notes."""
    out = {}
    for table in [t for t in table_names() if t in upload.tables]:
        labels = [f.file for f in upload.files if f.table == table]
        notes = [p.text() for p in upload.report.warnings + upload.report.notes if _belongs(p.file, labels, table)]
        out[table] = {
            "source": source,
            "files": labels,
            "loaded": when,
            "by": by,
            "notes": notes,
            **stats(upload.tables[table]),
        }
    return out


def _belongs(problem_file: str, labels: list[str], table: str) -> bool:
    return problem_file == table_label(table) or any(
        label == problem_file or label.startswith(f"{problem_file} ›") or problem_file.startswith(f"{label} ")
        for label in labels
    )


def merge(
    current: dict[str, pd.DataFrame],
    sample_tables: set[str],
    upload: dict[str, pd.DataFrame],
    keep_months: bool = False,
) -> tuple[dict[str, pd.DataFrame], dict[str, str]]:
    """The tables after the upload, and what happened to each (replaced, merged or kept)."""
    tables = {}
    actions = {}
    for table in [t for t in table_names() if t in current or t in upload]:
        if table not in upload:
            actions[table] = KEPT
            tables[table] = current[table]
        elif keep_months and table in current and table not in sample_tables and kind(table).combine_key:
            actions[table] = MERGED
            combined, _ = combine([(table, "current", current[table]), (table, "upload", upload[table])])
            tables[table] = combined[table]
        else:
            actions[table] = REPLACED
            tables[table] = upload[table]
    return tables, actions


def apply(
    current: dict[str, pd.DataFrame],
    manifest: dict,
    upload: Ingested,
    files: list[dict],
    *,
    keep_months: bool,
    when: str,
    by: str | None,
) -> tuple[dict[str, pd.DataFrame], dict[str, dict]]:
    """The tables of the new version and each table's manifest entry (provenance kept or renewed)."""
    before = manifest.get("tables", {})
    samples = {t for t, e in before.items() if e.get("source") == SOURCE_SAMPLE}
    tables, actions = merge(current, samples, upload.tables, keep_months)
    fresh = provenance(upload, SOURCE_UPLOAD, when, by)
    entries = {}
    for table, action in actions.items():
        old = before.get(table, {})
        if action == KEPT:
            entry = dict(old)
        elif action == MERGED:
            entry = {
                **fresh[table],
                "files": old.get("files", []) + fresh[table]["files"],
                "notes": old.get("notes", []) + fresh[table]["notes"],
            }
        else:
            entry = dict(fresh[table])
        entries[table] = {**entry, "change": action, **stats(tables[table])}
    return tables, entries


@dataclass(frozen=True)
class Preview:
    """What replacing would do, as small frames ready to show."""

    tables: dict[str, pd.DataFrame]
    summary: pd.DataFrame
    months: pd.DataFrame
    headline: pd.DataFrame


def preview(
    current: dict[str, pd.DataFrame], manifest: dict, upload: dict[str, pd.DataFrame], keep_months: bool = False
) -> Preview:
    """Per table: what happens, period, rows and appointments now and after; changed months; headline figures."""
    samples = {t for t, e in manifest.get("tables", {}).items() if e.get("source") == SOURCE_SAMPLE}
    tables, actions = merge(current, samples, upload, keep_months)
    rows = []
    months = []
    for table, action in actions.items():
        comparison = month_comparison(current.get(table), tables[table], table)
        months.append(comparison[comparison["Change"] != SAME_MONTH])
        rows.append(_summary_row(table, action, current.get(table), tables[table], comparison))
    month_frame = pd.concat(months, ignore_index=True) if months else month_comparison(None, pd.DataFrame(), "")
    before = headline(current)
    after = headline(tables)
    names = list(after) or list(before)
    figures = pd.DataFrame(
        {
            "Figure": names,
            "Now": [before.get(k, "–") for k in names],
            "After replacing": [after.get(k, "–") for k in names],
        }
    )
    counts = ("Rows now", "Rows after", "Appointments now", "Appointments after")
    return Preview(tables, pd.DataFrame(rows).astype(dict.fromkeys(counts, "Int64")), month_frame, figures)


def _summary_row(
    table: str, action: str, old: pd.DataFrame | None, new: pd.DataFrame, comparison: pd.DataFrame
) -> dict:
    before = stats(old) if old is not None else {}
    after = stats(new)
    counts = comparison["Change"].value_counts()
    return {
        "Table": table_label(table),
        "What happens": ACTION_TEXT[action],
        "Period now": period_text(before),
        "Period after": period_text(after),
        "Rows now": before.get("rows"),
        "Rows after": after["rows"],
        "Appointments now": before.get("appointments"),
        "Appointments after": after.get("appointments"),
        "New months": int(counts.get(NEW_MONTH, 0)),
        "Changed months": int(counts.get(CHANGED_MONTH, 0)),
        "Months that would disappear": int(counts.get(GONE_MONTH, 0)),
    }


def summary_view(summary: pd.DataFrame) -> pd.DataFrame:
    """The preview summary for reading: one column per table, one row per question, "now → after" cells."""
    view = {}
    for row in summary.to_dict("records"):
        months = (
            ", ".join(
                f"{row[k]} {word}"
                for k, word in (
                    ("New months", "new"),
                    ("Changed months", "changed"),
                    ("Months that would disappear", "would disappear"),
                )
                if row[k]
            )
            or "no month changes"
        )
        view[row["Table"]] = {
            "What happens": row["What happens"],
            "Period": _arrow(row["Period now"], row["Period after"]),
            "Appointments": _arrow(_number(row["Appointments now"]), _number(row["Appointments after"])),
            "Rows in the files": _arrow(_number(row["Rows now"]), _number(row["Rows after"])),
            "Months": months if row["Period after"] != "–" else "–",
        }
    return pd.DataFrame(view).rename_axis("").reset_index()


def _arrow(now: str, after: str) -> str:
    return now if now == after else f"{now} → {after}"


def _number(value) -> str:
    return "–" if value is None or pd.isna(value) else f"{int(value):,}"


def period_text(info: dict) -> str:
    """'Jun 2023 to Nov 2025' from a `stats` dict ('–' when the table has no months)."""
    if "first_month" not in info:
        return "–"
    first, last = (pd.Timestamp(info[k]) for k in ("first_month", "last_month"))
    return f"{first:%b %Y} to {last:%b %Y}"


def month_comparison(old: pd.DataFrame | None, new: pd.DataFrame, table: str) -> pd.DataFrame:
    """Appointments per month now and after, and whether each month is new, changed, unchanged or gone."""
    columns = ["Table", "Month", "Appointments now", "Appointments after", "Change"]
    if s.MONTH not in new or s.COUNT not in new:
        return pd.DataFrame(columns=columns)
    now = _monthly(old).rename("Appointments now")
    after = _monthly(new).rename("Appointments after")
    both = pd.concat([now, after], axis=1).sort_index()
    change = pd.Series(CHANGED_MONTH, index=both.index)
    change[both["Appointments now"].isna()] = NEW_MONTH
    change[both["Appointments after"].isna()] = GONE_MONTH
    change[both["Appointments now"] == both["Appointments after"]] = SAME_MONTH
    out = both.astype("Int64").assign(Change=change, Table=table_label(table))
    out["Month"] = [f"{m:%b %Y}" for m in both.index]
    return out.reset_index(drop=True)[columns]


def _monthly(frame: pd.DataFrame | None) -> pd.Series:
    if frame is None or s.MONTH not in frame or s.COUNT not in frame:
        return pd.Series(dtype="int64")
    return metrics.monthly_totals(frame).set_index(s.MONTH)[s.COUNT]


_PER_DAY = d.PER_DAY
_AVERAGE = f"Average per {_PER_DAY.basis.noun}"
_BUSIEST = f"That month, per {_PER_DAY.basis.noun}"
# The home page's headline figures: label -> help text, from the measures' records.
HEADLINE_HELP = {
    "Total appointments": f"{d.APPOINTMENTS.help} over every row of the monthly appointments table.",
    _AVERAGE: f"All appointments / all {_PER_DAY.basis.text} in the period.",
    "Busiest month": f"Highest appointments per {_PER_DAY.basis.noun} ({_PER_DAY.equation} in the month).",
    _BUSIEST: f"That month's total / its {_PER_DAY.basis.text}.",
    **{
        d.STATUS_SHARE.label.format(status=status): d.STATUS_SHARE.help_for(status=status)
        for status in s.VOCABULARIES[s.STATUS]
    },
    d.DNA_RATE.label: d.DNA_RATE.help,
}


def headline(tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    """The home page's headline figures of these tables, as display text (empty without appointments).

    Counts are written in full (every digit), so that the Data page's preview shows even a small change.
    """
    frame = tables.get(s.APPOINTMENTS)
    if frame is None or frame.empty:
        return {}
    monthly = metrics.monthly_totals(frame)
    busiest = metrics.busiest_month(frame)
    status = metrics.status_totals(frame).set_index(s.STATUS)["share"]
    out = {
        "Period": f"{monthly[s.MONTH].min():%B %Y} to {monthly[s.MONTH].max():%B %Y}",
        "Total appointments": d.APPOINTMENTS.fmt.exact(int(monthly[s.COUNT].sum())),
        _AVERAGE: _PER_DAY.fmt.exact(metrics.average_per_day(frame)),
        "Busiest month": f"{busiest[s.MONTH]:%b %Y}",
        _BUSIEST: _PER_DAY.fmt.exact(busiest[s.PER_DAY]),
    }
    out |= {  # the DNA share is in the DNA rate's help (`headline_help`): one DNA figure, the rate
        d.STATUS_SHARE.label.format(status=label): d.STATUS_SHARE.show(status.get(label, 0.0))
        for label in s.VOCABULARIES[s.STATUS]
        if label != s.STATUS_DNA
    }
    out[d.DNA_RATE.label] = d.DNA_RATE.show(metrics.dna_rate(frame))
    return out


def headline_help(tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    """The headline figures' help texts; the DNA rate's also gives the DNA share (missed appointments out of all
    appointments, unknown status included), so the home page shows one DNA figure and keeps the other at hand."""
    helps = dict(HEADLINE_HELP)
    frame = tables.get(s.APPOINTMENTS)
    if frame is not None and not frame.empty:
        share = metrics.status_totals(frame).set_index(s.STATUS)["share"].get(s.STATUS_DNA, float("nan"))
        helps[d.DNA_RATE.label] += (
            f" The DNA share, missed appointments out of all appointments (unknown status included), is "
            f"{d.STATUS_SHARE.show(share)}."
        )
    return helps
