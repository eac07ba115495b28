"""Upload templates: a few made-up rows of each table in the LSE extract's layout.

They show people which columns an upload needs; every template passes validation as it is.
"""

from __future__ import annotations

import pandas as pd

from nhs_core import geography
from nhs_core import schema as s

# File name and column order of each table in the LSE extract.
LAYOUTS = {
    s.APPOINTMENTS: ("appointments_regional.csv", (s.ICB, s.MONTH, s.STATUS, s.HCP, s.MODE, s.LEAD, s.COUNT)),
    s.DURATIONS: (
        "actual_duration.csv",
        (s.SUB_ICB, s.SUB_ICB_ONS, s.SUB_ICB_NAME, s.ICB, s.REGION, s.DATE, s.DURATION, s.COUNT),
    ),
    s.CATEGORIES: (
        "national_categories.csv",
        (s.DATE, s.ICB, s.SUB_ICB_NAME, s.SETTING, s.CONTEXT, s.CATEGORY, s.COUNT, s.MONTH),
    ),
    s.TWEETS: ("tweets.csv", s.COLUMNS[s.TWEETS]),
}
_ROWS = 4
_MONTHS = ("2024-01", "2024-01", "2024-02", "2024-02")
_DATES = {
    s.DURATIONS: ("01-Jan-24", "02-Jan-24", "01-Feb-24", "02-Feb-24"),
    s.CATEGORIES: ("2024-01-01", "2024-01-02", "2024-02-01", "2024-02-02"),
}
_TWEET = {
    s.TWEET_ID: "1567629000000000000",
    s.TWEET_TEXT: "Example tweet about #healthcare and #NHS",
    s.TWEET_ENTITIES: "{}",
    s.TWEET_HASHTAGS: "#healthcare, #NHS",
    s.TWEET_METADATA: "{}",
    s.TWEET_RETWEETS: 0,
    s.TWEET_FAVOURITES: 1,
    s.TWEET_FAVORITED: False,
    s.TWEET_RETWEETED: False,
    s.TWEET_LANG: "en",
}


def template(table: str) -> pd.DataFrame:
    """A few rows of `table` in the LSE layout (real area codes and vocabularies, made-up counts)."""
    _, columns = LAYOUTS[table]
    if table == s.TWEETS:
        second = {
            **_TWEET,
            s.TWEET_ID: "1567628000000000000",
            s.TWEET_TEXT: "Another example, about #GP access",
            s.TWEET_HASHTAGS: "#GP",
        }
        return pd.DataFrame([_TWEET, second], columns=list(columns))
    area = geography.sub_icbs().iloc[0]
    rows = []
    for i in range(_ROWS):
        row = {column: area[column] for column in columns if column in area.index}
        row |= {c: s.VOCABULARIES[c][i % len(s.VOCABULARIES[c])] for c in columns if c in s.VOCABULARIES}
        row |= {s.MONTH: _MONTHS[i], s.DATE: _DATES.get(table, _MONTHS)[i], s.COUNT: 100 + 10 * i}
        rows.append({c: row[c] for c in columns})
    return pd.DataFrame(rows, columns=list(columns))


def template_csv(table: str) -> tuple[str, bytes]:
    """(file name, CSV bytes) of the template of `table`."""
    name, _ = LAYOUTS[table]
    return name, template(table).to_csv(index=False).encode("utf-8")
