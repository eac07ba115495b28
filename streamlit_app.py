"""Home page: what the app is, which data is loaded, and the headline figures."""

import streamlit as st

from nhs_core import app
from nhs_core import schema as s
from nhs_core.analysis import metrics
from nhs_core.present.text import prose
from nhs_core.store import cautions, changes

app.page_setup("Home")
st.title(app.APP_TITLE)
st.caption(prose("home_intro"))
data = app.active_data()
app.data_banner(data)
app.table_or_stop(data, s.APPOINTMENTS)
if differ := cautions.periods_differ(data.tables, data.synthetic):
    st.warning(differ, icon=":material/date_range:")

figures = changes.headline(data.tables)
helps = changes.headline_help(data.tables)
st.markdown(f"**Period:** {figures.pop('Period')}")
for row in range(0, len(figures), 4):
    for col, (label, value) in zip(st.columns(4), list(figures.items())[row : row + 4], strict=False):
        col.metric(label, value, help=helps.get(label))

st.subheader("What is loaded")
st.dataframe(metrics.overview_frame(data.tables), hide_index=True)
st.markdown(prose("home_pages"))
