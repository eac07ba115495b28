"""Access measures (same day ... more than 28 days, the estimated mean wait): computed independently here in
plain pandas, on tiny frames, the fixture and the sample; shown on Attendance and Engagement; lead time as a
shared filter; `same_day_share` in `summary`."""

from __future__ import annotations

import pandas as pd
import pytest

from nhs_core import definitions as d
from nhs_core import schema as s
from nhs_core.analysis.access import access_measures, same_day_share
from nhs_core.analysis.summary import summary
from nhs_core.app import keys
from nhs_core.load.ingest import ingest_paths
from tests.pagetest import BUNDLED, PAGE, assert_ok, fixture_appointments, metric, run_page
from tests.tiny import appointments, row

LEAD = "time_between_book_and_appointment"
COUNT = "count_of_appointments"
UNKNOWN = "Unknown / Data Quality"
WITHIN = {
    "same_day_share": ["Same Day"],
    "same_or_next_day_share": ["Same Day", "1 Day"],
    "within_7_days_share": ["Same Day", "1 Day", "2 to 7 Days"],
    "within_14_days_share": ["Same Day", "1 Day", "2 to 7 Days", "8  to 14 Days"],
    "over_28_days_share": ["More than 28 Days"],
}
MIDPOINT = {
    "Same Day": 0,
    "1 Day": 1,
    "2 to 7 Days": 4.5,
    "8  to 14 Days": 11,
    "15  to 21 Days": 18,
    "22  to 28 Days": 25,
    "More than 28 Days": 35,
}


def by_hand(frame: pd.DataFrame) -> dict[str, float]:
    """Every access measure with pandas masks, knowing nothing of nhs_core."""
    known = frame[frame[LEAD] != UNKNOWN]
    total = known[COUNT].sum()
    out = {name: known.loc[known[LEAD].isin(bands), COUNT].sum() / total for name, bands in WITHIN.items()}
    out["mean_wait_days"] = (known[LEAD].map(MIDPOINT) * known[COUNT]).sum() / total
    out["unknown_lead_share"] = frame.loc[frame[LEAD] == UNKNOWN, COUNT].sum() / frame[COUNT].sum()
    return out


TINY = appointments(
    [
        row("2021-01-01", "Attended", 30, lead="Same Day"),
        row("2021-01-01", "DNA", 10, lead="1 Day"),
        row("2021-01-01", "Attended", 20, lead="8  to 14 Days"),
        row("2021-01-01", "Attended", 40, lead="More than 28 Days"),
        row("2021-01-01", "Attended", 900, lead=UNKNOWN),
    ]
)


def test_each_share_is_of_known_lead_times_and_the_unknown_is_apart():
    got = access_measures(TINY).iloc[0]
    assert got[s.KNOWN_LEAD_COUNT] == 100
    assert got[s.SAME_DAY_SHARE] == 0.30 and got[s.NEXT_DAY_SHARE] == 0.40
    assert got[s.WITHIN_7_SHARE] == 0.40 and got[s.WITHIN_14_SHARE] == 0.60 and got[s.OVER_28_SHARE] == 0.40
    assert got[s.MEAN_WAIT] == pytest.approx((0 * 30 + 1 * 10 + 11 * 20 + 35 * 40) / 100)
    assert got[s.UNKNOWN_LEAD_SHARE] == 0.9


def test_nothing_known_gives_no_share_rather_than_zero():
    only_unknown = TINY[TINY[s.LEAD] == UNKNOWN]
    got = access_measures(only_unknown).iloc[0]
    assert got[s.KNOWN_LEAD_COUNT] == 0 and pd.isna(got[s.SAME_DAY_SHARE]) and pd.isna(got[s.MEAN_WAIT])
    assert same_day_share(only_unknown) is None


@pytest.mark.parametrize("folder", ["fixture", "sample"])
def test_the_measures_match_plain_pandas_overall_and_by_month(folder):
    if folder == "fixture":
        raw = fixture_appointments()
        loaded = ingest_paths([raw_path := PAGE["Engagement"].parents[1] / "tests" / "fixtures" / "lse"])
    else:
        raw = pd.read_csv(BUNDLED / "appointments_regional.csv")
        loaded = ingest_paths([raw_path := BUNDLED])
    assert raw_path.exists()
    table = loaded.tables[s.APPOINTMENTS]
    got = access_measures(table).iloc[0]
    for name, value in by_hand(raw).items():
        assert got[name] == pytest.approx(value, rel=1e-12), name
    monthly = access_measures(table, by=(s.MONTH,))
    first = raw[raw["appointment_month"] == raw["appointment_month"].min()]
    assert monthly.iloc[0][s.SAME_DAY_SHARE] == pytest.approx(by_hand(first)["same_day_share"], rel=1e-12)


def test_summary_gives_the_same_day_share_of_known_lead_times():
    assert summary({s.APPOINTMENTS: TINY})["same_day_share"] == 0.30
    assert summary({})["same_day_share"] is None


def test_every_access_measure_says_its_basis_and_the_mean_wait_says_it_is_an_estimate():
    for measure in (d.SAME_DAY, d.NEXT_DAY, d.WITHIN_7, d.WITHIN_14, d.OVER_28):
        assert measure.basis.text == "appointments with a known booking lead time"
        assert "unknown" in measure.help.lower()
    assert "estimate" in d.MEAN_WAIT.label.lower() and "middle day" in d.MEAN_WAIT.about


@pytest.mark.parametrize("page", ["Attendance", "Engagement"])
def test_the_pages_show_the_access_kpis_and_the_lead_time_filter_narrows_them(page, tmp_path, monkeypatch):
    monkeypatch.setenv("NHS_EXPLORER_STORE", str(tmp_path / "store"))
    at = run_page(PAGE[page], monkeypatch)
    assert_ok(at)
    expected = by_hand(fixture_appointments())
    assert metric(at, d.SAME_DAY.label) == f"{expected['same_day_share']:.1%}"
    assert metric(at, d.MEAN_WAIT.label) == f"{expected['mean_wait_days']:.1f} days"
    assert metric(at, d.UNKNOWN_LEAD.label) == f"{expected['unknown_lead_share']:.1%}"
    assert "How soon after booking: access" in [h.value for h in at.subheader]
    at.multiselect(key=keys.filter_key("lead_times")).set_value(["Same Day", "More than 28 Days"]).run()
    assert_ok(at)
    raw = fixture_appointments()
    chosen = raw[raw[LEAD].isin(["Same Day", "More than 28 Days"])]
    assert metric(at, d.SAME_DAY.label) == f"{by_hand(chosen)['same_day_share']:.1%}"
    assert metric(at, d.UNKNOWN_LEAD.label) == "0.0%"
