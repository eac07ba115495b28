"""The funnel plot: a rate of each practice (or PCN) against its size, with control limits around the
selection's overall rate, so that units of different sizes are compared fairly (a small practice's rate
varies more by chance alone).
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
import pandas as pd

from nhs_core.shares import Share

LEVELS = (0.95, 0.998)


def funnel_limits(target: float, sizes: np.ndarray, level: float, phi: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """Lower and upper control limits of a proportion around `target` for each base size: the normal
    approximation to the binomial, target ± z * sqrt(phi * target (1 - target) / n), clipped to 0..1.
    `phi` > 1 widens them for overdispersion (see `overdispersion`)."""
    z = NormalDist().inv_cdf(0.5 + level / 2)
    spread = z * np.sqrt(phi * target * (1 - target) / np.asarray(sizes, dtype=float))
    return np.clip(target - spread, 0, 1), np.clip(target + spread, 0, 1)


def overdispersion(rate: np.ndarray, base: np.ndarray, target: float) -> float:
    """Spiegelhalter's multiplicative overdispersion factor (at least 1): the mean squared z-score of the
    units after winsorising the 10% most extreme at each end.

    Large practices differ by more than chance alone (case mix, recording), so plain binomial limits flag most
    of them; NHS funnel plots widen the limits by this factor so that only unusual practices stand out.
    """
    if len(rate) < 10 or not 0 < target < 1:
        return 1.0
    z = (rate - target) / np.sqrt(target * (1 - target) / base)
    low, high = np.quantile(z, [0.1, 0.9])
    return max(1.0, float(np.mean(np.clip(z, low, high) ** 2)))


def _level_name(level: float) -> str:
    return f"{level:.1%}".replace(".0%", "%")


@dataclass(frozen=True)
class Funnel:
    """A funnel plot's data: one point per practice (rate, base, which limits it is outside), the limit
    curves over the range of bases, the selection's overall rate, and the overdispersion factor used."""

    points: pd.DataFrame
    curves: pd.DataFrame
    target: float
    phi: float


def funnel(compared: pd.DataFrame, share: Share) -> Funnel:
    """The funnel plot of `share` against its base for the practices (or PCNs) of `compared`.

    ``outside`` is "above 99.8%", "above 95%", "below 95%", "below 99.8%" or "within". The overall rate
    is the selection's: numerators over bases.
    """
    sizes = compared[share.known].to_numpy(float)
    points = compared[sizes > 0]
    base = sizes[sizes > 0]
    target = float(points[share.hits].sum() / base.sum()) if base.sum() else float("nan")
    rate = points[share.hits].to_numpy(float) / base
    phi = overdispersion(rate, base, target)
    outside = np.full(len(points), "within", dtype=object)
    for level in LEVELS:  # the wider limits last, so they win
        low, high = funnel_limits(target, base, level, phi)
        outside[rate > high] = f"above {_level_name(level)}"
        outside[rate < low] = f"below {_level_name(level)}"
    grid = np.geomspace(max(base.min(), 1), base.max(), 60) if len(base) else np.array([])
    curves = [
        pd.DataFrame({"base": grid, "limit": _level_name(level), "low": low, "high": high})
        for level in LEVELS
        for low, high in [funnel_limits(target, grid, level, phi)]
    ]
    points = points.assign(rate=rate, base=base, outside=outside)
    return Funnel(points, pd.concat(curves, ignore_index=True), target, phi)
