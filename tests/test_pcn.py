"""Appointments delivered by PCNs (`PCN_GRANULAR.csv`) beside the practices': the share of the two together by
month matches plain pandas over the sample's files; the Engagement page shows it, or says which file to upload;
the PCN file's own values ("Booked", "UNMAPPED") never become sidebar choices."""

from __future__ import annotations

import pandas as pd
import pytest

from nhs_core import schema as s
from nhs_core.analysis import filters as flt
from nhs_core.analysis import pcn
from nhs_core.present import notes
from tests.pagetest import BUNDLED, FIXTURE, PAGE, assert_ok, metric, run_page

pytestmark = pytest.mark.skipif(
    not (BUNDLED / "pcn_granular.csv").exists(), reason="the bundled sample is not in data/"
)


@pytest.fixture(autouse=True)
def _empty_store(tmp_path, monkeypatch):
    monkeypatch.setenv("NHS_EXPLORER_STORE", str(tmp_path / "store"))


def _by_hand() -> pd.DataFrame:
    """PCN appointments / (practices' + PCNs') by month, from the two CSV files in plain pandas."""
    practices = pd.read_csv(BUNDLED / "appointments_regional.csv")
    practices = practices.groupby(pd.to_datetime(practices["appointment_month"]))["count_of_appointments"].sum()
    pcns = pd.read_csv(BUNDLED / "pcn_granular.csv")
    pcns = pcns.groupby(pd.to_datetime(pcns["APPOINTMENT_MONTH"], format="%d%b%Y"))["COUNT_OF_APPOINTMENTS"].sum()
    return pd.DataFrame({"practices": practices, "pcns": pcns}).assign(share=lambda f: f.pcns / (f.practices + f.pcns))


def test_the_pcn_share_by_month_is_pcn_over_practices_and_pcn_together():
    from nhs_core.load.ingest import ingest_paths

    loaded = ingest_paths([BUNDLED / "appointments_regional.csv", BUNDLED / "pcn_granular.csv"]).tables
    by_month = pcn.pcn_against_practices(loaded[s.APPOINTMENTS], loaded[s.PCN_APPOINTMENTS]).set_index(s.MONTH)
    expected = _by_hand()
    assert list(by_month.index) == list(expected.index)
    assert by_month[s.PCN_SHARE].to_numpy() == pytest.approx(expected["share"].to_numpy(), rel=1e-12)
    assert by_month[s.PCN_COUNT].sum() == expected["pcns"].sum()
    expected_share = expected["pcns"].sum() / (expected["pcns"].sum() + expected["practices"].sum())
    assert pcn.overall_share(by_month.reset_index()) == pytest.approx(expected_share)


def test_the_engagement_page_shows_the_pcn_share_or_which_file_to_upload(monkeypatch):
    at = run_page(PAGE["Engagement"], monkeypatch, None)
    assert_ok(at)
    expected = _by_hand()
    share = expected["pcns"].sum() / (expected["pcns"].sum() + expected["practices"].sum())
    assert metric(at, "PCNs' share of all appointments") == f"{share:.1%}"
    lse_only = run_page(PAGE["Engagement"], monkeypatch, FIXTURE)
    assert notes.PCN_NOT_LOADED in [c.value for c in lse_only.caption]


def test_the_pcn_files_own_values_are_not_offered_as_sidebar_choices():
    from nhs_core.load.ingest import ingest_paths

    loaded = ingest_paths([BUNDLED / "appointments_regional.csv", BUNDLED / "pcn_granular.csv"]).tables
    assert "Booked" in set(loaded[s.PCN_APPOINTMENTS][s.STATUS].astype(str))
    choices = flt.options(loaded)
    assert "Booked" not in choices.values["statuses"] and "UNMAPPED" not in set(choices.areas[s.ICB].astype(str))


def test_findings_give_the_pcn_share_unless_one_of_the_two_tables_is_synthetic():
    from nhs_core.load.ingest import ingest_paths
    from nhs_core.present import findings

    loaded = ingest_paths([BUNDLED / "appointments_regional.csv", BUNDLED / "pcn_granular.csv"]).tables
    expected = _by_hand()
    share = expected["pcns"].sum() / (expected["pcns"].sum() + expected["practices"].sum())
    found = {x.topic: x for x in findings.findings(loaded, 1_200_000)}
    assert found["Appointments delivered by PCNs"].value == f"{share:.1%}"
    assert "NHS England's headline totals" in found["Appointments delivered by PCNs"].text
    mixed = {x.topic for x in findings.findings(loaded, 1_200_000, synthetic=(s.PCN_APPOINTMENTS,))}
    assert "Appointments delivered by PCNs" not in mixed
