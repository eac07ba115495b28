"""Bytes -> canonical tables and a plain-English report.

``readers`` (CSV, XLSX and ZIP, recognised by content: ``sniff``, ``csvfile``, ``workbooks``, ``archives``;
``files`` holds what they take and give), ``dates`` (explicit formats), ``problems`` (Problem, Report and
the constructor) over ``problem_kinds`` (the catalogue: one record per kind with its code and wording),
``rules`` (the validation rules), ``recognise`` (headers -> canonical names -> the most specific kind of
table), ``normalise`` (values, dates, counts and geography of a recognised table), ``ingest`` (reads,
recognises and normalises every file, then combines them), ``combine`` (the later file wins for each value
of a table's combine key).
"""

from nhs_core.load.ingest import FileSummary, Ingested, ingest, ingest_paths
from nhs_core.load.problems import Problem, Report
from nhs_core.load.readers import Limits, Source

__all__ = ["FileSummary", "Ingested", "Limits", "Problem", "Report", "Source", "ingest", "ingest_paths"]
