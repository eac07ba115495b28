"""Practice level: the crosstab and registered-patients files imported and combined per month and practice,
practices and PCNs compared (figures checked against plain pandas), exclusions, and the funnel plot's limits."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile

import numpy as np
import pandas as pd
import pytest
from conftest import ROOT, SHARED_DATA, appointments_csv, upload

from nhs_core import schema as s
from nhs_core import shares
from nhs_core.analysis import filters as flt
from nhs_core.analysis import funnel, practices, sources
from nhs_core.load.ingest import ingest_paths

HEADER = (
    "APPOINTMENT_MONTH_START_DATE,GP_CODE,GP_NAME,SUPPLIER,PCN_CODE,PCN_NAME,SUB_ICB_LOCATION_CODE,"
    "SUB_ICB_LOCATION_NAME,HCP_TYPE,APPT_MODE,NATIONAL_CATEGORY,TIME_BETWEEN_BOOK_AND_APPT,"
    "COUNT_OF_APPOINTMENTS,APPT_STATUS\n"
)
CAMBS = "06H,NHS Cambridgeshire and Peterborough ICB - 06H"


def crosstab_csv(*rows: str) -> bytes:
    return (HEADER + "".join(row + "\n" for row in rows)).encode()


def row(month="01OCT2025", gp="Y00056", pcn="U71777", area=CAMBS, hcp="GP", mode="Face-to-Face", lead="Same Day",
        count=10, status="Attended") -> str:  # fmt: skip
    return f"{month},{gp},PRACTICE {gp},TPP,{pcn},PCN {pcn},{area},{hcp},{mode},Clinical Triage,{lead},{count},{status}"


def list_sizes_csv(sizes: dict[str, int], extract="01NOV2025") -> bytes:
    lines = ["PUBLICATION,EXTRACT_DATE,TYPE,SUB_ICB_LOCATION_CODE,CODE,SEX,AGE,NUMBER_OF_PATIENTS"]
    lines += [f"GP_PRAC_PAT_LIST,{extract},GP,06H,{code},ALL,ALL,{n}" for code, n in sizes.items()]
    return "\n".join(lines).encode()


# --- import --------------------------------------------------------------------------------------------


def test_a_crosstab_is_imported_with_its_icb_and_region_and_never_read_as_a_regional_file():
    result = upload(("crosstab.csv", crosstab_csv(row(count=12))), ("regional.csv", appointments_csv(["2025-10"])))
    assert [f.table for f in result.files] == [s.PRACTICE_CROSSTAB, s.APPOINTMENTS]
    assert not result.report.errors
    table = result.tables[s.PRACTICE_CROSSTAB]
    assert table[s.COUNT].tolist() == [12]
    assert table[s.ICB_NAME].tolist() == ["NHS Cambridgeshire and Peterborough Integrated Care Board"]
    assert table[s.REGION_NAME].tolist() == ["East of England"]
    assert table[s.MONTH].tolist() == [pd.Timestamp("2025-10-01")]


def test_regional_splits_of_one_month_make_one_month_and_a_later_file_wins_per_practice():
    first = crosstab_csv(row(gp="A1", count=5), row(gp="B2", count=7))
    second = crosstab_csv(row(gp="C3", count=11))  # another region's split of the same month
    restated = crosstab_csv(row(gp="A1", count=50))
    result = upload(("london.csv", first), ("midlands.csv", second), ("restated.csv", restated))
    table = result.tables[s.PRACTICE_CROSSTAB]
    assert table.groupby(table[s.GP_CODE].astype(str))[s.COUNT].sum().to_dict() == {"A1": 50, "B2": 7, "C3": 11}


def test_a_practice_whose_sub_icb_is_unknown_is_kept_and_flagged():
    result = upload(("crosstab.csv", crosstab_csv(row(gp="Z9", area="99Z,Nowhere", count=3), row(count=4))))
    assert result.tables[s.PRACTICE_CROSSTAB][s.COUNT].sum() == 7
    assert "geography.unknown_code" in result.report.codes


def test_the_registered_patients_file_is_recognised_by_its_official_headers():
    result = upload(("gp-reg-pat-prac-all.csv", list_sizes_csv({"A1": 1200, "B2": 800})))
    assert [f.table for f in result.files] == [s.LIST_SIZES] and not result.report.errors
    sizes = practices.latest_list_sizes(result.tables[s.LIST_SIZES])
    assert sizes.series().to_dict() == {"A1": 1200, "B2": 800} and sizes.month == pd.Timestamp("2025-11-01")


# --- figures, against plain pandas ---------------------------------------------------------------------


@pytest.fixture
def crosstab() -> pd.DataFrame:
    rng = np.random.default_rng(7)
    rows = []
    for gp in ("A1", "B2", "C3", "D4"):
        for month in ("01SEP2025", "01OCT2025"):
            for status in ("Attended", "DNA", "Unknown"):
                for lead in ("Same Day", "2 to 7 Days", "Unknown / Data Issue"):
                    for mode in ("Face-to-Face", "Telephone", "Unknown"):
                        hcp = rng.choice(["GP", "Other Practice staff", "Unknown"])
                        count = int(rng.integers(1, 300))
                        rows.append(row(month, gp, "P" + gp[0], CAMBS, hcp, mode, lead, count, status))
    return upload(("crosstab.csv", crosstab_csv(*rows))).tables[s.PRACTICE_CROSSTAB]


SIZES = {"A1": 9000, "B2": 4000, "C3": 700, "D4": 2500}


def _plain(frame: pd.DataFrame, column: str, value: str, unknown: str) -> pd.Series:
    """A share per practice the obvious way: value / rows whose column is known."""
    frame = frame.astype({column: str, s.GP_CODE: str})
    hits = frame[frame[column] == value].groupby(s.GP_CODE)[s.COUNT].sum()
    known = frame[frame[column] != unknown].groupby(s.GP_CODE)[s.COUNT].sum()
    return hits.reindex(known.index, fill_value=0) / known


def test_practice_figures_equal_plain_pandas(crosstab):
    sizes = practices.latest_list_sizes(upload(("sizes.csv", list_sizes_csv(SIZES))).tables[s.LIST_SIZES])
    ranked = practices.compare(crosstab, sizes, limits=None).set_index(s.GP_CODE)
    got = ranked.sort_index()
    plain = crosstab.astype({s.GP_CODE: str})
    totals = plain.groupby(s.GP_CODE)[s.COUNT].sum()
    per_1000 = totals / 2 / pd.Series(SIZES) * 1000  # two months loaded
    pd.testing.assert_series_equal(got[practices.PER_1000], per_1000, check_names=False)
    dna = plain[plain[s.STATUS] != "Unknown"]
    dna_rate = dna[dna[s.STATUS] == "DNA"].groupby(s.GP_CODE)[s.COUNT].sum() / dna.groupby(s.GP_CODE)[s.COUNT].sum()
    pd.testing.assert_series_equal(got[s.DNA_RATE], dna_rate, check_names=False)
    expected = {
        s.SAME_DAY_SHARE: _plain(crosstab, s.LEAD, "Same Day", s.UNKNOWN_DQ),
        s.FACE_TO_FACE_SHARE: _plain(crosstab, s.MODE, "Face-to-Face", "Unknown"),
        s.GP_SHARE_OF_KNOWN: _plain(crosstab, s.HCP, "GP", "Unknown"),
    }
    for label, series in expected.items():
        pd.testing.assert_series_equal(got[label], series, check_names=False)
    assert list(ranked.index) == list(totals.sort_values(ascending=False).index)  # ranked by appointments


def test_pcns_sum_their_practices_and_count_each_list_once(crosstab):
    sizes = practices.latest_list_sizes(upload(("sizes.csv", list_sizes_csv(SIZES))).tables[s.LIST_SIZES])
    by_pcn = practices.compare(crosstab, sizes, level=practices.PCN, limits=None).set_index(s.PCN_CODE)
    assert by_pcn[s.COUNT].sum() == crosstab[s.COUNT].sum()
    assert by_pcn.loc["PA", s.REGISTERED_PATIENTS] == SIZES["A1"]


def test_exclusions_leave_out_small_lists_and_implausible_months(crosstab):
    sizes = practices.latest_list_sizes(upload(("sizes.csv", list_sizes_csv(SIZES))).tables[s.LIST_SIZES])
    by_month = practices.practice_months(crosstab)
    dropped = practices.exclusions(by_month, sizes.series())
    assert set(dropped[s.GP_CODE]) >= {"C3"}  # 700 patients
    assert (dropped[dropped[s.GP_CODE] == "C3"]["reason"] == "fewer than 1,000 registered patients").all()
    per_1000 = by_month[s.COUNT] / by_month[s.GP_CODE].map(SIZES) * 1000
    implausible = by_month[(per_1000 > 2000) | (per_1000 < 100) | (by_month[s.GP_CODE] == "C3")]
    assert len(dropped) == len(implausible)
    kept = practices.compare(crosstab, sizes)
    assert "C3" not in set(kept[s.GP_CODE])


def test_without_list_sizes_nothing_is_excluded_and_no_rate_per_1000_is_made(crosstab):
    got = practices.compare(crosstab)
    assert len(got) == 4 and got[practices.PER_1000].isna().all()


# --- the funnel plot ---------------------------------------------------------------------------------


def test_funnel_limits_are_the_binomial_normal_approximation():
    low, high = funnel.funnel_limits(0.05, np.array([100.0, 10_000.0]), 0.95)
    spread = 1.959964 * np.sqrt(0.05 * 0.95 / np.array([100.0, 10_000.0]))
    np.testing.assert_allclose(high, 0.05 + spread, rtol=1e-6)
    np.testing.assert_allclose(low, np.clip(0.05 - spread, 0, 1), rtol=1e-6)


def test_a_practice_far_above_the_rest_is_named_outside_the_limits():
    bases = np.full(20, 2_000)
    dna = np.full(20, 100)  # 5% each
    dna[3] = 400  # 20%
    compared = pd.DataFrame({s.GP_CODE: [f"P{i}" for i in range(20)], "dna_appointments": dna, "dna_known": bases})
    plot = funnel.funnel(compared, shares.SHARE_BY_NAME["dna"])
    assert plot.points.set_index(s.GP_CODE)["outside"].to_dict()["P3"] == "above 99.8%"
    assert (plot.points["outside"] == "within").sum() == 19
    assert plot.phi >= 1 and set(plot.curves["limit"]) == {"95%", "99.8%"}


# --- the real October 2025 sample ------------------------------------------------------------------------

OFFICIAL = SHARED_DATA / "official-more"
CROSSTAB_ZIP = OFFICIAL / "Practice_Level_Crosstab_Cambridgeshire_Oct_25.zip"
REGIONAL = OFFICIAL / "Regional_CSV_CambsPeterborough.csv"
LIST_SIZES = OFFICIAL / "gp-reg-pat-prac-cambridgeshire.csv"


def _need(*paths):
    for path in paths:
        if not path.exists():
            pytest.skip(f"real data not available: {path} is absent (it lives outside the repository)")


@pytest.mark.realdata
def test_the_real_crosstab_sums_to_the_regional_file_status_by_status():
    _need(CROSSTAB_ZIP, REGIONAL)
    result = ingest_paths([CROSSTAB_ZIP, REGIONAL])
    assert not result.report.errors
    assert result.report.codes.count("table.skipped") == 1  # Mapping.csv: the crosstab's sub-ICB is enough
    crosstab = result.tables[s.PRACTICE_CROSSTAB]
    assert crosstab[s.GP_CODE].nunique() == 84
    regional = result.tables[s.APPOINTMENTS]
    october = regional[regional[s.MONTH] == pd.Timestamp("2025-10-01")]
    by_status = crosstab.groupby(s.STATUS, observed=True)[s.COUNT].sum()
    assert by_status.to_dict() == october.groupby(s.STATUS, observed=True)[s.COUNT].sum().to_dict()
    assert by_status.sum() == 761_259


@pytest.mark.realdata
def test_summary_json_gives_the_practice_figures():
    _need(CROSSTAB_ZIP, LIST_SIZES)
    shown = subprocess.run(
        [sys.executable, "-m", "nhs_core", "summary", "--json", str(CROSSTAB_ZIP), str(LIST_SIZES)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    summary = json.loads(shown.stdout)
    with zipfile.ZipFile(CROSSTAB_ZIP) as archive:
        raw = pd.read_csv(archive.open(CROSSTAB_ZIP.stem + ".csv"))
    assert summary["tables"]["practices"] == {
        "rows": len(raw),
        "appointments": int(raw["COUNT_OF_APPOINTMENTS"].sum()),
        "first_month": "2025-10",
        "last_month": "2025-10",
        "practices": raw["GP_CODE"].nunique(),
    }
    by_appointments = raw.groupby("GP_CODE")["COUNT_OF_APPOINTMENTS"].sum().nlargest(5)
    assert [[c, v] for c, _, v in summary["top_practices_by_appointments"]] == [
        [c, int(v)] for c, v in by_appointments.items()
    ]
    by_records = raw.groupby("GP_CODE").size().sort_values(ascending=False, kind="stable").head(5)
    assert [v for _, _, v in summary["top_practices_by_records"]] == by_records.tolist()
    assert summary["registered_patients"] == int(pd.read_csv(LIST_SIZES)["NUMBER_OF_PATIENTS"].sum())


# --- the bundled synthetic sample ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample() -> dict[str, pd.DataFrame]:
    return ingest_paths(sorted((ROOT / "data").glob("*.*[!d]"))).tables  # every file but README.md


def test_the_sample_practices_are_real_and_sum_exactly_to_the_regional_sample(sample):
    crosstab = sample[s.PRACTICE_CROSSTAB]
    reference = pd.read_csv(ROOT / "nhs_core" / "reference" / "practices_sample.csv", dtype=str)
    assert set(crosstab[s.GP_CODE].astype(str)) == set(reference[s.GP_CODE])
    regional = sample[s.APPOINTMENTS]
    keys = [s.ICB, s.MONTH, s.STATUS, s.HCP, s.MODE, s.LEAD]
    part = regional[regional[s.ICB].isin(crosstab[s.ICB].unique()) & regional[s.MONTH].isin(crosstab[s.MONTH])]
    plain = {c: str for c in keys[:1] + keys[2:]}
    expected = part.astype(plain).groupby(keys)[s.COUNT].sum()
    got = crosstab.astype(plain).groupby(keys)[s.COUNT].sum()
    assert len(got) > 100
    pd.testing.assert_series_equal(got, expected)


def test_the_sample_has_small_lists_to_exclude_and_practices_outside_the_funnel(sample):
    sizes = practices.latest_list_sizes(sample[s.LIST_SIZES])
    assert (sizes.series() < 1_000).sum() == 3 and sizes.month == pd.Timestamp("2022-07-01")
    compared = practices.compare(sample[s.PRACTICE_CROSSTAB], sizes)
    assert len(compared) == len(sizes.codes) - 3
    per_1000 = compared[practices.PER_1000]
    assert 200 < per_1000.median() < 1_000  # England's order of magnitude: about 480 a month
    plot = funnel.funnel(compared, shares.SHARE_BY_NAME["dna"])
    assert (plot.points["outside"] != "within").any()


def test_the_list_sizes_never_set_the_period_nor_are_cut_by_it():
    from nhs_core.analysis import filters as flt

    tables = upload(
        ("crosstab.csv", crosstab_csv(row(month="01SEP2025"), row(month="01OCT2025"))),
        ("sizes.csv", list_sizes_csv({"Y00056": 5000}, extract="01NOV2025")),
    ).tables
    assert [f"{m:%Y-%m}" for m in flt.options(tables).months] == ["2025-09", "2025-10"]
    september = flt.Filters(pd.Timestamp("2025-09-01"), pd.Timestamp("2025-09-01"))
    assert len(flt.filter_frame(tables[s.LIST_SIZES], flt.for_table(s.LIST_SIZES, september))) == 1
    assert len(flt.filter_frame(tables[s.PRACTICE_CROSSTAB], flt.for_table(s.PRACTICE_CROSSTAB, september))) == 1


# --- findings -----------------------------------------------------------------------------------------------


def test_findings_name_the_practice_far_above_the_dna_limits_and_advise_on_it():
    from nhs_core.present import findings

    rows = []
    for i in range(12):
        dna = 300 if i == 4 else 20
        rows += [row(gp=f"P{i:02d}", count=1000, status="Attended"), row(gp=f"P{i:02d}", count=dna, status="DNA")]
    tables = upload(("crosstab.csv", crosstab_csv(*rows))).tables
    found = {x.topic: x for x in findings.findings(tables)}
    assert found["DNA outliers"].text.startswith("In Oct 2025, 1 of 12 practices has a DNA rate above the 99.8% limits")
    assert "Practice P04 (P04) (23.08%)" in found["DNA outliers"].text
    assert "Practice spread" not in found  # no list sizes, no rate per 1,000
    [advice] = [r for r in findings.recommendations(list(found.values())) if r.because == "DNA outliers"]
    assert "Practice P04 (P04)" in advice.text


def test_too_few_practices_give_no_practice_finding():
    from nhs_core.present import findings

    tables = upload(("crosstab.csv", crosstab_csv(row(gp="A1"), row(gp="B2", status="DNA")))).tables
    assert not [x for x in findings.findings(tables) if x.page == findings.PRACTICES]


def test_the_profile_over_time_divides_each_group_by_its_practices_lists(crosstab):
    sizes = practices.latest_list_sizes(upload(("sizes.csv", list_sizes_csv(SIZES))).tables[s.LIST_SIZES])
    got = practices.profile_over_time(practices.practice_months(crosstab), practices.names(crosstab), sizes, "A1")
    plain = crosstab.astype({s.GP_CODE: str})
    a1 = plain[plain[s.GP_CODE] == "A1"].groupby(s.MONTH)[s.COUNT].sum() / SIZES["A1"] * 1000
    mine = got[got["group"] == "PRACTICE A1"].set_index(s.MONTH)[practices.PER_1000]
    pd.testing.assert_series_equal(mine, a1, check_names=False)
    everyone = plain.groupby(s.MONTH)[s.COUNT].sum() / sum(SIZES.values()) * 1000
    together = got[got["group"] == practices.ALL_LOADED].set_index(s.MONTH)[practices.PER_1000]
    pd.testing.assert_series_equal(together, everyone, check_names=False)


def test_the_profile_gives_each_groups_share_by_the_dimension_as_plain_pandas(crosstab):
    groups = practices.profile_groups(practices.names(crosstab), "A1")
    assert [label for label, _, _ in groups] == ["PRACTICE A1", "PCN PA (its PCN)",
        "NHS Cambridgeshire and Peterborough Integrated Care Board (its ICB)", practices.ALL_LOADED]  # fmt: skip
    got = practices.profile(sources.sums_by(crosstab, None, flt.Filters(), s.MODE, groups))
    plain = crosstab.astype({s.GP_CODE: str, s.MODE: str})
    for label, rows in (("PRACTICE A1", plain[plain[s.GP_CODE] == "A1"]), (practices.ALL_LOADED, plain)):
        want = rows.groupby(s.MODE)[s.COUNT].sum() / rows[s.COUNT].sum()
        mine = got[got["group"] == label].set_index(s.MODE)[s.SHARE]
        pd.testing.assert_series_equal(mine.rename_axis(s.MODE).astype(float), want.astype(float), check_names=False,
                                       check_index_type=False, check_categorical=False)  # fmt: skip


def test_lookup_gives_each_code_its_value_and_nothing_for_a_code_without_one():
    codes = pd.Series(["B2", "A1", "Z9", "B2"], index=[10, 11, 12, 13])
    got = practices.lookup(codes, pd.Series({"A1": 9000, "B2": 4000}))
    pd.testing.assert_series_equal(got, pd.Series([4000.0, 9000.0, np.nan, 4000.0], index=codes.index))
    assert practices.lookup(codes, pd.Series(dtype="int64")).isna().all()
