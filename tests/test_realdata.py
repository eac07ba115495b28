"""Real-data tests: the real LSE extract and official sample in ../shared/data (skipped when absent).

Every expected figure is computed here from the raw files with the csv module, independently of nhs_core."""

from __future__ import annotations

import ast
import calendar
import csv
import datetime as dt
import io
import json
import subprocess
import sys
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd
import pytest

from nhs_core import schema as s
from nhs_core.analysis.summary import summary as headline_summary
from nhs_core.load.ingest import ingest_paths
from tests.helpers import TODAY, dna_rate_of

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
LSE = DATA / "lse-extract"
APPOINTMENTS_ZIP = LSE / "appointments_regional.csv.zip"
TWEETS = LSE / "tweets.csv"
OFFICIAL = DATA / "official-sample"
REGIONAL = ("Regional_CSV_Lincolnshire.csv", "Regional_CSV_NWLondon.csv")
DURATIONS = "Actual_Duration_CSV_Nov_25_Lincolnshire_Sep_Nov.csv"

pytestmark = pytest.mark.realdata


def _need(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"real data not available: {path} is absent (it lives outside the repository, in ../shared/data)")


def _ym(day: dt.date) -> str:
    return f"{day:%Y-%m}"


# --- the LSE extract ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def lse_raw() -> list[list[str]]:
    """The raw rows of appointments_regional.csv (header first), read from the zip with the csv module."""
    _need(APPOINTMENTS_ZIP)
    with zipfile.ZipFile(APPOINTMENTS_ZIP) as archive, archive.open("appointments_regional.csv") as fh:
        return list(csv.reader(io.TextIOWrapper(fh, encoding="utf-8", newline="")))


@pytest.fixture(scope="module")
def lse_loaded():
    _need(APPOINTMENTS_ZIP)
    return ingest_paths([APPOINTMENTS_ZIP], today=TODAY)


def test_lse_zip_is_read_cleanly(lse_loaded):
    assert lse_loaded.report.ok, lse_loaded.report.to_text()
    assert not lse_loaded.report.warnings, lse_loaded.report.to_text()  # no unknown geography, no gaps
    assert list(lse_loaded.tables) == [s.APPOINTMENTS]
    assert [f.file for f in lse_loaded.files] == ["appointments_regional.csv.zip › appointments_regional.csv"]


def test_lse_every_row_is_kept(lse_raw, lse_loaded):
    assert len(lse_raw) - 1 == 596_821
    assert len(lse_loaded.tables[s.APPOINTMENTS]) == 596_821


def test_lse_totals_equal_direct_sums_of_the_raw_file(lse_raw, lse_loaded):
    header = lse_raw[0]
    body = lse_raw[1:]
    month, status, count = (
        header.index(c) for c in ("appointment_month", "appointment_status", "count_of_appointments")
    )
    by_month: dict[str, int] = defaultdict(int)
    by_status: dict[str, int] = defaultdict(int)
    for row in body:
        by_month[row[month]] += int(row[count])
        by_status[row[status]] += int(row[count])
    summary = headline_summary(lse_loaded.tables)
    assert summary["tables"][s.APPOINTMENTS]["appointments"] == sum(by_month.values())
    assert summary["monthly_appointments"] == dict(sorted(by_month.items()))
    assert summary["status_appointments"] == dict(by_status)
    assert summary["dna_rate"] == pytest.approx(dna_rate_of(by_status))
    for key, total in by_month.items():
        year, mon = map(int, key.split("-"))
        assert summary["appointments_per_day"][key] == pytest.approx(
            total / calendar.monthrange(year, mon)[1], abs=0.006
        )


def test_lse_covers_30_months_jan_2020_to_jun_2022(lse_loaded):
    months = pd.DatetimeIndex(lse_loaded.tables[s.APPOINTMENTS][s.MONTH].unique()).sort_values()
    assert len(months) == 30
    assert months[0] == pd.Timestamp("2020-01-01") and months[-1] == pd.Timestamp("2022-06-01")
    assert (months == pd.date_range("2020-01-01", "2022-06-01", freq="MS")).all()


def test_lse_42_icbs_all_recognised(lse_raw, lse_loaded):
    frame = lse_loaded.tables[s.APPOINTMENTS]
    raw_icbs = {row[0] for row in lse_raw[1:]}
    assert len(raw_icbs) == 42
    assert {str(c) for c in frame[s.ICB].unique()} == raw_icbs
    names = {str(n) for n in frame[s.ICB_NAME].unique()}
    assert len(names) == 42 and all(n.startswith("NHS ") for n in names)  # names, not codes
    assert frame[s.REGION].notna().all() and frame[s.REGION_NAME].nunique() == 7


