"""Who delivers the appointments: the SDS role group table (GP, nurses, other direct patient care, and the
"Data Quality" and "Unknown" groups of appointments whose staff role is not recorded usably)."""

from __future__ import annotations

import pandas as pd

from nhs_core import definitions as d
from nhs_core import schema as s


def role_totals(frame: pd.DataFrame) -> pd.DataFrame:
    """Appointments by SDS role group (every group, in vocabulary order) with each one's share of all."""
    out = frame.groupby(s.SDS_ROLE, observed=False, sort=True)[s.COUNT].sum().reset_index()
    total = out[s.COUNT].sum()
    return out.assign(**{s.SHARE: d.SHARE.formula(out[s.COUNT], total) if total else 0.0})


def role_appointments(frame: pd.DataFrame) -> dict[str, int]:
    """{role group: appointments}, JSON-ready (the `summary` command's `sds_role_appointments`)."""
    totals = role_totals(frame)
    return {str(role): int(count) for role, count in zip(totals[s.SDS_ROLE], totals[s.COUNT])}
