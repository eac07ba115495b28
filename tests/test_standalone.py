"""Exports that stand alone: pictures carry the finding, the selection, the basis and the source; a page's Excel
workbook has one sheet per table and an About sheet; the words come from the selection and the definitions."""

from __future__ import annotations

import io

import pandas as pd
from openpyxl import load_workbook

from nhs_core import schema as s
from nhs_core.analysis import filters as flt
from nhs_core.present import images, keycharts, standalone, workbook

KENT = {"E54000032": "NHS Kent and Medway Integrated Care Board"}
YEAR = flt.Filters(pd.Timestamp("2021-01-01"), pd.Timestamp("2021-12-01"), icbs=("E54000032",), modes=("Telephone",))
LEAD = pd.DataFrame(
    {
        s.LEAD: pd.Categorical(["Same Day", "1 Day"], categories=s.VOCABULARIES[s.LEAD]),
        s.ATTENDED_COUNT: [90, 80],
        s.DNA_COUNT: [10, 20],
        s.DNA_RATE: [0.1, 0.2],
    }
)
LABEL = standalone.Label(
    "kent", standalone.selection_words(YEAR, KENT), standalone.source_line(False, "2026-12-02T10:42:00+00:00")
)


def test_the_selection_in_words_names_area_period_and_other_filters():
    assert standalone.selection_words(YEAR, KENT) == (
        "NHS Kent and Medway Integrated Care Board · Jan 2021 to Dec 2021 · Mode: Telephone"
    )
    months = list(pd.date_range("2020-01-01", periods=3, freq="MS"))
    assert standalone.selection_words(flt.Filters(), {}, months) == "England · Jan 2020 to Mar 2020"
    many = flt.Filters(icbs=tuple("ABCDE"))
    assert standalone.selection_words(many).startswith("A, B, C and 2 more")


def test_the_basis_comes_from_the_measures_of_the_table():
    assert standalone.basis_words(LEAD.columns) == "Basis: DNA rate over appointments with a known outcome"
    assert standalone.basis_words([s.MONTH, s.COUNT]) == "Figures are appointments"
    assert standalone.basis_words([s.MONTH]) == ""
    assert standalone.basis_words([s.PER_DAY]) == "Basis: Appointments per working day over working days"
    assert standalone.basis_words([s.PER_DAY], "calendar") == "Basis: Appointments per calendar day over calendar days"


def test_a_chart_whose_table_spans_other_months_than_the_selection_says_which():
    year = standalone.Label(period=(pd.Timestamp("2021-01-01"), pd.Timestamp("2021-12-01")))
    later = pd.DataFrame({s.MONTH: pd.date_range("2021-08-01", periods=5, freq="MS"), s.COUNT: 1})
    assert standalone.about_table(later, year) == "Months in this chart: Aug 2021 to Dec 2021. Figures are appointments"
    whole = pd.DataFrame({s.MONTH: pd.date_range("2021-01-01", periods=12, freq="MS"), s.COUNT: 1})
    assert standalone.about_table(whole, year) == "Figures are appointments"  # the subtitle already says the period
    assert standalone.about_table(LEAD, year) == "Basis: DNA rate over appointments with a known outcome"
    spread = LEAD.copy()
    spread.attrs[standalone.MONTHS_SPANNED] = ("2021-12-01", "2021-12-01")  # as `View.compute` keeps it
    assert standalone.months_words(spread, year.period) == "Months in this chart: Dec 2021"


def test_the_source_says_sample_or_upload_date_and_a_mix():
    assert standalone.source_line(False, "2026-12-02T10:42:00+00:00") == (
        "Source: NHS England, Appointments in General Practice, uploaded 2 Dec 2026"
    )
    assert "synthetic" in standalone.source_line(True) and "not real" in standalone.source_line(True)
    assert "tweets from the synthetic sample" in standalone.source_line(False, None, ["tweets"])


def test_an_exported_picture_carries_title_selection_basis_and_source():
    chart = keycharts.dna_by_lead_time(LEAD).chart
    before = chart.to_dict()
    svg = images.chart_svg(chart, label=LABEL, basis=standalone.basis_words(LEAD.columns))
    assert chart.to_dict() == before  # the page's chart is not changed
    for words in (
        "NHS Kent and Medway Integrated Care Board · Jan 2021 to Dec 2021",
        "Basis: DNA rate over appointments with a known outcome",
        "Source: NHS England, Appointments in General Practice, uploaded 2 Dec 2026",
        "The DNA rate",
    ):
        assert words in svg, words
    assert images.chart_png(chart, label=LABEL)[:8] == b"\x89PNG\r\n\x1a\n"
    assert "Source:" not in images.chart_svg(chart)  # the briefing draws its own


def test_sheet_names_are_excel_safe_and_unique():
    names = workbook.sheet_names(["a" * 40, "a" * 40, "x/y:z", "About"])
    assert [len(n) <= 31 for n in names] == [True] * 4
    assert len(set(names)) == 4 and "/" not in names[2] and names[3] != workbook.ABOUT


def test_the_page_workbook_has_about_then_one_sheet_per_table_with_formulas_neutralised():
    tweets = pd.DataFrame({s.TWEET_TEXT: ['=HYPERLINK("x")', "Hello #NHS"], "count": [3, 1]})
    sheets = [
        workbook.Sheet("dna_rate_by_lead_time", LEAD, "The DNA rate rises", standalone.basis_words(LEAD.columns)),
        workbook.Sheet("most_engaging_tweets", tweets),
    ]
    book = load_workbook(io.BytesIO(workbook.page_xlsx("Attendance", LABEL, sheets, ["**DNA rate** = DNA / ..."])))
    assert book.sheetnames == ["About", "Dna rate by lead time", "Most engaging tweets"]
    about = {row[0]: row[1] for row in book["About"].iter_rows(min_row=2, values_only=True)}
    assert about["Selection"] == LABEL.selection and about["Source"] == LABEL.source
    assert about["Sheet: Dna rate by lead time"].startswith("The DNA rate rises Basis: DNA rate over")
    assert about["Definition or caveat"] == "DNA rate = DNA / ..."
    lead = list(book["Dna rate by lead time"].iter_rows(values_only=True))
    assert lead[0][0] == s.label(s.LEAD) and lead[1][0] == "Same Day" and lead[2][-1] == 0.2  # header row first
    cell = book["Most engaging tweets"]["A2"]
    assert cell.value == '\'=HYPERLINK("x")' and cell.data_type == "s"
