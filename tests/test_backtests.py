"""Back tests: the committed synthetic fixtures (LSE and official layouts) against the figures
`tests/fixtures/make_fixtures.py` computed from their raw rows with plain Python."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from nhs_core import definitions as d
from nhs_core import schema as s
from nhs_core.analysis.summary import summary as headline_summary
from nhs_core.analysis.tweets import hashtag_counts
from nhs_core.load.ingest import ingest_paths
from tests.helpers import TODAY

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
LAYOUTS = ["lse", "official"]
SUMMARY_TABLES = (s.APPOINTMENTS, s.DURATIONS, s.CATEGORIES, s.TWEETS, s.DAILY)


def _expected(layout: str) -> dict:
    return json.loads((FIXTURES / layout / "expected.json").read_text())


@pytest.fixture(scope="module", params=LAYOUTS)
def loaded(request):
    result = ingest_paths([FIXTURES / request.param], today=TODAY)
    return request.param, result


def _compare(actual: dict, expected: dict) -> None:
    for table in SUMMARY_TABLES:
        assert actual["tables"].get(table) == expected["tables"].get(table), table
    if s.COVERAGE in expected["tables"] and s.COVERAGE in actual["tables"]:
        assert actual["tables"][s.COVERAGE]["rows"] == expected["tables"][s.COVERAGE]["rows"]
    assert actual["monthly_appointments"] == expected["monthly_appointments"]
    assert actual["status_appointments"] == expected["status_appointments"]
    statuses = expected["status_appointments"]
    expected_rate = d.DNA_RATE.formula(statuses["Attended"], statuses["DNA"], statuses["Unknown"])
    assert actual["dna_rate"] == pytest.approx(expected_rate, rel=1e-9)
    assert actual["appointments_per_day"] == pytest.approx(expected["appointments_per_day"], abs=0.006)
    assert actual.get("top_hashtags", []) == expected["top_hashtags"]
    assert actual["top_locations_by_records"] == expected["top_locations_by_records"]


def test_fixtures_load_without_errors_or_warnings(loaded):
    layout, result = loaded
    assert result.report.ok, result.report.to_text()
    assert not result.report.warnings, result.report.to_text()
    expected_tables = set(_expected(layout)["tables"])
    assert set(result.tables) == expected_tables


def test_library_summary_matches_direct_sums(loaded):
    layout, result = loaded
    _compare(headline_summary(result.tables), _expected(layout))


@pytest.mark.parametrize("layout", LAYOUTS)
def test_cli_summary_json_matches_direct_sums(layout):
    run = subprocess.run(
        [sys.executable, "-m", "nhs_core", "summary", str(FIXTURES / layout), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    _compare(json.loads(run.stdout), _expected(layout))


def test_lse_duplicate_rows_are_all_kept():
    result = ingest_paths([FIXTURES / "lse" / "appointments_regional.csv"], today=TODAY)
    frame = result.tables[s.APPOINTMENTS]
    raw = _expected("lse")["raw_checks"]
    assert raw["appointments_duplicate_rows"] > 0
    assert int(frame.duplicated().sum()) == raw["appointments_duplicate_rows"]
    assert sorted(frame[s.ICB].astype(str).unique()) == raw["appointments_icbs"]


def test_lse_hashtags_without_retweets():
    result = ingest_paths([FIXTURES / "lse" / "tweets.csv"], today=TODAY)
    counts = hashtag_counts(result.tables[s.TWEETS], exclude_retweets=True)
    expected = _expected("lse")["raw_checks"]["hashtags_without_retweets"]
    assert dict(zip(counts["hashtag"], counts["count"])) == expected


def test_official_regional_files_both_kept_and_zip_member_read():
    result = ingest_paths([FIXTURES / "official"], today=TODAY)
    raw = _expected("official")["raw_checks"]
    frame = result.tables[s.APPOINTMENTS]
    assert sorted(frame[s.ICB].astype(str).unique()) == raw["appointments_icbs"]
    rows = {f.file.split(" › ")[-1]: f.rows for f in result.files if f.table == s.APPOINTMENTS}
    assert rows == raw["regional_rows_by_file"]
    assert "combine.replaced" not in result.report.codes


def test_official_daily_video_conference_is_read_as_video_online():
    result = ingest_paths([FIXTURES / "official" / "SUB_ICB_LOCATION_CSV_Nov_25.csv"], today=TODAY)
    daily = result.tables[s.DAILY]
    assert "Video Conference/Online" not in set(daily[s.MODE].astype(str))
    video = int(daily.loc[daily[s.MODE] == "Video/Online", s.COUNT].sum())
    assert video == _expected("official")["raw_checks"]["daily_video_online"] > 0


def _fixture_module():
    spec = importlib.util.spec_from_file_location("make_fixtures", FIXTURES / "make_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_fixtures_are_what_the_script_writes(tmp_path):
    written = _fixture_module().write(tmp_path)
    assert len(written) == 12
    for path in written:
        committed = FIXTURES / path.relative_to(tmp_path)
        assert committed.read_bytes() == path.read_bytes(), f"{committed} differs: rerun make_fixtures.py"
