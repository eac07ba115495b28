"""Actual appointment durations: distribution, estimated mean, and month/area-level context.

The durations table counts attended appointments only, and the source does not break durations down
by status or HCP type. The estimated mean (`definitions.MEAN_DURATION`) gives each bin its midpoint in
minutes (`schema.DURATION_MIDPOINTS`: 1-5 -> 3, ..., 31-60 -> 45.5) and leaves out "Unknown / Data Quality";
comparisons with status or HCP type are made only between months or areas, never row by row.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from nhs_core import definitions as d
from nhs_core import schema as s
from nhs_core.analysis.metrics import dna_rate_by


def duration_distribution(frame: pd.DataFrame) -> pd.DataFrame:
    """Appointments per duration bin (minutes order, Unknown / Data Quality last).

    Returns `actual_duration`, `count_of_appointments`, `share` (of all), `share_of_known` (of those
    with a known duration; NaN for the unknown bin) and `known`.
    """
    out = frame.groupby(s.DURATION, observed=False)[s.COUNT].sum().reset_index()
    known = out[s.DURATION].isin(list(s.DURATION_MIDPOINTS)).to_numpy()
    total = out[s.COUNT].sum()
    known_total = out.loc[known, s.COUNT].sum()
    out[s.SHARE] = d.SHARE.formula(out[s.COUNT], total) if total else 0.0
    out[s.SHARE_OF_KNOWN] = np.where(known, d.SHARE_OF_KNOWN.formula(out[s.COUNT], known_total), np.nan)
    out[s.KNOWN] = known
    return out


def _minutes(frame: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Per row: minutes x count for known bins (0 otherwise), and the count when known (0 otherwise)."""
    minutes = frame[s.DURATION].astype(object).map(s.DURATION_MIDPOINTS).astype(float)
    known = minutes.notna()
    return (minutes.fillna(0.0) * frame[s.COUNT]), frame[s.COUNT].where(known, 0)


def mean_duration(frame: pd.DataFrame) -> float:
    """Estimated mean duration in minutes from bin midpoints, unknown durations excluded; NaN if none."""
    weighted, known = _minutes(frame)
    return float(d.MEAN_DURATION.formula(weighted.sum(), known.sum()))


def mean_duration_by(frame: pd.DataFrame, by: str, longest_first: bool = False) -> pd.DataFrame:
    """Estimated mean duration for each value of `by` (a month, area name or other column).

    Returns `by`, `mean_minutes`, `known_appointments`, `count_of_appointments` and `unknown_share`
    (the share of that group's appointments whose duration is unknown, so excluded from the mean);
    ordered by `by`, or by the mean, longest first, with `longest_first`.
    """
    weighted, known = _minutes(frame)
    parts = pd.DataFrame({by: frame[by], "w": weighted, s.KNOWN_COUNT: known, s.COUNT: frame[s.COUNT]})
    out = parts.groupby(by, observed=True)[["w", s.KNOWN_COUNT, s.COUNT]].sum().reset_index()
    out[s.MEAN_MINUTES] = d.MEAN_DURATION.formula(out["w"], out[s.KNOWN_COUNT])
    out[s.UNKNOWN_SHARE] = 1 - d.SHARE.formula(out[s.KNOWN_COUNT], out[s.COUNT])
    if not isinstance(out[by].dtype, pd.CategoricalDtype) and by != s.MONTH:
        out[by] = out[by].astype(str)
    out = out[[by, s.MEAN_MINUTES, s.KNOWN_COUNT, s.COUNT, s.UNKNOWN_SHARE]]
    if longest_first:
        return out.sort_values([s.MEAN_MINUTES, by], ascending=[False, True], ignore_index=True)
    return out.sort_values(by, ignore_index=True)


def duration_context(durations: pd.DataFrame, appointments: pd.DataFrame, by: str = s.MONTH) -> pd.DataFrame:
    """Estimated mean duration beside the GP share of attended appointments and the DNA rate, per `by`.

    `by` is `appointment_month` or a geography name column present in both tables (e.g. `icb_name`).
    The two tables are only lined up on `by`: the source has no durations by status or HCP type.

    Returns `by`, `mean_minutes`, `gp_share` (GP / all attended appointments) and `dna_rate`, for the
    values of `by` present in both tables.
    """
    means = mean_duration_by(durations, by)[[by, s.MEAN_MINUTES]]
    attended = appointments[appointments[s.STATUS] == s.STATUS_ATTENDED]
    hcp = attended.groupby([by, s.HCP], observed=True)[s.COUNT].sum().unstack(fill_value=0)
    gp = hcp.get(s.VOCABULARIES[s.HCP][0], pd.Series(0, index=hcp.index)) / hcp.sum(axis=1)
    rates = dna_rate_by(appointments, by).set_index(by)[s.DNA_RATE]
    extra = pd.DataFrame({s.GP_SHARE: gp, s.DNA_RATE: rates}).rename_axis(by).reset_index()
    if by != s.MONTH:
        extra[by] = extra[by].astype(str)
        means = means.assign(**{by: means[by].astype(str)})
    return means.merge(extra, on=by, how="inner").dropna(subset=[s.MEAN_MINUTES]).reset_index(drop=True)


def correlation(frame: pd.DataFrame, x: str, y: str) -> float:
    """Pearson correlation of two columns over the rows where both are present; NaN with under 3 rows."""
    both = frame[[x, y]].dropna()
    return float(both[x].corr(both[y])) if len(both) >= 3 else float("nan")
