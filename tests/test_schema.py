"""nhs_core.schema: header matching, vocabulary normalisation and display order."""

from __future__ import annotations

import pytest

from nhs_core import schema as s


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("APPT_STATUS", "appt_status"),
        ("Appointment_Date", "appointment_date"),
        ("\ufeffSUB_ICB_LOCATION_CODE", "sub_icb_location_code"),
        ("  icb_ons_code ", "icb_ons_code"),
        ("Patients registered at included practices", "patients_registered_at_included_practices"),
        ("Included Practices", "included_practices"),
        ("Count-Of  Appointments", "count_of_appointments"),
    ],
)
def test_header_key_case_folds_and_joins_words(header, key):
    assert s.header_key(header) == key


@pytest.mark.parametrize(
    ("header", "canonical"),
    [
        ("APPT_STATUS", s.STATUS),
        ("appointment_status", s.STATUS),
        ("APPT_MODE", s.MODE),
        ("TIME_BETWEEN_BOOK_AND_APPT", s.LEAD),
        ("time_between_book_and_appointment", s.LEAD),
        ("CCG_CODE", s.SUB_ICB),
        ("CCG_NAME", s.SUB_ICB_NAME),
        ("STP_ONS_CODE", s.ICB),
        ("REGION_CODE", s.REGION),
        ("Appointment_Month", s.MONTH),
        ("Open Practices", s.OPEN_PRACTICES),
        ("Patients registered at open practices", s.PATIENTS_OPEN),
    ],
)
def test_every_known_spelling_of_a_header_maps_to_one_canonical_name(header, canonical):
    assert s.HEADER_ALIASES[s.header_key(header)] == canonical


@pytest.mark.parametrize(
    ("column", "raw", "label"),
    [
        (s.LEAD, "8 to 14 Days", "8  to 14 Days"),
        (s.LEAD, "8  to 14 Days", "8  to 14 Days"),
        (s.LEAD, "15   TO 21 days", "15  to 21 Days"),
        (s.LEAD, " same day ", "Same Day"),
        (s.LEAD, "Unknown / Data Issue", s.UNKNOWN_DQ),
        (s.DURATION, "Unknown / Data Issue", s.UNKNOWN_DQ),
        (s.DURATION, "1-5 minutes", "1-5 Minutes"),
        (s.MODE, "Video Conference/Online", "Video/Online"),
        (s.MODE, "video/online", "Video/Online"),
        (s.MODE, "FACE-TO-FACE", "Face-to-Face"),
        (s.STATUS, "Appt Status Not Provided", s.UNKNOWN),
        (s.STATUS, "DNA", "DNA"),
        (s.STATUS, "unknown", s.UNKNOWN),
        (s.HCP, "HCP Type Not Provided", s.UNKNOWN),
        (s.HCP, "Other Practice Staff", "Other Practice staff"),
        (s.SETTING, "general practice", "General Practice"),
        (s.CATEGORY, "Walk-in", "Walk-in"),
    ],
)
def test_canonical_value_maps_official_and_older_spellings(column, raw, label):
    assert s.canonical_value(column, raw) == label


@pytest.mark.parametrize(
    ("column", "raw"),
    [(s.MODE, "Hologram"), (s.STATUS, "Booked"), (s.LEAD, "Next week"), (s.LEAD, "Lead Time Not Provided")],
)
def test_canonical_value_is_none_for_values_outside_the_vocabulary(column, raw):
    # "... Not Provided" means Unknown only where the vocabulary has a plain Unknown (lead time has not).
    assert s.canonical_value(column, raw) is None


def test_every_vocabulary_label_is_its_own_canonical_value():
    for column, labels in s.VOCABULARIES.items():
        for label in labels:
            assert s.canonical_value(column, label) == label


def test_lead_time_bands_are_in_time_order_with_unknown_last():
    assert s.ordered_categories(s.LEAD) == [
        "Same Day",
        "1 Day",
        "2 to 7 Days",
        "8  to 14 Days",
        "15  to 21 Days",
        "22  to 28 Days",
        "More than 28 Days",
        "Unknown / Data Quality",
    ]


def test_durations_are_in_minutes_order_with_unknown_last():
    order = s.ordered_categories(s.DURATION)
    assert order[:3] == ["1-5 Minutes", "6-10 Minutes", "11-15 Minutes"]
    assert order[-2:] == ["31-60 Minutes", s.UNKNOWN_DQ]


def test_new_values_go_after_the_known_ones_and_before_the_unknowns():
    order = s.ordered_categories(s.MODE, ["Telephone", "Zoom", "Hologram", "Unknown"])
    assert order == ["Face-to-Face", "Home Visit", "Telephone", "Video/Online", "Hologram", "Zoom", "Unknown"]


def test_unmapped_and_inconsistent_mapping_sort_last():
    assert s.ordered_categories(s.SETTING, ["Dental"])[-2:] == ["Dental", "Unmapped"]
    assert s.ordered_categories(s.CATEGORY)[-2:] == ["Inconsistent Mapping", "Unmapped"]
    assert s.ordered_categories(s.CONTEXT) == ["Care Related Encounter", "Inconsistent Mapping", "Unmapped"]


def test_national_categories_list_has_the_nineteen_official_values():
    assert len(s.VOCABULARIES[s.CATEGORY]) == 19
    assert len(set(s.VOCABULARIES[s.CATEGORY])) == 19


def test_every_column_has_one_record_and_no_header_spelling_maps_to_two_columns():
    names = [c.name for c in s.CANONICAL_COLUMNS]
    assert len(names) == len(set(names))
    spellings = [k for c in s.CANONICAL_COLUMNS for k in (c.name, *c.aliases, *c.fallback_aliases)]
    assert len(spellings) == len(set(spellings)) == len(s.HEADER_ALIASES)


def test_every_vocabulary_column_says_what_a_blank_cell_means():
    assert set(s.BLANK_MEANS) == set(s.VOCABULARIES)
    for column, value in s.BLANK_MEANS.items():
        assert value in s.VOCABULARIES[column], column


def test_metric_table_columns_are_labelled_but_never_read_from_a_file_header():
    assert s.label(s.PER_DAY) == "Appointments per day"
    assert s.PER_DAY not in s.HEADER_ALIASES and s.HASHTAG_COUNT not in s.HEADER_ALIASES
