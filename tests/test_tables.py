"""nhs_core.tables: the table-kind registry, recognition by the most specific kind, and a new kind added by
one record (recognised, validated, stored and previewed with no other edit)."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest
from conftest import upload

from nhs_core import schema as s
from nhs_core import tables
from nhs_core.load.combine import combine
from nhs_core.load.recognise import recognise
from nhs_core.store import Store, changes, templates
from nhs_core.tables import TableKind, kind

# A made-up kind of table that uses only existing canonical columns: appointments by mode and month.
MODE_MIX = TableKind(
    name="mode_mix",
    label="Appointment modes by month",
    noun="mode mix file",
    columns=(*tables.GEOGRAPHY_COLUMNS, s.MONTH, s.MODE, s.COUNT),
    required=(s.MONTH, s.MODE, s.COUNT),
    grain=tables.MONTH_GRAIN,
    combine_key=(s.MONTH, s.ICB),
)
MODE_MIX_CSV = (
    b"icb_ons_code,appointment_month,appointment_mode,count_of_appointments\n"
    b"E54000008,2024-01,Face-to-Face,70\n"
    b"E54000008,2024-01,Video Conference/Online,30\n"
    b"E54000010,2024-02,,5\n"
)


@pytest.fixture
def with_mode_mix(monkeypatch) -> TableKind:
    """The registry with the made-up kind added, and nothing else changed."""
    monkeypatch.setattr(tables, "KINDS", (*tables.KINDS, MODE_MIX))
    return MODE_MIX


# --- the registry is sound -------------------------------------------------------------------------------


def test_names_and_labels_are_unique():
    assert len({k.name for k in tables.KINDS}) == len({k.label for k in tables.KINDS}) == len(tables.KINDS)


@pytest.mark.parametrize("record", tables.KINDS, ids=lambda k: k.name)
def test_each_kind_only_names_registered_columns_and_requires_what_it_holds(record: TableKind):
    registered = {c.name for c in s.CANONICAL_COLUMNS}
    assert set(record.columns) <= registered
    assert set(record.required) <= set(record.columns)
    assert set(record.count_columns) <= set(record.columns)
    assert set(record.combine_key or ()) <= set(record.columns)
    assert s.MONTH in record.columns or not record.combine_key
    assert record.grain in (None, tables.MONTH_GRAIN, tables.DAY_GRAIN)
    if record.template:
        assert set(record.template.columns) <= registered


def test_no_two_kinds_are_equally_specific():
    assert tables.ambiguities() == []


def test_two_equally_specific_kinds_are_reported_as_a_defect():
    twin = dataclasses.replace(kind(s.COVERAGE), name="twin", required=(s.MONTH, s.GP_CODE, s.PCN_CODE))
    assert tables.ambiguities((*tables.KINDS, twin)) == [(s.COVERAGE, "twin")]


def test_only_importable_kinds_are_listed_in_order_with_templates_first():
    assert tables.table_names() == (
        s.APPOINTMENTS,
        s.DURATIONS,
        s.CATEGORIES,
        s.TWEETS,
        s.SDS_ROLES,
        s.OVERVIEW,
        s.DAILY,
        s.COVERAGE,
        s.PCN_APPOINTMENTS,
        s.PRACTICE_CROSSTAB,
        s.LIST_SIZES,
    )
    assert tables.table_label(s.DAILY) == "Daily appointments"
    assert tables.table_label("not_a_table") == "not_a_table"
    with pytest.raises(KeyError):
        kind("not_a_table")


# --- recognition takes the most specific match, whatever the registry's order ----------------------------

REGIONAL_COLUMNS = {s.SUB_ICB, s.ICB, s.REGION, s.MONTH, s.STATUS, s.HCP, s.MODE, s.LEAD, s.COUNT}


@pytest.mark.parametrize(
    ("file", "expected"),
    [
        ("PCN_GRANULAR.csv", s.PCN_APPOINTMENTS),
        ("GPAD release.zip › pcn_granular_Oct_25.csv", s.PCN_APPOINTMENTS),
        ("Regional_CSV_Lincolnshire.csv", s.APPOINTMENTS),
        ("", s.APPOINTMENTS),
    ],
)
def test_the_pcn_file_shares_the_regional_columns_and_is_told_apart_by_its_name(file, expected):
    """PCN_GRANULAR.csv has the regional file's 13 columns: read as regional, its PCN appointments were added to
    the practices' (double counting); its name now sets it apart, and only its name."""
    from nhs_core.load.recognise import recognise

    assert recognise(REGIONAL_COLUMNS, file)[0].name == expected


