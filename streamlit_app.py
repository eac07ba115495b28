"""Home page: what the app is, which data is loaded, and the headline figures."""

import streamlit as st

from nhs_core import app
from nhs_core import schema as s
from nhs_core.analysis import metrics
from nhs_core.store import changes

app.page_setup("Home")
st.title(app.APP_TITLE)
st.caption(
    "How many GP appointments England delivers, how many are missed, and how close the system runs "
    "to its planned capacity: from NHS England's *Appointments in General Practice* data."
)
data = app.active_data()
app.data_banner(data)
app.table_or_stop(data, s.APPOINTMENTS)

figures = changes.headline(data.tables)
st.markdown(f"**Period:** {figures.pop('Period')}")
for row in range(0, len(figures), 4):
    for col, (label, value) in zip(st.columns(4), list(figures.items())[row : row + 4], strict=False):
        col.metric(label, value, help=changes.HEADLINE_HELP.get(label))

st.subheader("What is loaded")
st.dataframe(metrics.overview_frame(data.tables), hide_index=True)
st.markdown(
    "Use the pages in the sidebar to explore engagement, attendance, services, durations, capacity, "
    "social media and the findings; the **Data** page replaces the data with newer extracts."
)
