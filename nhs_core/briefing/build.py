"""The stakeholder briefing of the current view, computed from whatever tables are loaded.

`build_briefing` filters the tables as the pages do, then gathers the KPI figures, the findings and
recommendations (`nhs_core.present.findings`), one section per explorer page (`sections`: its key chart with
its one-line finding and a small table), the selection in words, and the definitions and data-quality notes
(`nhs_core.present.notes`, the definitions from `nhs_core.definitions`). `html.render_html` turns the result
into one HTML file. `selection` reads the selection a command line asks for.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from nhs_core import definitions as d
from nhs_core import schema as s
from nhs_core.analysis import filters as flt
from nhs_core.analysis import metrics
from nhs_core.briefing.html import Briefing
from nhs_core.briefing.sections import sections
from nhs_core.briefing.selection import selection
from nhs_core.present import findings, images, kpis, notes
from nhs_core.present import headlines as h
from nhs_core.tables import table_words

__all__ = ["build_briefing", "selection"]
DEFINITIONS = (
    notes.APPOINTMENTS,
    notes.PER_DAY,
    notes.DNA_RATE,
    notes.UTILISATION,
    notes.MEAN_DURATION,
    notes.SEASONS,
    notes.HASHTAGS,
)
CAVEATS = (
    notes.NOT_DEMAND,
    notes.PCN_ACTIVITY,
    notes.COVID,
    notes.MODE_LOCAL,
    notes.DNA_2018,
    notes.DNA_TELEPHONE,
    notes.DURATIONS_ATTENDED,
    notes.DURATION_SUPPLIER,
    notes.UNKNOWN,
    notes.TWEETS_TEXT,
)


def build_briefing(
    tables: dict[str, pd.DataFrame],
    filters: flt.Filters = flt.Filters(),
    capacity: float = metrics.DEFAULT_CAPACITY,
    data_label: str = "",
    version: str = "",
    *,
    names: dict[str, str] | None = None,
    sample: bool = False,
    quality: Iterable[str] = (),
    generated: str = "",
    synthetic: tuple[str, ...] = (),
) -> Briefing:
    """Everything the briefing of `tables` seen through `filters` says.

    Parameters
    ----------
    tables : dict of str to DataFrame
        The loaded canonical tables, unfiltered; any may be absent (its section says so).
    filters : Filters
        The selection (the period and areas of the sidebar, or of the command line).
    capacity : float
        Planned appointments a day.
    data_label, version : str
        Which data this is, in words, and its stored version (shown under the title).
    names, sample, quality, generated
        Area code -> name (worked out from `tables` when None); whether the data is the synthetic sample (adds
        the caveat); the data-quality notes recorded when it was read; when the briefing was produced, in words.
    synthetic : tuple of str
        The tables shown from the synthetic sample beside real ones: findings drawn from them say so.
    """
    names = flt.options(tables).names if names is None else names
    filtered = {name: flt.filter_frame(frame, filters) for name, frame in tables.items()}
    return Briefing(
        **_front(tables, filtered, filters, capacity, names, synthetic),
        data_label=data_label if not version or version in data_label else f"{data_label} (version {version})",
        sections=sections(tables, filtered, filters, capacity, names),
        definitions=DEFINITIONS,
        notes=_notes(tables, filters, sample, quality),
        generated=generated,
    )


def _front(
    tables, filtered, filters: flt.Filters, capacity: float, names: dict[str, str], synthetic: tuple[str, ...]
) -> dict:
    """The briefing's front page: title, period, selection, file name, capacity, KPIs, findings and advice."""
    found = findings.findings(filtered, capacity, synthetic=synthetic)
    return {
        "title": f"GP appointments briefing: {flt.describe_areas(filters, names)}",
        "period": _period(filtered),
        "filters": flt.describe(filters, names),
        "file_name": f"briefing-{images.selection_stem(filters, names, flt.months_available(tables))}.html",
        "capacity": f"{d.CAPACITY.show(capacity)} appointments a working day" if capacity else "not set for the area",
        "kpis": _kpis(filtered, found),
        "findings": tuple((f"{f.topic}: {f.value}.", f"{f.text} (Shown on: {f.page}.)") for f in found),
        "recommendations": tuple(
            (r.text, f"(Follows from: {h.lower_first(r.because)}.)") for r in findings.recommendations(found)
        ),
    }


def _period(filtered: dict[str, pd.DataFrame]) -> str:
    """The months of the appointments table in the selection (of every table when it is absent)."""
    main = {s.APPOINTMENTS: filtered[s.APPOINTMENTS]} if s.APPOINTMENTS in filtered else filtered
    months = flt.months_available(main)
    if not months:
        return "no months in the selection"
    return f"{h.month(months[0])} to {h.month(months[-1])} ({len(months)} month{'s' if len(months) != 1 else ''})"


def _kpis(filtered: dict[str, pd.DataFrame], found: list[findings.Finding]) -> tuple[tuple[str, str, str], ...]:
    items = []
    a = filtered.get(s.APPOINTMENTS)
    if a is not None and len(a):
        items += kpis.engagement(metrics.per_day(metrics.monthly_totals(a)))[:1]
    items += kpis.findings(found)
    return tuple((item["label"], item["value"], item.get("delta") or "") for item in items)


def _notes(tables: dict[str, pd.DataFrame], filters: flt.Filters, sample: bool, quality: Iterable[str]) -> tuple:
    out = list(CAVEATS)
    if filters.has_geography:
        out.append(notes.CAPACITY)
    for name, frame in tables.items():
        if name != s.TWEETS and (ignored := flt.ignored_filters(frame, filters)):
            out.append(
                f"The {table_words(name)} table has no {', '.join(ignored)} breakdown, so that "
                "filter does not apply to it."
            )
    out += list(quality)
    if sample:
        out.append(notes.SYNTHETIC)
    return tuple(out)
