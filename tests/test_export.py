"""Downloads never let spreadsheet formulas through."""

from __future__ import annotations

import pandas as pd
from conftest import appointments_csv, upload

from nhs_core.export import csv_bytes, neutralise


def test_text_cells_that_would_run_as_formulas_get_an_apostrophe() -> None:
    frame = pd.DataFrame({
        "text": ["=1+1", "+44 20", "-x", "@SUM(A1)", "\tTab", "plain", "a=b"],
        "category": pd.Categorical(["=cmd", "ok", "ok", "ok", "ok", "ok", "ok"]),
        "number": [-1, 2, 3, 4, 5, 6, 7],
    })
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
    text = csv_bytes(pd.DataFrame({"a": ["=HYPERLINK(\"http://x\")", "é"]})).decode("utf-8")
    assert text.splitlines()[1] == "\"'=HYPERLINK(\"\"http://x\"\")\""
    assert text.splitlines()[2] == "é"


def test_a_downloaded_table_uploads_again_unchanged() -> None:
    original = upload(("a.csv", appointments_csv(["2024-01", "2024-02"]))).tables["appointments"]
    again = upload(("appointments_v0001.csv", csv_bytes(original)))
    assert again.report.errors == []
    back = again.tables["appointments"]
    assert len(back) == len(original) and back["count_of_appointments"].sum() == original["count_of_appointments"].sum()
    assert back["appointment_month"].equals(original["appointment_month"])
