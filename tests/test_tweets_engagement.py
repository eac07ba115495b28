"""nhs_core.tweets: most engaging tweets, hashtag search and the word cloud image."""

from __future__ import annotations

import pandas as pd

from nhs_core import schema as s
from nhs_core.analysis import tweets as tw

T = pd.DataFrame(
    {
        s.TWEET_TEXT: [
            "Book now #NHS",
            "RT @a: Book now #NHS",
            "RT @a: Book now #NHS",
            "Flu jabs #Health #nhs",
            "=cmd() #gp",
            "no tags",
        ],
        s.TWEET_RETWEETS: [5, 40, 40, 7, 1, 0],
        s.TWEET_FAVOURITES: [9, 0, 0, 3, 12, 0],
    }
)


def test_top_tweets_lists_a_tweet_and_its_retweets_once():
    out = tw.top_tweets(T, by=s.TWEET_RETWEETS, n=3)
    assert out[s.TWEET_TEXT].tolist() == ["Book now #NHS", "Flu jabs #Health #nhs", "=cmd() #gp"]
    assert out[s.TWEET_RETWEETS].tolist() == [40, 7, 1]
    assert out[s.COPIES].tolist() == [3, 1, 1]
    assert out.columns.tolist() == [s.TWEET_TEXT, s.TWEET_RETWEETS, s.TWEET_FAVOURITES, s.COPIES]


def test_top_tweets_by_favourites_and_without_retweeted_duplicates():
    assert tw.top_tweets(T, by=s.TWEET_FAVOURITES, n=1)[s.TWEET_TEXT].tolist() == ["=cmd() #gp"]
    # Without duplicates the retweets of "Book now #NHS" collapse into the original.
    out = tw.top_tweets(T, by=s.TWEET_RETWEETS, n=10, exclude_retweets=True)
    assert not any(t.startswith("RT @") for t in out[s.TWEET_TEXT]) and len(out) == 4
    assert out[s.COPIES].tolist() == [1, 1, 1, 1] and out[s.TWEET_RETWEETS].iloc[0] == 7


def test_normalise_tag():
    assert tw.normalise_tag("  #NHS ") == "nhs" and tw.normalise_tag("#") == ""


def test_with_hashtag_matches_whole_case_folded_tags():
    assert tw.with_hashtag(T, "#nhs")[s.TWEET_TEXT].tolist() == [
        "RT @a: Book now #NHS",
        "RT @a: Book now #NHS",
        "Flu jabs #Health #nhs",
        "Book now #NHS",
    ]
    assert tw.with_hashtag(T, "NH").empty  # a part of a tag is not the tag
    assert len(tw.with_hashtag(T, "nhs", exclude_retweets=True)) == 2
    assert tw.with_hashtag(T, "  ").empty


def test_top_hashtags_and_counts():
    assert tw.top_hashtags(T, n=1).values.tolist() == [["nhs", 4]]
    assert tw.tweet_counts(T) == (6, 4)


def test_word_cloud_is_a_deterministic_png():
    counts = tw.hashtag_counts(T)
    first = tw.word_cloud_png(counts, width=300, height=150)
    assert first.startswith(b"\x89PNG\r\n\x1a\n")
    assert first == tw.word_cloud_png(counts, width=300, height=150)
    assert tw.hashtag_cloud(T).startswith(b"\x89PNG")


def test_word_cloud_without_hashtags_still_draws():
    assert tw.word_cloud_png(tw.hashtag_counts(T.iloc[[5]]), width=200, height=100).startswith(b"\x89PNG")
