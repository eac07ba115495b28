"""Practice and PCN level: each practice's (or PCN's) figures for the selection, rates per 1,000 registered
patients, the data-quality exclusions, and one practice's profile against its PCN, ICB and all loaded practices
(the funnel plot is in ``analysis.funnel``).

The practice crosstab has one row per practice, month and combination of status, HCP type, mode, national
category and lead time. Every figure here is computed from indicator sums per practice-month (one groupby),
so a month of all England (about 1.1 million rows) costs one pass.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from nhs_core import definitions as d
from nhs_core import schema as s
from nhs_core.shares import SHARE_COLUMNS, SHARES
from nhs_core.units import ratio

PRACTICE = "practice"
PCN = "pcn"
ICB = "icb"
PATIENTS = s.REGISTERED_PATIENTS
PER_1000 = s.PER_1000_PATIENTS
MONTHS = "months"
LISTED = "appointments_with_list_size"
PATIENT_MONTHS = "patient_months"  # registered patients summed over the months counted
RECORDS = "records"

# The columns that name a practice, and a PCN; the first is the key.
NAMES = {
    PRACTICE: (s.GP_CODE, s.GP_NAME, s.PCN_CODE, s.PCN_NAME, s.SUB_ICB_NAME, s.ICB, s.ICB_NAME),
    PCN: (s.PCN_CODE, s.PCN_NAME, s.ICB_NAME),
    ICB: (s.ICB, s.ICB_NAME),
}


def _codes(column: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """A column's category codes (missing as an extra last code) and its categories."""
    column = column if isinstance(column.dtype, pd.CategoricalDtype) else column.astype("category")
    categories = column.cat.categories
    # Kept narrow (int16): at 65 million rows each int64 copy of the codes is half a gigabyte to write.
    codes = column.cat.codes.to_numpy().astype(np.int16 if len(categories) < 32_000 else np.int64, copy=False)
    return (np.where(codes < 0, len(categories), codes) if (codes < 0).any() else codes), categories