CROSSTAB_COLUMNS = {s.MONTH, s.GP_CODE, s.PCN_CODE, s.SUB_ICB, s.STATUS, s.HCP, s.MODE, s.LEAD, s.CATEGORY, s.COUNT}


@pytest.mark.parametrize("order", [1, -1], ids=["registry order", "reversed"])
def test_nested_kinds_resolve_to_the_more_specific_one_in_either_order(monkeypatch, order: int):
    # The crosstab requires the regional file's columns and more; the mode mix requires fewer of them.
    assert set(kind(s.APPOINTMENTS).required) < set(kind(s.PRACTICE_CROSSTAB).required)
    monkeypatch.setattr(tables, "KINDS", (*tables.KINDS, MODE_MIX)[::order])
    assert recognise(CROSSTAB_COLUMNS)[0].name == s.PRACTICE_CROSSTAB
    assert recognise(CROSSTAB_COLUMNS - {s.GP_CODE})[0].name == s.APPOINTMENTS
    assert recognise({s.ICB, s.MONTH, s.MODE, s.COUNT})[0].name == "mode_mix"


@pytest.mark.parametrize("order", [1, -1], ids=["registry order", "reversed"])
def test_a_daily_file_with_a_month_column_is_daily_in_either_order(monkeypatch, order: int):
    monkeypatch.setattr(tables, "KINDS", tables.KINDS[::order])
    present = {s.SUB_ICB, s.DATE, s.MONTH, s.STATUS, s.HCP, s.MODE, s.LEAD, s.COUNT}
    assert recognise(present)[0].name == s.DAILY


def test_an_unrecognised_file_is_compared_only_with_the_kinds_this_version_imports():
    found, closest, missing = recognise({s.GP_CODE, s.SUB_ICB})
    assert found is None and closest.supported
    assert missing


# --- a made-up kind: one record, no other edit ------------------------------------------------------------


def test_a_new_kind_is_recognised_and_validated(with_mode_mix):
    result = upload(("modes.csv", MODE_MIX_CSV))
    assert [f.table for f in result.files] == ["mode_mix"]
    assert result.files[0].description.startswith("LSE mode mix file, ")
    frame = result.tables["mode_mix"]
    assert list(frame.columns) == [c for c in MODE_MIX.columns if c in frame]
    assert list(frame[s.MODE]) == ["Face-to-Face", "Video/Online", s.UNKNOWN]  # alias read, blank counted
    assert frame[s.ICB_NAME].notna().all()  # geography joined
    assert sorted(result.report.codes) == ["vocabulary.blank", "vocabulary.respelled"]
    assert {p.column for p in result.report.problems} == {s.MODE}
    bad = upload(("bad.csv", MODE_MIX_CSV.replace(b",70\n", b",-70\n")))
    assert [(p.code, p.column) for p in bad.report.errors] == [("count.negative", s.COUNT)]


def test_a_new_kind_is_stored_and_previewed(with_mode_mix, store: Store):
    result = upload(("modes.csv", MODE_MIX_CSV))
    current = store.open()
    preview = changes.preview(current.tables, current.manifest, result.tables)
    row = preview.summary.set_index("Table").loc["Appointment modes by month"]
    assert (row["What happens"], row["Rows after"], row["Appointments after"]) == (
        "Replaced whole by the upload",
        3,
        105,
    )
    assert set(preview.months.loc[preview.months["Table"] == "Appointment modes by month", "Month"]) == {
        "Jan 2024",
        "Feb 2024",
    }
    version = store.replace(result, [])
    opened = store.open()
    assert opened.version == version
    pd.testing.assert_frame_equal(opened.tables["mode_mix"], result.tables["mode_mix"])
    assert opened.manifest["tables"]["mode_mix"]["files"] == ["modes.csv"]
    assert set(opened.tables) == {s.APPOINTMENTS, s.TWEETS, "mode_mix"}  # the sample's tables kept


def _mode_mix_files() -> list[tuple[str, str, pd.DataFrame]]:
    older = upload(("older.csv", MODE_MIX_CSV)).tables["mode_mix"]
    newer = upload(("newer.csv", MODE_MIX_CSV.replace(b"E54000010,2024-02,,5", b"E54000010,2024-02,Telephone,9")))
    return [("mode_mix", "older.csv", older), ("mode_mix", "newer.csv", newer.tables["mode_mix"])]


