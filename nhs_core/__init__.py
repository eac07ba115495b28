"""nhs_core: load, validate and aggregate NHS England "Appointments in General Practice" data.

Public API
----------
Reading and validating
    ``ingest(sources)``, ``ingest_paths(paths)`` -> ``Ingested`` (tables, file summaries, report);
    ``Source`` (a name and bytes or a path); ``Limits`` (upload safety limits);
    ``Report`` and ``Problem`` (plain-English errors and warnings).
Selecting
    ``filters`` (``Filters``, ``filter_frame`` for any table, URL query round trip, sidebar options).
Aggregating (small tidy DataFrames)
    ``metrics`` (monthly totals, year on year, status shares, DNA rate by any dimension, lost
    appointments, by area, top locations, per-day figures, summary); ``mix`` (shares over time and by
    area, crosstabs, growth); ``durations`` (distribution, estimated mean, month/area context);
    ``seasonality`` (capacity and utilisation, seasons, months of the year, weekdays);
    ``tweets`` (hashtags, most engaging tweets, hashtag search, word cloud).
Presenting (pure)
    ``charts`` (Altair builders), ``keycharts`` (each page's key chart, shared with the briefing),
    ``headlines`` (chart titles that state the finding), ``kpis`` (KPI rows),
    ``findings`` (findings and recommendations), ``notes`` (definitions and caveats),
    ``navigation`` (the pages, for the sidebar links); ``images`` (charts as PNG and SVG without a browser,
    download file names).
Briefing
    ``briefing.build_briefing(tables, filters, capacity, ...)`` -> ``report.Briefing`` (KPIs, findings,
    key charts with their findings and tables, notes); ``briefing.selection`` (a command line's ICBs and
    period); ``report.render_html`` (one self-contained HTML file: no script, nothing fetched).
Reference
    ``schema`` (column names, vocabularies, labels), ``geography`` (region, ICB, sub-ICB lookups).
Storing and replacing
    ``store.Store`` (versioned datasets: ``open``, ``replace``, ``restore``, ``history``; ``StoreError``);
    ``changes`` (the replacement rule and ``preview``); ``uploads`` (reports, history and limits in words);
    ``export.neutralise`` and ``export.csv_bytes`` (safe downloads, labelled for the tables behind charts),
    ``export.plain`` (Markdown escaping); ``templates`` (upload templates).
Sample
    ``sample.write_sample(out_dir)`` writes the synthetic bundled sample.

Only the ``nhs_core.ui`` package imports Streamlit (``ui`` itself, and ``ui.explore`` for the explorer pages).
"""

from nhs_core import (
    changes,
    durations,
    export,
    filters,
    findings,
    geography,
    headlines,
    kpis,
    metrics,
    mix,
    navigation,
    notes,
    schema,
    seasonality,
    store,
    templates,
    tweets,
    uploads,
)
from nhs_core.ingest import FileSummary, Ingested, ingest, ingest_paths
from nhs_core.readers import Limits, Source
from nhs_core.validate import Problem, Report

_LAZY = ("briefing", "charts", "images", "keycharts", "report")


def __getattr__(name: str):
    """The modules that draw charts are imported on first use: Altair takes a noticeable time to import and
    the command line needs it only to write a briefing."""
    if name in _LAZY:
        import importlib

        return importlib.import_module(f"nhs_core.{name}")
    raise AttributeError(f"module 'nhs_core' has no attribute {name!r}")


__all__ = [
    "FileSummary", "Ingested", "Limits", "Problem", "Report", "Source",
    "briefing", "changes", "charts", "durations", "export", "filters", "findings", "geography", "headlines", "images",
    "ingest", "ingest_paths", "keycharts", "kpis", "metrics", "mix", "navigation", "notes", "report", "schema",
    "seasonality", "store", "templates", "tweets", "uploads",
]
