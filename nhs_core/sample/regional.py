"""The synthetic regional (monthly appointments) table: ICB x month x status x HCP type x mode x lead time."""

from __future__ import annotations

import numpy as np
import pandas as pd

from nhs_core import schema as s
from nhs_core.sample.grid import MONTHS, jitter, pps_sample

_F2F_KNOTS = ((0, 2, 3, 6, 12, 20, 29), (0.79, 0.67, 0.47, 0.50, 0.53, 0.60, 0.64))  # month index, share
_HCP = (0.50, 0.46, 0.04)
_LEAD = (0.35, 0.10, 0.25, 0.13, 0.07, 0.05, 0.04, 0.01)
_SAME_DAY_BY_MODE = (0.8, 1.4, 1.45, 1.1, 1.0)  # Face-to-Face, Home Visit, Telephone, Video/Online, Unknown
_DNA_BY_MODE = (1.15, 0.9, 0.55, 0.9, 1.0)
_DNA_BY_LEAD = (0.018, 0.035, 0.05, 0.064, 0.078, 0.09, 0.105, 0.05)


def appointments(base: dict, seed: int, rows: int) -> tuple[pd.DataFrame, np.ndarray]:
    """The regional table (ICB x month x status x HCP x mode x lead time) and its attended totals (ICB x month)."""
    rng = np.random.default_rng([seed, 1])
    totals = base["totals"]
    n_icb, n_m = totals.shape
    f2f = np.interp(np.arange(n_m), *_F2F_KNOTS)
    unk = np.linspace(0.048, 0.026, n_m)
    mode = np.column_stack([f2f, np.full(n_m, 0.008), 1 - f2f - unk - 0.015, np.full(n_m, 0.007), unk])
    mode = jitter(rng, mode[None], (n_icb, 1, 5), 0.1)  # icb, month, mode
    lead = jitter(rng, np.outer(_SAME_DAY_BY_MODE, [1] + [0.93] * 7) * _LEAD, (n_icb, 5, 8), 0.1)
    hcp = jitter(rng, _HCP, (n_icb, 3), 0.08)
    unknown = np.where((np.arange(n_m) >= 2) & (np.arange(n_m) <= 4), 0.08, 0.048)[None, :, None, None]
    dna = np.outer(_DNA_BY_MODE, _DNA_BY_LEAD) * rng.lognormal(0.0, 0.15, (n_icb, 1, 1, 1)) * (1 - unknown)
    status = np.stack([1 - unknown - dna, dna, np.broadcast_to(unknown, dna.shape)], axis=2)
    prob = (
        status[:, :, :, None]
        * hcp[:, None, None, :, None, None]
        * mode[:, :, None, None, :, None]
        * lead[:, None, None, None]
    )
    group = np.arange(totals.size).reshape(n_icb, n_m, 1, 1, 1, 1)
    keep, counts = pps_sample(totals[..., None, None, None, None] * prob, group, totals, rows, rng)
    idx = np.unravel_index(keep, prob.shape)
    out = {s.ICB: base["icb_codes"][idx[0]], s.MONTH: MONTHS.strftime("%Y-%m").to_numpy()[idx[1]]}
    out |= {dim: np.array(s.VOCABULARIES[dim])[i] for dim, i in zip((s.STATUS, s.HCP, s.MODE, s.LEAD), idx[2:])}
    attended = np.bincount((idx[0] * n_m + idx[1])[idx[2] == 0], counts[idx[2] == 0], totals.size)
    return pd.DataFrame(out | {s.COUNT: counts}), attended.round().astype(np.int64).reshape(totals.shape)
