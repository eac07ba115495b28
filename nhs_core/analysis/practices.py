"""Practice and PCN level: each practice's (or PCN's) figures for the selection, rates per 1,000 registered
patients, the data-quality exclusions and the funnel plot's control limits.

The practice crosstab has one row per practice, month and combination of status, HCP type, mode, national
category and lead time. Every figure here is computed from indicator sums per practice-month (one groupby),
so a month of all England (about 1.1 million rows) costs one pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
import pandas as pd

from nhs_core import schema as s
from nhs_core.units import ratio

PRACTICE = "practice"
PCN = "pcn"
PATIENTS = s.REGISTERED_PATIENTS
PER_1000 = "appointments_per_1000_patients_a_month"
MONTHS = "months"
RECORDS = "records"

# The columns that name a practice, and a PCN; the first is the key.
NAMES = {
    PRACTICE: (s.GP_CODE, s.GP_NAME, s.PCN_CODE, s.PCN_NAME, s.SUB_ICB_NAME, s.ICB_NAME),
    PCN: (s.PCN_CODE, s.PCN_NAME, s.ICB_NAME),
}


@dataclass(frozen=True)
class Share:
    """One share per practice: appointments with `value` in `column`, over those whose `column` is known."""

    name: str
    label: str
    column: str
    value: str
    unknown: tuple[str, ...]


# The rates the Practices page compares (each over the appointments where the dimension is known).
SHARES = (
    Share("dna_rate", "DNA rate", s.STATUS, s.STATUS_DNA, (s.STATUS_UNKNOWN,)),
    Share("same_day_share", "Same-day share", s.LEAD, "Same Day", (s.UNKNOWN_DQ,)),
    Share("face_to_face_share", "Face-to-face share", s.MODE, "Face-to-Face", (s.UNKNOWN,)),
    Share("gp_share", "GP share", s.HCP, "GP", (s.UNKNOWN,)),
)
SHARE_BY_NAME = {share.name: share for share in SHARES}


def _known(share: Share) -> str:
    return f"{share.name}_known"


def practice_months(crosstab: pd.DataFrame) -> pd.DataFrame:
    """One row per practice and month: appointments, rows (records), and each share's numerator and base.

    The DNA rate's base is Attended + DNA (unknown status left out), as the DNA-rate definition says.
    """
    count = crosstab[s.COUNT].to_numpy(np.int64)
    sums = {s.COUNT: count, RECORDS: np.ones(len(crosstab), np.int64)}
    for share in SHARES:
        values = crosstab[share.column].astype(object)
        sums[share.name] = np.where(values == share.value, count, 0)
        sums[_known(share)] = np.where(values.isin(share.unknown), 0, count)
    keys = [crosstab[s.GP_CODE].astype(str), crosstab[s.MONTH]]
    frame = pd.DataFrame(sums, index=crosstab.index).groupby(keys, observed=True, sort=True).sum()
    return frame.rename_axis([s.GP_CODE, s.MONTH]).reset_index()


def names(crosstab: pd.DataFrame, level: str = PRACTICE) -> pd.DataFrame:
    """The latest name, PCN and area of each practice (or PCN), keyed by its code."""
    columns = [c for c in NAMES[level] if c in crosstab]
    latest = crosstab.sort_values(s.MONTH)[columns].astype(object).drop_duplicates(columns[0], keep="last")
    return latest.set_index(columns[0])


def latest_list_sizes(list_sizes: pd.DataFrame | None) -> tuple[pd.Series, pd.Timestamp | None]:
    """Registered patients per practice from the latest extract loaded, and that extract's month."""
    if list_sizes is None or list_sizes.empty:
        return pd.Series(dtype=np.int64), None
    month = list_sizes[s.MONTH].max()
    latest = list_sizes[list_sizes[s.MONTH] == month]
    sizes = latest.groupby(latest[s.GP_CODE].astype(str), observed=True)[PATIENTS].sum()
    return sizes, month


@dataclass(frozen=True)
class Limits:
    """The data-quality exclusions (NHS England's GP Same-Day Access Explorer uses the same kind)."""

    min_patients: int = 1_000
    low_per_1000: float = 100.0
    high_per_1000: float = 2_000.0

    def text(self) -> str:
        return (
            f"practices with fewer than {self.min_patients:,} registered patients, and practice-months with fewer "
            f"than {self.low_per_1000:,.0f} or more than {self.high_per_1000:,.0f} appointments per 1,000 patients"
        )


