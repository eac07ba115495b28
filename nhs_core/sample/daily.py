"""The synthetic daily tables (actual durations, national categories) and the categories workbook."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

from nhs_core import schema as s
from nhs_core.sample.grid import SEED, base_totals, daily_grid, jitter

DURATION_DAYS = pd.date_range("2021-12-01", "2022-06-30")
CATEGORY_DAYS = pd.date_range("2021-08-01", "2022-06-30")
_FIXED_TIME = dt.datetime(2022, 7, 1)  # workbook timestamps, so that its bytes repeat
_DURATION = (0.19, 0.22, 0.17, 0.10, 0.09, 0.05, 0.18)
_SETTING = (0.895, 0.025, 0.015, 0.035, 0.03)
_CATEGORY = (0.3, 0.5, 6, 14, 20, 28, 0.1, 1, 0.3, 0.4, 9, 9, 2, 0.6, 2, 2, 0.5)  # the 17 real categories, %
_INCONSISTENT = 0.08


def durations(base: dict, attended: np.ndarray, seed: int, rows: int) -> pd.DataFrame:
    """Actual durations per sub-ICB and day; each (ICB, month) sums to its attended appointments."""
    rng = np.random.default_rng([seed, 2])
    subs = base["subs"]
    mix = jitter(rng, _DURATION, (len(subs), len(_DURATION)), 0.15)
    (sub, day, dur), counts = daily_grid(base, attended, DURATION_DAYS, mix, rows, rng)
    out = subs[[s.SUB_ICB, s.SUB_ICB_ONS, s.SUB_ICB_NAME, s.ICB, s.REGION]].iloc[sub].reset_index(drop=True)
    out[s.DATE] = DURATION_DAYS.strftime("%d-%b-%y").to_numpy()[day]  # 01-Dec-21
    return out.assign(**{s.DURATION: np.array(s.VOCABULARIES[s.DURATION])[dur], s.COUNT: counts})


def setting_combos() -> tuple[list[tuple[str, str, str]], list[float]]:
    """The realistic (service setting, context type, national category) combinations and their shares."""
    settings = s.VOCABULARIES[s.SETTING]
    cre, incons, unmapped = s.VOCABULARIES[s.CONTEXT]
    combos = [(unmapped, unmapped, unmapped)]
    shares = [_SETTING[4]]
    for setting, p in zip(settings[:4], _SETTING[:4]):
        combos += [(setting, cre, c) for c in s.VOCABULARIES[s.CATEGORY][:17]] + [(setting, incons, incons)]
        shares += [p * (1 - _INCONSISTENT) * c / sum(_CATEGORY) for c in _CATEGORY] + [p * _INCONSISTENT]
    return combos, shares


def _categories(base: dict, seed: int, rows: int) -> list[list]:
    """National-category rows (one list of Python values per column, LSE order); (ICB, month) sums = totals."""
    rng = np.random.default_rng([seed, 3])
    subs = base["subs"]
    combos, shares = setting_combos()
    mix = jitter(rng, shares, (len(subs), len(combos)), 0.15)
    (sub, day, combo), counts = daily_grid(base, base["totals"], CATEGORY_DAYS, mix, rows, rng)
    combo_cols = [np.array(c, dtype=object)[combo].tolist() for c in zip(*combos)]
    return [
        CATEGORY_DAYS.to_pydatetime()[day].tolist(),
        base["icb_codes"][base["icb_of"][sub]].tolist(),
        subs[s.SUB_ICB_NAME].to_numpy()[sub].tolist(),
        *combo_cols,
        counts.tolist(),
        CATEGORY_DAYS.strftime("%Y-%m").to_numpy()[day].tolist(),
    ]


class _PinnedZip(zipfile.ZipFile):
    """A zip file whose entries all carry one fixed timestamp, so that openpyxl's output repeats byte for byte."""

    def open(self, name, mode="r", pwd=None, *, force_zip64=False):  # used by both `write` and `writestr`
        if mode == "w" and isinstance(name, zipfile.ZipInfo):
            name.date_time = _FIXED_TIME.timetuple()[:6]
        return super().open(name, mode, pwd, force_zip64=force_zip64)


def write_categories_xlsx(path: Path | str, rows: int, seed: int = SEED) -> Path:
    """Write a synthetic national-categories workbook in the LSE layout with exactly `rows` data rows.

    Parameters
    ----------
    path : Path or str
        Output `.xlsx` file, written with openpyxl in write_only mode and with fixed timestamps.
    rows : int
        Data rows (the real file has 817,394); at most 106 sub-ICBs x 334 days x 73 combinations.
    seed : int
        Random seed; the (ICB, month) totals equal the sample's appointments totals for the same seed.

    Returns
    -------
    Path
        The file written.
    """
    columns = _categories(base_totals(seed), seed, rows)
    wb = Workbook(write_only=True)
    wb.properties.created = wb.properties.modified = _FIXED_TIME
    ws = wb.create_sheet("national_categories")
    ws.append([s.DATE, s.ICB, s.SUB_ICB_NAME, s.SETTING, s.CONTEXT, s.CATEGORY, s.COUNT, s.MONTH])
    for row in zip(*columns):
        ws.append(row)
    with _PinnedZip(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).save()  # as `wb.save`, without stamping the save time
    return Path(path)
