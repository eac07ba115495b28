"""Upload templates: a few made-up rows of each table in the LSE extract's layout.

They show people which columns an upload needs; every template passes validation as it is. What each
template holds is its kind's ``TableKind.template`` (``nhs_core.tables``).
"""

from __future__ import annotations

import pandas as pd

from nhs_core import geography, tables
from nhs_core import schema as s

_ROWS = 4
_MONTHS = ("2024-01", "2024-01", "2024-02", "2024-02")


def available() -> list[str]:
    """The tables that have a template, in the registry's order."""
    return [kind.name for kind in tables.KINDS if kind.supported and kind.template is not None]


def layout(table: str) -> tuple[str, tuple[str, ...]]:
    """(file name, columns in the LSE layout's order) of the template of `table`."""
    spec = tables.kind(table).template
    return spec.file_name, spec.columns


def template(table: str) -> pd.DataFrame:
    """A few rows of `table` in the LSE layout (real area codes and vocabularies, made-up counts)."""
    spec = tables.kind(table).template
    if spec.rows:
        return pd.DataFrame(list(spec.rows), columns=list(spec.columns))
    area = geography.sub_icbs().iloc[0]
    rows = []
    for i in range(_ROWS):
        row = {column: area[column] for column in spec.columns if column in area.index}
        row |= {c: s.VOCABULARIES[c][i % len(s.VOCABULARIES[c])] for c in spec.columns if c in s.VOCABULARIES}
        row |= {s.MONTH: _MONTHS[i], s.DATE: (spec.dates or _MONTHS)[i], s.COUNT: 100 + 10 * i}
        rows.append({c: row[c] for c in spec.columns})
    return pd.DataFrame(rows, columns=list(spec.columns))


def template_csv(table: str) -> tuple[str, bytes]:
    """(file name, CSV bytes) of the template of `table`."""
    name, _ = layout(table)
    return name, template(table).to_csv(index=False).encode("utf-8")
