"""Bytes -> canonical tables and a plain-English report.

``readers`` (CSV, XLSX and ZIP, recognised by content), ``csvfile`` (CSV text with pyarrow), ``dates``
(explicit formats), ``validate`` (problems and the rules), ``ingest`` (recognise, normalise, validate),
``combine`` (the later file wins for each month and area).
"""

from nhs_core.load.ingest import FileSummary, Ingested, ingest, ingest_paths
from nhs_core.load.readers import Limits, Source
from nhs_core.load.validate import Problem, Report

__all__ = ["FileSummary", "Ingested", "Limits", "Problem", "Report", "Source", "ingest", "ingest_paths"]
