"""Every accepted layout: date formats, header spellings, old (CCG-era) layouts, the official files' headers,
and the canonical frames they give (dtypes, vocabulary order, duplicate rows kept, file order kept)."""

from __future__ import annotations

import pandas as pd
import pytest

from nhs_core import schema as s
from nhs_core.tables import kind
from tests.helpers import (
    DAILY_HEADER,
    LINCS,
    LINCS_DAILY,
    LSE_ROW,
    REGIONAL_HEADER,
    TWO_ROWS,
    clean,
    csv_bytes,
    ingest_one,
    lse_csv,
    lse_row,
)


# --- every date format ------------------------------------------------------------------------------------
@pytest.mark.parametrize("value", ["2020-01", "JAN2020", "Jan2020", "01JAN2020", "01-Jan-20", "2020-01-31"])
def test_month_formats(value):
    frame = clean(ingest_one("m.csv", lse_csv(lse_row(appointment_month=value))))
    assert frame[s.MONTH].tolist() == [pd.Timestamp("2020-01-01")]
    assert frame[s.MONTH].dtype == "datetime64[ns]"


@pytest.mark.parametrize("value", ["15JAN2020", "15-Jan-20", "2020-01-15"])
def test_day_formats(value):
    data = csv_bytes(DAILY_HEADER, [[*LINCS_DAILY, value, "Attended", "GP", "Telephone", "Same Day", "4"]])
    frame = clean(ingest_one("SUB_ICB_LOCATION_CSV_Jan_20.csv", data), s.DAILY)
    assert frame[s.DATE].tolist() == [pd.Timestamp("2020-01-15")]
    assert frame[s.MONTH].tolist() == [pd.Timestamp("2020-01-01")]


def test_official_regional_months_like_jun2023():
    rows = [[*LINCS, month, "Attended", "GP", "Face-to-Face", "1 Day", "10"] for month in ("JUN2023", "JUL2023")]
    frame = clean(ingest_one("Regional_CSV_Lincolnshire.csv", csv_bytes(REGIONAL_HEADER, rows, bom=True)))
    assert frame[s.MONTH].tolist() == [pd.Timestamp("2023-06-01"), pd.Timestamp("2023-07-01")]


# --- header spellings and old layouts ----------------------------------------------------------------------
@pytest.mark.parametrize("case", [str.upper, str.lower, str.title, lambda h: h[:1].upper() + h[1:]])
def test_header_case_does_not_matter(case):
    data = csv_bytes(
        [case(h) for h in REGIONAL_HEADER],
        [[*LINCS, "JUN2023", "Attended", "GP", "Face-to-Face", "8  to 14 Days", "10"]],
    )
    frame = clean(ingest_one("Regional_CSV_Lincolnshire.csv", data))
    assert frame[s.LEAD].astype(str).tolist() == ["8  to 14 Days"]
    assert frame[s.ICB_NAME].astype(str).tolist() == ["NHS Lincolnshire Integrated Care Board"]


def test_lse_and_official_headers_give_the_same_columns():
    lse = clean(ingest_one("lse.csv", lse_csv(lse_row(icb_ons_code="E54000013"))))
    official = clean(
        ingest_one(
            "off.csv",
            csv_bytes(REGIONAL_HEADER, [[*LINCS, "JAN2020", "Attended", "GP", "Face-to-Face", "1 Day", "120"]]),
        )
    )
    assert list(lse.columns) == list(official.columns) == list(kind(s.APPOINTMENTS).columns)


def test_ccg_era_daily_header():
    header = [
        "CCG_CODE",
        "CCG_ONS_CODE",
        "CCG_NAME",
        "STP_ONS_CODE",
        "REGION_ONS_CODE",
        "Appointment_Date",
        "APPT_STATUS",
        "HCP_TYPE",
        "APPT_MODE",
        "TIME_BETWEEN_BOOK_AND_APPT",
        "COUNT_OF_APPOINTMENTS",
    ]
    rows = [
        [
            "00L",
            "E38000130",
            "NHS Northumberland CCG",
            "E54000050",
            "E40000012",
            "01JAN2021",
            "Attended",
            "GP",
            "Face-to-Face",
            "Same Day",
            "5",
        ]
    ]
    result = ingest_one("CCG_CSV_Jan_21.csv", csv_bytes(header, rows))
    frame = clean(result, s.DAILY)
    assert frame[s.SUB_ICB].tolist() == ["00L"]
    assert frame[s.ICB].tolist() == ["E54000050"]
    assert frame[s.DATE].tolist() == [pd.Timestamp("2021-01-01")]
    assert "CCG" in result.files[0].description


