"""Access: how soon after booking appointments happen, from the lead-time bands of the regional table.

Every share is of appointments with a known lead time (`definitions.SAME_DAY` and the others); the unknown
band is given beside them as a share of all appointments. The mean wait is an estimate from band midpoints.
"""

from __future__ import annotations

import pandas as pd

from nhs_core import definitions as d
from nhs_core import schema as s

ACCESS = (d.SAME_DAY, d.NEXT_DAY, d.WITHIN_7, d.WITHIN_14, d.OVER_28, d.MEAN_WAIT)  # in the order shown
_UNKNOWN_BAND = s.VOCABULARIES[s.LEAD][-1]


def band_counts(frame: pd.DataFrame, by: list[str] | tuple[str, ...] = ()) -> pd.DataFrame:
    """Appointments in each lead-time band (one column per band, every band present), one row per `by` group."""
    keys = [*by, s.LEAD]
    sums = frame.groupby(keys, observed=True)[s.COUNT].sum()
    wide = sums.unstack(s.LEAD) if by else sums.to_frame().T
    return wide.reindex(columns=list(s.VOCABULARIES[s.LEAD]), fill_value=0).fillna(0).astype("int64")


def access_measures(frame: pd.DataFrame, by: list[str] | tuple[str, ...] = ()) -> pd.DataFrame:
    """The access measures of `frame` per `by` group (or overall): known count, each share, mean wait, unknown.

    Parameters
    ----------
    frame : DataFrame
        Rows with `time_between_book_and_appointment` and `count_of_appointments` (not modified).
    by : sequence of str
        Columns to group by (a month, an area, a mode ...); none gives one row for the whole frame.

    Returns
    -------
    DataFrame
        `by` columns, `known_lead_appointments`, the `ACCESS` measures' columns and `unknown_lead_share`.
    """
    bands = band_counts(frame, by)
    out = pd.DataFrame(index=bands.index)
    out[s.KNOWN_LEAD_COUNT] = d.band_sum(bands, d.KNOWN_LEAD_BANDS)
    for measure in ACCESS:
        out[measure.columns[0]] = measure.formula(bands)
    out[s.UNKNOWN_LEAD_SHARE] = d.UNKNOWN_LEAD.formula(bands[_UNKNOWN_BAND], bands.sum(axis=1))
    return out.reset_index() if by else out.reset_index(drop=True)


def same_day_share(frame: pd.DataFrame) -> float | None:
    """The same-day share of appointments with a known lead time; None when none is known (JSON null)."""
    if frame.empty or s.LEAD not in frame:
        return None
    value = float(access_measures(frame)[s.SAME_DAY_SHARE].iloc[0])
    return None if value != value else value
