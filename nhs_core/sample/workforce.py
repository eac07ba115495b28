"""The synthetic SDS role and national overview tables, consistent with the regional table.

Each (ICB, month) of the SDS role table sums to the regional table's appointments, and each (month, status,
HCP type, mode) of the national overview sums to the regional table's England total, as in a real release.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from nhs_core import schema as s
from nhs_core.sample.daily import setting_combos
from nhs_core.sample.grid import MONTHS, daily_grid, jitter, pps_sample
from nhs_core.tables import kind

SDS_DAYS = pd.date_range(MONTHS[0].start_time, MONTHS[-1].end_time.normalize())
# GP, Nurses, Other Direct Patient Care, Data Quality, Unknown in Jan 2020 and in Jun 2022, in between a straight
# line: other direct patient care grows (the additional roles of primary care networks), GPs' share falls.
_ROLE_FIRST = (0.47, 0.26, 0.13, 0.04, 0.10)
_ROLE_LAST = (0.40, 0.25, 0.22, 0.04, 0.09)


# The template's columns without the sub-ICB's ONS code and name (the geography lookup fills them in on import):
# they would take half of the file's bytes.
_SDS_COLUMNS = [c for c in kind(s.SDS_ROLES).template.columns if c not in (s.SUB_ICB_ONS, s.SUB_ICB_NAME)]


def sds_roles(base: dict, seed: int, rows: int) -> pd.DataFrame:
    """Appointments per sub-ICB, day and SDS role group; each (ICB, month) sums to the regional totals."""
    rng = np.random.default_rng([seed, 5])
    subs = base["subs"]
    when = np.linspace(0.0, 1.0, len(SDS_DAYS))[:, None]
    trend = (1 - when) * np.array(_ROLE_FIRST) + when * np.array(_ROLE_LAST)  # day x role
    mix = trend[None] * rng.lognormal(0.0, 0.15, (len(subs), 1, len(_ROLE_FIRST)))
    mix /= mix.sum(axis=-1, keepdims=True)
    (sub, day, role), counts = daily_grid(base, base["totals"], SDS_DAYS, mix, rows, rng, exact_mix=True)
    out = subs[[s.SUB_ICB, s.SUB_ICB_ONS, s.SUB_ICB_NAME, s.ICB, s.REGION]].iloc[sub].reset_index(drop=True)
    out[s.DATE] = SDS_DAYS.strftime("%d%b%Y").str.upper().to_numpy()[day]  # 01JAN2020, as the release spells it
    out[s.SDS_ROLE] = np.array(s.VOCABULARIES[s.SDS_ROLE])[role]
    out[s.COUNT] = counts
    return out[_SDS_COLUMNS]


def national_overview(regional: pd.DataFrame, seed: int, rows: int) -> pd.DataFrame:
    """England's appointments per month, status, HCP, mode, setting, context and category (sums = regional)."""
    rng = np.random.default_rng([seed, 6])
    dims = [s.MONTH, s.STATUS, s.HCP, s.MODE]
    totals = regional.groupby(dims, sort=True)[s.COUNT].sum().reset_index()
    combos, shares = setting_combos()
    mix = jitter(rng, shares, (len(totals), len(combos)), 0.1)
    expected = totals[s.COUNT].to_numpy()[:, None] * mix
    group = np.arange(len(totals))[:, None]
    keep, counts = pps_sample(expected, group, totals[s.COUNT].to_numpy(), rows, rng)
    cell, combo = np.unravel_index(keep, expected.shape)
    out = totals.iloc[cell][dims].reset_index(drop=True)
    for column, values in zip((s.SETTING, s.CONTEXT, s.CATEGORY), zip(*combos)):
        out[column] = np.array(values, dtype=object)[combo]
    out[s.COUNT] = counts
    return out[list(kind(s.OVERVIEW).template.columns)]
