"""A version's summaries (``tables.Summary``): small tables derived from a table's stored facts, written beside
them at import and read in their place when a version opens; and the facts themselves, scanned on demand with the
selection pushed into the scan (``analysis.sources.Facts``).

DuckDB derives a summary with one group-by over the Parquet file, so memory follows the number of groups, not
of rows (``bench/engines.py`` chose it over pandas and Polars: at 26 M rows 3.3x pandas at 0.3 GB instead of
3.7). The summary's key columns get the facts' own pandas dtypes back (categories in their fixed order), so a
page grouping the summary sees what the facts give.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from nhs_core import schema as s
from nhs_core.analysis import sources
from nhs_core.analysis.sources import Facts
from nhs_core.frames import restore_dtypes
from nhs_core.shares import Share
from nhs_core.store import files as version_files
from nhs_core.store.files import StoreError
from nhs_core.tables import Summary, TableKind, kind


def has_summaries(table: str) -> bool:
    """Whether the kind of `table` declares summaries (a table of a kind no longer known is read whole)."""
    try:
        return bool(kind(table).summaries)
    except KeyError:
        return False


def open_version(folder: Path, manifest: dict) -> tuple[dict, dict, dict]:
    """A stored version's tables as pages read them (a summarised table is its first summary, in the manifest's
    order), every summary by table, and the summarised tables' `Facts`."""
    entries = manifest["tables"]
    summarised = {t for t in entries if has_summaries(t)}
    whole = version_files.read_tables(folder, manifest, set(entries) - summarised)
    try:
        parts = {t: read(folder, t, entries[t], kind(t)) for t in summarised}
        facts_ = {t: facts(folder / entries[t]["file"]) for t in summarised}
    except (OSError, KeyError, TypeError, pa.ArrowException) as exc:
        raise StoreError(f"a file of version {manifest.get('version')} cannot be read") from exc
    firsts = {t: parts[t][kind(t).summaries[0].name] for t in summarised}
    return {t: whole.get(t, firsts.get(t)) for t in entries}, parts, facts_


def facts(path: Path) -> Facts:
    """The `Facts` of a stored table; its columns that are missing on every row are left out (a filter on one is
    ignored, as `analysis.filters.filter_frame` ignores it on a frame)."""
    metadata = pq.ParquetFile(path).metadata
    nulls: dict[str, int] = {}
    for group in range(metadata.num_row_groups):
        for index in range(metadata.num_columns):
            chunk = metadata.row_group(group).column(index)
            stats = chunk.statistics
            missing = stats.null_count if stats is not None and stats.has_null_count else 0
            nulls[chunk.path_in_schema] = nulls.get(chunk.path_in_schema, 0) + missing
    names = pq.read_schema(path).names
    usable = tuple(c for c in names if metadata.num_rows == 0 or nulls.get(c, 0) < metadata.num_rows)
    return Facts(path, metadata.num_rows, usable)


def derive(path: Path, summary: Summary, counts: tuple[str, ...]) -> pd.DataFrame:
    """The summary of the facts stored at `path`: rows grouped by the keys the facts have, counts summed,
    ``records`` the number of fact rows in each group; sorted by the keys."""
    template = sources.template(path)
    keys = [k for k in summary.keys if k in template]
    sums = [c for c in counts if c in template]
    columns = [*(f'"{k}"' for k in keys), *(f'sum("{c}")::BIGINT AS "{c}"' for c in sums), f'count(*) AS "{s.RECORDS}"']
    shares = [share for share in summary.shares if share.column in template]
    columns += [sql for share in shares for sql in _share_sums(share)]
    share_columns = [column for share in shares for column in (share.hits, share.known)]
    query = f"SELECT {', '.join(columns)} FROM read_parquet(?) GROUP BY ALL"
    try:
        with duckdb.connect() as connection:
            grouped = connection.sql(query, params=[str(path)]).to_arrow_table().to_pandas()
    except (duckdb.Error, OSError) as exc:
        raise StoreError(f"the stored file {path.name} cannot be summarised") from exc
    whole = dict.fromkeys([*sums, s.RECORDS, *share_columns], "int64")
    out = grouped.astype({k: template[k].dtype for k in keys} | whole)
    for key in [k for k in keys if isinstance(template[k].dtype, pd.CategoricalDtype)]:
        # astype keeps an unordered categorical's own order (pandas deems the dtypes equal): set the facts' order
        out[key] = out[key].cat.set_categories(template[key].cat.categories, ordered=template[key].cat.ordered)
    out = out[[*keys, *sums, s.RECORDS, *share_columns]]
    return out.sort_values(keys, ignore_index=True) if keys else out


def _share_sums(share: Share) -> tuple[str, str]:
    """The SQL of a share's numerator and base: appointments with its value, and with a known value (a missing
    value is unknown too)."""
    column = f'"{share.column}"'
    unknown = ", ".join(_quoted(value) for value in share.unknown)
    return (
        f'coalesce(sum("{s.COUNT}") FILTER (WHERE {column} = {_quoted(share.value)}), 0) AS "{share.hits}"',
        f'coalesce(sum("{s.COUNT}") FILTER (WHERE {column} IS NOT NULL AND {column} NOT IN ({unknown})), 0) '
        f'AS "{share.known}"',
    )


def _quoted(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def write(folder: Path, table: str, kind: TableKind) -> dict[str, dict]:
    """Derive each summary of `kind` from the facts written in `folder` and write it beside them; the entries
    (file, checksum, bytes, rows) the manifest keeps under the table's ``summaries``."""
    entries = {}
    for summary in kind.summaries:
        frame = derive(folder / f"{table}.parquet", summary, kind.count_columns)
        path = folder / f"{table}.{summary.name}.parquet"
        entry = version_files.write_table(path, frame)
        entries[summary.name] = {**{key: entry[key] for key in ("file", "sha256", "bytes")}, "rows": len(frame)}
    return entries


def read(folder: Path, table: str, entry: dict, kind: TableKind) -> dict[str, pd.DataFrame]:
    """Each summary of a stored table, checked against its checksum; derived from the facts when the version
    was written before summaries existed (or without this one)."""
    stored = entry.get("summaries") or {}
    out = {}
    for summary in kind.summaries:
        item = stored.get(summary.name)
        if item is None:
            out[summary.name] = derive(folder / entry["file"], summary, kind.count_columns)
            continue
        data = _checked_bytes(folder / str(item.get("file")), item, table)
        try:
            out[summary.name] = restore_dtypes(pq.read_table(pa.BufferReader(data)).to_pandas())
        except (pa.ArrowException, OSError, ValueError) as exc:
            raise StoreError(f"the {table} summary {summary.name} cannot be read") from exc
    return out


def _checked_bytes(path: Path, item: dict, table: str) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise StoreError(f"the {table} summary file {path.name} is missing") from exc
    if hashlib.sha256(data).hexdigest() != item.get("sha256"):
        raise StoreError(f"the {table} summary file {path.name} is damaged (its checksum does not match)")
    return data
