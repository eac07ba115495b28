"""Real-data test of rates per 1,000 registered patients (../shared/data; skipped when absent).

The expected rate is computed here from the raw files with the csv module, independently of nhs_core."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from nhs_core import schema as s
from nhs_core.analysis import population
from nhs_core.load.ingest import ingest_paths
from tests.helpers import TODAY

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
COVERAGE = DATA / "official-more" / "APPOINTMENTS_GP_COVERAGE_Lincolnshire_NWLondon.csv"
REGIONAL = DATA / "official-sample" / "Regional_CSV_Lincolnshire.csv"

pytestmark = pytest.mark.realdata


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_lincolnshire_rate_per_thousand_is_appointments_over_patients_by_hand():
    for path in (COVERAGE, REGIONAL):
        if not path.exists():
            pytest.skip(f"real data not available: {path} is absent (it lives outside the repository)")
    patients = {
        row["Appointment_Month"][2:]: int(row["Patients registered at included practices"])
        for row in _rows(COVERAGE)
        if row["SUB_ICB_LOCATION_CODE"] == "71E"
    }  # "01NOV2025" -> "NOV2025", the regional file's spelling
    appointments: dict[str, int] = {}
    for row in _rows(REGIONAL):
        if row["SUB_ICB_LOCATION_CODE"] == "71E" and row["APPOINTMENT_MONTH"] in patients:
            month = row["APPOINTMENT_MONTH"]
            appointments[month] = appointments.get(month, 0) + int(row["COUNT_OF_APPOINTMENTS"])
    assert appointments, "the two files share no month of Lincolnshire"
    expected = sum(appointments.values()) / sum(patients[month] for month in appointments) * 1000
    loaded = ingest_paths([COVERAGE, REGIONAL], today=TODAY).tables
    out = population.per_thousand(loaded[s.APPOINTMENTS], loaded[s.COVERAGE], level=s.ICB)
    lincolnshire = out[out[s.AREA].str.contains("Lincolnshire")]
    assert len(lincolnshire) == 1
    assert lincolnshire[s.PER_THOUSAND].item() == pytest.approx(expected)
    assert lincolnshire[s.COUNT].item() == sum(appointments.values())
