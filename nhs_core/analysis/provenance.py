"""Which tables the pages show: real data and the synthetic sample never mix silently.

Once any table holds real data, the tables still from the synthetic sample are left out of every page, finding,
KPI, the period control and the briefing, unless the user turns on "show the sample for missing tables"; then
every chart drawn from them is badged "Synthetic sample". When every table is the sample, it is all shown (the
app says so on every page).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

SYNTHETIC_BADGE = "Synthetic sample"


@dataclass(frozen=True)
class Shown:
    """The tables to show, which of them are synthetic, and the synthetic tables left out."""

    tables: dict[str, pd.DataFrame]
    synthetic: tuple[str, ...]
    left_out: tuple[str, ...]

    @property
    def mixed(self) -> bool:
        """Whether real tables are shown beside synthetic ones (the switch is on)."""
        return bool(self.synthetic) and len(self.synthetic) < len(self.tables)


def shown_tables(tables: dict[str, pd.DataFrame], synthetic: Iterable[str], show_sample: bool = False) -> Shown:
    """The rule: synthetic tables are left out once any table is real, unless `show_sample`.

    Parameters
    ----------
    tables : dict of str to DataFrame
        Every loaded table by name.
    synthetic : iterable of str
        The names of the tables that are still the synthetic sample.
    show_sample : bool
        The user's switch "show the sample for missing tables".
    """
    fake = [t for t in tables if t in set(synthetic)]
    real = [t for t in tables if t not in fake]
    if show_sample or not real:
        return Shown(dict(tables), tuple(fake), ())
    return Shown({t: tables[t] for t in real}, (), tuple(fake))


def badged(title: str, tables: Iterable[str], synthetic: Iterable[str]) -> str:
    """`title` with the "Synthetic sample" badge in front when any of `tables` is synthetic."""
    return f"{SYNTHETIC_BADGE} · {title}" if set(tables) & set(synthetic) else title


def one_source(tables: Iterable[str], synthetic: Iterable[str]) -> bool:
    """Whether `tables` are all real or all synthetic: a figure drawn from one of each (a real count over a
    synthetic denominator) measures nothing, so it is not computed, rather than badged."""
    synthetic = set(synthetic)
    return len({table in synthetic for table in tables}) <= 1
