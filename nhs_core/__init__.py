"""nhs_core: load, validate, store and aggregate NHS England "Appointments in General Practice" data.

Data flows one way, through packages whose imports run one way (``lint-imports`` checks it in CI)::

    load -> store -> analysis -> present -> briefing -> app (the only Streamlit code), cli

Public API
----------
Reading and validating (``nhs_core.load``)
    ``ingest(sources)``, ``ingest_paths(paths)`` -> ``Ingested`` (tables, file summaries, report);
    ``Source`` (a name and bytes or a path); ``Limits`` (upload safety limits);
    ``Report`` and ``Problem`` (plain-English errors and warnings, each with a stable code from
    ``nhs_core.load.problem_kinds``).
Storing and replacing (``nhs_core.store``)
    ``Store`` (versioned datasets: ``open``, ``replace``, ``restore``, ``history``), ``StoreError``;
    ``store.changes`` (the replacement rule and ``preview``); ``store.describe`` (reports, history and limits
    in words); ``store.templates`` (upload templates).
Selecting and aggregating (``nhs_core.analysis``, small tidy DataFrames)
    ``filter_registry`` (one ``Filter`` record per shared filter: column, URL name, labels, area chain);
    ``filters`` (``Filters``, ``filter_frame``, URL query round trip, sidebar options); ``metrics`` (monthly
    totals, year on year, status shares, DNA rate by any dimension, by area, top locations, per-day figures,
    summary); ``mix`` (shares over time and by area, crosstabs, growth); ``durations`` (distribution,
    estimated mean); ``seasonality`` (capacity, seasons, months of the year, weekdays); ``tweets`` (hashtags,
    most engaging tweets, search, word cloud).
Presenting (``nhs_core.present``, pure)
    ``charts`` (Altair builders), ``keycharts`` (each page's key chart, shared with the briefing),
    ``headlines`` (chart titles that state the finding), ``kpis``, ``findings`` (findings and
    recommendations), ``notes`` (definitions and caveats), ``images`` (PNG and SVG without a browser),
    ``export`` (formula-safe CSV, Markdown escaping).
Briefing (``nhs_core.briefing``)
    ``build.build_briefing(tables, filters, capacity, ...)`` -> ``html.Briefing``; ``html.render_html``.
Reference
    ``schema`` (the column registry: names, labels, header aliases, vocabularies), ``tables`` (the table-kind
    registry: what recognises each kind of table, its columns, grain, combine key and template),
    ``geography`` (region, ICB, sub-ICB lookups), ``definitions`` (one record per measure: formula, label, help,
    format, basis), ``units`` (number formats and bases).
Sample
    ``sample.write_sample(out_dir)`` writes the synthetic bundled sample.

The names above are importable from ``nhs_core`` itself (``from nhs_core import metrics``), as before the
packages existed; modules load on first use, so ``import nhs_core`` stays cheap (Altair is slow to import).
"""

from __future__ import annotations

import importlib

__version__ = "0.2.0"

# Public name -> where it lives. Modules and names load on first use.
_PUBLIC = {
    "FileSummary": "nhs_core.load.ingest",
    "Ingested": "nhs_core.load.ingest",
    "ingest": "nhs_core.load.ingest",
    "ingest_paths": "nhs_core.load.ingest",
    "Limits": "nhs_core.load.readers",
    "Source": "nhs_core.load.readers",
    "Problem": "nhs_core.load.problems",
    "Report": "nhs_core.load.problems",
    "Store": "nhs_core.store",
    "StoreError": "nhs_core.store",
}
_MODULES = {
    "schema": "nhs_core.schema",
    "tables": "nhs_core.tables",
    "definitions": "nhs_core.definitions",
    "units": "nhs_core.units",
    "geography": "nhs_core.geography",
    "sample": "nhs_core.sample",
    "changes": "nhs_core.store.changes",
    "uploads": "nhs_core.store.describe",
    "templates": "nhs_core.store.templates",
    "store": "nhs_core.store",
    **{
        name: f"nhs_core.analysis.{name}"
        for name in ("filter_registry", "filters", "metrics", "mix", "durations", "seasonality", "tweets")
    },
    **{
        name: f"nhs_core.present.{name}"
        for name in ("charts", "keycharts", "headlines", "kpis", "findings", "advice", "notes", "images", "export")
    },
    "briefing": "nhs_core.briefing.build",
    "report": "nhs_core.briefing.html",
}


def __getattr__(name: str):
    if name in _PUBLIC:
        return getattr(importlib.import_module(_PUBLIC[name]), name)
    if name in _MODULES:
        return importlib.import_module(_MODULES[name])
    raise AttributeError(f"module 'nhs_core' has no attribute {name!r}")


__all__ = sorted([*_PUBLIC, *_MODULES, "__version__"])
