"""Findings and recommendations, computed from whatever data is loaded and the sidebar selection."""

import streamlit as st

from nhs_core import app
from nhs_core import schema as s
from nhs_core.present import export, findings, kpis, notes
from nhs_core.present import headlines as h
from nhs_core.tables import table_names

app.page_setup("Findings")
data = app.active_data()
view = app.sidebar_filters(data, extra=())
app.header(
    "Findings and recommendations",
    "What the loaded data says about demand, capacity and missed "
    "appointments (did not attend, DNA), in plain English, with the number behind each finding and the page "
    "where you can see it; then what to do about it.",
    view,
)
if not any(view.has(t) for t in table_names()):
    st.warning("No data is loaded, so there is nothing to report.", icon=":material/inbox:")
    st.stop()
if view.has(s.APPOINTMENTS):
    view.require(s.APPOINTMENTS)

found = view.compute(findings.findings, "*", capacity=view.capacity)
advice = findings.recommendations(found)
app.kpis(kpis.findings(found))

with st.container(border=True):
    st.markdown(
        "**Briefing for colleagues.** One HTML file of this selection (the figures above, the findings and "
        "recommendations, the key chart of every page with its numbers, definitions and caveats) that opens "
        "in any browser without the app and prints to A4. Pick the period and the area in the sidebar first."
    )
    app.briefing_download(view)

st.subheader("Findings")
for finding in found:
    st.markdown(
        f"**{finding.topic}: {export.plain(finding.value)}.** {export.plain(finding.text)} *Shown on: {finding.page}.*"
    )

st.subheader("Recommendations")
app.bullets([f"{r.text} (Follows from: {h.lower_first(r.because)}.)" for r in advice])
app.table_behind(
    findings.as_table(found, advice),
    key="findings",
    file_name="findings_and_recommendations",
    label="The findings as a table",
)

st.caption(
    f"Planned capacity used: {view.capacity:,.0f} appointments a day (change it in the sidebar). "
    "Findings follow the sidebar selection; the tweets are never filtered."
)
app.about(
    notes.DNA_RATE,
    notes.PER_DAY,
    notes.UTILISATION,
    notes.MEAN_DURATION,
    notes.HASHTAGS,
    notes.DNA_2018,
    notes.MODE_LOCAL,
    notes.DURATIONS_ATTENDED,
    synthetic=data.is_sample,
)
