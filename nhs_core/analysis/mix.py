"""The mix of appointments across one dimension (mode, HCP type, setting, context, category): over
time, by area, two dimensions together, and which values grow fastest.

Shares (`definitions.SHARE`) are of appointments (sums of counts), never of records; growth is
`definitions.GROWTH`. Categorical dimensions keep their vocabulary order, with unknown-like values last.
"""

from __future__ import annotations

import pandas as pd

from nhs_core import definitions as d
from nhs_core import schema as s
from nhs_core.analysis.metrics import days_covered, per_day


def mix_over_time(frame: pd.DataFrame, dim: str) -> pd.DataFrame:
    """Appointments by month and value of `dim`, with each value's `share` of its month.

    Returns `appointment_month`, `dim`, `count_of_appointments`, `share`, `appointments_per_day`.
    """
    out = frame.groupby([s.MONTH, dim], observed=True)[s.COUNT].sum().reset_index()
    month_total = out.groupby(s.MONTH)[s.COUNT].transform("sum")
    shares = d.SHARE.formula(out[s.COUNT], month_total)
    return per_day(out.assign(**{s.SHARE: shares})).sort_values([s.MONTH, dim], ignore_index=True)


def mix_by_area(frame: pd.DataFrame, dim: str, level: str = s.ICB) -> pd.DataFrame:
    """Appointments by area (named, at `level`) and value of `dim`, with each value's `share` of its area.

    Areas are ordered by their share of the first value of `dim` (e.g. face-to-face), highest first, so a
    stacked bar chart reads as a ranking.
    """
    name = s.GEOGRAPHY_NAMES[level]
    out = frame.groupby([name, dim], observed=True)[s.COUNT].sum().reset_index().rename(columns={name: s.AREA})
    out[s.AREA] = out[s.AREA].astype(str)
    out[s.SHARE] = d.SHARE.formula(out[s.COUNT], out.groupby(s.AREA)[s.COUNT].transform("sum"))
    first = out[dim].cat.categories[0] if isinstance(out[dim].dtype, pd.CategoricalDtype) else out[dim].min()
    lead = out[out[dim] == first].set_index(s.AREA)[s.SHARE]
    rank = out[s.AREA].map(lead).fillna(0.0)
    return (
        out.assign(_rank=rank)
        .sort_values(["_rank", s.AREA, dim], ascending=[False, True, True])
        .drop(columns="_rank")
        .reset_index(drop=True)
    )


def crosstab(frame: pd.DataFrame, rows: str, columns: str) -> pd.DataFrame:
    """Appointments for every observed (rows, columns) pair with its `share` of all appointments, tidy."""
    out = frame.groupby([rows, columns], observed=True)[s.COUNT].sum().reset_index()
    total = out[s.COUNT].sum()
    shares = d.SHARE.formula(out[s.COUNT], total) if total else 0.0
    return out.assign(**{s.SHARE: shares}).sort_values([rows, columns], ignore_index=True)


def _window_per_day(frame: pd.DataFrame, dim: str, months: list[pd.Timestamp]) -> pd.Series:
    part = frame[frame[s.MONTH].isin(months)]
    days = days_covered(pd.Series(months))
    return d.PER_DAY.formula(part.groupby(dim, observed=True)[s.COUNT].sum(), days)


def fastest_growing(frame: pd.DataFrame, dim: str, window: int = 3) -> pd.DataFrame:
    """Values of `dim` by growth in appointments per day, fastest first.

    The latest `window` months of `frame` are compared with the same months a year earlier when all of
    those are present (so seasonality cancels out), otherwise with the first `window` months. Values
    with no appointments in the earlier window get no percentage (NaN).

    Returns `dim`, `baseline_per_day`, `recent_per_day`, `change`, `pct_change` and `compared_with`
    (the two windows in words, e.g. "Apr 2022 to Jun 2022 against Apr 2021 to Jun 2021").
    """
    months = sorted(pd.DatetimeIndex(frame[s.MONTH].dropna().unique()))
    if len(months) < 2:
        return pd.DataFrame(
            columns=[dim, s.BASELINE_PER_DAY, s.RECENT_PER_DAY, s.CHANGE, s.PCT_CHANGE, s.COMPARED_WITH]
        )
    baseline, recent = _windows(months, window)
    early = _window_per_day(frame, dim, baseline)
    late = _window_per_day(frame, dim, recent)
    out = pd.concat({s.BASELINE_PER_DAY: early, s.RECENT_PER_DAY: late}, axis=1).fillna(0.0)
    out[s.CHANGE] = out[s.RECENT_PER_DAY] - out[s.BASELINE_PER_DAY]
    out[s.PCT_CHANGE] = d.GROWTH.formula(out[s.RECENT_PER_DAY], out[s.BASELINE_PER_DAY])
    out[s.COMPARED_WITH] = _compared(recent, baseline)
    out = out.rename_axis(dim).reset_index()
    return out.sort_values([s.PCT_CHANGE, s.CHANGE], ascending=False, na_position="last", ignore_index=True)