def test_a_new_kind_combines_on_its_own_key(with_mode_mix):
    combined, notes = combine(_mode_mix_files())
    assert int(combined["mode_mix"][s.COUNT].sum()) == 109  # every (month, ICB) of the older file replaced
    [note] = notes
    assert (note.code, note.fields) == (
        "combine.replaced",
        {"older": "older.csv", "replaced": 3, "first": "Jan 2024", "last": "Feb 2024"},
    )


def test_a_new_kind_without_a_combine_key_is_replaced_whole_by_the_later_file(monkeypatch):
    monkeypatch.setattr(tables, "KINDS", (*tables.KINDS, dataclasses.replace(MODE_MIX, combine_key=None)))
    combined, notes = combine(_mode_mix_files())
    assert int(combined["mode_mix"][s.COUNT].sum()) == 109
    assert [(n.code, n.fields) for n in notes] == [
        (
            "combine.replaced_whole",
            {"older": "older.csv", "table": "appointment modes by month", "noun": "mode mix file"},
        )
    ]


def test_the_combine_key_decides_what_the_later_file_replaces(monkeypatch):
    by_month = dataclasses.replace(MODE_MIX, combine_key=(s.MONTH,))
    monkeypatch.setattr(tables, "KINDS", (*tables.KINDS, by_month))
    files = _mode_mix_files()
    only_january = files[1][2][files[1][2][s.MONTH] == pd.Timestamp("2024-01-01")]
    combined, _ = combine([files[0], ("mode_mix", "newer.csv", only_january)])
    assert int(combined["mode_mix"][s.COUNT].sum()) == 100 + 5  # January replaced, February kept


def test_a_new_kind_without_a_template_offers_none(with_mode_mix):
    assert "mode_mix" not in templates.available()


PCN_ROWS = (
    b"SUB_ICB_LOCATION_CODE,ICB_ONS_CODE,REGION_ONS_CODE,APPOINTMENT_MONTH,APPT_STATUS,HCP_TYPE,APPT_MODE,"
    b"TIME_BETWEEN_BOOK_AND_APPT,COUNT_OF_APPOINTMENTS\n"
    b"71E,E54000013,E40000011,01APR2023,Attended,GP,Face-to-Face,Same Day,900\n"
    b"71E,E54000013,E40000011,01APR2023,Booked,GP,Face-to-Face,Same Day,60\n"
    b"UNMAPPED,UNMAPPED,UNMAPPED,01APR2023,DNA,GP,Telephone,1 Day,40\n"
)


def test_booked_and_unmapped_are_official_in_the_pcn_file_only():
    from helpers import ingest_one

    pcn = ingest_one("PCN_GRANULAR.csv", PCN_ROWS)
    assert pcn.report.codes == [] and set(pcn.tables) == {s.PCN_APPOINTMENTS}
    table = pcn.tables[s.PCN_APPOINTMENTS]
    assert table[s.COUNT].sum() == 1_000 and "Booked" in set(table[s.STATUS].astype(str))
    regional = ingest_one("Regional_CSV_Lincolnshire.csv", PCN_ROWS)
    assert set(regional.tables) == {s.APPOINTMENTS}
    assert (
        regional.report.codes.count("vocabulary.new_value") == 1 and "geography.unknown_code" in regional.report.codes
    )


def test_a_label_inside_a_sentence_keeps_its_acronyms():
    assert tables.table_words(s.PCN_APPOINTMENTS) == "appointments by PCNs"
    assert tables.table_words(s.APPOINTMENTS) == "appointments by month"


def test_a_small_pcn_file_zipped_among_regional_files_is_still_the_pcn_table():
    """Small zip members with one header are checked together under one label; the PCN file's kind is in its
    name, so it is never joined to its regional neighbours (it would be read as regional, double counting)."""
    from helpers import ingest_one, zip_bytes

    regional = PCN_ROWS.replace(b"Booked", b"Attended").replace(
        b"UNMAPPED,UNMAPPED,UNMAPPED", b"71E,E54000013,E40000011"
    )
    # A PCN file with only values the regional files have too: nothing but its name sets it apart.
    members = {f"Regional_CSV_{n}.csv": regional for n in ("A", "B", "C")} | {"PCN_GRANULAR.csv": regional}
    result = ingest_one("release.zip", zip_bytes(members))
    assert set(result.tables) == {s.APPOINTMENTS, s.PCN_APPOINTMENTS}
    assert result.tables[s.PCN_APPOINTMENTS][s.COUNT].sum() == 1_000
    assert result.tables[s.APPOINTMENTS][s.COUNT].sum() == 1_000  # the three regional files of one month combine
