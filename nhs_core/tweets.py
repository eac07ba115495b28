"""Hashtags in the tweets extract: extraction, counts, and the word cloud image.

A hashtag is `#` followed by letters, digits or underscore, case-folded, trailing punctuation
excluded (DESIGN.md). Retweeted duplicates are counted unless the caller excludes them.
"""

from __future__ import annotations

import re

import pandas as pd

from nhs_core import schema as s

HASHTAG = re.compile(r"(?<![\w&])#(\w+)")


def hashtags(text: str) -> list[str]:
    """The case-folded hashtags in one text, in order: `hashtags("Join #NHS, #nhs!")` -> ['nhs', 'nhs']."""
    return [tag.casefold() for tag in HASHTAG.findall(text or "") if not tag.isdigit()]


def hashtag_counts(tweets: pd.DataFrame, exclude_retweets: bool = False) -> pd.DataFrame:
    """Every hashtag with the number of times it is used: columns `hashtag`, `count`, most used first."""
    frame = unique_tweets(tweets) if exclude_retweets else tweets
    tags = frame[s.TWEET_TEXT].astype(str).str.findall(HASHTAG).explode().dropna()
    tags = tags[~tags.str.isdigit()].str.casefold()
    counts = tags.value_counts().rename_axis("hashtag").reset_index(name="count")
    return counts.sort_values(["count", "hashtag"], ascending=[False, True], ignore_index=True)


def unique_tweets(tweets: pd.DataFrame) -> pd.DataFrame:
    """Tweets with retweeted duplicates removed: one row per distinct text once any "RT @user: " is stripped."""
    core = tweets[s.TWEET_TEXT].astype(str).str.replace(r"^RT @\w+:\s*", "", regex=True)
    return tweets[~core.duplicated()]
