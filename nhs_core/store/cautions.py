"""What an upload's preview and the home page warn about before anyone relies on the figures.

- An upload that covers fewer ICBs or fewer months than the table it would replace (one ICB's regional file
  replacing all 42 is almost always meant to be added with *Keep the months the upload does not cover*).
- Tables that would stay the synthetic sample beside real data (left out of every page unless the user asks).
- Tables that end up on different periods (figures from two tables then cover different months).
"""

from __future__ import annotations

import pandas as pd

from nhs_core import schema as s
from nhs_core.store.changes import SOURCE_SAMPLE, is_synthetic
from nhs_core.tables import table_words

KEEP_HINT = "tick *Keep the months the upload does not cover* to add it instead"


def _distinct(frame: pd.DataFrame | None, column: str) -> int:
    if frame is None or column not in frame:
        return 0
    return int(frame[column].dropna().nunique())


def narrower_than_now(current: dict[str, pd.DataFrame], manifest: dict, upload: dict[str, pd.DataFrame]) -> list[str]:
    """For each uploaded table that would replace a real table whole: a warning when it covers fewer ICBs or
    fewer months than the table now loaded ("covers 1 of the 42 ICBs now loaded; tick ...")."""
    out = []
    entries = manifest.get("tables", {})
    for table, frame in upload.items():
        if table not in current or entries.get(table, {}).get("source") == SOURCE_SAMPLE:
            continue
        gaps = []
        for column, noun in ((s.ICB, "ICBs"), (s.MONTH, "months")):
            now, new = _distinct(current[table], column), _distinct(frame, column)
            if 0 < new < now:
                gaps.append(f"{new} of the {now} {noun}")
        if gaps:
            out.append(
                f"The upload's {table_words(table)} covers {' and '.join(gaps)} now loaded: replacing would "
                f"drop the rest; {KEEP_HINT}."
            )
    return out


def staying_synthetic(manifest: dict, upload: dict[str, pd.DataFrame]) -> list[str]:
    """The tables that would stay the synthetic sample after an upload that brings real tables."""
    if not upload:
        return []
    return [t for t, e in manifest.get("tables", {}).items() if is_synthetic(e) and t not in upload]


def periods_differ(tables: dict[str, pd.DataFrame], leave_out: tuple[str, ...] = ()) -> str | None:
    """A warning when the tables with months end on different months (or start on different months), naming
    each table's period; None when they agree. `leave_out` tables (the synthetic sample) are not compared."""
    spans = {}
    for table, frame in tables.items():
        column = s.MONTH if s.MONTH in frame else s.DATE if s.DATE in frame else None
        if table in leave_out or column is None or frame.empty:
            continue
        first, last = pd.Timestamp(frame[column].min()), pd.Timestamp(frame[column].max())
        spans[table] = (first.strftime("%b %Y"), last.strftime("%b %Y"))
    if len(set(spans.values())) <= 1:
        return None
    listed = "; ".join(f"{table_words(t)} {first} to {last}" for t, (first, last) in spans.items())
    return (
        f"The tables cover different periods ({listed}), so figures from different tables can cover different "
        "months: read each chart's period."
    )


def preview_cautions(
    current: dict[str, pd.DataFrame],
    manifest: dict,
    upload: dict[str, pd.DataFrame],
    after: dict[str, pd.DataFrame],
    keep_months: bool = False,
) -> list[str]:
    """Everything the Data page's preview warns about before Replace, in plain English (Markdown)."""
    out = [] if keep_months else narrower_than_now(current, manifest, upload)
    synthetic = staying_synthetic(manifest, upload)
    if synthetic:
        names = ", ".join(table_words(t) for t in synthetic)
        out.append(
            f"These tables are not in the upload and would stay the synthetic sample: {names}. Every page leaves "
            "them out beside your real data (the sidebar's *Show the sample for missing tables* brings them back, "
            "badged)."
        )
    if differ := periods_differ(after, tuple(synthetic)):
        out.append(f"After replacing: {differ[0].lower()}{differ[1:]}")
    return out
