"""nhs_core.geography: lookups, and completing region / ICB / sub-ICB columns from whatever codes a file has."""

from __future__ import annotations

import pandas as pd
import pytest

from nhs_core import geography as g
from nhs_core import schema as s


def test_lookups_hold_the_42_icbs_106_sub_icbs_and_7_current_regions():
    icbs = g.icbs()
    assert icbs[s.ICB].is_unique
    assert icbs[s.ICB].str.fullmatch(r"E54\d{6}").all()
    subs = g.sub_icbs()
    assert subs[s.ICB].nunique() == 42  # the 2022 to 2026 ICBs, each with at least one sub-ICB location
    assert len(subs) == 106 and subs[s.SUB_ICB].is_unique
    assert subs[s.SUB_ICB].str.len().isin([3, 5]).all()
    assert set(subs[s.ICB]) <= set(icbs[s.ICB])
    current = g.regions()[s.REGION].head(7)
    assert current.str.fullmatch(r"E40\d{6}").all() and current.is_unique


def test_every_icb_has_a_known_region():
    regions = set(g.regions()[s.REGION])
    assert set(g.icbs()[s.REGION]) <= regions


@pytest.mark.parametrize(
    ("level", "code", "name"),
    [
        (s.REGION, "E40000011", "Midlands"),
        (s.ICB, "E54000013", "NHS Lincolnshire Integrated Care Board"),
        (s.SUB_ICB, "71E", "NHS Lincolnshire ICB - 71E"),
        (s.ICB, "E54000999", "E54000999"),
    ],
)
def test_name_of_gives_the_official_name_or_the_code_itself(level, code, name):
    assert g.name_of(level, code) == name


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("NHS Lincolnshire ICB - 71E", "71E"),
        ("NHS North West London ICB - W2U3Z", "W2U3Z"),
        ("NHS Bath and North East Somerset, Swindon and Wiltshire ICB - 92G", "92G"),
        ("Lincolnshire", ""),
        (" - 71E", ""),
    ],
)
def test_sub_icb_code_from_name(name, code):
    assert g.sub_icb_code_from_name(name) == code


def test_complete_derives_icb_and_region_from_sub_icb_codes():
    out = g.complete(pd.DataFrame({s.SUB_ICB: ["71E", "W2U3Z", "71E"]}))
    assert out[s.ICB].astype(str).tolist() == ["E54000013", "E54000027", "E54000013"]
    assert out[s.REGION].astype(str).tolist() == ["E40000011", "E40000003", "E40000011"]
    assert out[s.REGION_NAME].astype(str).tolist() == ["Midlands", "London", "Midlands"]
    assert out[s.SUB_ICB_NAME].iloc[1] == "NHS North West London ICB - W2U3Z"
    assert out[s.ICB_NAME].iloc[0] == "NHS Lincolnshire Integrated Care Board"


def test_complete_derives_codes_from_lse_sub_icb_names():
    out = g.complete(pd.DataFrame({s.SUB_ICB_NAME: ["NHS Lincolnshire ICB - 71E", "NHS Frimley ICB - D4U1Y"]}))
    assert out[s.SUB_ICB].astype(str).tolist() == ["71E", "D4U1Y"]
    assert out[s.ICB].astype(str).tolist() == ["E54000013", "E54000034"]
    assert out[s.REGION_NAME].astype(str).tolist() == ["Midlands", "South East"]


def test_complete_keeps_unknown_codes_visible():
    frame = pd.DataFrame(
        {s.SUB_ICB_NAME: ["NHS Nowhere ICB - ZZZ", "NHS Lincolnshire ICB - 71E"], s.ICB: ["E54000999", "E54000013"]}
    )
    out = g.complete(frame)
    assert out[s.SUB_ICB].iloc[0] == "ZZZ"
    assert out[s.SUB_ICB_NAME].iloc[0] == "NHS Nowhere ICB - ZZZ"
    assert out[s.ICB].iloc[0] == "E54000999"
    assert out[s.ICB_NAME].iloc[0] == "E54000999"  # no name known: shown by its code, never dropped
    assert pd.isna(out[s.REGION].iloc[0])
    assert len(out) == 2


def test_complete_keeps_the_region_a_file_gives_and_fills_only_gaps():
    frame = pd.DataFrame({s.ICB: ["E54000013", "E54000999"], s.REGION: [None, "E40000003"]})
    out = g.complete(frame)
    assert out[s.REGION].astype(str).tolist() == ["E40000011", "E40000003"]
    assert out[s.REGION_NAME].astype(str).tolist() == ["Midlands", "London"]


def test_complete_knows_the_icbs_new_in_april_2026():
    out = g.complete(pd.DataFrame({s.ICB: ["E54000071"]}))
    assert out[s.ICB_NAME].iloc[0] == "NHS West and North London Integrated Care Board"
    assert out[s.REGION_NAME].iloc[0] == "London"


def test_complete_does_not_change_its_input():
    frame = pd.DataFrame({s.SUB_ICB: ["71E"]})
    before = frame.copy()
    g.complete(frame)
    pd.testing.assert_frame_equal(frame, before)


def test_complete_adds_empty_columns_when_a_level_cannot_be_known():
    out = g.complete(pd.DataFrame({s.ICB: ["E54000013"]}))
    assert {s.SUB_ICB, s.SUB_ICB_NAME} <= set(out.columns)
    assert out[s.SUB_ICB].isna().all()


def test_unknown_codes_lists_codes_per_level():
    frame = pd.DataFrame({s.ICB: ["E54000013", "E54000999", "UNMAPPED"], s.SUB_ICB: ["71E", "ZZZ", None]})
    assert g.unknown_codes(frame) == {s.ICB: ["E54000999", "UNMAPPED"], s.SUB_ICB: ["ZZZ"]}
    assert g.unknown_codes(pd.DataFrame({s.ICB: ["E54000013"]})) == {}
