"""Findings and recommendations, computed from whatever data is loaded and the sidebar selection."""

import streamlit as st

from nhs_core import app
from nhs_core import definitions as d
from nhs_core import schema as s
from nhs_core.present import export, findings, kpis, notes
from nhs_core.present import headlines as h
from nhs_core.present.text import prose
from nhs_core.tables import table_names

app.page_setup("Findings")
data = app.active_data()
view = app.sidebar_filters(data, extra=())
app.header("Findings and recommendations", prose("findings_intro"), view)
if not any(view.has(t) for t in table_names()):
    st.warning("No data is loaded, so there is nothing to report.", icon=":material/inbox:")
    st.stop()
if view.has(s.APPOINTMENTS):
    view.require(s.APPOINTMENTS)

shown_from_sample = data.synthetic if data.mixed else ()  # badged beside real data, never presented as real
found = view.compute(findings.findings, "*", capacity=view.capacity, days=view.days, synthetic=shown_from_sample)
advice = findings.recommendations(found)
app.kpis(kpis.findings(found))

with st.container(border=True):
    st.markdown(prose("findings_briefing"))
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

used = f"{d.CAPACITY.show(view.capacity)} appointments a working day" if view.capacity else "none set for the area"
st.caption(prose("findings_footer", capacity=used))
app.about(
    notes.DNA_RATE,
    notes.PER_DAY,
    notes.MISSED_TIME,
    notes.MATERIAL_UNRECORDED,
    notes.UTILISATION,
    notes.MEAN_DURATION,
    notes.HASHTAGS,
    notes.DNA_2018,
    notes.MODE_LOCAL,
    notes.DURATIONS_ATTENDED,
    notes.NOT_DEMAND,
    notes.DNA_TELEPHONE,
    notes.DURATION_SUPPLIER,
    notes.PCN_ACTIVITY,
    synthetic=bool(data.synthetic),
)
