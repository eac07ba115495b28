"""Region, ICB and sub-ICB location lookups (public codes and names, 2022 to 2026).

The CSV files in `nhs_core/reference/` are built from `shared/reference/geography/`. Codes are the
join keys; names are never matched on (one ICB is spelled two ways in public files).
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import numpy as np
import pandas as pd

from nhs_core import schema as s
from nhs_core.frames import coalesce, recode

_REF = resources.files("nhs_core") / "reference"


def _read(name: str) -> pd.DataFrame:
    with _REF.joinpath(name).open("rb") as fh:
        return pd.read_csv(fh, dtype=str, keep_default_na=False)


@cache
def regions() -> pd.DataFrame:
    """NHS England regions: `region_ons_code`, `region_name` (current first, then legacy codes)."""
    return _read("nhs_regions.csv")[[s.REGION, s.REGION_NAME]]


@cache
def icbs() -> pd.DataFrame:
    """Integrated care boards (ICBs) valid 2022 to 2026, then those new in April 2026."""
    old = _read("icb_2022_2026.csv")
    new = _read("icb_2026_from_april.csv")
    new = new[~new[s.ICB].isin(old[s.ICB])]
    cols = [s.ICB, s.ICB_NAME, s.REGION, s.REGION_NAME]
    out = pd.concat([old[cols + ["icb_short_name"]], new[cols]], ignore_index=True)
    out["icb_short_name"] = out["icb_short_name"].fillna(out[s.ICB_NAME])
    return out


@cache
def sub_icbs() -> pd.DataFrame:
    """Sub-ICB locations: code, ONS code, official name, parent ICB and region."""
    cols = [s.SUB_ICB, s.SUB_ICB_ONS, s.SUB_ICB_NAME, s.ICB, s.REGION]
    return _read("sub_icb_locations_2022_2026.csv")[cols]


@cache
def known_codes() -> dict[str, frozenset[str]]:
    """The set of known codes for each geography code column."""
    return {
        s.REGION: frozenset(regions()[s.REGION]),
        s.ICB: frozenset(icbs()[s.ICB]),
        s.SUB_ICB: frozenset(sub_icbs()[s.SUB_ICB]),
    }


@cache
def _names() -> dict[str, dict[str, str]]:
    return {
        s.REGION: dict(zip(regions()[s.REGION], regions()[s.REGION_NAME])),
        s.ICB: dict(zip(icbs()[s.ICB], icbs()[s.ICB_NAME])),
        s.SUB_ICB: dict(zip(sub_icbs()[s.SUB_ICB], sub_icbs()[s.SUB_ICB_NAME])),
    }


@cache
def _parents() -> dict[str, dict[str, str]]:
    """Parent lookups: sub-ICB -> ICB, ICB -> region."""
    return {
        s.SUB_ICB: dict(zip(sub_icbs()[s.SUB_ICB], sub_icbs()[s.ICB])),
        s.ICB: dict(zip(icbs()[s.ICB], icbs()[s.REGION])),
    }


def name_of(level: str, code: str) -> str:
    """Return the name of a region, ICB or sub-ICB code, or the code itself when it is unknown."""
    return _names()[level].get(code, code)


def sub_icb_code_from_name(name: str) -> str:
    """Return the code at the end of an official sub-ICB name ("NHS Kent and Medway ICB - 91Q" -> "91Q")."""
    head, sep, tail = name.rpartition(" - ")
    return tail.strip() if sep and head else ""


def complete(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy with every geography code and name column filled as far as the codes allow.

    Missing parents are derived (sub-ICB -> ICB -> region); names come from the lookups by code,
    then from names the file itself carried, then the raw code, so unknown codes are kept and visible.
    """
    out = frame.copy()
    parents = _parents()
    names = _names()
    if s.SUB_ICB not in out and s.SUB_ICB_NAME in out:
        out[s.SUB_ICB] = recode(out[s.SUB_ICB_NAME], sub_icb_code_from_name)
    for child, parent in ((s.SUB_ICB, s.ICB), (s.ICB, s.REGION)):
        if child in out:
            derived = recode(out[child], parents[child])
            out[parent] = coalesce(out[parent], derived) if parent in out else derived
    for code_col, name_col in s.GEOGRAPHY_NAMES.items():
        if code_col not in out:
            empty = pd.Categorical.from_codes(np.full(len(out), -1), pd.Index([], dtype=str))
            out[code_col] = out[name_col] = pd.Series(empty, index=out.index)
            continue
        out[code_col] = out[code_col].astype("category")
        name = recode(out[code_col], names[code_col])
        if name_col in out:
            name = coalesce(name, out[name_col])
        out[name_col] = coalesce(name, out[code_col])
    return out


def unknown_codes(frame: pd.DataFrame) -> dict[str, list[str]]:
    """Return, for each geography code column, the codes present that the lookups do not know."""
    known = known_codes()
    found = {}
    for col in s.GEOGRAPHY_CODES:
        if col in frame:
            present = frame[col].dropna().astype("category").cat.categories
            new = sorted(str(c) for c in present if c not in known[col])
            if new:
                found[col] = new
    return found
