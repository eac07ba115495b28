"""nhs_core.tweets: hashtags are `#` + letters, digits or underscore, case-folded, punctuation excluded."""

from __future__ import annotations

import pandas as pd
import pytest

from nhs_core import schema as s
from nhs_core.analysis import tweets as tw


@pytest.mark.parametrize(
    ("text", "tags"),
    [
        ("Join #NHS, #nhs!", ["nhs", "nhs"]),
        ("#Healthcare #HEALTHCARE #healthcare", ["healthcare"] * 3),
        ("Punctuation #health. #GP: #care! #ai? #jobs; #data)", ["health", "gp", "care", "ai", "jobs", "data"]),
        ("Underscores and digits #mental_health #covid19", ["mental_health", "covid19"]),
        ("Numbers are not hashtags: #2022 #1", []),
        ("Not hashtags: a#b https://example.org/page#top &#39; # alone", []),
        ("", []),
    ],
)
def test_hashtags(text, tags):
    assert tw.hashtags(text) == tags


def test_hashtags_of_missing_text_is_empty():
    assert tw.hashtags(None) == []


def _tweets(*texts: str) -> pd.DataFrame:
    return pd.DataFrame({s.TWEET_TEXT: list(texts)})


def test_hashtag_counts_fold_case_and_sort_by_count_then_name():
    counts = tw.hashtag_counts(_tweets("#NHS #Health", "#nhs. #GP", "#Nhs! #gp #2022", "no tags"))
    assert counts.columns.tolist() == ["hashtag", "count"]
    assert counts.values.tolist() == [["nhs", 3], ["gp", 2], ["health", 1]]


def test_retweets_are_counted_unless_excluded():
    frame = _tweets("Book now #NHS", "RT @NHSEngland: Book now #NHS", "RT @Someone: Book now #NHS", "Other #GP")
    assert dict(tw.hashtag_counts(frame).values.tolist()) == {"nhs": 3, "gp": 1}
    assert dict(tw.hashtag_counts(frame, exclude_retweets=True).values.tolist()) == {"nhs": 1, "gp": 1}


def test_unique_tweets_keeps_distinct_texts_and_does_not_change_the_input():
    frame = _tweets("A #x", "RT @u: A #x", "B #x")
    before = frame.copy()
    assert tw.unique_tweets(frame)[s.TWEET_TEXT].tolist() == ["A #x", "B #x"]
    pd.testing.assert_frame_equal(frame, before)


def test_hashtag_counts_of_tweets_without_tags_is_an_empty_table():
    counts = tw.hashtag_counts(_tweets("nothing here", ""))
    assert counts.empty and counts.columns.tolist() == ["hashtag", "count"]


def test_a_hashtag_cut_off_by_truncation_is_not_counted():
    assert tw.hashtags("Join us at the #NHS stand to talk about #healthc…") == ["nhs"]


def test_hashtags_are_nfkc_normalised_and_keep_combining_marks_inside_the_tag():
    from nhs_core.analysis.tweets import hashtags

    # A combining cedilla below the "s" must not end the tag at "#s"; full-width letters read as plain ones.
    assert hashtags("Breaking #s\u0321uspension and #\uff2e\uff28\uff33, #Healthcare!") == [
        "s\u0321uspension",
        "nhs",
        "healthcare",
    ]
