"""Which rows answer a table under a selection: its summary when the summary has every column the selection
filters on, else its facts scanned from disk with the selection pushed into the scan (`Facts`; the summaries
and the `Facts` of a version come from ``store.summaries``).

A page never sees the difference: a summary's rows are the facts grouped by its keys (counts summed, ``records``
the rows each stands for), and every page groups a summarised table by those keys only.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from nhs_core import schema as s
from nhs_core.analysis import filter_registry as registry
from nhs_core.analysis.filters import Filters, filter_frame, ignored_filters
from nhs_core.frames import restore_dtypes


class FactsError(Exception):
    """A table's stored rows could not be read (the file went missing or was damaged after opening)."""


@dataclass(frozen=True)
class Facts:
    """A table's full rows, left on disk: where they are, how many, and the columns that hold any value."""

    path: Path
    rows: int
    columns: tuple[str, ...]

    def read(self, columns: list[str], where: dict[str, tuple[str, ...]], months: tuple) -> pd.DataFrame:
        """The rows inside the selection, only `columns`: `where` (column -> allowed values) and the month range
        (start, end; None for open) are pushed into the Parquet scan, which skips what they rule out."""
        start, end = months
        expressions = [pc.field(c).isin(list(v)) for c, v in where.items() if c in self.columns]
        if start is not None:
            expressions.append(pc.field(s.MONTH) >= pa.scalar(start, pa.timestamp("ns")))
        if end is not None:
            expressions.append(pc.field(s.MONTH) <= pa.scalar(end, pa.timestamp("ns")))
        condition = None
        for expression in expressions:
            condition = expression if condition is None else condition & expression
        try:
            table = pq.read_table(self.path, columns=[c for c in columns if c in self.columns], filters=condition)
        except (pa.ArrowException, OSError) as exc:
            raise FactsError(f"the stored file {self.path.name} cannot be read") from exc
        return restore_dtypes(table.to_pandas())

    def parts(self, rows: int = 1 << 20) -> Iterator[pd.DataFrame]:
        """Every row, `rows` at a time in stored order (at least one part, empty for an empty table)."""
        try:
            handle = pq.ParquetFile(self.path)
            yield restore_dtypes(handle.schema_arrow.empty_table().to_pandas())
            for batch in handle.iter_batches(batch_size=rows):
                yield restore_dtypes(pa.Table.from_batches([batch]).to_pandas())
        except (pa.ArrowException, OSError) as exc:
            raise FactsError(f"the stored file {self.path.name} cannot be read") from exc

    def frame(self) -> pd.DataFrame:
        """Every row and column, as the version's tables are read whole (``store.files.read_tables``)."""
        try:
            return restore_dtypes(pq.read_table(self.path).to_pandas())
        except (pa.ArrowException, OSError) as exc:
            raise FactsError(f"the stored file {self.path.name} cannot be read") from exc


def needs_facts(frame: pd.DataFrame, facts: Facts | None, filters: Filters) -> bool:
    """Whether the selection filters on a column that `frame` (a summary) lacks and the facts hold."""
    if facts is None:
        return False
    columns = [registry.get(name).column for name in filters.values()]
    return any(column not in frame and column in facts.columns for column in columns)


def rows(frame: pd.DataFrame, facts: Facts | None, filters: Filters) -> pd.DataFrame:
    """The rows of a table inside the selection: `frame` filtered, or the facts' rows read with the selection
    pushed into the scan (only the summary's columns and the filtered ones), when `needs_facts`."""
    if not needs_facts(frame, facts, filters):
        return filter_frame(frame, filters)
    where = {registry.get(name).column: allowed for name, allowed in filters.values().items()}
    columns = [c for c in frame.columns if c != s.RECORDS] + [c for c in where if c not in frame]
    return filter_frame(facts.read(columns, where, (filters.start, filters.end)), filters)


def ignored(frame: pd.DataFrame, facts: Facts | None, filters: Filters) -> list[str]:
    """Labels of the set filters that apply neither to `frame` nor to its facts."""
    labels = ignored_filters(frame, filters)
    if facts is None:
        return labels
    usable = {registry.get(name).label for name in filters.values() if registry.get(name).column in facts.columns}
    return [label for label in labels if label not in usable]
