"""Missed clinician time (DNAs x the estimated mean duration of attended appointments, same ICB and month):
computed independently here in plain pandas on tiny frames and on the sample; only ICB-months in both tables
count and the caveat says how many matched; the Attendance page shows the KPI and the caveat."""

from __future__ import annotations

import pandas as pd
import pytest

from nhs_core import definitions as d
from nhs_core import schema as s
from nhs_core.analysis.missed import missed_time
from nhs_core.load.ingest import ingest_paths
from nhs_core.present import missed
from tests.pagetest import BUNDLED, FIXTURE, PAGE, assert_ok, fixture_appointments, metric, run_page
from tests.tiny import appointments, frame, row

MIDDLE = {
    "1-5 Minutes": 3,
    "6-10 Minutes": 8,
    "11-15 Minutes": 13,
    "16-20 Minutes": 18,
    "21-30 Minutes": 25.5,
    "31-60 Minutes": 45.5,
}


def by_hand(appts: pd.DataFrame, durs: pd.DataFrame) -> tuple[float, int, int]:
    """(hours, DNAs counted, ICB-months matched) with plain pandas: the raw files' columns, no nhs_core."""
    known = durs[durs["actual_duration"].isin(list(MIDDLE))].copy()
    known["minutes"] = known["actual_duration"].map(MIDDLE) * known["count_of_appointments"]
    mean = known.groupby(["month", "icb_ons_code"])[["minutes", "count_of_appointments"]].sum()
    mean = mean["minutes"] / mean["count_of_appointments"]
    dna = appts[appts["appointment_status"] == "DNA"].groupby(["month", "icb_ons_code"])["count_of_appointments"]
    both = pd.concat({"dna": dna.sum(), "mean": mean}, axis=1, join="inner")
    return float((both["dna"] * both["mean"]).sum() / 60), int(both["dna"].sum()), len(both)


def tiny_durations(rows: list[tuple]) -> pd.DataFrame:
    """Rows of (ICB, date, duration band, count)."""
    return frame([s.ICB, s.DATE, s.DURATION, s.COUNT], rows)


APPTS = appointments(
    [
        row("2021-01-01", "DNA", 10, icb="I1"),
        row("2021-01-01", "Attended", 500, icb="I1"),
        row("2021-02-01", "DNA", 20, icb="I1"),
        row("2021-01-01", "DNA", 99, icb="I2"),  # I2 has no durations: left out
        row("2021-03-01", "DNA", 7, icb="I1"),  # March has no durations: left out
    ]
)
DURS = tiny_durations(
    [
        ("I1", "2021-01-04", "1-5 Minutes", 30),  # 3 minutes
        ("I1", "2021-01-05", "21-30 Minutes", 10),  # 25.5 minutes
        ("I1", "2021-01-05", "Unknown / Data Quality", 1000),  # left out of the mean
        ("I1", "2021-02-01", "6-10 Minutes", 5),  # 8 minutes
        ("I3", "2021-02-01", "6-10 Minutes", 5),  # I3 has no appointments
    ]
)


def test_dnas_times_the_mean_of_the_same_icb_and_month_only_where_both_tables_have_it():
    got = missed_time(APPTS, DURS)
    january = (30 * 3 + 10 * 25.5) / 40
    assert got.hours == pytest.approx((10 * january + 20 * 8) / 60)
    assert (got.dna_counted, got.dna_total) == (30, 136)
    assert (got.months_matched, got.months_appointments, got.months_durations) == (2, 3, 2)
    assert (got.areas_matched, got.areas_appointments, got.areas_durations) == (1, 2, 2)
    assert list(got.by_month[s.DNA_COUNT]) == [10, 20]
    assert got.by_month[s.MISSED_HOURS].tolist() == pytest.approx([10 * january / 60, 20 * 8 / 60])
    assert not got.complete
    words = missed.caveat(got)
    assert "2 of 3 months with appointments matched" in words and "1 of 2 ICBs" in words
    assert "attended appointments only" in words and "supplier" in words


def test_no_shared_icb_month_gives_no_hours_rather_than_a_guess():
    got = missed_time(APPTS[APPTS[s.ICB] == "I2"], DURS)
    assert got.hours == 0 and got.dna_counted == 0 and got.by_month.empty
    assert got.mean_minutes != got.mean_minutes  # NaN, not zero minutes


def test_the_measure_says_it_is_an_estimate_and_its_limits():
    assert "estimate" in d.MISSED_TIME.label.lower() + d.MISSED_TIME.help.lower()
    for words in ("attended appointments only", "supplier", "both"):
        assert words in d.MISSED_TIME.help, words
    assert d.MISSED_TIME.formula(30, 12) == 6


@pytest.mark.parametrize("folder", [BUNDLED, FIXTURE])
def test_the_estimate_matches_plain_pandas_on_the_sample_and_the_fixture(folder):
    appts = pd.read_csv(folder / "appointments_regional.csv").rename(columns={"appointment_month": "month"})
    durs = pd.read_csv(folder / "actual_duration.csv")
    durs["month"] = pd.to_datetime(durs["appointment_date"], format="%d-%b-%y").dt.strftime("%Y-%m")
    hours, counted, pairs = by_hand(appts, durs)
    loaded = ingest_paths([folder])
    got = missed_time(loaded.tables[s.APPOINTMENTS], loaded.tables[s.DURATIONS])
    assert got.hours == pytest.approx(hours, rel=1e-9) and got.dna_counted == counted and pairs > 0
    assert got.dna_total == appts.loc[appts["appointment_status"] == "DNA", "count_of_appointments"].sum()
    assert got.months_matched == durs["month"].nunique()  # every month of durations has appointments
    assert got.months_appointments == appts["month"].nunique() > got.months_matched


def test_the_attendance_page_shows_the_estimate_and_what_it_covers(tmp_path, monkeypatch):
    monkeypatch.setenv("NHS_EXPLORER_STORE", str(tmp_path / "store"))
    at = run_page(PAGE["Attendance"], monkeypatch)
    assert_ok(at)
    appts = fixture_appointments().rename(columns={"appointment_month": "month"})
    durs = pd.read_csv(FIXTURE / "actual_duration.csv")
    durs["month"] = pd.to_datetime(durs["appointment_date"], format="%d-%b-%y").dt.strftime("%Y-%m")
    hours, counted, _ = by_hand(appts, durs)
    assert metric(at, d.MISSED_TIME.label) == d.MISSED_TIME.show(hours)
    assert metric(at, "DNA appointments counted") == d.APPOINTMENTS.show(counted)
    captions = " ".join(c.value for c in at.caption)
    assert "An estimate, not a measured figure" in captions and "of 4 months with appointments matched" in captions
    assert "Clinician time booked for missed appointments (an estimate)" in [h.value for h in at.subheader]
