"""The Practices page under AppTest on the bundled sample: its figures equal plain pandas, the exclusions and
the PCN choice change them, and the exclusions setting travels in the URL."""

from __future__ import annotations

import pandas as pd
import pytest

from nhs_core import app
from nhs_core import schema as s
from tests.pagetest import BUNDLED, PAGE, assert_ok, metric, run_page

PAGE_FILE = PAGE["Practices"]


@pytest.fixture(autouse=True)
def _empty_store(tmp_path, monkeypatch):
    monkeypatch.setenv("NHS_EXPLORER_STORE", str(tmp_path / "store"))


def _plain() -> tuple[pd.DataFrame, pd.Series]:
    crosstab = pd.read_csv(BUNDLED / "practice_level_crosstab.csv")
    sizes = pd.read_csv(BUNDLED / "registered_patients.csv").set_index("CODE")["NUMBER_OF_PATIENTS"]
    return crosstab, sizes


def test_the_kpis_follow_the_exclusions_and_equal_plain_pandas(monkeypatch):
    crosstab, sizes = _plain()
    at = run_page(PAGE_FILE, monkeypatch, folder=None)
    assert_ok(at)
    by_month = crosstab.groupby(["GP_CODE", "APPOINTMENT_MONTH_START_DATE"])["COUNT_OF_APPOINTMENTS"].sum()
    patients = by_month.index.get_level_values("GP_CODE").map(sizes).to_numpy()
    rate = by_month / patients * 1000
    kept = by_month[(patients >= 1_000) & (rate >= 100) & (rate <= 2_000)]
    assert metric(at, "Practices") == f"{kept.index.get_level_values('GP_CODE').nunique():,}"
    per_1000 = kept.sum() / kept.index.get_level_values("GP_CODE").map(sizes).to_numpy().sum() * 1000
    assert metric(at, "Per 1,000 patients a month") == f"{per_1000:,.0f}"
    at.toggle(key=app.Keys.PRACTICES_EXCLUDE).set_value(False).run()
    assert metric(at, "Practices") == f"{crosstab['GP_CODE'].nunique():,}"
    assert at.query_params["exclude"] in ("off", ["off"])


def test_the_exclusions_can_be_switched_off_by_the_url(monkeypatch):
    crosstab, _ = _plain()
    at = run_page(PAGE_FILE, monkeypatch, folder=None, query={"exclude": "off"})
    assert_ok(at)
    assert metric(at, "Practices") == f"{crosstab['GP_CODE'].nunique():,}"


def test_picking_a_pcn_narrows_the_practices_and_the_profile(monkeypatch):
    crosstab, _ = _plain()
    pcn = crosstab.groupby("PCN_CODE")["GP_CODE"].nunique().idxmax()
    in_pcn = set(crosstab.loc[crosstab["PCN_CODE"] == pcn, "GP_CODE"])
    at = run_page(PAGE_FILE, monkeypatch, folder=None, query={"exclude": "off"})
    at.multiselect(key=app.Keys.PRACTICES_PCNS).set_value([pcn]).run()
    assert_ok(at)
    assert metric(at, "Practices") == f"{len(in_pcn):,}"
    profile = at.selectbox(key=app.Keys.PRACTICES_PROFILE)
    assert set(profile.options) == {o for o in profile.options if o.endswith(tuple(f"({c})" for c in in_pcn))}


def test_the_all_practices_row_counts_every_practices_patients_whatever_area_is_chosen(monkeypatch):
    """With one ICB chosen, the "All loaded practices" row took the list sizes of that ICB only, so its rate
    was the ICB's appointments... over the ICB's patients, beside every practice's appointments."""
    crosstab, sizes = _plain()
    at = run_page(PAGE_FILE, monkeypatch, folder=None, query={"exclude": "off", "icb": "E54000056"})
    assert_ok(at)
    ranked = next(df.value for df in at.dataframe if s.PER_1000_PATIENTS in df.value.columns)
    every = ranked.set_index("Name").loc["All loaded practices"]
    months = crosstab["APPOINTMENT_MONTH_START_DATE"].nunique()
    assert every[s.COUNT] == crosstab["COUNT_OF_APPOINTMENTS"].sum()
    assert every["registered_patients"] == sizes.sum()  # both ICBs' practices, not the chosen one's
    expected = crosstab["COUNT_OF_APPOINTMENTS"].sum() / (sizes.sum() * months) * 1000
    assert every[s.PER_1000_PATIENTS] == round(expected)


def test_the_tables_behind_the_profile_charts_name_the_groups_as_the_charts_do(monkeypatch):
    # they showed the official upper-case names ("... MEDICAL CENTRE (its PCN)") beside the charts' readable ones
    at = run_page(PAGE_FILE, monkeypatch, folder=None)
    assert_ok(at)
    behind = [df.value for df in at.dataframe if "group" in df.value.columns]
    assert len(behind) == 2  # the profile by a dimension, and per 1,000 patients by month
    for table in behind:
        names = [str(name) for name in table["group"].unique()]
        assert any(name.endswith("(its PCN)") for name in names)
        assert not any(word.isupper() and len(word) > 4 for name in names for word in name.split()), names
