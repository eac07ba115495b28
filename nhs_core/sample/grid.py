"""The sampling machinery of the synthetic sample: invented national totals split over ICBs and sub-ICBs, and
a probability-proportional-to-size sample of a grid of expected counts rescaled to exact group totals.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from nhs_core import geography
from nhs_core import schema as s

SEED = 2022
MONTHS = pd.period_range("2020-01", "2022-06", freq="M")
_NATIONAL = (
    27.0,
    24.3,
    24.0,
    16.0,
    16.4,
    20.5,
    22.4,
    20.6,
    26.2,
    28.4,
    25.3,
    23.3,
    22.9,
    22.7,
    27.0,  # millions
    24.0,
    24.2,
    26.9,
    25.8,
    23.8,
    28.3,
    29.8,
    30.0,
    25.0,
    25.5,
    25.3,
    29.3,
    23.9,
    27.4,
    26.0,
)
_WEEKDAY = (1.16, 1.05, 1.0, 1.0, 0.95, 0.075, 0.035)
_BANK_HOLIDAYS = pd.to_datetime(
    [
        "2021-08-30",
        "2021-12-27",
        "2021-12-28",
        "2022-01-03",
        "2022-04-15",
        "2022-04-18",
        "2022-05-02",
        "2022-06-02",
        "2022-06-03",
    ]
)


def jitter(rng: np.random.Generator, base, shape: tuple[int, ...], sigma: float) -> np.ndarray:
    """Probabilities `base` times log-normal noise of the given shape, normalised on the last axis."""
    w = np.asarray(base, dtype=float) * rng.lognormal(0.0, sigma, shape)
    return w / w.sum(axis=-1, keepdims=True)


def base_totals(seed: int) -> dict:
    """Sub-ICBs, the 42 ICB codes, monthly totals per ICB (ICB x month) and each sub-ICB's share of its ICB."""
    rng = np.random.default_rng([seed, 0])
    subs = geography.sub_icbs().sort_values(s.SUB_ICB).reset_index(drop=True)
    icb_codes = np.array(sorted(subs[s.ICB].unique()))  # only ICBs that have sub-ICB locations
    icb_of = np.searchsorted(icb_codes, subs[s.ICB].to_numpy())
    icb_share = jitter(rng, (1.5 + np.bincount(icb_of)) ** 0.8, (len(icb_codes),), 0.3)
    national = np.array(_NATIONAL) * 1e6 * rng.lognormal(0.0, 0.01, len(MONTHS))
    totals = icb_share[:, None] * national[None, :] * rng.lognormal(0.0, 0.03, (len(icb_codes), len(MONTHS)))
    sub_w = rng.lognormal(0.0, 0.4, len(subs))
    return {
        "subs": subs,
        "icb_codes": icb_codes,
        "icb_of": icb_of,
        "totals": np.rint(totals).astype(np.int64),
        "sub_share": sub_w / np.bincount(icb_of, weights=sub_w)[icb_of],
    }


def _apportion(weight: np.ndarray, group: np.ndarray, totals: np.ndarray) -> np.ndarray:
    """Positive integers proportional to `weight` summing exactly to `totals[g]` in each group g."""
    spare = totals - np.bincount(group, minlength=len(totals))
    wsum = np.bincount(group, weight, len(totals))
    if (spare < 0).any() or ((spare == totals) & (totals > 0)).any():
        raise ValueError("a group has more kept cells than appointments, or no kept cell at all")
    exact = spare[group] * weight / wsum[group]
    base = np.floor(exact).astype(np.int64)
    short = spare - np.bincount(group, weights=base, minlength=len(totals)).round().astype(np.int64)
    order = np.lexsort((-(exact - base), group))  # largest remainders first within each group
    ranked = group[order]
    rank = np.arange(len(order)) - np.searchsorted(ranked, ranked)
    base[order[rank < short[ranked]]] += 1
    return base + 1


