"""nhs_core.filters: the shared selection, applied to any table, and its URL form."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from nhs_core import schema as s
from nhs_core.analysis import filters as flt
from tests.tiny import appointments, frame, row

A = appointments(
    [
        row("2021-01-01", "Attended", 10, region="R1", icb="I1"),
        row("2021-02-01", "DNA", 20, region="R1", icb="I2", mode="Telephone"),
        row("2021-03-01", "Attended", 40, region="R2", icb="I3", hcp="Other Practice staff"),
    ]
)
# A daily table with sub-ICB rows.
D = frame(
    [s.REGION, s.ICB, s.SUB_ICB, s.DATE, s.COUNT],
    [
        ("R1", "I1", "S1", "2021-01-04", 1),
        ("R1", "I1", "S2", "2021-02-05", 2),
        ("R2", "I3", "S3", "2021-03-06", 4),
    ],
)


def test_no_filter_returns_the_same_frame_without_copying():
    assert flt.filter_frame(A, flt.Filters()) is A


def test_month_range_is_inclusive_and_the_input_is_unchanged():
    before = A.copy()
    out = flt.filter_frame(A, flt.Filters(start=pd.Timestamp("2021-02-01"), end=pd.Timestamp("2021-03-01")))
    assert out[s.COUNT].tolist() == [20, 40]
    pd.testing.assert_frame_equal(A, before)


@pytest.mark.parametrize(
    ("filters", "counts"),
    [
        (flt.Filters(regions=("R1",)), [10, 20]),
        (flt.Filters(icbs=("I2", "I3")), [20, 40]),
        (flt.Filters(statuses=("DNA",)), [20]),
        (flt.Filters(modes=("Face-to-Face",)), [10, 40]),
        (flt.Filters(hcps=("Other Practice staff",)), [40]),
        (flt.Filters(regions=("R1",), modes=("Face-to-Face",)), [10]),
        (flt.Filters(regions=("R9",)), []),
    ],
)
def test_each_filter_keeps_matching_rows(filters, counts):
    assert flt.filter_frame(A, filters)[s.COUNT].tolist() == counts


def test_filters_on_columns_a_table_lacks_are_ignored():
    # The daily table has no status or mode: those filters do not empty it.
    chosen = flt.Filters(statuses=("DNA",), modes=("Telephone",), regions=("R1",))
    assert flt.filter_frame(D, chosen)[s.COUNT].tolist() == [1, 2]
    assert flt.ignored_filters(D, chosen) == ["Status", "Mode"]


def test_a_column_that_is_all_missing_is_treated_as_absent():
    # The LSE appointments table is per ICB: its sub-ICB column exists but is empty.
    with_empty = A.assign(**{s.SUB_ICB: pd.Categorical([np.nan] * len(A), categories=["S1"])})
    chosen = flt.Filters(sub_icbs=("S1",))
    assert flt.filter_frame(with_empty, chosen) is with_empty
    assert flt.ignored_filters(with_empty, chosen) == ["Sub-ICB location"]
    assert flt.filter_frame(D, chosen)[s.COUNT].tolist() == [1]


def test_month_filter_applies_to_daily_tables_through_their_month():
    out = flt.filter_frame(D, flt.Filters(start=pd.Timestamp("2021-02-01"), end=pd.Timestamp("2021-02-01")))
    assert out[s.COUNT].tolist() == [2]


def test_without_geography_keeps_the_other_filters():
    chosen = flt.Filters(
        start=pd.Timestamp("2021-01-01"), regions=("R1",), icbs=("I1",), sub_icbs=("S",), modes=("Telephone",)
    )
    national = chosen.without_geography()
    assert (national.regions, national.icbs, national.sub_icbs) == ((), (), ())
    assert national.modes == ("Telephone",) and national.start == chosen.start
    assert chosen.has_geography and not national.has_geography


def test_describe_uses_names_and_months():
    chosen = flt.Filters(
        start=pd.Timestamp("2021-01-01"), end=pd.Timestamp("2021-06-01"), regions=("R1",), modes=("Telephone",)
    )
    assert flt.describe(chosen, {"R1": "London"}) == "Jan 2021 to Jun 2021; Region: London; Mode: Telephone"
    assert flt.describe(flt.Filters()) == "everything loaded"


def test_describe_areas():
    names = {"I1": "ICB one", "R1": "Region one"}
    assert flt.describe_areas(flt.Filters(), names) == "England"
    assert flt.describe_areas(flt.Filters(regions=("R1",)), names) == "Region one"
    assert flt.describe_areas(flt.Filters(regions=("R1",), icbs=("I1", "I2")), names) == "ICB one and 1 more"


def test_query_round_trip():
    chosen = flt.Filters(
        start=pd.Timestamp("2021-01-01"),
        end=pd.Timestamp("2021-06-01"),
        regions=("R1", "R2"),
        sub_icbs=("S1",),
        statuses=("DNA",),
        modes=("Video/Online",),
        hcps=("Other Practice staff",),
    )
    query = flt.to_query(chosen, 900_000, 1_200_000)
    assert query == {
        "from": "2021-01",
        "to": "2021-06",
        "region": "R1,R2",
        "sub_icb": "S1",
        "status": "DNA",
        "mode": "Video/Online",
        "hcp": "Other Practice staff",
        "capacity": "900000",
    }
    assert flt.from_query(query) == (chosen, 900_000.0)


def test_default_capacity_and_unset_filters_stay_out_of_the_url():
    assert flt.to_query(flt.Filters(), 1_200_000, 1_200_000) == {}


@pytest.mark.parametrize(
    "params",
    [
        {"from": "last year", "to": "2021-13", "capacity": "-5"},
        {"capacity": "lots"},
        {"capacity": "9" * 310},  # was OverflowError on six pages
        {"capacity": "²"},
        {"capacity": str(10**9 + 1)},
        {"region": ""},
        {},
    ],
)
def test_unreadable_query_values_are_ignored(params):
    assert flt.from_query(params) == (flt.Filters(), None)


def test_repeated_query_keys_take_the_last_value():
    assert flt.from_query({"region": ["R1", "R2"]})[0].regions == ("R2",)


def test_area_choices_are_narrowed_by_the_level_above():
    options = flt.area_options({s.APPOINTMENTS: A, s.DAILY: D})
    assert flt.choices(options, s.REGION, {}) == {"R1": "Region R1", "R2": "Region R2"}
    assert list(flt.choices(options, s.ICB, {s.REGION: ("R1",)})) == ["I1", "I2"]
    assert list(flt.choices(options, s.SUB_ICB, {s.REGION: ("R1",)})) == ["S1", "S2"]
    assert list(flt.choices(options, s.SUB_ICB, {s.REGION: (), s.ICB: ("I3",)})) == ["S3"]


def test_months_available_is_the_sorted_union():
    months = flt.months_available({s.APPOINTMENTS: A.iloc[[2]], s.DAILY: D})
    assert [f"{m:%Y-%m}" for m in months] == ["2021-01", "2021-02", "2021-03"]
    assert flt.months_available({}) == []


def test_options_list_present_values_in_vocabulary_order():
    got = flt.options({s.APPOINTMENTS: A})
    assert got.values["modes"] == ["Face-to-Face", "Telephone"]
    assert got.values["statuses"] == ["Attended", "DNA"]
    assert got.names["I3"] == "ICB I3" and got.names["R2"] == "Region R2"


def test_saved_state_from_a_url():
    from nhs_core.app.keys import SAVED, Keys, saved_from_query

    state = saved_from_query({"region": "R1,R2", "to": "2021-06", "capacity": "900000", "bogus": "x"})
    assert state == {
        SAVED + Keys.REGION: ["R1", "R2"],
        SAVED + Keys.PERIOD: (None, "2021-06"),
        SAVED + Keys.CAPACITY: 900_000.0,
    }
    assert saved_from_query({}) == {}


def test_filters_are_hashable_and_equal_whatever_the_keyword_order():
    one = flt.Filters(modes=["Telephone"], regions=("R1",), icbs=())
    other = flt.Filters(regions=("R1",), modes=("Telephone",))
    assert one == other and hash(one) == hash(other)
    assert one.values() == {"regions": ("R1",), "modes": ("Telephone",)}  # registry order, unset ones left out
    assert one.icbs == () and one.modes == ("Telephone",)
    with pytest.raises(AttributeError):
        _ = one.colour


def test_the_registry_names_each_filter_once_with_the_area_chain_widest_first():
    from nhs_core.analysis import filter_registry as registry

    names = registry.names()
    assert len(set(names)) == len(names) and len({f.query for f in registry.FILTERS}) == len(names)
    assert [f.column for f in registry.areas()] == [s.REGION, s.ICB, s.SUB_ICB]
    assert [f.name for f in registry.breakdowns()] == ["statuses", "modes", "hcps", "lead_times"]
    assert registry.get("icbs").widget_label == "Integrated care board (ICB)"
    with pytest.raises(KeyError, match="no filter is called 'icb'"):
        registry.get("icb")


def test_every_filter_has_its_widget_key():
    from nhs_core.app.keys import Keys, filter_keys

    assert filter_keys() == {
        "regions": Keys.REGION,
        "icbs": Keys.ICB,
        "sub_icbs": Keys.SUB_ICB,
        "statuses": Keys.STATUS,
        "modes": Keys.MODE,
        "hcps": Keys.HCP,
        "lead_times": "filter_lead",
    }
    assert Keys.SUB_ICB == "filter_sub_icb"
