"""The synthetic practice-level tables: a crosstab in the official layout and the practices' registered
patients, for the real practices of two ICBs (codes, names and PCNs from NHS England's public Mapping.csv,
kept in ``reference/practices_sample.csv``); every count is invented.

The crosstab splits the last `PRACTICE_MONTHS` of the regional sample's rows for those ICBs over their
practices, so for every ICB, month, status, HCP type, mode and lead time the practices sum exactly to the
regional table. Each practice has its own list size, activity per patient and DNA tendency, so the
Practices page has real differences (and a few small lists for the exclusions) to show.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from nhs_core import geography
from nhs_core import schema as s
from nhs_core.sample.coverage import PATIENTS_PER_MONTHLY_APPOINTMENT
from nhs_core.sample.grid import MONTHS, pps_sample

REFERENCE = Path(__file__).resolve().parents[1] / "reference" / "practices_sample.csv"
PRACTICE_MONTHS = 3
_DNA_ROWS = 0.25  # share of the crosstab's rows given to DNA appointments
_CATEGORY = {  # national category shares by HCP type (GP, other staff, unknown): a plausible, invented mix
    "General Consultation Routine": (0.30, 0.18, 0.25),
    "General Consultation Acute": (0.22, 0.08, 0.15),
    "Clinical Triage": (0.18, 0.06, 0.10),
    "Planned Clinics": (0.05, 0.24, 0.08),
    "Planned Clinical Procedure": (0.02, 0.20, 0.05),
    "Structured Medication Review": (0.04, 0.03, 0.02),
    "Home Visit": (0.02, 0.01, 0.01),
    "Inconsistent Mapping": (0.12, 0.14, 0.24),
    "Unmapped": (0.05, 0.06, 0.10),
}
_OFFICIAL_SPELLING = {  # the crosstab's own spellings (the importer reads both)
    s.MODE: {"Video/Online": "Video Conference/Online"},
    s.LEAD: {s.UNKNOWN_DQ: "Unknown / Data Issue"},
}


def reference_practices() -> pd.DataFrame:
    """The practices of the sample (real codes, names, PCNs and sub-ICBs), with their ICB."""
    practices = pd.read_csv(REFERENCE, dtype=str)
    subs = geography.sub_icbs().set_index(s.SUB_ICB)
    return practices.assign(
        **{s.ICB: practices[s.SUB_ICB].map(subs[s.ICB]), s.SUB_ICB_NAME: practices[s.SUB_ICB].map(subs[s.SUB_ICB_NAME])}
    )


def list_sizes(practices: pd.DataFrame, regional: pd.DataFrame, rng: np.random.Generator) -> np.ndarray:
    """Registered patients per practice: log-normal sizes scaled so each ICB has about 2,000 patients per
    1,000 monthly appointments (England's order of magnitude, give or take 10% by ICB), and the three smallest
    lists under 1,000."""
    size = rng.lognormal(np.log(9_000), 0.6, len(practices))
    size[np.argsort(size)[:3]] = rng.integers(300, 950, 3)
    monthly = regional.groupby(s.ICB)[s.COUNT].sum() / regional[s.MONTH].nunique()
    icb = practices[s.ICB].to_numpy()
    icb_size = pd.Series(size).groupby(icb).sum()
    # As the coverage table: about 2,000 patients per 1,000 monthly appointments, give or take by ICB.
    ratio = PATIENTS_PER_MONTHLY_APPOINTMENT * rng.lognormal(0.0, 0.1, len(icb_size))
    scale = (monthly.reindex(icb_size.index) * ratio / icb_size).to_numpy()
    return np.rint(size * scale[np.searchsorted(icb_size.index, icb)]).astype(np.int64)


def _split(part: pd.DataFrame, practices: pd.DataFrame, rows: int, rng: np.random.Generator) -> pd.DataFrame:
    """One ICB's regional rows split over its practices: a PPS sample of the (regional row x practice) grid,
    rescaled so each regional row's count is kept exactly, with a national category drawn for each cell."""
    activity = practices["activity"].to_numpy()
    dna = activity * practices["dna_tendency"].to_numpy()
    weight = np.where((part[s.STATUS] == s.STATUS_DNA).to_numpy()[:, None], dna, activity)
    weight = weight / weight.sum(axis=1, keepdims=True)
    expected = part[s.COUNT].to_numpy()[:, None] * weight
    keep, counts = pps_sample(expected, np.arange(len(part))[:, None], part[s.COUNT].to_numpy(), rows, rng)
    r, p = np.unravel_index(keep, expected.shape)
    # One national category per kept cell, drawn from the mix of its HCP type.
    hcp = pd.Categorical(part[s.HCP].iloc[r], categories=s.VOCABULARIES[s.HCP]).codes
    mix = np.array(list(_CATEGORY.values())).T[hcp]
    c = (rng.random(len(r))[:, None] > np.cumsum(mix / mix.sum(axis=1, keepdims=True), axis=1)).sum(axis=1)
    source = part.iloc[r].reset_index(drop=True)
    chosen = practices.iloc[p].reset_index(drop=True)
    return pd.DataFrame(
        {
            "APPOINTMENT_MONTH_START_DATE": pd.to_datetime(source[s.MONTH]).dt.strftime("%d%b%Y").str.upper(),
            "GP_CODE": chosen[s.GP_CODE],
            "GP_NAME": chosen[s.GP_NAME],
            "SUPPLIER": chosen[s.SUPPLIER],
            "PCN_CODE": chosen[s.PCN_CODE],
            "PCN_NAME": chosen[s.PCN_NAME],
            "SUB_ICB_LOCATION_CODE": chosen[s.SUB_ICB],
            "SUB_ICB_LOCATION_NAME": chosen[s.SUB_ICB_NAME],
            "HCP_TYPE": source[s.HCP],
            "APPT_MODE": source[s.MODE].replace(_OFFICIAL_SPELLING[s.MODE]),
            "NATIONAL_CATEGORY": np.array(list(_CATEGORY))[c],
            "TIME_BETWEEN_BOOK_AND_APPT": source[s.LEAD].replace(_OFFICIAL_SPELLING[s.LEAD]),
            "COUNT_OF_APPOINTMENTS": counts,
            "APPT_STATUS": source[s.STATUS],
        }
    )


def crosstab(regional: pd.DataFrame, seed: int, rows: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The synthetic crosstab (official layout, about `rows` rows) and the registered-patients file of its
    practices."""
    rng = np.random.default_rng([seed, 5])
    practices = reference_practices()
    months = MONTHS.strftime("%Y-%m")[-PRACTICE_MONTHS:]
    part = regional[regional[s.ICB].isin(practices[s.ICB]) & regional[s.MONTH].isin(months)]
    practices["patients"] = list_sizes(practices, part, rng)
    practices["activity"] = practices["patients"] * rng.lognormal(0.0, 0.25, len(practices))
    practices["dna_tendency"] = rng.lognormal(0.0, 0.35, len(practices))
    pieces = []
    for icb, count in part.groupby(s.ICB).size().items():
        in_icb = practices[practices[s.ICB] == icb].reset_index(drop=True)
        budget = rows * count / len(part)
        # DNA rows are few and small: sampled on their own budget, so every practice has some DNAs.
        missed = part[(part[s.ICB] == icb) & (part[s.STATUS] == s.STATUS_DNA)].reset_index(drop=True)
        others = part[(part[s.ICB] == icb) & (part[s.STATUS] != s.STATUS_DNA)].reset_index(drop=True)
        dna_rows = min(round(budget * _DNA_ROWS), len(missed) * len(in_icb))
        pieces.append(_split(missed, in_icb, dna_rows, rng))
        pieces.append(_split(others, in_icb, round(budget) - dna_rows, rng))
    out = pd.concat(pieces, ignore_index=True).sort_values(["APPOINTMENT_MONTH_START_DATE", "GP_CODE"], kind="stable")
    extract = (MONTHS[-1] + 1).to_timestamp().strftime("%d%b%Y").upper()
    registered = pd.DataFrame(
        {
            "PUBLICATION": "GP_PRAC_PAT_LIST",
            "EXTRACT_DATE": extract,
            "TYPE": "GP",
            "SUB_ICB_LOCATION_CODE": practices[s.SUB_ICB],
            "CODE": practices[s.GP_CODE],
            "SEX": "ALL",
            "AGE": "ALL",
            "NUMBER_OF_PATIENTS": practices["patients"],
        }
    )
    return out, registered
