"""nhs_core.export: downloads never let spreadsheet formulas through; display formats."""

from __future__ import annotations

import csv
import io
import zipfile

import pandas as pd
import pytest
from conftest import appointments_csv, upload

from nhs_core import schema as s
from nhs_core.present import export
from nhs_core.present.export import csv_bytes, neutralise


def test_text_cells_that_would_run_as_formulas_get_an_apostrophe() -> None:
    frame = pd.DataFrame(
        {
            "text": ["=1+1", "+44 20", "-x", "@SUM(A1)", "\tTab", "plain", "a=b"],
            "category": pd.Categorical(["=cmd", "ok", "ok", "ok", "ok", "ok", "ok"]),
            "number": [-1, 2, 3, 4, 5, 6, 7],
        }
    )
    out = neutralise(frame)
    assert out["text"].tolist() == ["'=1+1", "'+44 20", "'-x", "'@SUM(A1)", "'\tTab", "plain", "a=b"]
    assert out["category"].tolist()[:2] == ["'=cmd", "ok"]
    assert isinstance(out["category"].dtype, pd.CategoricalDtype)
    assert out["number"].tolist()[0] == -1  # numbers are never changed
    assert frame["text"].iloc[0] == "=1+1"  # the input is not modified


def test_neutralise_copes_with_colliding_categories_and_missing_values() -> None:
    frame = pd.DataFrame({"c": pd.Categorical(["=a", "'=a", None]), "o": pd.Series(["=x", None, 3], dtype=object)})
    out = neutralise(frame)
    assert out["c"].tolist()[:2] == ["'=a", "'=a"] and pd.isna(out["c"].iloc[2])
    assert out["o"].tolist()[0] == "'=x" and out["o"].iloc[2] == 3


def test_csv_bytes_is_utf8_csv_with_formulas_neutralised() -> None:
    text = csv_bytes(pd.DataFrame({"a": ['=HYPERLINK("http://x")', "é"]})).decode("utf-8")
    assert text.splitlines()[1] == '"\'=HYPERLINK(""http://x"")"'
    assert text.splitlines()[2] == '"é"'  # every text field is quoted


def test_a_downloaded_table_uploads_again_unchanged() -> None:
    original = upload(("a.csv", appointments_csv(["2024-01", "2024-02"]))).tables["appointments"]
    again = upload(("appointments_v0001.csv", csv_bytes(original)))
    assert again.report.errors == []
    back = again.tables["appointments"]
    assert len(back) == len(original) and back["count_of_appointments"].sum() == original["count_of_appointments"].sum()
    assert back["appointment_month"].equals(original["appointment_month"])


@pytest.mark.parametrize("text", ["=1+1", "+44 20", "-2+3", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://x")'])
def test_formula_starts_are_neutralised(text):
    assert export.neutralise_text(text) == "'" + text


@pytest.mark.parametrize("value", ["NHS", "a=b", "", " x", 5, -3, 2.5, None])
def test_other_values_pass_through(value):
    assert export.neutralise_text(value) == value


def test_csv_bytes_has_labels_a_bom_iso_dates_and_no_live_formulas():
    frame = pd.DataFrame({s.MONTH: pd.to_datetime(["2021-01-01"]), s.TWEET_TEXT: ["=WEBSERVICE(1)"], s.COUNT: [-5]})
    data = export.csv_bytes(frame, labels=True)
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str)
    assert back.columns.tolist() == ["Month", "Tweet", "Appointments"]
    assert back.iloc[0].tolist() == ["2021-01-01", "'=WEBSERVICE(1)", "-5"]


def test_csv_bytes_keeps_canonical_names_by_default_so_a_download_uploads_again():
    frame = pd.DataFrame({s.COUNT: [1]})
    assert next(csv.reader(io.StringIO(export.csv_bytes(frame).decode("utf-8")))) == [s.COUNT]


def test_display_format_by_column():
    frame = pd.DataFrame(
        {
            s.MONTH: pd.to_datetime(["2021-01-01"]),
            s.DATE: pd.to_datetime(["2021-01-04"]),
            s.SHARE: [0.5],
            s.MEAN_MINUTES: [12.3],
            s.PER_DAY: [1.5],
            s.COUNT: [1],
            "name": ["x"],
        }
    )
    formats = {c: export.display_format(frame, c) for c in frame.columns}
    assert formats == {
        s.MONTH: "MMM YYYY",
        s.DATE: "YYYY-MM-DD",
        s.SHARE: "percent",
        s.MEAN_MINUTES: "%.1f",
        s.PER_DAY: "localized",
        s.COUNT: "localized",
        "name": None,
    }


def test_text_with_a_bare_cr_stays_in_its_cell_and_every_text_field_is_quoted():
    frame = pd.DataFrame(
        {"tweet": ["Great clinic\r=1+2", " =SUM(A1)", "\r\n@cmd", "\t+1", "fine"], "n": [1, 2, 3, 4, 5]}
    )
    data = export.csv_bytes(frame).decode("utf-8")
    rows = list(csv.reader(io.StringIO(data, newline="")))
    assert [r[0] for r in rows[1:]] == ["Great clinic\r=1+2", "' =SUM(A1)", "'\r\n@cmd", "'\t+1", "fine"]
    assert '"Great clinic\r=1+2",1' in data and '"fine",5' in data  # quoted text, numbers as numbers


def test_the_zipped_download_writes_what_csv_bytes_writes_and_leaves_other_columns_to_pandas():
    frame = pd.DataFrame(
        {
            "area": pd.Categorical(["A", None, "=B"]),
            "empty": pd.Categorical([None, None, None], categories=pd.Index([], dtype="str")),
            "day": pd.to_datetime(["2025-01-31", None, "2024-02-29"]),
            "count": [1, 22, 333],
        }
    )
    archive = zipfile.ZipFile(io.BytesIO(export.csv_zip([frame.iloc[:2], frame.iloc[2:]], "t.csv")))
    assert archive.read("t.csv") == export.csv_bytes(frame)  # text and dates quoted, blanks "", formulas defused
    assert export._arrow_csv(frame.assign(rate=[0.5, 1.0, 2.0]), header=True) is None  # floats: pandas writes
    with_time = frame.assign(day=pd.to_datetime(["2025-01-31 10:30", None, "2024-02-29 00:00"]))
    assert export._arrow_csv(with_time, header=True) is None  # a time of day would be dropped
