"""The SDS role and national overview tables: recognised, validated, combined (the later upload wins per month),
counted in `summary`, and reconciled with the other tables (`analysis.reconcile`)."""

from __future__ import annotations

import pandas as pd

from nhs_core import schema as s
from nhs_core.analysis import reconcile as rc
from nhs_core.analysis.summary import summary
from tests.helpers import LINCS_DAILY, csv_bytes, ingest_many, ingest_one, one_problem

SDS_HEADER = [
    "SUB_ICB_LOCATION_CODE",
    "SUB_ICB_LOCATION_ONS_CODE",
    "SUB_ICB_LOCATION_NAME",
    "ICB_ONS_CODE",
    "REGION_ONS_CODE",
    "Appointment_Date",
    "SDS_ROLE_GROUP",
    "COUNT_OF_APPOINTMENTS",
]
OVERVIEW_HEADER = [
    "APPOINTMENT_MONTH",
    "APPT_STATUS",
    "HCP_TYPE",
    "APPT_MODE",
    "SERVICE_SETTING",
    "CONTEXT_TYPE",
    "NATIONAL_CATEGORY",
    "COUNT_OF_APPOINTMENTS",
]
GP_ROUTINE = ["GP", "Face-to-Face", "General Practice", "Care Related Encounter", "General Consultation Routine"]


def sds(*rows: tuple[str, str, int]) -> bytes:
    return csv_bytes(SDS_HEADER, [[*LINCS_DAILY, day, role, count] for day, role, count in rows])


def overview(*rows: tuple[str, str, int]) -> bytes:
    return csv_bytes(OVERVIEW_HEADER, [[month, status, *GP_ROUTINE, count] for month, status, count in rows])


def test_the_sds_role_file_is_recognised_with_its_roles_in_order_and_blank_roles_unknown():
    result = ingest_one("SDS_Role_CSV_Nov_25.csv", sds(("01NOV2025", "Nurses", 5), ("02NOV2025", "", 2)))
    table = result.tables[s.SDS_ROLES]
    assert list(table[s.SDS_ROLE].cat.categories) == list(s.VOCABULARIES[s.SDS_ROLE])
    assert table[s.SDS_ROLE].tolist() == ["Nurses", "Unknown"]
    assert table[s.MONTH].tolist() == [pd.Timestamp("2025-11-01")] * 2
    assert table[s.ICB].tolist() == ["E54000013"] * 2 and table[s.ICB_NAME].notna().all()
    assert one_problem(result, "vocabulary.blank").column == s.SDS_ROLE


def test_an_unknown_role_group_is_reported_and_kept():
    result = ingest_one("sds.csv", sds(("01NOV2025", "Pharmacists", 5)))
    assert one_problem(result, "vocabulary.new_value").column == s.SDS_ROLE
    assert result.tables[s.SDS_ROLES][s.SDS_ROLE].tolist() == ["Pharmacists"]


def test_the_national_overview_is_recognised_without_geography():
    result = ingest_one("National_Overview.csv", overview(("01OCT2025", "Attended", 90), ("01OCT2025", "DNA", 10)))
    assert result.report.ok, result.report.to_text()
    table = result.tables[s.OVERVIEW]
    assert list(table.columns) == [s.MONTH, s.STATUS, s.HCP, s.MODE, s.SETTING, s.CONTEXT, s.CATEGORY, s.COUNT]
    assert table[s.COUNT].sum() == 100


def test_a_later_overview_replaces_the_months_it_restates_and_keeps_the_others():
    older = overview(("01SEP2025", "Attended", 50), ("01OCT2025", "Attended", 90))
    newer = overview(("01OCT2025", "Attended", 95), ("01NOV2025", "Attended", 70))
    result = ingest_many(("National_Overview_Oct.csv", older), ("National_Overview_Nov.csv", newer))
    by_month = result.tables[s.OVERVIEW].groupby(s.MONTH)[s.COUNT].sum()
    assert by_month.tolist() == [50, 95, 70]
    assert "combine.replaced" in result.report.codes


def test_a_later_sds_file_replaces_its_icb_months():
    older = sds(("01OCT2025", "GP", 10), ("01NOV2025", "GP", 10))
    newer = sds(("03NOV2025", "Nurses", 4))
    table = ingest_many(("a.csv", older), ("b.csv", newer)).tables[s.SDS_ROLES]
    assert table.groupby(s.MONTH)[s.COUNT].sum().tolist() == [10, 4]