def exclusions(by_month: pd.DataFrame, sizes: pd.Series, limits: Limits = Limits()) -> pd.DataFrame:
    """The practice-months left out by `limits`, with the reason, in words (empty without list sizes)."""
    patients = by_month[s.GP_CODE].map(sizes)
    per_1000 = by_month[s.COUNT] / patients * 1000
    reason = pd.Series(None, index=by_month.index, dtype=object)
    reason[per_1000 > limits.high_per_1000] = f"more than {limits.high_per_1000:,.0f} appointments per 1,000"
    reason[per_1000 < limits.low_per_1000] = f"fewer than {limits.low_per_1000:,.0f} appointments per 1,000"
    reason[patients < limits.min_patients] = f"fewer than {limits.min_patients:,} registered patients"
    out = by_month.loc[reason.notna(), [s.GP_CODE, s.MONTH, s.COUNT]].assign(
        **{PATIENTS: patients[reason.notna()], PER_1000: per_1000[reason.notna()], "reason": reason.dropna()}
    )
    return out.reset_index(drop=True)


def compare(
    crosstab: pd.DataFrame,
    list_sizes: pd.DataFrame | None = None,
    level: str = PRACTICE,
    limits: Limits | None = Limits(),
) -> pd.DataFrame:
    """Each practice's (or PCN's) figures for the selection, ranked by appointments.

    Columns: the names, appointments, records, months, registered patients (latest extract), appointments
    per 1,000 registered patients a month, and each share of `SHARES` with its base. Practice-months
    excluded by `limits` (None: none) are left out before anything is summed; without list sizes nothing
    can be excluded and the per-1,000 column is missing (NaN).
    """
    by_month = practice_months(crosstab)
    sizes, _ = latest_list_sizes(list_sizes)
    if limits is not None and len(sizes):
        dropped = exclusions(by_month, sizes, limits)
        drop_keys = pd.MultiIndex.from_frame(dropped[[s.GP_CODE, s.MONTH]])
        by_month = by_month[~pd.MultiIndex.from_frame(by_month[[s.GP_CODE, s.MONTH]]).isin(drop_keys)]
    practice_names = names(crosstab, PRACTICE)
    by_month = by_month.assign(**{PATIENTS: by_month[s.GP_CODE].map(sizes)})
    key = s.GP_CODE if level == PRACTICE else s.PCN_CODE
    if level == PCN:
        by_month = by_month.assign(**{s.PCN_CODE: by_month[s.GP_CODE].map(practice_names[s.PCN_CODE])})
    sums = [c for c in by_month if c not in (s.GP_CODE, s.PCN_CODE, s.MONTH, PATIENTS)]
    grouped = by_month.groupby(key, observed=True)
    out = grouped[sums].sum()
    out[MONTHS] = grouped[s.MONTH].nunique()
    # Patients of a PCN: its practices' list sizes, counted once each whatever the months.
    out[PATIENTS] = by_month.drop_duplicates(s.GP_CODE).groupby(key)[PATIENTS].sum(min_count=1)
    out[PER_1000] = out[s.COUNT] / out[MONTHS] / out[PATIENTS] * 1000
    for share in SHARES:
        out[share.label] = ratio(out[share.name], out[_known(share)])
    out = names(crosstab, level).join(out, how="inner")
    return out.sort_values(s.COUNT, ascending=False).reset_index()


def top(crosstab: pd.DataFrame, by: str, n: int = 5, level: str = PRACTICE) -> list[list]:
    """The `n` practices (or PCNs) with the most appointments (`by="appointments"`) or records (rows),
    as [code, name, value] lists, largest first."""
    key, name = NAMES[level][:2]
    values = crosstab[s.COUNT] if by == "appointments" else pd.Series(1, index=crosstab.index)
    totals = values.groupby(crosstab[key].astype(str), observed=True).sum().sort_values(ascending=False)
    labels = names(crosstab, level)[name]
    return [[code, str(labels.get(code, code)), int(value)] for code, value in totals.head(n).items()]


# --- the funnel plot ----------------------------------------------------------------------------------
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
    known = compared[_known(share)].to_numpy(float)
    points = compared[known > 0]
    base = known[known > 0]
    target = float(points[share.name].sum() / base.sum()) if base.sum() else float("nan")
    rate = points[share.name].to_numpy(float) / base
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
