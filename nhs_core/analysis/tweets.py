"""Hashtags in the tweets extract: extraction, counts, and the word cloud image.

A hashtag is `#` followed by letters, digits or underscore, case-folded (`definitions.HASHTAGS`),
trailing punctuation excluded. Retweeted duplicates are counted unless the caller excludes them. A tag right
before the "…" of a truncated tweet may be cut short ("#healthc…"): it counts only when the same tag
appears complete elsewhere, which matches Twitter's own entities on the real extract.
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

from nhs_core import definitions as d
from nhs_core import schema as s

# Combining marks (accents written as separate characters) stay inside a tag: "#s̡uspension" is one tag, not "#s".
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
HASHTAG = re.compile(rf"(?<![\w&])#((?:\w|[{_MARKS}])++)(…|\.\.\.)?")  # possessive: never backs off to a shorter tag
# NHS blue, dark blue, aqua green, purple, pink, dark grey: all readable on white.
_CLOUD_COLOURS = ("#005EB8", "#003087", "#00A499", "#330072", "#AE2573", "#425563")


def _tags(text: str) -> list[tuple[str, bool]]:
    """(case-folded tag, cut short?) for each hashtag in a text; numbers such as #2022 are not tags."""
    found = HASHTAG.findall(unicodedata.normalize("NFKC", text or ""))
    return [(d.HASHTAGS.formula(tag), bool(cut)) for tag, cut in found if not tag.isdigit()]


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
    return tweets[~_core(tweets[s.TWEET_TEXT]).duplicated()]


def _core(texts: pd.Series) -> pd.Series:
    """Each text without a leading "RT @user: ", so a retweet and its original read the same."""
    return texts.astype(str).str.replace(r"^RT @\w+:\s*", "", regex=True)


def top_tweets(
    tweets: pd.DataFrame, by: str = s.TWEET_RETWEETS, n: int = 10, exclude_retweets: bool = False
) -> pd.DataFrame:
    """The `n` most engaging tweets by `by` (retweet or favourite count), highest first.

    A tweet and its retweets (the same text after any "RT @user: ") are listed once, as the original
    text, with `copies` saying how many rows carried it and the highest counts among them. With
    `exclude_retweets`, retweeted duplicates are removed first (`unique_tweets`), so `copies` is 1.

    Returns `tweet_full_text`, `tweet_retweet_count`, `tweet_favorite_count`, `copies`.
    """
    frame = unique_tweets(tweets) if exclude_retweets else tweets
    grouped = frame.assign(**{s.TWEET_TEXT: _core(frame[s.TWEET_TEXT])}).groupby(s.TWEET_TEXT, sort=False)
    out = grouped[[s.TWEET_RETWEETS, s.TWEET_FAVOURITES]].max().assign(**{s.COPIES: grouped.size()})
    out = out.reset_index().sort_values([by, s.TWEET_TEXT], ascending=[False, True], ignore_index=True)
    return out.head(n)


def normalise_tag(text: str) -> str:
    """A search box entry as a hashtag: `" #NHS "` -> `"nhs"` (leading `#` and spaces dropped, case-folded)."""
    return d.HASHTAGS.formula(text.strip().lstrip("#").strip())


def with_hashtag(tweets: pd.DataFrame, tag: str, exclude_retweets: bool = False) -> pd.DataFrame:
    """Tweets using hashtag `tag` (exactly, case-folded): text, retweets and favourites, most retweeted first."""
    frame = unique_tweets(tweets) if exclude_retweets else tweets
    wanted = normalise_tag(tag)
    if not wanted:
        return frame.iloc[0:0][[s.TWEET_TEXT, s.TWEET_RETWEETS, s.TWEET_FAVOURITES]]
    tags = [_tags(text) for text in frame[s.TWEET_TEXT].astype(str)]
    complete = {tag for found in tags for tag, cut in found if not cut}  # as in `hashtag_counts`
    found = pd.Series(
        [any(tag == wanted and (not cut or tag in complete) for tag, cut in t) for t in tags],
        index=frame.index,
        dtype=bool,
    )
    out = frame.loc[found, [s.TWEET_TEXT, s.TWEET_RETWEETS, s.TWEET_FAVOURITES]]
    return out.sort_values([s.TWEET_RETWEETS, s.TWEET_FAVOURITES], ascending=False, ignore_index=True)


def word_cloud_png(counts: pd.DataFrame, width: int = 900, height: int = 450, max_words: int = 100) -> bytes:
    """A word cloud of hashtags sized by use, as PNG bytes (deterministic: fixed random state).

    Parameters
    ----------
    counts : DataFrame
        `hashtag`, `count` (from `hashtag_counts`).
    width, height : int
        Image size in pixels.
    max_words : int
        The most used hashtags drawn.
    """
    import io

    from wordcloud import WordCloud

    frequencies = dict(zip(counts["hashtag"].head(max_words), counts["count"].head(max_words).astype(float)))

    def colour(word: str, **_) -> str:  # dark NHS colours only, so every word reads on white
        return _CLOUD_COLOURS[sum(map(ord, word)) % len(_CLOUD_COLOURS)]

    cloud = WordCloud(
        width=width,
        height=height,
        background_color="white",
        color_func=colour,
        random_state=7,
        prefer_horizontal=0.95,
        min_font_size=10,
        max_words=max_words,
    )
    image = cloud.generate_from_frequencies(frequencies or {"no hashtags": 1.0}).to_image()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def hashtag_cloud(tweets: pd.DataFrame, exclude_retweets: bool = False) -> bytes:
    """The word cloud PNG of the tweets' hashtags (see `word_cloud_png`)."""
    return word_cloud_png(hashtag_counts(tweets, exclude_retweets))


def tweet_counts(tweets: pd.DataFrame) -> tuple[int, int]:
    """(rows, rows left once retweeted duplicates are removed)."""
    return len(tweets), len(unique_tweets(tweets))


def top_hashtags(tweets: pd.DataFrame, n: int = 10, exclude_retweets: bool = False) -> pd.DataFrame:
    """The `n` most used hashtags (`hashtag`, `count`), most used first."""
    return hashtag_counts(tweets, exclude_retweets).head(n)
