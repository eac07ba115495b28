"""The synthetic coverage table: practices and registered patients per sub-ICB location and month.

Its patients follow the practice sample's ratio (about 2,000 registered patients per 1,000 monthly appointments,
England's order of magnitude, give or take 15% by area) and grow slowly, as list sizes do, whatever the month's
appointments; about one practice in a hundred is left out of a month's publication, as in the release.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from nhs_core import schema as s
from nhs_core.sample.grid import MONTHS

PATIENTS_PER_MONTHLY_APPOINTMENT = 2.0  # as `practices.list_sizes`
_PATIENTS_PER_PRACTICE = 9_500
_YEARLY_GROWTH = 0.008
# The release's own header (`official_schema.md`: spaces in four names) and its month spelling (01JAN2020).
_HEADER = {
    s.SUB_ICB: "SUB_ICB_LOCATION_CODE",
    s.ICB: "ICB_ONS_CODE",
    s.REGION: "REGION_CODE",
    s.MONTH: "Appointment_Month",
    s.INCLUDED_PRACTICES: "Included Practices",
    s.OPEN_PRACTICES: "Open Practices",
    s.PATIENTS_INCLUDED: "Patients registered at included practices",
    s.PATIENTS_OPEN: "Patients registered at open practices",
}


def coverage(base: dict, seed: int) -> pd.DataFrame:
    """One row per sub-ICB location and month of `MONTHS`, in the official coverage file's layout."""
    rng = np.random.default_rng([seed, 7])
    subs = base["subs"]
    monthly = base["totals"].mean(axis=1)[base["icb_of"]] * base["sub_share"]  # a sub-ICB's mean appointments
    years = np.arange(len(MONTHS)) / 12
    # Areas differ in how many appointments a patient has (age, deprivation, practice habits): about +-15%.
    ratio = PATIENTS_PER_MONTHLY_APPOINTMENT * rng.lognormal(0.0, 0.15, len(subs))
    open_patients = np.rint((monthly * ratio)[:, None] * (1 + _YEARLY_GROWTH) ** years[None, :]).astype(np.int64)
    open_practices = np.maximum(1, np.rint(open_patients[:, 0] / _PATIENTS_PER_PRACTICE)).astype(np.int64)
    open_practices = np.repeat(open_practices[:, None], len(MONTHS), axis=1)
    left_out = np.minimum(rng.binomial(open_practices, 0.01), open_practices - 1)
    included = open_practices - left_out
    # A left-out practice is of about average size, give or take.
    missing = np.rint(open_patients * left_out / open_practices * rng.uniform(0.6, 1.4, left_out.shape))
    patients = np.clip(open_patients - missing.astype(np.int64), 0, open_patients)
    frame = pd.DataFrame(
        {
            s.SUB_ICB: np.repeat(subs[s.SUB_ICB].to_numpy(), len(MONTHS)),
            s.ICB: np.repeat(subs[s.ICB].to_numpy(), len(MONTHS)),
            s.REGION: np.repeat(subs[s.REGION].to_numpy(), len(MONTHS)),
            s.MONTH: np.tile(MONTHS.to_timestamp().strftime("%d%b%Y").str.upper().to_numpy(), len(subs)),
            s.INCLUDED_PRACTICES: included.ravel(),
            s.OPEN_PRACTICES: open_practices.ravel(),
            s.PATIENTS_INCLUDED: patients.ravel(),
            s.PATIENTS_OPEN: open_patients.ravel(),
        }
    )
    return frame.rename(columns=_HEADER)