def practice_months(crosstab: pd.DataFrame) -> pd.DataFrame:
    """One row per practice and month: appointments, rows (records), and each share's numerator and base.

    From the crosstab's summary (``tables``: those sums already made per practice-month at import), a group-by
    of its rows; from the crosstab's rows, each dimension costs one `np.bincount` of appointments over an
    integer key of practice, month and the dimension's category code (no strings are built), so 13 million
    rows take about a second.
    """
    if all(column in crosstab for column in (RECORDS, *SHARE_COLUMNS)):
        grouped = crosstab.groupby([crosstab[s.GP_CODE].astype(str), s.MONTH], observed=True, sort=True)
        return grouped[[s.COUNT, RECORDS, *SHARE_COLUMNS]].sum().reset_index()
    practice = crosstab[s.GP_CODE].astype("category")
    month_codes, months = pd.factorize(crosstab[s.MONTH], sort=True)
    key = practice.cat.codes.to_numpy(np.int64) * len(months) + month_codes
    bins = len(practice.cat.categories) * len(months)
    count = crosstab[s.COUNT].to_numpy(np.int64)
    sums = {
        s.COUNT: np.bincount(key, count, minlength=bins).round().astype(np.int64),
        RECORDS: np.bincount(key, minlength=bins),
    }
    for share in SHARES:
        codes, categories = _codes(crosstab[share.column])
        width = len(categories) + 1
        by_value = np.bincount(key * width + codes, count, minlength=bins * width).reshape(bins, width)
        by_value = by_value.round().astype(np.int64)
        hit = categories.get_indexer([share.value])
        unknown = [i for i in categories.get_indexer(list(share.unknown)) if i >= 0] + [width - 1]
        sums[share.hits] = by_value[:, hit[0]] if hit[0] >= 0 else np.zeros(bins, np.int64)
        sums[share.known] = sums[s.COUNT] - by_value[:, unknown].sum(axis=1)
    present = sums[RECORDS] > 0
    cells = np.flatnonzero(present)
    frame = pd.DataFrame({name: values[present] for name, values in sums.items()})
    frame.insert(0, s.MONTH, months[cells % len(months)])
    frame.insert(0, s.GP_CODE, practice.cat.categories.astype(str)[cells // len(months)])
    return frame


def names(crosstab: pd.DataFrame, level: str = PRACTICE) -> pd.DataFrame:
    """The name, PCN and area of each practice (or PCN) from its last row, keyed by its code. Files are
    combined oldest first, so the last row carries the latest names."""
    columns = [c for c in NAMES[level] if c in crosstab]
    last = ~crosstab[columns[0]].duplicated(keep="last").to_numpy()  # hashes category codes: no strings
    latest = crosstab.loc[last, columns].astype(object)
    return latest.set_index(columns[0])


@dataclass(frozen=True)
class ListSizes:
    """Registered patients per practice from one extract: hashable, so it can key a cached computation."""

    month: pd.Timestamp | None = None
    codes: tuple[str, ...] = ()
    patients: tuple[int, ...] = ()

    def series(self) -> pd.Series:
        """Registered patients by practice code."""
        return pd.Series(self.patients, index=pd.Index(self.codes, dtype=object), dtype=np.int64)

    @property
    def total(self) -> int:
        return int(sum(self.patients))


def latest_list_sizes(list_sizes: pd.DataFrame | None) -> ListSizes:
    """Registered patients per practice from the latest extract loaded (never filtered by the period: the
    extract month is when the lists were counted, not a month of appointments)."""
    if list_sizes is None or list_sizes.empty:
        return ListSizes()
    month = list_sizes[s.MONTH].max()
    latest = list_sizes[list_sizes[s.MONTH] == month]
    sizes = latest.groupby(latest[s.GP_CODE].astype(str), observed=True)[PATIENTS].sum()
    return ListSizes(month, tuple(sizes.index), tuple(int(v) for v in sizes))


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
    patients = lookup(by_month[s.GP_CODE], sizes)
    reason = _reasons(by_month, patients, limits)
    out = by_month.loc[reason.notna(), [s.GP_CODE, s.MONTH, s.COUNT]]
    out = out.assign(**{PATIENTS: patients, PER_1000: by_month[s.COUNT] / patients * 1000, "reason": reason})
    return out.reset_index(drop=True)


def _reasons(by_month: pd.DataFrame, patients: pd.Series, limits: Limits) -> pd.Series:
    """Why each practice-month is left out by `limits`, in words; missing for those kept."""
    per_1000 = by_month[s.COUNT] / patients * 1000
    reason = pd.Series(None, index=by_month.index, dtype=object)
    reason[per_1000 > limits.high_per_1000] = f"more than {limits.high_per_1000:,.0f} appointments per 1,000"
    reason[per_1000 < limits.low_per_1000] = f"fewer than {limits.low_per_1000:,.0f} appointments per 1,000"
    reason[patients < limits.min_patients] = f"fewer than {limits.min_patients:,} registered patients"
    return reason


def lookup(codes: pd.Series, values: pd.Series) -> pd.Series:
    """`values` at each of `codes` (missing where it has none), with one hash lookup per distinct code: mapping
    each of 70,000 practice-months one by one cost ten times as much."""
    position, distinct = pd.factorize(codes)
    found = values.reindex(distinct).to_numpy()
    return pd.Series(found[position], index=codes.index)


def compare(
    crosstab: pd.DataFrame,
    list_sizes: ListSizes = ListSizes(),
    level: str = PRACTICE,
    limits: Limits | None = Limits(),
) -> pd.DataFrame:
    """Each practice's (or PCN's) figures for the selection, ranked by appointments.

    Columns: the names, appointments, records, months, registered patients (latest extract), appointments
    per 1,000 registered patients a month, and each share of `SHARES` with its base. Practice-months
    excluded by `limits` (None: none) are left out before anything is summed; without list sizes nothing
    can be excluded and the per-1,000 column is missing (NaN).
    """
    return compare_months(practice_months(crosstab), names_by_level(crosstab), list_sizes, level, limits)


def names_by_level(crosstab: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """`names` at every level, for `compare_months`."""
    return {level: names(crosstab, level) for level in NAMES}


# What a page computes once per selection to compare at any level with any limits (`compare_months`).
MONTHS_AND_NAMES = (practice_months, names_by_level)


def compare_months(
    by_month: pd.DataFrame,
    named: dict[str, pd.DataFrame],
    list_sizes: ListSizes = ListSizes(),
    level: str = PRACTICE,
    limits: Limits | None = Limits(),
) -> pd.DataFrame:
    """`compare` from the crosstab's `practice_months` and `names_by_level`: a page computes those two once
    per selection (the whole crosstab's work) and compares at any level and with any limits from them."""
    sizes = list_sizes.series()
    patients = lookup(by_month[s.GP_CODE], sizes)
    if limits is not None and len(sizes):
        kept = _reasons(by_month, patients, limits).isna()
        by_month, patients = by_month[kept], patients[kept]
    # Per 1,000 patients counts only the appointments of practices whose list size is known.
    by_month = by_month.assign(
        **{PATIENTS: patients, PATIENT_MONTHS: patients, LISTED: by_month[s.COUNT].where(patients.notna(), 0)}
    )
    key = NAMES[level][0]
    if level != PRACTICE:
        by_month = by_month.assign(**{key: lookup(by_month[s.GP_CODE], named[PRACTICE][key].astype(str))})
    sums = [c for c in by_month if c not in (s.GP_CODE, key, s.MONTH, PATIENTS)]
    grouped = by_month.groupby(key, observed=True)
    out = grouped[sums].sum()
    out[MONTHS] = grouped[s.MONTH].nunique()
    # Patients of a PCN or ICB: its practices' list sizes, counted once each whatever the months.
    out[PATIENTS] = by_month.drop_duplicates(s.GP_CODE).groupby(key)[PATIENTS].sum(min_count=1)
    out = named[level].join(_rates(out), how="inner")
    return out.sort_values(s.COUNT, ascending=False).reset_index()


def _rates(sums: pd.DataFrame) -> pd.DataFrame:
    """Per-1,000 and share columns from the sums (appointments, months, patients, numerators, bases)."""
    out = sums.copy()
    out[PER_1000] = d.PER_1000_PATIENTS.formula(out[LISTED], out[PATIENT_MONTHS])
    for share in SHARES:
        out[share.rate] = ratio(out[share.hits], out[share.known])
    return out


def overall(compared: pd.DataFrame, label: str) -> pd.DataFrame:
    """One row for all the units of `compared` together (rates recomputed from the sums, not averaged),
    named `label`: the comparison rows of the ranked table."""
    sums = compared[[s.COUNT, RECORDS, LISTED, PATIENT_MONTHS, *SHARE_COLUMNS]].sum()
    row = sums.to_frame().T.assign(**{MONTHS: compared[MONTHS].max(), PATIENTS: compared[PATIENTS].sum(min_count=1)})
    return _rates(row).assign(name=label)


def top(crosstab: pd.DataFrame, by: str, n: int = 5, level: str = PRACTICE) -> list[list]:
    """The `n` practices (or PCNs) with the most appointments (`by="appointments"`) or records (rows),
    as [code, name, value] lists, largest first."""
    key, name = NAMES[level][:2]
    records = crosstab[RECORDS] if RECORDS in crosstab else pd.Series(1, index=crosstab.index)  # a summary's
    values = crosstab[s.COUNT] if by == "appointments" else records
    totals = values.groupby(crosstab[key], observed=True).sum().sort_values(ascending=False)  # on the codes
    totals.index = totals.index.astype(str)
    labels = names(crosstab, level)[name]
    return [[code, str(labels.get(code, code)), int(value)] for code, value in totals.head(n).items()]


def months_covered(crosstab: pd.DataFrame) -> str:
    """The crosstab's months in words ("Apr 2022 to Jun 2022"): they can be fewer than the period chosen."""
    first, last = crosstab[s.MONTH].min(), crosstab[s.MONTH].max()
    return f"{first:%b %Y}" if first == last else f"{first:%b %Y} to {last:%b %Y}"


ALL_LOADED = "All loaded practices"


def profile_groups(practice_names: pd.DataFrame, gp_code: str) -> tuple[tuple[str, str | None, str | None], ...]:
    """The groups a practice's profile compares, as ``analysis.sources.Groups``: the practice, its PCN, its ICB
    and all loaded practices, named from `practice_names` (`names` at the practice level)."""
    row = practice_names.loc[gp_code]
    return (
        (str(row[s.GP_NAME]), s.GP_CODE, gp_code),
        (f"{row[s.PCN_NAME]} (its PCN)", s.PCN_CODE, str(row[s.PCN_CODE])),
        (f"{row[s.ICB_NAME]} (its ICB)", s.ICB, str(row[s.ICB])),
        (ALL_LOADED, None, None),
    )


def profile(sums: pd.DataFrame) -> pd.DataFrame:
    """Each group's share of its appointments by a dimension (unknown values included, so the shares add up to
    100%), from ``analysis.sources.sums_by`` over the `profile_groups`.

    Columns: ``group`` (the practice's, PCN's and ICB's names, then `ALL_LOADED`), the dimension, appointments,
    share.
    """
    return sums.assign(**{s.SHARE: sums[s.COUNT] / sums.groupby("group", observed=False)[s.COUNT].transform("sum")})


def profile_over_time(
    by_month: pd.DataFrame, practice_names: pd.DataFrame, list_sizes: ListSizes, gp_code: str
) -> pd.DataFrame:
    """Appointments per 1,000 registered patients in each month: the practice, its PCN, its ICB and all loaded
    practices (each group's appointments over its practices' list sizes), from `practice_months` and `names`
    of every area. Empty without list sizes.

    Columns: ``group`` (as in `profile`), month, appointments, patients and `PER_1000`.
    """
    sizes = list_sizes.series()
    if sizes.empty:
        return pd.DataFrame(columns=["group", s.MONTH, s.COUNT, PATIENTS, PER_1000])
    by_month = by_month.assign(**{PATIENTS: lookup(by_month[s.GP_CODE], sizes)}).dropna(subset=[PATIENTS])
    groups = profile_groups(practice_names, gp_code)
    # Each practice-month's PCN and ICB, from the practice's latest names.
    of = {column: lookup(by_month[s.GP_CODE], practice_names[column].astype(str)) for column in (s.PCN_CODE, s.ICB)}
    of[s.GP_CODE] = by_month[s.GP_CODE]
    parts = []
    for group, column, value in groups:
        rows = by_month if column is None else by_month[of[column] == value]
        parts.append(rows.groupby(s.MONTH)[[s.COUNT, PATIENTS]].sum().reset_index().assign(group=group))
    out = pd.concat(parts, ignore_index=True)
    out[PER_1000] = d.PER_1000_PATIENTS.formula(out[s.COUNT], out[PATIENTS])
    out["group"] = pd.Categorical(out["group"], categories=[label for label, _, _ in groups])
    return out[["group", s.MONTH, s.COUNT, PATIENTS, PER_1000]]
