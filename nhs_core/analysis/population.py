"""An area's share of England's registered patients, to scale the national planned capacity to the area.

The shares come from the coverage table (registered patients at the practices included, per sub-ICB location and
month). They are only taken when the coverage table covers all of England (every one of the 42 ICBs), since
otherwise the denominator would not be England; the practice-level list sizes can serve the same role later.
Without a share, no capacity finding is made for an area unless the user enters the area's capacity.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from nhs_core import definitions as d
from nhs_core import schema as s
from nhs_core.units import percent

ENGLAND_ICBS = 42  # integrated care boards in England since July 2022


@dataclass(frozen=True)
class AreaShare:
    """The selected areas' registered patients against England's, in one month of the coverage table."""

    share: float
    month: pd.Timestamp
    patients: int
    england: int

    def words(self) -> str:
        """ "2.1% of England's registered patients (coverage file, Nov 2025)"."""
        return f"{percent(self.share)} of England's registered patients (coverage file, {self.month:%b %Y})"


def covers_england(frame: pd.DataFrame | None) -> bool:
    """Whether a table has rows for all 42 ICBs of England (a table of fewer is an area, not England)."""
    return frame is not None and s.ICB in frame and frame[s.ICB].dropna().nunique() >= ENGLAND_ICBS


def area_share(coverage: pd.DataFrame | None, selected: pd.DataFrame | None) -> AreaShare | None:
    """The share of England's registered patients in `selected` (the coverage table narrowed to the chosen
    areas), in its latest month; None without a national coverage table or a selected row."""
    if not covers_england(coverage) or selected is None or selected.empty:
        return None
    month = selected[s.MONTH].max()
    england = int(coverage.loc[coverage[s.MONTH] == month, s.PATIENTS_INCLUDED].sum())
    patients = int(selected.loc[selected[s.MONTH] == month, s.PATIENTS_INCLUDED].sum())
    if england <= 0:
        return None
    return AreaShare(patients / england, pd.Timestamp(month), patients, england)


def scaled_capacity(share: AreaShare, national: float) -> float:
    """The national planned capacity scaled to the area by its share of registered patients (whole appointments)."""
    return float(round(national * share.share))


def _matching_level(frame: pd.DataFrame) -> str:
    """The finest area level a table and the coverage table share: sub-ICB where the table has it, else ICB."""
    return s.SUB_ICB if s.SUB_ICB in frame and frame[s.SUB_ICB].notna().any() else s.ICB


def per_thousand(
    frame: pd.DataFrame, coverage: pd.DataFrame, level: str = s.ICB, by: tuple[str, ...] = ()
) -> pd.DataFrame:
    """Appointments a month per 1,000 registered patients by area (and `by`), `definitions.PER_THOUSAND`.

    Only the areas and months both tables have are counted, on both sides: the denominator is each month's
    patients registered at the practices included (coverage file), summed over those months (patient-months).
    The tables are matched on sub-ICB location and month, or on ICB and month for a table without sub-ICBs.

    Returns
    -------
    DataFrame
        `area`, `by` columns, `count_of_appointments`, `patients_registered_included` (patient-months) and
        `per_1000_patients`, areas in name order; empty when nothing matches.
    """
    keys = [_matching_level(frame), s.MONTH]
    patients = coverage.groupby(keys, observed=True)[s.PATIENTS_INCLUDED].sum()
    patients = patients[patients > 0]
    counted = frame[pd.MultiIndex.from_frame(frame[keys]).isin(patients.index)]
    name = s.GEOGRAPHY_NAMES[level]
    # As plain text: mapping categorical codes to categorical names (pandas 3.1) pairs them by category
    # position, not by value, which gave areas other areas' patients.
    places = counted[[keys[0], name]].drop_duplicates(keys[0]).astype(str).set_index(keys[0])[name]
    denominator = patients[patients.index.get_level_values(0).astype(str).isin(places.index)].reset_index()
    denominator[s.AREA] = denominator[keys[0]].astype(str).map(places)
    denominator = denominator.groupby(s.AREA, observed=True)[s.PATIENTS_INCLUDED].sum()
    out = counted.groupby([name, *by], observed=True)[s.COUNT].sum().reset_index()
    out = out.rename(columns={name: s.AREA}).astype({s.AREA: str})
    out[s.PATIENTS_INCLUDED] = out[s.AREA].map(denominator).astype("int64")
    out[s.PER_THOUSAND] = d.PER_THOUSAND.formula(out[s.COUNT], out[s.PATIENTS_INCLUDED])
    return out.sort_values([s.AREA, *by], ignore_index=True)
