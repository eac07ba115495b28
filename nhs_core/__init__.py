"""nhs_core: load, validate and aggregate NHS England "Appointments in General Practice" data.

Public API
----------
Reading and validating
    ``ingest(sources)``, ``ingest_paths(paths)`` -> ``Ingested`` (tables, file summaries, report);
    ``Source`` (a name and bytes or a path); ``Limits`` (upload safety limits);
    ``Report`` and ``Problem`` (plain-English errors and warnings).
Aggregating
    ``metrics`` (monthly totals, status shares, DNA rate, per-day figures, top locations, summary);
    ``tweets`` (hashtags).
Reference
    ``schema`` (column names, vocabularies, labels), ``geography`` (region, ICB, sub-ICB lookups).
Storing and replacing
    ``store.Store`` (versioned datasets: ``open``, ``replace``, ``restore``, ``history``; ``StoreError``);
    ``changes`` (the replacement rule and ``preview``); ``uploads`` (reports, history and limits in words);
    ``export.neutralise`` and ``export.csv_bytes`` (safe downloads); ``templates`` (upload templates).
Sample
    ``sample.write_sample(out_dir)`` writes the synthetic bundled sample.

Only ``nhs_core.ui`` imports Streamlit.
"""

from nhs_core import changes, export, geography, metrics, schema, store, templates, tweets, uploads
from nhs_core.ingest import FileSummary, Ingested, ingest, ingest_paths
from nhs_core.readers import Limits, Source
from nhs_core.validate import Problem, Report

__all__ = [
    "FileSummary", "Ingested", "Limits", "Problem", "Report", "Source",
    "changes", "export", "geography", "ingest", "ingest_paths", "metrics", "schema", "store", "templates",
    "tweets", "uploads",
]
