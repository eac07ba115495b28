"""Several files of one table: the later file wins for the months and ICBs it covers, and the report says so."""

from __future__ import annotations

import pandas as pd

from nhs_core import schema as s
from nhs_core.load.combine import concat
from tests.helpers import (
    LINCS,
    NWL,
    REGIONAL_HEADER,
    csv_bytes,
    ingest_many,
    lse_csv,
    lse_row,
    one_problem,
)


# --- several files of one table ---------------------------------------------------------------------------
def test_later_file_wins_for_the_months_and_icbs_it_covers_and_the_report_says_so():
    older = lse_csv(
        lse_row(appointment_month="2020-01", count_of_appointments="10"),
        lse_row(appointment_month="2020-02", count_of_appointments="20"),
        lse_row(appointment_month="2020-02", icb_ons_code="E54000013", count_of_appointments="7"),
    )
    newer = lse_csv(
        lse_row(appointment_month="2020-02", count_of_appointments="25"),
        lse_row(appointment_month="2020-03", count_of_appointments="30"),
    )
    result = ingest_many(("release_jan.csv", older), ("release_mar.csv", newer))
    frame = result.tables[s.APPOINTMENTS]
    got = {(str(i), f"{m:%Y-%m}"): c for i, m, c in frame[[s.ICB, s.MONTH, s.COUNT]].itertuples(index=False)}
    assert got == {
        ("E54000050", "2020-01"): 10,
        ("E54000050", "2020-02"): 25,
        ("E54000013", "2020-02"): 7,
        ("E54000050", "2020-03"): 30,
    }
    note = one_problem(result, "combine.replaced")
    assert note.file == "release_mar.csv"
    assert note.fields == {"older": "release_jan.csv", "replaced": 1, "first": "Feb 2020", "last": "Feb 2020"}
    assert result.report.ok


def test_two_regional_files_for_different_icbs_and_the_same_months_are_both_kept():
    def regional(area: list[str], count: str) -> bytes:
        rows = [[*area, month, "Attended", "GP", "Face-to-Face", "1 Day", count] for month in ("JUN2023", "JUL2023")]
        return csv_bytes(REGIONAL_HEADER, rows, bom=True, newline="\r\n")

    result = ingest_many(
        ("Regional_CSV_Lincolnshire.csv", regional(LINCS, "100")), ("Regional_CSV_NWLondon.csv", regional(NWL, "300"))
    )
    frame = result.tables[s.APPOINTMENTS]
    assert len(frame) == 4 and frame[s.COUNT].sum() == 800
    assert "combine.replaced" not in result.report.codes
    assert result.report.ok


def test_a_later_tweets_file_replaces_an_earlier_one():
    first = csv_bytes([s.TWEET_ID, s.TWEET_TEXT], [["1", "old #a"], ["2", "old #b"]])
    second = csv_bytes([s.TWEET_ID, s.TWEET_TEXT], [["3", "new #c"]])
    result = ingest_many(("tweets_old.csv", first), ("tweets_new.csv", second))
    assert result.tables[s.TWEETS][s.TWEET_TEXT].tolist() == ["new #c"]
    note = one_problem(result, "combine.replaced_whole")
    assert note.fields == {"older": "tweets_old.csv", "table": "tweets", "noun": "tweets file"}
    assert note.message == "replaces the tweets of tweets_old.csv (the later tweets file wins)."


def test_concat_unions_categories_in_vocabulary_order_and_keeps_missing_values():
    first = pd.DataFrame(
        {
            s.STATUS: pd.Categorical(["Unknown", "DNA", None]),
            s.SUB_ICB: pd.Categorical(["B", "A", "B"]),
            s.COUNT: [1, 2, 3],
        }
    )
    many = [f"P{i:04d}" for i in range(300)]  # more values than one-byte codes hold
    second = pd.DataFrame(
        {s.STATUS: pd.Categorical(["Attended"]), s.SUB_ICB: pd.Categorical([many[-1]], categories=many), s.COUNT: [4]}
    )
    joined = concat([first, second])
    assert list(joined[s.STATUS].cat.categories) == ["Attended", "DNA", "Unknown"]  # the vocabulary's order
    assert joined[s.STATUS].tolist()[:2] == ["Unknown", "DNA"] and pd.isna(joined[s.STATUS].iloc[2])
    assert joined[s.STATUS].iloc[3] == "Attended"
    assert joined[s.SUB_ICB].tolist() == ["B", "A", "B", "P0299"]
    assert joined[s.COUNT].tolist() == [1, 2, 3, 4]
    assert list(first[s.SUB_ICB].cat.categories) == ["A", "B"]  # the inputs are read, not changed
