"""The files of one stored version: Parquet tables written straight to disk, checksummed, fsync'd,
verified by streaming, and read back with their dtypes.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from nhs_core.frames import restore_dtypes
from nhs_core.store import changes


class StoreError(Exception):
    """Why the store could not do what was asked, in plain English; nothing was changed."""


def write_file(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_table(path: Path, frame: pd.DataFrame) -> dict:
    """Write one table as Parquet (categoricals and datetimes kept) straight to disk; return its file entry."""
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path, compression="zstd")
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())
    return {"file": path.name, "sha256": _sha256(path), "bytes": path.stat().st_size, **changes.stats(frame)}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 22), b""):
            digest.update(block)
    return digest.hexdigest()


def verify_tables(folder: Path, manifest: dict) -> None:
    """Check every file of a version reads back (checksum, row count, every batch decodes) in bounded memory."""
    for table, entry in manifest["tables"].items():
        path = folder / entry["file"]
        _verify_file(path, entry, table)
        for name, summary in (entry.get("summaries") or {}).items():
            _verify_file(folder / summary["file"], summary, f"{table} summary {name}")


def _verify_file(path: Path, entry: dict, what: str) -> None:
    if _sha256(path) != entry["sha256"]:
        raise StoreError(f"the {what} file did not read back as written")
    rows = sum(batch.num_rows for batch in pq.ParquetFile(path).iter_batches(batch_size=1 << 20))
    if rows != entry["rows"]:
        raise StoreError(f"the {what} file read back with {rows:,} rows instead of {entry['rows']:,}")


def read_tables(folder: Path, manifest: dict, names: set[str] | None = None) -> dict[str, pd.DataFrame]:
    """The tables of a version (only `names` when given), each checked against its checksum and row count."""
    tables = {}
    for table, entry in manifest["tables"].items():
        if names is not None and table not in names:
            continue
        try:
            data = (folder / entry["file"]).read_bytes()
        except (OSError, KeyError, TypeError) as exc:
            raise StoreError(f"the {table} file of version {manifest.get('version')} is missing") from exc
        if hashlib.sha256(data).hexdigest() != entry.get("sha256"):
            raise StoreError(
                f"the {table} file of version {manifest.get('version')} is damaged (its checksum does not match)"
            )
        try:
            frame = pq.read_table(pa.BufferReader(data)).to_pandas()
        except (pa.ArrowException, OSError, ValueError) as exc:
            raise StoreError(f"the {table} file of version {manifest.get('version')} cannot be read") from exc
        if len(frame) != entry.get("rows"):
            raise StoreError(f"the {table} file of version {manifest.get('version')} has the wrong number of rows")
        tables[table] = restore_dtypes(frame)
    return tables