def test_lse_lead_time_bands_are_in_time_order(lse_loaded):
    lead = lse_loaded.tables[s.APPOINTMENTS][s.LEAD]
    assert list(lead.cat.categories) == [
        "Same Day",
        "1 Day",
        "2 to 7 Days",
        "8  to 14 Days",
        "15  to 21 Days",
        "22  to 28 Days",
        "More than 28 Days",
        "Unknown / Data Quality",
    ]
    assert lead.notna().all()


def test_lse_exact_duplicate_rows_are_still_present(lse_raw, lse_loaded):
    body = [tuple(row) for row in lse_raw[1:]]
    expected = len(body) - len(set(body))
    assert 21_000 < expected < 22_000  # about 21,604 (../shared/data/README.md)
    columns = [s.ICB, s.MONTH, s.STATUS, s.HCP, s.MODE, s.LEAD, s.COUNT]
    assert int(lse_loaded.tables[s.APPOINTMENTS][columns].duplicated().sum()) == expected


def test_lse_vocabularies_keep_their_official_spellings(lse_loaded):
    frame = lse_loaded.tables[s.APPOINTMENTS]
    assert "Other Practice staff" in set(frame[s.HCP].unique())
    assert "Video/Online" in set(frame[s.MODE].unique())
    assert {str(v) for v in frame[s.STATUS].unique()} == {"Attended", "DNA", "Unknown"}


# --- tweets -------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def tweets_raw() -> list[dict[str, str]]:
    _need(TWEETS)
    with TWEETS.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def tweets_loaded():
    _need(TWEETS)
    return ingest_paths([TWEETS], today=TODAY)


def test_tweets_every_row_is_kept(tweets_raw, tweets_loaded):
    assert len(tweets_raw) == 1_174
    assert tweets_loaded.report.ok and len(tweets_loaded.tables[s.TWEETS]) == 1_174
    assert tweets_loaded.tables[s.TWEETS][s.TWEET_TEXT].tolist() == [r["tweet_full_text"] for r in tweets_raw]


