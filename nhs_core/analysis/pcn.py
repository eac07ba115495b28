"""Appointments delivered by primary care networks (`PCN_GRANULAR.csv`) beside the practices' (regional files):
the gap between the practices' files and NHS England's headline totals, month by month."""

from __future__ import annotations

import pandas as pd

from nhs_core import definitions as d
from nhs_core import schema as s


def pcn_against_practices(practices: pd.DataFrame, pcn: pd.DataFrame) -> pd.DataFrame:
    """By month, over the months both tables have: `practice_appointments` (regional table), `pcn_appointments`
    and `pcn_share` (`definitions.PCN_SHARE`) of the two together; empty when they share no month."""
    by_practice = practices.groupby(s.MONTH, observed=True)[s.COUNT].sum().rename(s.PRACTICE_COUNT)
    by_pcn = pcn.groupby(s.MONTH, observed=True)[s.COUNT].sum().rename(s.PCN_COUNT)
    out = pd.concat([by_practice, by_pcn], axis=1, join="inner").reset_index()
    out[s.PCN_SHARE] = d.PCN_SHARE.formula(out[s.PCN_COUNT], out[s.PRACTICE_COUNT] + out[s.PCN_COUNT])
    return out.sort_values(s.MONTH, ignore_index=True)


def overall_share(by_month: pd.DataFrame) -> float:
    """The PCNs' share over every month of `pcn_against_practices`."""
    pcn, practices = by_month[s.PCN_COUNT].sum(), by_month[s.PRACTICE_COUNT].sum()
    return float(d.PCN_SHARE.formula(pcn, practices + pcn))
