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


SELECTION = "Selection"
ENGLAND = "England"
OVERVIEW_DIMENSIONS = (s.STATUS, s.HCP, s.MODE, s.SETTING, s.CONTEXT, s.CATEGORY)  # the overview's cross-tab


def role_comparison(selected: pd.DataFrame, england: pd.DataFrame) -> pd.DataFrame:
    """The role mix of the selection beside England's (same months and filters, every area).

    Returns `area` ("Selection", "England"), `sds_role_group`, `count_of_appointments`, `share` of the area.
    """
    parts = [role_totals(frame).assign(**{s.AREA: name}) for name, frame in ((SELECTION, selected), (ENGLAND, england))]
    return pd.concat(parts, ignore_index=True)[[s.AREA, s.SDS_ROLE, s.COUNT, s.SHARE]]


STAFF_GROUPS = s.VOCABULARIES[s.SDS_ROLE][:3]  # GP, Nurses, Other Direct Patient Care: roles, not recording gaps
UNRECORDED_GROUPS = s.VOCABULARIES[s.SDS_ROLE][3:]  # "Data Quality" and "Unknown": no usable staff role


def role_share_change(frame: pd.DataFrame, window: int = 3) -> pd.DataFrame:
    """Each role group's share of all appointments in the last `window` months against the first `window`.

    Returns `sds_role_group`, `early_share`, `late_share` and `change` (late - early, share points as a
    fraction), every group in vocabulary order; empty with fewer than two months.
    """
    months = sorted(pd.DatetimeIndex(frame[s.MONTH].dropna().unique()))
    if len(months) < 2:
        return pd.DataFrame(columns=[s.SDS_ROLE, s.EARLY_SHARE, s.LATE_SHARE, s.CHANGE])
    window = min(window, len(months) // 2)
    early = role_totals(frame[frame[s.MONTH].isin(months[:window])]).set_index(s.SDS_ROLE)[s.SHARE]
    late = role_totals(frame[frame[s.MONTH].isin(months[-window:])]).set_index(s.SDS_ROLE)[s.SHARE]
    out = pd.DataFrame({s.EARLY_SHARE: early, s.LATE_SHARE: late}).rename_axis(s.SDS_ROLE).reset_index()
    out[s.CHANGE] = out[s.LATE_SHARE] - out[s.EARLY_SHARE]
    return out


def unrecorded_role_share(frame: pd.DataFrame) -> float:
    """The share of appointments in the "Data Quality" and "Unknown" role groups (NaN for no appointments)."""
    totals = role_totals(frame)
    return float(totals.loc[totals[s.SDS_ROLE].isin(UNRECORDED_GROUPS), s.SHARE].sum()) if len(frame) else float("nan")