def _entity_counts(rows: list[dict[str, str]]) -> list[list]:
    """Hashtag counts from Twitter's own parse of each tweet (`tweet_entities`), case-folded."""
    counts = Counter(
        tag["text"].casefold() for row in rows for tag in ast.literal_eval(row["tweet_entities"])["hashtags"]
    )
    return [[t, c] for t, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def test_top_hashtag_is_healthcare_as_twitter_counts_it(tweets_raw, tweets_loaded):
    top = headline_summary(tweets_loaded.tables)["top_hashtags"]
    assert len(top) == 10
    assert top[0] == _entity_counts(tweets_raw)[0] == ["healthcare", 844]


def test_top_hashtags_agree_with_twitter_entities(tweets_raw, tweets_loaded):
    """The text rule (DESIGN.md) ranks the top ten as Twitter's own entities do. Counts may differ by a
    few: a tag cut by a truncated tweet ("#health…" from "#healthcare") reads as a complete shorter tag."""
    ours = headline_summary(tweets_loaded.tables)["top_hashtags"]
    theirs = _entity_counts(tweets_raw)[:10]
    assert [tag for tag, _ in ours] == [tag for tag, _ in theirs]
    for (tag, count), (_, expected) in zip(ours, theirs, strict=True):
        assert abs(count - expected) <= max(3, expected * 0.03), tag


# --- the official sample ------------------------------------------------------------------------------
def _official_rows(name: str) -> list[dict[str, str]]:
    _need(OFFICIAL / name)
    with (OFFICIAL / name).open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def official_raw() -> dict[str, list[dict[str, str]]]:
    return {name: _official_rows(name) for name in (*REGIONAL, DURATIONS)}


@pytest.fixture(scope="module")
def official_loaded():
    _need(OFFICIAL)
    return ingest_paths([OFFICIAL], today=TODAY)


def _month(value: str) -> dt.date:
    return dt.datetime.strptime(value, "%b%Y").date()  # JUN2023


def _expected_official(raw: dict[str, list[dict[str, str]]]) -> dict:
    regional = [r for name in REGIONAL for r in raw[name]]
    by_month: dict[str, int] = defaultdict(int)
    by_status: dict[str, int] = defaultdict(int)
    for row in regional:
        by_month[_ym(_month(row["APPOINTMENT_MONTH"]))] += int(row["COUNT_OF_APPOINTMENTS"])
        by_status[row["APPT_STATUS"]] += int(row["COUNT_OF_APPOINTMENTS"])
    duration_months = sorted(_ym(dt.datetime.strptime(r["Appointment_Date"], "%d%b%Y").date()) for r in raw[DURATIONS])
    return {
        "tables": {
            s.APPOINTMENTS: {
                "rows": len(regional),
                "appointments": sum(by_month.values()),
                "first_month": min(by_month),
                "last_month": max(by_month),
            },
            s.DURATIONS: {
                "rows": len(raw[DURATIONS]),
                "appointments": sum(int(r["COUNT_OF_APPOINTMENTS"]) for r in raw[DURATIONS]),
                "first_month": duration_months[0],
                "last_month": duration_months[-1],
            },
        },
        "monthly_appointments": dict(sorted(by_month.items())),
        "status_appointments": dict(by_status),
        "dna_rate": dna_rate_of(by_status),
        "appointments_per_day": {
            k: v / calendar.monthrange(int(k[:4]), int(k[5:]))[1] for k, v in sorted(by_month.items())
        },
    }


def test_official_months_parsed_from_jun2023_style_values(official_raw, official_loaded):
    assert {r["APPOINTMENT_MONTH"][:3] for r in official_raw[REGIONAL[0]]} <= {
        m.upper() for m in calendar.month_abbr[1:]
    }
    months = pd.DatetimeIndex(official_loaded.tables[s.APPOINTMENTS][s.MONTH].unique()).sort_values()
    assert months[0] == pd.Timestamp("2023-06-01") and months[-1] == pd.Timestamp("2025-11-01")
    assert len(months) == 30


def test_official_files_are_read_cleanly(official_loaded):
    assert official_loaded.report.ok, official_loaded.report.to_text()
    assert not official_loaded.report.warnings, official_loaded.report.to_text()
    assert set(official_loaded.tables) == {s.APPOINTMENTS, s.DURATIONS}


def test_official_both_regional_files_are_kept(official_raw, official_loaded):
    frame = official_loaded.tables[s.APPOINTMENTS]
    assert len(frame) == sum(len(official_raw[name]) for name in REGIONAL)
    raw_icbs = {name: {r["ICB_ONS_CODE"] for r in official_raw[name]} for name in REGIONAL}
    assert raw_icbs[REGIONAL[0]].isdisjoint(raw_icbs[REGIONAL[1]])
    assert set(frame[s.ICB].astype(str)) == raw_icbs[REGIONAL[0]] | raw_icbs[REGIONAL[1]]
    rows = {f.file: f.rows for f in official_loaded.files if f.table == s.APPOINTMENTS}
    assert rows == {name: len(official_raw[name]) for name in REGIONAL}
    assert "combine.replaced" not in official_loaded.report.codes


def test_official_totals_equal_direct_sums(official_raw, official_loaded):
    expected = _expected_official(official_raw)
    summary = headline_summary(official_loaded.tables)
    assert summary["tables"] == expected["tables"]
    assert summary["monthly_appointments"] == expected["monthly_appointments"]
    assert summary["status_appointments"] == expected["status_appointments"]
    for name in REGIONAL:  # each file on its own, too
        one = ingest_paths([OFFICIAL / name], today=TODAY).tables[s.APPOINTMENTS]
        assert int(one[s.COUNT].sum()) == sum(int(r["COUNT_OF_APPOINTMENTS"]) for r in official_raw[name])


def test_official_summary_cli_agrees_with_direct_sums(official_raw):
    run = subprocess.run(
        [sys.executable, "-m", "nhs_core", "summary", str(OFFICIAL), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    summary = json.loads(run.stdout)
    expected = _expected_official(official_raw)
    assert summary["tables"] == expected["tables"]
    assert summary["monthly_appointments"] == expected["monthly_appointments"]
    assert summary["status_appointments"] == expected["status_appointments"]
    assert summary["dna_rate"] == pytest.approx(expected["dna_rate"])
    assert summary["appointments_per_day"] == pytest.approx(expected["appointments_per_day"], abs=0.006)


def test_official_lead_time_labels_with_double_spaces_are_recognised(official_loaded):
    lead = official_loaded.tables[s.APPOINTMENTS][s.LEAD]
    assert set(lead.astype(str)) <= set(s.VOCABULARIES[s.LEAD])
    assert "8  to 14 Days" in set(lead.astype(str))
