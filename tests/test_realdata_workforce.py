"""Real-data tests of the SDS role and national overview files (../shared/data/official-more; skipped when absent).

Expected figures are computed here from the raw files with the csv module, independently of nhs_core."""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from nhs_core import schema as s
from nhs_core.analysis import reconcile as rc
from nhs_core.analysis.summary import summary
from nhs_core.load.ingest import ingest_paths
from tests.helpers import TODAY

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SDS = DATA / "official-more" / "SDS_Role_CSV_Nov_25_Lincolnshire.csv"
OVERVIEW = DATA / "official-more" / "National_Overview_Oct_Nov_25.csv"
REGIONAL = DATA / "official-sample" / "Regional_CSV_Lincolnshire.csv"
NWL = DATA / "official-sample" / "Regional_CSV_NWLondon.csv"

pytestmark = pytest.mark.realdata


def _need(*paths: Path) -> None:
    for path in paths:
        if not path.exists():
            pytest.skip(f"real data not available: {path} is absent (it lives outside the repository)")


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _month(text: str) -> str:
    fmt = "%d%b%Y" if len(text) == 9 else "%b%Y"
    return f"{dt.datetime.strptime(text, fmt):%Y-%m}"


def test_sds_roles_reconcile_with_the_regional_file_for_every_month():
    _need(SDS, REGIONAL)
    loaded = ingest_paths([SDS, REGIONAL], today=TODAY)
    assert loaded.report.ok and set(loaded.tables) == {s.APPOINTMENTS, s.SDS_ROLES}
    sds, regional = Counter(), Counter()
    for row in _rows(SDS):
        sds[_month(row["Appointment_Date"])] += int(row["COUNT_OF_APPOINTMENTS"])
    for row in _rows(REGIONAL):
        regional[_month(row["APPOINTMENT_MONTH"])] += int(row["COUNT_OF_APPOINTMENTS"])
    assert sds == regional and len(sds) == 30  # the published fact, checked on the raw files
    (outcome,) = rc.run_checks(loaded.tables)
    assert outcome.exact and len(outcome.months) == 30
    assert dict(zip(outcome.months[s.MONTH].dt.strftime("%Y-%m"), outcome.months[s.SECOND_TOTAL])) == dict(sds)


def test_sds_role_appointments_match_the_raw_file():
    _need(SDS)
    expected = Counter()
    for row in _rows(SDS):
        expected[row["SDS_ROLE_GROUP"]] += int(row["COUNT_OF_APPOINTMENTS"])
    out = summary(ingest_paths([SDS], today=TODAY).tables)
    assert out["sds_role_appointments"] == dict(expected) and len(expected) == 5
    assert out["tables"][s.SDS_ROLES]["rows"] == len(_rows(SDS))


def test_the_overview_matches_the_raw_file_and_is_not_compared_with_two_icbs():
    _need(OVERVIEW, REGIONAL, NWL)
    raw = _rows(OVERVIEW)
    expected = Counter()
    for row in raw:
        expected[_month(row["APPOINTMENT_MONTH"])] += int(row["COUNT_OF_APPOINTMENTS"])
    loaded = ingest_paths([OVERVIEW, REGIONAL, NWL], today=TODAY)
    table = summary(loaded.tables)["tables"][s.OVERVIEW]
    assert table == {
        "rows": len(raw),
        "appointments": sum(expected.values()),
        "first_month": "2025-10",
        "last_month": "2025-11",
    }
    (outcome,) = rc.run_checks(loaded.tables)
    assert not outcome.compared and "covers every ICB in none of the months" in outcome.text
    two_icbs = loaded.tables[s.APPOINTMENTS]
    in_october = two_icbs.loc[two_icbs[s.MONTH] == "2025-10-01", s.COUNT].sum()
    assert 0 < in_october < expected["2025-10"] / 10  # two (large) ICBs of England's 42


def test_the_overview_restates_the_regional_breakdowns_nationally():
    _need(OVERVIEW)
    statuses = Counter(row["APPT_STATUS"] for row in _rows(OVERVIEW))
    assert set(statuses) == {"Attended", "DNA", "Unknown"}
    table = ingest_paths([OVERVIEW], today=TODAY).tables[s.OVERVIEW]
    assert set(table[s.MODE]) <= set(s.VOCABULARIES[s.MODE])  # "Video Conference/Online" read as Video/Online
