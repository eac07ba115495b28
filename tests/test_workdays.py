"""Working days in England (weekdays that are not bank holidays) and the per-working-day basis."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from nhs_core import definitions as d
from nhs_core import schema as s
from nhs_core.analysis import metrics
from nhs_core.workdays import bank_holidays, is_bank_holiday, working_days

ROOT = Path(__file__).resolve().parents[1]
LSE_ZIP = ROOT.parent / "shared" / "data" / "lse-extract" / "appointments_regional.csv.zip"


def _months(*texts: str) -> pd.Series:
    return pd.Series(pd.to_datetime([f"{t}-01" for t in texts]))


def test_working_days_leave_out_weekends_and_england_bank_holidays():
    counts = working_days(_months("2025-11", "2024-11", "2022-06", "2022-09", "2020-12", "2023-05"))
    # Nov 2025 has 20 weekdays; Jun 2022 loses the two Jubilee days, Sep 2022 the State Funeral, Dec 2020
    # Christmas and the substitute Boxing Day, May 2023 the Coronation and both May bank holidays.
    assert counts.tolist() == [20, 21, 20, 21, 21, 20]


def test_bank_holidays_come_from_the_library_with_one_off_days():
    days = {f"{day:%Y-%m-%d}" for day in bank_holidays([2022])}
    assert {"2022-06-02", "2022-06-03", "2022-09-19", "2022-12-27"} <= days
    flags = is_bank_holiday(pd.Series(pd.to_datetime(["2022-09-19", "2022-09-20"])))
    assert flags.tolist() == [True, False]


def test_per_day_is_per_working_day_by_default_with_the_other_bases_as_options():
    monthly = pd.DataFrame({s.MONTH: _months("2025-11"), s.COUNT: [24_000_000]})
    assert metrics.per_day(monthly)[s.PER_DAY].iloc[0] == 1_200_000
    assert metrics.per_day(monthly, "calendar")[s.PER_DAY].iloc[0] == 800_000
    assert metrics.per_day(monthly, "30")[s.PER_DAY].iloc[0] == 800_000
    assert d.PER_DAY.label == "Appointments per working day"
    assert d.per_day_of("calendar").label == "Appointments per calendar day"


def test_year_on_year_compares_per_working_day():
    # 20 working days in Nov 2025 against 21 in Nov 2024: fewer appointments, more per working day.
    monthly = pd.DataFrame({s.MONTH: _months("2024-11", "2025-11"), s.COUNT: [21_000_000, 20_750_000]})
    yoy = metrics.year_on_year(monthly)
    assert yoy[s.PCT_CHANGE].iloc[0] == pytest.approx(20_750_000 / 20 / 1_000_000 - 1)
    assert yoy[s.PCT_CHANGE].iloc[0] > 0
    assert metrics.year_on_year(monthly, "calendar")[s.PCT_CHANGE].iloc[0] < 0


@pytest.mark.realdata
def test_lse_summary_json_has_15_months_above_capacity_per_working_day_and_oct_2021_busiest():
    if not LSE_ZIP.exists():
        pytest.skip(f"the real LSE extract is not at {LSE_ZIP}")
    run = subprocess.run(
        [sys.executable, "-m", "nhs_core", "summary", str(LSE_ZIP), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert out["months_above_capacity_per_working_day"] == 15
    assert out["busiest_month_per_working_day"] == "2021-10"
    assert out["working_days"]["2021-10"] == 21 and len(out["working_days"]) == 30
    assert out["appointments_per_working_day"]["2021-10"] == pytest.approx(1_443_040, abs=1)
    # appointments_per_day stays per calendar day: none of the 30 months reaches 1.2 million on it.
    assert max(out["appointments_per_day"].values()) < 1_200_000
