"""nhs_core.export: CSV downloads never let a spreadsheet formula through; display formats; Markdown escaping."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from nhs_core import export
from nhs_core import schema as s


@pytest.mark.parametrize("text", ["=1+1", "+44 20", "-2+3", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://x")'])
def test_formula_starts_are_neutralised(text):
    assert export.neutralise_text(text) == "'" + text


@pytest.mark.parametrize("value", ["NHS", "a=b", "", " =x", 5, -3, 2.5, None])
def test_other_values_pass_through(value):
    assert export.neutralise_text(value) == value


def test_neutralise_covers_text_object_and_category_columns_and_leaves_numbers():
    frame = pd.DataFrame({
        "text": pd.Series(["=cmd", "ok"], dtype="str"),
        "object": pd.Series(["@x", 3], dtype=object),
        "category": pd.Categorical(["-1", "fine"]),
        "number": [-1, 2],
        "float": [-0.5, 1.0],
    })
    before = frame.copy()
    out = export.neutralise(frame)
    assert out["text"].tolist() == ["'=cmd", "ok"]
    assert out["object"].tolist() == ["'@x", 3]
    assert out["category"].astype(str).tolist() == ["'-1", "fine"]
    assert out["number"].tolist() == [-1, 2] and out["float"].tolist() == [-0.5, 1.0]
    pd.testing.assert_frame_equal(frame, before)  # the input is not changed


def test_csv_bytes_has_labels_a_bom_iso_dates_and_no_live_formulas():
    frame = pd.DataFrame({s.MONTH: pd.to_datetime(["2021-01-01"]), s.TWEET_TEXT: ["=WEBSERVICE(1)"],
                          s.COUNT: [-5]})
    data = export.csv_bytes(frame)
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str)
    assert back.columns.tolist() == ["Month", "Tweet", "Appointments"]
    assert back.iloc[0].tolist() == ["2021-01-01", "'=WEBSERVICE(1)", "-5"]


def test_csv_bytes_can_keep_column_names():
    frame = pd.DataFrame({s.COUNT: [1]})
    assert export.csv_bytes(frame, labels=False).decode("utf-8-sig").splitlines()[0] == s.COUNT


def test_escape_markdown():
    assert export.escape_markdown("NHS *Kent* [link](x) $5 #1") == r"NHS \*Kent\* \[link\]\(x\) \$5 \#1"


def test_display_format_by_column():
    frame = pd.DataFrame({s.MONTH: pd.to_datetime(["2021-01-01"]), s.DATE: pd.to_datetime(["2021-01-04"]),
                          s.SHARE: [0.5], s.MEAN_MINUTES: [12.3], s.PER_DAY: [1.5], s.COUNT: [1], "name": ["x"]})
    formats = {c: export.display_format(frame, c) for c in frame.columns}
    assert formats == {s.MONTH: "MMM YYYY", s.DATE: "YYYY-MM-DD", s.SHARE: "percent", s.MEAN_MINUTES: "%.1f",
                       s.PER_DAY: "localized", s.COUNT: None, "name": None}
