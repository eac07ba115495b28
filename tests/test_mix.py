"""nhs_core.mix: shares of one dimension over time and by area, growth, on tiny frames known by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from nhs_core import schema as s
from nhs_core.analysis import mix
from tests.tiny import appointments, row

# Jan and Mar 2021 fall in the Covid-19 period.
BASE_EFFECT = " (measured from the Covid-19 lockdown months: a base effect, not a trend)"


def test_share_change_compares_the_same_months_a_year_earlier_and_flags_no_base_effect_after_covid():
    frame = appointments(
        [
            row("2023-06-01", count=10, mode="Face-to-Face"),
            row("2023-11-01", count=60, mode="Face-to-Face"),
            row("2023-11-01", count=40, mode="Telephone"),
            row("2024-06-01", count=10, mode="Telephone"),
            row("2024-11-01", count=30, mode="Face-to-Face"),
            row("2024-11-01", count=70, mode="Telephone"),
        ]
    )
    out = mix.share_change(frame, s.MODE, window=1).set_index(s.MODE)
    assert out.loc["Face-to-Face", s.EARLY_SHARE] == 0.6 and out.loc["Face-to-Face", s.LATE_SHARE] == 0.3
    assert out[s.COMPARED_WITH].iloc[0] == "Nov 2024 to Nov 2024 against Nov 2023 to Nov 2023"


M = appointments(
    [
        row("2021-01-01", count=60, mode="Face-to-Face", region="A1"),
        row("2021-01-01", count=40, mode="Telephone"),
        row("2021-02-01", count=30, mode="Face-to-Face"),
        row("2021-02-01", count=70, mode="Telephone"),
    ]
)


def test_mix_over_time_shares_per_month_and_per_day():
    out = mix.mix_over_time(M, s.MODE)
    assert out[s.MODE].astype(str).tolist() == ["Face-to-Face", "Telephone"] * 2
    assert out[s.SHARE].tolist() == [0.6, 0.4, 0.3, 0.7]
    assert out[s.PER_DAY].tolist() == pytest.approx([60 / 20, 40 / 20, 30 / 20, 70 / 20])  # 20 working days each


def test_mix_by_area_orders_areas_by_the_first_value_share():
    frame = appointments(
        [
            row(count=60, mode="Face-to-Face", region="A1"),
            row(count=40, mode="Telephone", region="A1"),
            row(count=80, mode="Face-to-Face", region="A2"),
            row(count=20, mode="Telephone", region="A2"),
        ]
    )
    out = mix.mix_by_area(frame, s.MODE, s.REGION)
    assert out[s.AREA].tolist() == ["Region A2", "Region A2", "Region A1", "Region A1"]
    assert out[s.SHARE].tolist() == [0.8, 0.2, 0.6, 0.4]


def test_crosstab_is_tidy_with_shares_of_the_total():
    frame = appointments(
        [row(count=30, hcp="GP"), row(count=50, hcp="GP", mode="Telephone"), row(count=20, hcp="Other Practice staff")]
    )
    out = mix.crosstab(frame, s.HCP, s.MODE)
    assert list(zip(out[s.HCP].astype(str), out[s.MODE].astype(str), out[s.COUNT], out[s.SHARE])) == [
        ("GP", "Face-to-Face", 30, 0.3),
        ("GP", "Telephone", 50, 0.5),
        ("Other Practice staff", "Face-to-Face", 20, 0.2),
    ]


def test_shares_keep_every_vocabulary_value():
    out = mix.shares(M, s.MODE)
    assert out[s.MODE].astype(str).tolist() == list(s.VOCABULARIES[s.MODE])
    assert out[s.COUNT].tolist() == [90, 0, 110, 0, 0]
    assert out[s.SHARE].sum() == pytest.approx(1)


def test_fastest_growing_compares_with_the_same_months_a_year_earlier():
    frame = appointments(
        [
            # Jan 2021 and Jan 2022 have 20 working days each (New Year's Day and its substitute left out).
            row("2021-01-01", count=200, mode="Face-to-Face"),
            row("2021-01-01", count=20, mode="Telephone"),
            row("2022-01-01", count=400, mode="Face-to-Face"),
            row("2022-01-01", count=20, mode="Telephone"),
            row("2022-01-01", count=20, mode="Video/Online"),
        ]
    )
    out = mix.fastest_growing(frame, s.MODE, window=1)
    assert out[s.MODE].astype(str).tolist() == ["Face-to-Face", "Telephone", "Video/Online"]
    assert out[s.BASELINE_PER_DAY].tolist() == [10, 1, 0]
    assert out[s.RECENT_PER_DAY].tolist() == [20, 1, 1]
    assert out[s.PCT_CHANGE].iloc[:2].tolist() == [1.0, 0.0]
    assert math.isnan(out[s.PCT_CHANGE].iloc[2])  # nothing to grow from: no percentage, listed last
    assert out[s.COMPARED_WITH].iloc[0] == "Jan 2022 to Jan 2022 against Jan 2021 to Jan 2021" + BASE_EFFECT


def test_fastest_growing_falls_back_to_the_first_months():
    frame = appointments([row("2021-01-01", count=20), row("2021-02-01", count=20), row("2021-03-01", count=46)])
    out = mix.fastest_growing(frame, s.MODE, window=1)
    assert out[s.PCT_CHANGE].tolist() == [1.0]  # 2 a working day in March (23) against 1 in January (20)
    assert out[s.COMPARED_WITH].iloc[0] == "Mar 2021 to Mar 2021 against Jan 2021 to Jan 2021" + BASE_EFFECT


def test_fastest_growing_needs_two_months():
    assert mix.fastest_growing(M.iloc[:2], s.MODE).empty


def test_share_change_between_first_and_last_months():
    out = mix.share_change(M, s.MODE, window=1)
    assert out[s.MODE].astype(str).tolist() == ["Face-to-Face", "Telephone"]  # both moved 30 points
    assert out[s.EARLY_SHARE].tolist() == [0.6, 0.4]
    assert out[s.LATE_SHARE].tolist() == [0.3, 0.7]
    assert out[s.CHANGE].tolist() == pytest.approx([-0.3, 0.3])


def test_lump_keeps_the_largest_values_and_sums_the_rest():
    frame = appointments(
        [
            row(count=50, mode="Face-to-Face"),
            row(count=30, mode="Telephone"),
            row(count=15, mode="Home Visit"),
            row(count=5, mode="Video/Online"),
        ]
    )
    over_time = mix.mix_over_time(frame, s.MODE)
    out = mix.lump(over_time, s.MODE, keep=1)
    assert out[s.MODE].astype(str).tolist() == ["Face-to-Face", mix.OTHER]
    assert out[s.COUNT].tolist() == [50, 50] and out[s.SHARE].tolist() == [0.5, 0.5]
    assert mix.display_order(out, s.MODE) == ["Face-to-Face", mix.OTHER]
    assert mix.lump(over_time, s.MODE, keep=3) is over_time  # lumping one value would hide nothing


def test_lump_keeps_the_area_ranking():
    frame = appointments(
        [
            row(count=10, mode="Face-to-Face", region="B"),
            row(count=90, mode="Telephone", region="B"),
            row(count=90, mode="Face-to-Face", region="A"),
            row(count=5, mode="Home Visit", region="A"),
            row(count=5, mode="Video/Online", region="A"),
        ]
    )
    out = mix.lump(mix.mix_by_area(frame, s.MODE, s.REGION), s.MODE, keep=1)
    assert list(pd.unique(out[s.AREA])) == ["Region A", "Region B"]