def pps_sample(
    expected: np.ndarray, group: np.ndarray, totals: np.ndarray, rows: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Sequential Poisson PPS sample of `rows` grid cells, rescaled to the group totals: (flat indices, counts)."""
    flat = expected.ravel()
    grp = np.broadcast_to(group, expected.shape).ravel()
    if rows > flat.size:
        raise ValueError(f"at most {flat.size:,} rows are possible, {rows:,} were asked for")
    lo = np.log(flat.min() * 1e-3)  # bisect for t: sum(min(1, expected / t)) == rows
    hi = np.log(flat.sum())
    for _ in range(45):
        mid = (lo + hi) / 2
        if np.minimum(1.0, flat / np.exp(mid)).sum() > rows:
            lo = mid
        else:
            hi = mid
    p = np.minimum(1.0, flat / np.exp(hi))
    key = rng.random(flat.size) / p
    desc = np.argsort(-flat, kind="stable")
    for code in [*np.unravel_index(np.arange(flat.size), expected.shape), grp]:  # keep every value's largest cell
        key[desc[np.unique(code[desc], return_index=True)[1]]] = -1.0
    keep = np.sort(np.argpartition(key, rows - 1)[:rows])
    noise = np.where(p[keep] < 1, rng.gamma(1.2, 1 / 1.2, rows), rng.lognormal(0.0, 0.05, rows))
    return keep, _apportion(flat[keep] / p[keep] * noise, grp[keep], totals.ravel())  # weight: expected / p x noise


def daily_grid(
    base: dict,
    totals: np.ndarray,
    days: pd.DatetimeIndex,
    mix: np.ndarray,
    rows: int,
    rng: np.random.Generator,
    exact_mix: bool = False,
) -> tuple[tuple[np.ndarray, ...], np.ndarray]:
    """Sample a sub-ICB x day x `mix` grid whose counts in each (ICB, month) sum to the last months of `totals`.

    `mix` is each sub-ICB's split (sub-ICB x value), or each sub-ICB's split each day (sub-ICB x day x value).
    With `exact_mix` every (ICB, month, value) keeps its expected total, so the mix of a month is not left to
    the few cells sampled (needs a kept cell per value: about as many rows as ICB-months times values).
    """
    month = np.asarray(days.month + 12 * days.year) - (days[0].month + 12 * days[0].year)
    totals = totals[:, -(month[-1] + 1) :]
    weekday = np.array(_WEEKDAY)[days.day_of_week] * np.where(days.isin(_BANK_HOLIDAYS), 0.04, 1.0)
    day_w = weekday[None, :] * rng.lognormal(0.0, 0.05, (len(base["icb_of"]), len(days)))
    day_w /= np.add.reduceat(day_w, np.flatnonzero(np.r_[True, np.diff(month) != 0]), axis=1)[:, month]
    sub_month = totals[base["icb_of"]] * base["sub_share"][:, None]
    split = mix[:, None, :] if mix.ndim == 2 else mix
    expected = (sub_month[:, month] * day_w)[:, :, None] * split
    group = (base["icb_of"][:, None] * totals.shape[1] + month[None, :])[:, :, None]
    if exact_mix:
        values = expected.shape[2]
        group = group * values + np.arange(values)[None, None, :]
        share = np.bincount(np.broadcast_to(group, expected.shape).ravel(), expected.ravel(), totals.size * values)
        totals = _split_exactly(totals.ravel(), share.reshape(-1, values))
    keep, counts = pps_sample(expected, group, totals, rows, rng)
    return np.unravel_index(keep, expected.shape), counts


def _split_exactly(totals: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Each total split over its row of `weights` in whole numbers summing to it (the remainder to the largest)."""
    parts = np.floor(totals[:, None] * weights / weights.sum(axis=1, keepdims=True)).astype(np.int64)
    parts[np.arange(len(totals)), weights.argmax(axis=1)] += totals - parts.sum(axis=1)
    return parts