def base_effect(months: list[pd.Timestamp]) -> str:
    """ " (from the Covid-19 lockdowns: a base effect)" when any of `months` falls in the Covid-19 period, else ""."""
    start, end = pd.Timestamp(s.COVID_START), pd.Timestamp(s.COVID_END)
    hit = any(start <= m <= end for m in months)
    return " (measured from the Covid-19 lockdown months: a base effect, not a trend)" if hit else ""


def _windows(months: list[pd.Timestamp], window: int) -> tuple[list[pd.Timestamp], list[pd.Timestamp]]:
    """The earlier and the latest `window` months: the earlier ones are the same months a year before when they
    are all present (so seasons cancel out), otherwise the first `window` months."""
    window = max(1, min(window, len(months) // 2))
    recent = months[-window:]
    year_before = [m - pd.DateOffset(years=1) for m in recent]
    return (year_before if all(m in set(months) for m in year_before) else months[:window]), recent


def _compared(recent: list[pd.Timestamp], baseline: list[pd.Timestamp]) -> str:
    span = f"{recent[0]:%b %Y} to {recent[-1]:%b %Y} against {baseline[0]:%b %Y} to {baseline[-1]:%b %Y}"
    return span + base_effect(baseline)


def share_change(frame: pd.DataFrame, dim: str, window: int = 3) -> pd.DataFrame:
    """Each value's share of appointments in the latest `window` months against the same months a year earlier
    (or, when those are not loaded, the first `window` months), and the change.

    Returns `dim`, `early_share`, `late_share`, `change` (late - early, in share points) and
    `compared_with` (the two windows in words, flagging a Covid-19 base effect), largest absolute change first.
    """
    months = sorted(pd.DatetimeIndex(frame[s.MONTH].dropna().unique()))
    if len(months) < 2:
        return pd.DataFrame(columns=[dim, s.EARLY_SHARE, s.LATE_SHARE, s.CHANGE, s.COMPARED_WITH])
    early, late = _windows(months, window)

    def shares(chosen: list[pd.Timestamp]) -> pd.Series:
        counts = frame[frame[s.MONTH].isin(chosen)].groupby(dim, observed=True)[s.COUNT].sum()
        return d.SHARE.formula(counts, counts.sum())

    out = pd.concat({s.EARLY_SHARE: shares(early), s.LATE_SHARE: shares(late)}, axis=1).fillna(0.0)
    out[s.CHANGE] = out[s.LATE_SHARE] - out[s.EARLY_SHARE]
    out[s.COMPARED_WITH] = _compared(late, early)
    out = out.rename_axis(dim).reset_index()
    return out.reindex(out[s.CHANGE].abs().sort_values(ascending=False).index).reset_index(drop=True)


def shares(frame: pd.DataFrame, dim: str) -> pd.DataFrame:
    """Appointments and `share` of the total for each value of `dim` (vocabulary order, unused values kept)."""
    out = frame.groupby(dim, observed=False)[s.COUNT].sum().reset_index()
    total = out[s.COUNT].sum()
    return out.assign(**{s.SHARE: d.SHARE.formula(out[s.COUNT], total) if total else 0.0})


# The table each dimension is read from.
SOURCE = {
    s.MODE: s.APPOINTMENTS,
    s.HCP: s.APPOINTMENTS,
    s.STATUS: s.APPOINTMENTS,
    s.SETTING: s.CATEGORIES,
    s.CONTEXT: s.CATEGORIES,
    s.CATEGORY: s.CATEGORIES,
}
OTHER = "All other"


def lump(mix: pd.DataFrame, dim: str, keep: int = 8) -> pd.DataFrame:
    """A `mix_over_time` or `mix_by_area` result with all but the `keep` largest values of `dim` summed
    into "All other"; `dim` becomes plain text in display order (kept values by size, then "All other")."""
    totals = mix.groupby(dim, observed=True)[s.COUNT].sum().sort_values(ascending=False)
    if len(totals) <= keep + 1:
        return mix
    kept = [str(v) for v in totals.index[:keep]]
    keys = [c for c in (s.MONTH, s.AREA) if c in mix]
    out = mix.assign(**{dim: mix[dim].astype(str).where(mix[dim].astype(str).isin(kept), OTHER)})
    out = out.groupby([*keys, dim], sort=False)[s.COUNT].sum().reset_index()
    out[s.SHARE] = d.SHARE.formula(out[s.COUNT], out.groupby(keys)[s.COUNT].transform("sum"))
    if s.MONTH in out:
        out = per_day(out)
    out[dim] = pd.Categorical(out[dim], categories=[*kept, OTHER], ordered=True)
    if s.AREA in out:  # keep the areas' ranking order from `mix_by_area`
        out["_area"] = out[s.AREA].map({a: i for i, a in enumerate(dict.fromkeys(mix[s.AREA]))})
        return out.sort_values(["_area", dim], ignore_index=True).drop(columns="_area")
    return out.sort_values([*keys, dim], ignore_index=True)


def display_order(mix: pd.DataFrame, dim: str) -> list[str]:
    """The values of `dim` in a mix frame, in their categorical (display) order."""
    values = mix[dim]
    if isinstance(values.dtype, pd.CategoricalDtype):
        present = set(values.astype(str))
        return [str(c) for c in values.cat.categories if str(c) in present]
    return sorted(values.astype(str).unique())
