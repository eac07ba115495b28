"""Missed clinician time: DNA appointments x the estimated mean duration of attended appointments in the same
ICB and month (`definitions.MISSED_TIME`), in hours.

The regional table is by ICB and month, the durations table by sub-ICB location and day, so the two are lined
up on ICB and month: only the ICB-months present in both count, and `MissedTime` says how many matched. The
mean is the durations table's own estimate (`durations.mean_duration_by`), of attended appointments only.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from nhs_core import definitions as d
from nhs_core import schema as s
from nhs_core.analysis.durations import mean_duration_by

AREA = s.ICB  # the finest area both tables have
_PAIR = "_icb_month"


@dataclass(frozen=True)
class MissedTime:
    """The estimate and what it covers.

    `by_month`: `appointment_month`, `dna_count` (DNA appointments counted), `mean_minutes` (their
    DNA-weighted estimated mean duration), `missed_hours`, for the matched months. The counts say how many
    months and ICBs of the appointments and durations tables matched, and how many DNAs were counted of all.
    """

    by_month: pd.DataFrame
    hours: float
    dna_counted: int
    dna_total: int
    months_matched: int
    months_appointments: int
    months_durations: int
    areas_matched: int
    areas_appointments: int
    areas_durations: int

    @property
    def mean_minutes(self) -> float:
        """The estimated mean duration the counted DNAs were booked for (NaN when none was counted)."""
        return self.hours * 60 / self.dna_counted if self.dna_counted else float("nan")

    @property
    def complete(self) -> bool:
        """Whether every month and ICB of both tables matched."""
        return (
            self.months_matched == self.months_appointments == self.months_durations
            and self.areas_matched == self.areas_appointments == self.areas_durations
        )


def _pairs(frame: pd.DataFrame) -> pd.Series:
    return frame[s.MONTH].dt.strftime("%Y-%m") + "|" + frame[AREA].astype(str)


def missed_time(appointments: pd.DataFrame, durations: pd.DataFrame) -> MissedTime:
    """The estimated clinician hours booked for DNA appointments, from the ICB-months both tables have.

    Parameters
    ----------
    appointments : DataFrame
        The regional table (month, ICB, status, count), filtered as the page shows it; not modified.
    durations : DataFrame
        The durations table (month, ICB, duration band, count); not modified.
    """
    # A table without ICBs cannot be lined up by area: none of its rows match (copies; the inputs are untouched).
    appointments = (appointments if AREA in appointments else appointments.assign(**{AREA: None})).dropna(subset=[AREA])
    durations = (durations if AREA in durations else durations.assign(**{AREA: None})).dropna(subset=[AREA])
    means = mean_duration_by(durations.assign(**{_PAIR: _pairs(durations)}), _PAIR).dropna(subset=[s.MEAN_MINUTES])
    dna = appointments[appointments[s.STATUS] == s.STATUS_DNA]
    counts = dna.assign(**{_PAIR: _pairs(dna)}).groupby(_PAIR)[s.COUNT].sum()
    matched = means.set_index(_PAIR)[s.MEAN_MINUTES].reindex(counts.index).dropna()
    pairs = pd.DataFrame({s.COUNT: counts.loc[matched.index], s.MEAN_MINUTES: matched}).reset_index()
    pairs[s.MISSED_HOURS] = d.MISSED_TIME.formula(pairs[s.COUNT], pairs[s.MEAN_MINUTES])
    pairs[s.MONTH] = pd.to_datetime(pairs[_PAIR].str[:7] + "-01")
    by_month = pairs.groupby(s.MONTH)[[s.COUNT, s.MISSED_HOURS]].sum().reset_index()
    by_month[s.MEAN_MINUTES] = by_month[s.MISSED_HOURS] * 60 / by_month[s.COUNT].where(by_month[s.COUNT] > 0)
    by_month = by_month.rename(columns={s.COUNT: s.DNA_COUNT})
    areas = pairs[_PAIR].str[8:]
    return MissedTime(
        by_month=by_month[[s.MONTH, s.DNA_COUNT, s.MEAN_MINUTES, s.MISSED_HOURS]],
        hours=float(pairs[s.MISSED_HOURS].sum()),
        dna_counted=int(pairs[s.COUNT].sum()),
        dna_total=int(dna[s.COUNT].sum()),
        months_matched=int(pairs[s.MONTH].nunique()),
        months_appointments=int(appointments[s.MONTH].nunique()),
        months_durations=int(durations[s.MONTH].nunique()),
        areas_matched=int(areas.nunique()),
        areas_appointments=int(appointments[AREA].nunique()),
        areas_durations=int(durations[AREA].nunique()),
    )
