"""Area capacity: an area's share of England's registered patients scales the national capacity; without a national
coverage file the user enters it, and until then no capacity finding is made for the area."""

from __future__ import annotations

import pandas as pd
import pytest

from nhs_core import app
from nhs_core import schema as s
from nhs_core.analysis import population
from nhs_core.present import findings, notes
from tests.pagetest import PAGE, assert_ok, fixture_per_day, metric, run_page
from tests.tiny import appointments, row

ICBS = [f"E540000{n:02d}" for n in range(42)]


def _coverage(icbs: list[str]) -> pd.DataFrame:
    months = pd.to_datetime(["2025-10-01", "2025-11-01"])
    rows = [(icb, month, 1_000_000 if icb == ICBS[0] else 2_000_000) for icb in icbs for month in months]
    return pd.DataFrame(rows, columns=[s.ICB, s.MONTH, s.PATIENTS_INCLUDED])


def test_the_share_of_registered_patients_scales_the_national_capacity():
    coverage = _coverage(ICBS)
    share = population.area_share(coverage, coverage[coverage[s.ICB] == ICBS[0]])
    assert share.share == 1_000_000 / (1_000_000 + 41 * 2_000_000) and share.month == pd.Timestamp("2025-11-01")
    assert population.scaled_capacity(share, 1_200_000) == round(1_200_000 * share.share)
    assert "of England's registered patients (coverage file, Nov 2025)" in share.words()


def test_no_share_without_a_coverage_file_of_all_of_england():
    two = _coverage(ICBS[:2])
    assert not population.covers_england(two)
    assert population.area_share(two, two[two[s.ICB] == ICBS[0]]) is None
    assert population.area_share(None, None) is None


def test_no_capacity_finding_for_an_area_without_a_capacity():
    frame = appointments([row("2025-10-01", count=10), row("2025-11-01", count=20)])
    topics = [f.topic for f in findings.findings({s.APPOINTMENTS: frame}, capacity=None)]
    assert "Busiest month" in topics and "Capacity headroom" not in topics
    assert "enter the area's planned capacity" in notes.capacity_source("ICB X", True, None, False)


def test_the_capacity_page_on_part_of_england_asks_for_the_areas_capacity(monkeypatch):
    at = run_page(PAGE["Capacity and seasonality"], monkeypatch)  # the fixture covers 3 of the 42 ICBs
    assert_ok(at)
    assert at.number_input(key=app.Keys.CAPACITY).value is None
    assert any("not all of England" in w.value for w in at.warning)
    assert metric(at, "Utilisation at the peak") == "n/a" and metric(at, "Months above capacity") == "n/a"
    at.number_input(key=app.Keys.CAPACITY).set_value(5_000).run()
    assert_ok(at)
    assert metric(at, "Utilisation at the peak") == f"{fixture_per_day().max() / 5_000:.0%}"
    assert any("Planned capacity entered for" in c.value for c in at.caption)


def test_nhs_englands_caveats_are_where_the_figures_are(monkeypatch):
    at = run_page(PAGE["Capacity and seasonality"], monkeypatch)
    about = next(e for e in at.expander if e.label == "About this data")
    text = " ".join(m.value for m in about.markdown)
    assert "does not measure demand or capacity" in text and "PCN_GRANULAR.csv" in text


def _frame(rows, columns):
    return pd.DataFrame(rows, columns=columns).assign(**{s.MONTH: lambda f: pd.to_datetime(f[s.MONTH])})


