"""Social media: the hashtags people use about healthcare, and the tweets that travel furthest."""

import streamlit as st

from nhs_core import app
from nhs_core import schema as s
from nhs_core.analysis import tweets
from nhs_core.present import keycharts, kpis, notes
from nhs_core.present.text import prose

app.page_setup("Social media")
data = app.active_data()
view = app.unfiltered(data)
app.header("Social media", prose("social_intro"), view)
app.table_or_stop(data, s.TWEETS)
st.sidebar.caption("The tweets are not filtered by period or area.")

controls = st.columns(2)
top_n = controls[0].slider("Hashtags to show", min_value=5, max_value=30, value=10, step=1, key=app.Keys.SOCIAL_TOP_N)
no_copies = controls[1].toggle(
    "Exclude retweeted duplicates",
    value=False,
    key=app.Keys.SOCIAL_NO_RETWEETS,
    help="Count each text once after removing a leading 'RT @user:'.",
)
counts = view.compute(tweets.hashtag_counts, s.TWEETS, exclude_retweets=no_copies)
app.kpis(kpis.social(*view.compute(tweets.tweet_counts, s.TWEETS), counts))

st.subheader("The most used hashtags")
left, right = st.columns([3, 2])
top = view.compute(tweets.top_hashtags, s.TWEETS, n=top_n, exclude_retweets=no_copies)
with left:
    app.chart(
        keycharts.top_hashtags(top, counts).chart,
        top,
        key="top_hashtags",
        badge=view.badge(s.TWEETS),
        file_name="top_hashtags",
        empty="No hashtags in the tweets.",
    )
with right:
    st.image(
        view.compute(tweets.hashtag_cloud, s.TWEETS, exclude_retweets=no_copies),
        caption="Word cloud: each hashtag sized by how often it is used",
        width="stretch",
    )

st.subheader("The most engaging tweets")
st.caption(prose("social_engaging"))
by_retweets, by_favourites = st.tabs(["Most retweeted", "Most favourited"])
with by_retweets:
    app.table(
        view.compute(tweets.top_tweets, s.TWEETS, by=s.TWEET_RETWEETS, n=10, exclude_retweets=no_copies),
        key="top_retweeted",
        file_name="most_retweeted_tweets",
    )
with by_favourites:
    app.table(
        view.compute(tweets.top_tweets, s.TWEETS, by=s.TWEET_FAVOURITES, n=10, exclude_retweets=no_copies),
        key="top_favourited",
        file_name="most_favourited_tweets",
    )

st.subheader("Search for a hashtag")
query = st.text_input(
    "Hashtag to search for",
    key=app.Keys.SOCIAL_SEARCH,
    placeholder="#healthcare",
    help="Matches the whole hashtag, ignoring case and the leading #.",
)
if tweets.normalise_tag(query or ""):
    found = view.compute(tweets.with_hashtag, s.TWEETS, tag=tweets.normalise_tag(query), exclude_retweets=no_copies)
    st.caption(f"{len(found):,} {'tweet uses' if len(found) == 1 else 'tweets use'} #{tweets.normalise_tag(query)}.")
    app.table(found, key="hashtag_search", file_name="tweets_with_hashtag")
else:
    st.caption("Type a hashtag above to list the tweets that use it.")

app.about(notes.HASHTAGS, notes.TWEETS_TEXT, synthetic=bool(data.synthetic))
