"""Hashtags in the tweets extract: extraction, counts, and the word cloud image.

A hashtag is `#` followed by letters, digits or underscore, case-folded, trailing punctuation
excluded (DESIGN.md). Retweeted duplicates are counted unless the caller excludes them. A tag right
before the "…" of a truncated tweet may be cut short ("#healthc…"): it counts only when the same tag
appears complete elsewhere, which matches Twitter's own entities on the real extract.
"""

from __future__ import annotations

import re

import pandas as pd

from nhs_core import schema as s

HASHTAG = re.compile(r"(?<![\w&])#(\w++)(…|\.\.\.)?")  # possessive: never backs off to a shorter tag


def _tags(text: str) -> list[tuple[str, bool]]:
    """(case-folded tag, cut short?) for each hashtag in a text; numbers such as #2022 are not tags."""
    return [(tag.casefold(), bool(cut)) for tag, cut in HASHTAG.findall(text or "") if not tag.isdigit()]


def hashtags(text: str, complete: set[str] | None = None) -> list[str]:
    """The hashtags in one text, in order: `hashtags("Join #NHS, #nhs!")` -> ['nhs', 'nhs'].

    A tag before a truncation "…" is kept only if it is in `complete` (tags seen whole elsewhere).
    """
    return [tag for tag, cut in _tags(text) if not cut or tag in (complete or set())]


def hashtag_counts(tweets: pd.DataFrame, exclude_retweets: bool = False) -> pd.DataFrame:
    """Every hashtag with the number of times it is used: columns `hashtag`, `count`, most used first."""
    frame = unique_tweets(tweets) if exclude_retweets else tweets
    found = [_tags(text) for text in frame[s.TWEET_TEXT].astype(str)]
    complete = {tag for tags in found for tag, cut in tags if not cut}
    tags = pd.Series([tag for tags in found for tag, cut in tags if not cut or tag in complete], dtype=str)
    counts = tags.value_counts().rename_axis("hashtag").reset_index(name="count")
    return counts.sort_values(["count", "hashtag"], ascending=[False, True], ignore_index=True)


def unique_tweets(tweets: pd.DataFrame) -> pd.DataFrame:
    """Tweets with retweeted duplicates removed: one row per distinct text once any "RT @user: " is stripped."""
    core = tweets[s.TWEET_TEXT].astype(str).str.replace(r"^RT @\w+:\s*", "", regex=True)
    return tweets[~core.duplicated()]