def test_rates_per_thousand_count_only_the_areas_and_months_both_tables_have():
    icb_cols = [s.ICB, s.ICB_NAME, s.MONTH, s.STATUS, s.COUNT]
    facts = _frame(
        [
            ("E1", "North", "2025-10-01", "Attended", 900),
            ("E1", "North", "2025-10-01", "DNA", 100),
            ("E1", "North", "2025-11-01", "Attended", 500),
            ("E1", "North", "2025-12-01", "Attended", 7_000),  # no coverage this month: left out
            ("E2", "South", "2025-10-01", "Attended", 300),
            ("E3", "West", "2025-10-01", "Attended", 50),  # no coverage for this ICB: left out
        ],
        icb_cols,
    )
    coverage = _frame(
        [
            ("A", "E1", "2025-10-01", 4_000),
            ("B", "E1", "2025-10-01", 6_000),
            ("A", "E1", "2025-11-01", 10_000),
            ("C", "E2", "2025-10-01", 2_000),
            ("D", "E4", "2025-10-01", 9_000),  # no appointments in this ICB: not in any denominator
        ],
        [s.SUB_ICB, s.ICB, s.MONTH, s.PATIENTS_INCLUDED],
    )
    out = population.per_thousand(facts, coverage, level=s.ICB).set_index(s.AREA)
    # Independently: appointments in covered (ICB, month) pairs / patient-months x 1,000.
    covered = coverage.groupby([s.ICB, s.MONTH])[s.PATIENTS_INCLUDED].sum().reset_index()
    joined = facts.merge(covered, on=[s.ICB, s.MONTH])
    appts = joined.groupby(s.ICB_NAME)[s.COUNT].sum()
    patients = covered.merge(facts[[s.ICB, s.ICB_NAME]].drop_duplicates(), on=s.ICB)
    patients = patients.groupby(s.ICB_NAME)[s.PATIENTS_INCLUDED].sum()
    expected = appts / patients * 1000
    assert sorted(out.index) == ["North", "South"]
    assert out.loc["North", s.COUNT] == 1_500 and out.loc["North", s.PATIENTS_INCLUDED] == 20_000
    for area, rate in expected.items():
        assert out.loc[area, s.PER_THOUSAND] == pytest.approx(rate)
    by_status = population.per_thousand(facts, coverage, level=s.ICB, by=(s.STATUS,))
    dna = by_status[(by_status[s.AREA] == "North") & (by_status[s.STATUS] == "DNA")]
    assert dna[s.PER_THOUSAND].item() == pytest.approx(100 / 20_000 * 1000)


def test_rates_per_thousand_pair_areas_by_code_when_names_are_categorical():
    """The loaded tables hold areas as categoricals: mapping codes to categorical names (pandas 3.1) paired them
    by category position, giving Bath the patients of Cheshire (a 7-fold error on the sample's ICBs)."""
    columns = [s.ICB, s.ICB_NAME, s.MONTH, s.COUNT]
    facts = _frame([("E1", "South", "2025-10-01", 900), ("E2", "North", "2025-10-01", 300)], columns)
    coverage = _frame([("E1", "2025-10-01", 1_000), ("E2", "2025-10-01", 3_000)], [s.ICB, s.MONTH, s.PATIENTS_INCLUDED])
    facts = facts.astype({s.ICB: "category", s.ICB_NAME: "category"})  # E1 is code 0, and "North" is
    coverage = coverage.astype({s.ICB: "category"})
    out = population.per_thousand(facts, coverage, level=s.ICB).set_index(s.AREA)[s.PER_THOUSAND]
    assert out.to_dict() == {"North": pytest.approx(100.0), "South": pytest.approx(900.0)}


def test_rates_per_thousand_match_sub_icbs_when_the_table_has_them():
    facts = _frame(
        [("A", "Aye", "E1", "2025-10-01", 40), ("B", "Bee", "E1", "2025-10-01", 60)],
        [s.SUB_ICB, s.SUB_ICB_NAME, s.ICB, s.MONTH, s.COUNT],
    )
    coverage = _frame(
        [("A", "E1", "2025-10-01", 1_000), ("B", "E1", "2025-10-01", 3_000)],
        [s.SUB_ICB, s.ICB, s.MONTH, s.PATIENTS_INCLUDED],
    )
    out = population.per_thousand(facts, coverage, level=s.SUB_ICB).set_index(s.AREA)[s.PER_THOUSAND]
    assert out.to_dict() == pytest.approx({"Aye": 40.0, "Bee": 20.0})