def test_official_daily_file_with_older_spellings_normalised():
    rows = [
        [
            *LINCS_DAILY,
            "01JAN2024",
            "Appt Status Not Provided",
            "HCP Type Not Provided",
            "Video Conference/Online",
            "8 to 14 Days",
            "5",
        ]
    ]
    result = ingest_one("SUB_ICB_LOCATION_CSV_Jan_24.csv", csv_bytes(DAILY_HEADER, rows, bom=True))
    frame = clean(result, s.DAILY)
    assert frame[[s.STATUS, s.HCP, s.MODE, s.LEAD]].astype(str).values.tolist() == [
        ["Unknown", "Unknown", "Video/Online", "8  to 14 Days"]
    ]
    assert frame[s.REGION_NAME].tolist() == ["Midlands"]


def test_coverage_file_headers_with_spaces():
    header = [
        "SUB_ICB_LOCATION_CODE",
        "ICB_ONS_CODE",
        "REGION_CODE",
        "Appointment_Month",
        "Included Practices",
        "Open Practices",
        "Patients registered at included practices",
        "Patients registered at open practices",
    ]
    rows = [["71E", "E54000013", "E40000011", "01FEB2023", "80", "82", "700000", "710000"]]
    frame = clean(ingest_one("APPOINTMENTS_GP_COVERAGE.csv", csv_bytes(header, rows, bom=True)), s.COVERAGE)
    assert frame[[s.INCLUDED_PRACTICES, s.OPEN_PRACTICES, s.PATIENTS_INCLUDED, s.PATIENTS_OPEN]].values.tolist() == [
        [80, 82, 700000, 710000]
    ]
    assert frame[s.MONTH].tolist() == [pd.Timestamp("2023-02-01")]
    assert frame[s.REGION].tolist() == ["E40000011"]


def test_tweets_file_keeps_text_as_plain_strings():
    data = csv_bytes([s.TWEET_ID, s.TWEET_TEXT, s.TWEET_RETWEETS], [["1", "Hello, #NHS\nsecond line", "3"]])
    frame = clean(ingest_one("tweets.csv", data), s.TWEETS)
    assert frame[s.TWEET_TEXT].tolist() == ["Hello, #NHS\nsecond line"]
    assert frame[s.TWEET_RETWEETS].tolist() == [3]


# --- canonical frames ------------------------------------------------------------------------------------
def test_canonical_dtypes_and_vocabulary_order():
    frame = clean(ingest_one("a.csv", lse_csv(*TWO_ROWS)))
    assert list(frame[s.LEAD].cat.categories) == list(s.VOCABULARIES[s.LEAD])
    assert list(frame[s.STATUS].cat.categories) == ["Attended", "DNA", "Unknown"]
    assert frame[s.COUNT].dtype == "int64"
    assert frame[s.MONTH].dtype == "datetime64[ns]"
    assert frame[s.REGION_NAME].astype(str).tolist() == ["North East and Yorkshire"] * 2


def test_duplicate_rows_are_kept():
    result = ingest_one("dupes.csv", lse_csv(LSE_ROW, LSE_ROW, LSE_ROW))
    frame = clean(result)
    assert len(frame) == 3 and frame[s.COUNT].sum() == 360


def test_rows_are_kept_in_file_order():
    rows = [lse_row(count_of_appointments=str(n)) for n in (5, 1, 9, 3)]
    assert clean(ingest_one("order.csv", lse_csv(*rows)))[s.COUNT].tolist() == [5, 1, 9, 3]
