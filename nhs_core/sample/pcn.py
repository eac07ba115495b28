"""The synthetic PCN-level table (`PCN_GRANULAR.csv`): appointments delivered by primary care networks outside
their practices, such as enhanced access hubs, beside the regional table's practice appointments.

Each ICB's PCNs deliver a share of its practices' monthly appointments that grows from 0.5% to 3.5% over the
months (enhanced access started in Oct 2022; the sample's dates are earlier, so the shape, not the timing, is
what it shows), with some appointments at PCNs not mapped to an area ("UNMAPPED"), and a "Booked" status
(outcome not yet recorded) that only these files have.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from nhs_core import schema as s
from nhs_core.sample.grid import MONTHS

UNMAPPED = "UNMAPPED"
_STATUS = {"Attended": 0.86, "DNA": 0.03, "Booked": 0.06, "Unknown": 0.05}
_MODE = {"Face-to-Face": 0.62, "Telephone": 0.33, "Video Conference/Online": 0.03, "Unknown": 0.02}
_HCP = {"GP": 0.35, "Other Practice staff": 0.6, "Unknown": 0.05}
_LEAD = ("Same Day", "1 Day", "2 to 7 Days", "8  to 14 Days", "15  to 21 Days")
_UNMAPPED_SHARE = 0.04  # of PCN appointments, at PCNs the file maps to no area
_ROWS_PER_AREA_MONTH = 2
# The release's header and spellings (`official_schema.md`: the regional file's columns, months as 01APR2023),
# summed to ICBs: without the sub-ICB and name columns, which the geography lookup fills in on import.
_HEADER = {
    s.ICB: "ICB_ONS_CODE",
    s.REGION: "REGION_ONS_CODE",
    s.MONTH: "APPOINTMENT_MONTH",
    s.STATUS: "APPT_STATUS",
    s.HCP: "HCP_TYPE",
    s.MODE: "APPT_MODE",
    s.LEAD: "TIME_BETWEEN_BOOK_AND_APPT",
    s.COUNT: "COUNT_OF_APPOINTMENTS",
}


def _pick(rng: np.random.Generator, shares: dict[str, float], n: int) -> np.ndarray:
    return rng.choice(list(shares), size=n, p=np.array(list(shares.values())) / sum(shares.values()))


def pcn_appointments(base: dict, seed: int) -> pd.DataFrame:
    """Rows per ICB (and "UNMAPPED") and month; each area-month's PCN total is its share of the ICB totals."""
    rng = np.random.default_rng([seed, 8])
    totals = base["totals"]  # ICB x month, the regional table's appointments
    trend = np.linspace(0.005, 0.035, len(MONTHS)) * rng.lognormal(0.0, 0.08, len(MONTHS))  # month to month
    share = trend[None, :] * rng.lognormal(0.0, 0.25, (totals.shape[0], 1))  # and ICB to ICB
    pcn = np.rint(totals * share).astype(np.int64)
    unmapped = np.rint(pcn.sum(axis=0) * _UNMAPPED_SHARE).astype(np.int64)
    areas = np.append(base["icb_codes"], UNMAPPED)
    area_month = np.vstack([pcn, unmapped[None, :]])  # the last row: UNMAPPED
    area, month = np.divmod(np.repeat(np.arange(area_month.size), _ROWS_PER_AREA_MONTH), len(MONTHS))
    weights = rng.dirichlet(np.ones(_ROWS_PER_AREA_MONTH), area_month.size).ravel()
    counts = np.maximum(1, np.rint(np.repeat(area_month.ravel(), _ROWS_PER_AREA_MONTH) * weights)).astype(np.int64)
    n = len(counts)
    regions = base["subs"].drop_duplicates(s.ICB).set_index(s.ICB)[s.REGION]
    icb = areas[area]
    frame = pd.DataFrame(
        {
            s.ICB: icb,
            s.REGION: pd.Series(icb).map(regions).fillna(UNMAPPED).to_numpy(),
            s.MONTH: MONTHS.to_timestamp().strftime("%d%b%Y").str.upper().to_numpy()[month],
            s.STATUS: _pick(rng, _STATUS, n),
            s.HCP: _pick(rng, _HCP, n),
            s.MODE: _pick(rng, _MODE, n),
            s.LEAD: rng.choice(_LEAD, size=n),
            s.COUNT: counts,
        }
    )
    return frame.rename(columns=_HEADER)