def test_summary_gives_both_tables_and_the_appointments_of_each_role():
    tables = ingest_many(
        ("sds.csv", sds(("01OCT2025", "GP", 10), ("02OCT2025", "GP", 5), ("01NOV2025", "Data Quality", 3))),
        ("overview.csv", overview(("01OCT2025", "Attended", 15), ("01NOV2025", "DNA", 3))),
    ).tables
    out = summary(tables)
    assert out["tables"][s.SDS_ROLES] == {
        "rows": 3,
        "appointments": 18,
        "first_month": "2025-10",
        "last_month": "2025-11",
    }
    assert out["tables"][s.OVERVIEW]["appointments"] == 18
    assert out["sds_role_appointments"] == {
        "GP": 15,
        "Nurses": 0,
        "Other Direct Patient Care": 0,
        "Data Quality": 3,
        "Unknown": 0,
    }


# --- reconciliation (the checks this issue adds to analysis.reconcile) -----------------------------------
def _monthly(table: str, rows: list[tuple[str, str, int]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=[s.MONTH, s.ICB, s.COUNT])
    frame[s.MONTH] = pd.to_datetime(frame[s.MONTH])
    return frame if table != s.OVERVIEW else frame.drop(columns=[s.ICB])


def _check(first: str, second: str) -> rc.Check:
    return next(c for c in rc.CHECKS if (c.first, c.second) == (first, second))


def test_sds_roles_that_agree_say_so_over_the_icbs_and_months_both_cover():
    regional = _monthly(s.APPOINTMENTS, [("2025-10-01", "I1", 100), ("2025-11-01", "I1", 80), ("2025-11-01", "I2", 5)])
    roles = _monthly(s.SDS_ROLES, [("2025-10-01", "I1", 60), ("2025-10-01", "I1", 40), ("2025-11-01", "I1", 80)])
    (outcome,) = rc.run_checks({s.APPOINTMENTS: regional, s.SDS_ROLES: roles})
    assert outcome.check == _check(s.APPOINTMENTS, s.SDS_ROLES)
    assert outcome.exact and not outcome.material
    assert outcome.months[s.FIRST_TOTAL].tolist() == [100, 80]  # I2 is not in the SDS file: not compared


def test_sds_roles_that_disagree_say_in_which_month_and_by_how_much():
    regional = _monthly(s.APPOINTMENTS, [("2025-10-01", "I1", 1000), ("2025-11-01", "I1", 800)])
    roles = _monthly(s.SDS_ROLES, [("2025-10-01", "I1", 1000), ("2025-11-01", "I1", 750)])
    (outcome,) = rc.run_checks({s.APPOINTMENTS: regional, s.SDS_ROLES: roles})
    assert outcome.material and outcome.months[s.DIFFERENCE].tolist() == [0, -50]
    assert "1 of 2 months" in outcome.text and "-50" in outcome.text and "Nov 2025" in outcome.text


def test_the_overview_is_compared_only_for_months_the_regional_table_covers_all_of_england():
    icbs = [f"I{i}" for i in range(42)]
    regional = _monthly(
        s.APPOINTMENTS, [("2025-10-01", icb, 10) for icb in icbs] + [("2025-11-01", icb, 10) for icb in icbs[:3]]
    )
    national = _monthly(s.OVERVIEW, [("2025-10-01", "", 425), ("2025-11-01", "", 420)])
    (outcome,) = rc.run_checks({s.APPOINTMENTS: regional, s.OVERVIEW: national})
    assert outcome.check == _check(s.APPOINTMENTS, s.OVERVIEW) and outcome.check.national
    assert outcome.months[s.FIRST_TOTAL].tolist() == [420] and outcome.months[s.DIFFERENCE].tolist() == [5]
    assert outcome.material and "England" in outcome.text
    partial = regional[regional[s.MONTH] > "2025-10-01"]
    (outcome,) = rc.run_checks({s.APPOINTMENTS: partial, s.OVERVIEW: national})
    assert not outcome.compared and "covers every ICB in none of the months" in outcome.text


def test_england_has_36_icbs_from_april_2026():
    assert rc.icbs_in_england(pd.Timestamp("2026-03-01")) == 42
    assert rc.icbs_in_england(pd.Timestamp("2026-04-01")) == 36


def test_the_bundled_sample_tables_all_agree_exactly():
    from nhs_core.load.ingest import ingest_paths
    from nhs_core.store import BUNDLED_DIR

    outcomes = rc.run_checks(ingest_paths([BUNDLED_DIR]).tables)
    assert [o.check for o in outcomes] == list(rc.CHECKS)
    assert all(o.exact for o in outcomes)
