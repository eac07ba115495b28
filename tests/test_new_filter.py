"""Adding a filter is one record: the lead-time filter added to `filter_registry.FILTERS` (and nothing else) appears
in the sidebar, round-trips through the URL, narrows `filter_frame`, is described in words and gets its session
keys."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from nhs_core import app
from nhs_core import schema as s
from nhs_core.analysis import filter_registry as registry
from nhs_core.analysis import filters as flt
from nhs_core.app import keys, navigation
from tests.tiny import appointments, row

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "lse"
# The booking lead time filter, which the access issue added as one record: the tests take the registry
# without it, then add it back and nothing else.
LEAD_TIMES = registry.get("lead_times")
WITHOUT = tuple(item for item in registry.FILTERS if item.name != "lead_times")
A = appointments(
    [
        row("2021-01-01", "Attended", 10, region="R1", lead="Same Day"),
        row("2021-01-01", "DNA", 20, region="R1", lead="1 Day"),
        row("2021-02-01", "Attended", 40, region="R2", lead="Same Day"),
    ]
)


@pytest.fixture
def lead_times(monkeypatch) -> registry.Filter:
    """The registry without the lead-time filter, then with its record added: the only change made."""
    monkeypatch.setattr(registry, "FILTERS", (*WITHOUT, LEAD_TIMES))
    return LEAD_TIMES


def test_without_its_record_the_filter_does_not_exist(monkeypatch):
    monkeypatch.setattr(registry, "FILTERS", WITHOUT)
    with pytest.raises(TypeError, match="no filter lead_times"):
        flt.Filters(lead_times=("Same Day",))


def test_it_narrows_tables_and_is_ignored_where_its_column_is_missing(lead_times):
    chosen = flt.Filters(regions=("R1",), lead_times=("Same Day",))
    assert chosen.lead_times == ("Same Day",)
    assert flt.filter_frame(A, chosen)[s.COUNT].tolist() == [10]
    assert flt.filter_frame(A, chosen.without_geography())[s.COUNT].tolist() == [10, 40]
    durations = A.drop(columns=[s.LEAD])
    assert flt.ignored_filters(durations, chosen) == ["Booking lead time"]


def test_it_is_described_in_words(lead_times):
    chosen = flt.Filters(pd.Timestamp("2021-01-01"), pd.Timestamp("2021-02-01"), lead_times=("Same Day", "1 Day"))
    assert flt.describe(chosen) == "Jan 2021 to Feb 2021; Booking lead time: Same Day, 1 Day"
    assert flt.describe_areas(chosen) == "England"


def test_it_round_trips_through_the_url_and_the_saved_state(lead_times):
    chosen = flt.Filters(icbs=("I1",), lead_times=("1 Day",))
    query = flt.to_query(chosen)
    assert query == {"icb": "I1", "lead": "1 Day"}
    assert flt.from_query(query) == (chosen, None)
    assert keys.saved_from_query(query) == {keys.SAVED + app.Keys.ICB: ["I1"], keys.SAVED + "filter_lead": ["1 Day"]}


def test_its_options_are_the_values_present_in_vocabulary_order(lead_times):
    assert flt.options({s.APPOINTMENTS: A}).values["lead_times"] == ["Same Day", "1 Day"]


def test_it_appears_in_the_sidebar_and_changes_the_figures(lead_times, tmp_path, monkeypatch):
    monkeypatch.setenv("NHS_EXPLORER_STORE", str(tmp_path / "store"))
    monkeypatch.setenv(app.SAMPLE_DIR_ENV, str(FIXTURE))
    engagement = str(ROOT / navigation.page("Engagement").path)
    at = AppTest.from_file(engagement, default_timeout=60).run()
    widget = at.multiselect(key=keys.filter_key("lead_times"))
    assert widget.label == "Time from booking to appointment"
    assert widget.options[:2] == ["Same Day", "1 Day"] and widget.options[-1] == "Unknown / Data Quality"
    widget.set_value(["Same Day"]).run()
    assert not at.exception, [e.value for e in at.exception]
    fixture = pd.read_csv(FIXTURE / "appointments_regional.csv")
    same_day = fixture.loc[fixture[s.LEAD] == "Same Day", s.COUNT].sum()
    shown = next(m.value for m in at.metric if m.label.startswith("Appointments in the selection"))
    assert shown == f"{same_day:,}"
    assert at.query_params["lead"] == "Same Day"
    assert any("Booking lead time: Same Day" in c.value for c in at.caption)
    opened = AppTest.from_file(engagement, default_timeout=60)
    opened.query_params.update({"lead": "Same Day"})
    opened.run()
    assert opened.multiselect(key=keys.filter_key("lead_times")).value == ["Same Day"]
    assert next(m.value for m in opened.metric if m.label.startswith("Appointments in the selection")) == shown
    opened.button(key=app.Keys.RESET).click().run()
    assert opened.multiselect(key=keys.filter_key("lead_times")).value == []
    assert dict(opened.query_params) == {}
