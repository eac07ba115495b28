"""nhs_core.present.memo: a memoised chart function builds once per set of arguments (tables by content) and
builds every time for arguments it cannot fingerprint."""

from __future__ import annotations

import altair as alt
import pandas as pd

from nhs_core import definitions as d
from nhs_core.present import memo


@memo.memoised
def _bars(frame: pd.DataFrame, title: str, measure: d.Measure = d.PER_DAY, colour=None) -> alt.Chart:
    return alt.Chart(frame).mark_bar().encode(x="x", y="y").properties(title=f"{title} ({measure.label})")


def _frame(y: int = 1) -> pd.DataFrame:
    return pd.DataFrame({"x": ["a", "b"], "y": [y, 2]})


def test_equal_arguments_give_the_chart_built_before_and_other_contents_a_new_one():
    memo.clear()
    before = memo.builds
    first = _bars(_frame(), "Title")
    assert _bars(_frame(), "Title") is first  # an equal table, not the same object
    assert memo.builds == before + 1
    assert _bars(_frame(y=3), "Title") is not first
    assert _bars(_frame(), "Another title") is not first
    assert _bars(_frame(), "Title", measure=d.per_day_of("calendar")) is not first
    assert memo.builds == before + 4


def test_an_argument_it_cannot_read_builds_every_time():
    memo.clear()
    captured = 5

    def closure():  # its captured value is not part of a fingerprint, so it is never trusted
        return captured

    assert _bars(_frame(), "Title", colour=object()) is not _bars(_frame(), "Title", colour=object())
    assert _bars(_frame(), "Title", colour=closure) is not _bars(_frame(), "Title", colour=closure)
    assert memo.fingerprint(object()) is None


def test_the_cache_is_bounded(monkeypatch):
    memo.clear()
    monkeypatch.setattr(memo._charts, "size", 3)
    for y in range(5):
        _bars(_frame(y), "Title")
    assert len(memo._charts) == 3


def test_a_memoised_chart_keeps_its_key_so_drawing_need_not_fingerprint_it_again():
    memo.clear()
    chart = _bars(_frame(), "Title")
    assert memo.key_of(chart) == memo.key_of(_bars(_frame(), "Title")) is not None
    assert memo.key_of(chart.properties(width=300)) is None  # a chart derived from it is another chart
    assert memo.key_of(_bars(_frame(y=9), "Title")) != memo.key_of(chart)
