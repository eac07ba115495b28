"""Attendance: how many appointments are attended, missed (DNA) or unknown, and what goes with missing."""

import streamlit as st

from nhs_core import app
from nhs_core import definitions as d
from nhs_core import schema as s
from nhs_core.analysis import metrics
from nhs_core.present import charts, keycharts, kpis, notes
from nhs_core.present import headlines as h
from nhs_core.present.text import prose

app.page_setup("Attendance")
data = app.active_data()
view = app.sidebar_filters(data, extra=("modes", "hcps", "lead_times"))
app.header("Attendance", prose("attendance_intro"), view)
view.require(s.APPOINTMENTS)
view.note_ignored(s.APPOINTMENTS)

status = view.compute(metrics.status_totals, s.APPOINTMENTS)
by_month = view.compute(metrics.dna_rate_by, s.APPOINTMENTS, dims=s.MONTH)
overall = view.compute(metrics.dna_rate, s.APPOINTMENTS)
app.kpis(kpis.attendance(status, by_month, overall))

st.subheader("Attended, DNA and unknown over time")
over_time = view.compute(metrics.status_over_time, s.APPOINTMENTS)
shows = {"share": "Share of each month", "count": "Appointments"}
show = st.radio("Show", list(shows), format_func=shows.get, horizontal=True, key=app.Keys.ATTENDANCE_SHOW)
status_order = s.VOCABULARIES[s.STATUS]
app.chart(
    charts.time_series(
        over_time,
        s.SHARE if show == "share" else s.COUNT,
        h.status_split(status),
        color=s.STATUS,
        color_order=status_order,
        mark="area",
        normalize=show == "share",
        extra_tooltips=(s.COUNT,) if show == "share" else (s.SHARE,),
        subtitle="Click a legend entry to pick out one status",
    ),
    over_time,
    key="status_over_time",
    badge=view.badge(s.APPOINTMENTS),
    file_name="appointment_status_by_month",
)
app.chart(
    charts.time_series(
        by_month,
        s.DNA_RATE,
        f"{d.DNA_RATE.label} by month: {d.DNA_RATE.show(overall)} overall",
        y_format=".1%",
        extra_tooltips=(s.DNA_COUNT,),
    ),
    by_month,
    key="dna_by_month",
    badge=view.badge(s.APPOINTMENTS),
    file_name="dna_rate_by_month",
)

st.subheader("What goes with missed appointments")
left, right = st.columns(2)
with left:
    lead = view.compute(metrics.dna_rate_by, s.APPOINTMENTS, dims=s.LEAD)
    app.chart(
        keycharts.dna_by_lead_time(lead).chart,
        lead,
        key="dna_by_lead_time",
        file_name="dna_rate_by_lead_time",
        badge=view.badge(s.APPOINTMENTS),
    )
with right:
    mode = view.compute(metrics.dna_rate_by, s.APPOINTMENTS, dims=s.MODE)
    app.chart(
        charts.bar_chart(
            mode,
            s.MODE,
            s.DNA_RATE,
            h.highest_rate(mode, s.MODE, overall),
            order=s.VOCABULARIES[s.MODE],
            value_format=".1~%",
            extra_tooltips=(s.DNA_COUNT,),
        ),
        mode,
        key="dna_by_mode",
        badge=view.badge(s.APPOINTMENTS),
        file_name="dna_rate_by_mode",
    )
left, right = st.columns(2)
with left:
    hcp = view.compute(metrics.dna_rate_by, s.APPOINTMENTS, dims=s.HCP)
    app.chart(
        charts.bar_chart(
            hcp,
            s.HCP,
            s.DNA_RATE,
            h.highest_rate(hcp, s.HCP, overall),
            order=s.VOCABULARIES[s.HCP],
            value_format=".1~%",
            extra_tooltips=(s.DNA_COUNT,),
        ),
        hcp,
        key="dna_by_hcp",
        badge=view.badge(s.APPOINTMENTS),
        file_name="dna_rate_by_hcp_type",
    )
with right:
    lost = view.compute(metrics.lost_appointments, s.APPOINTMENTS, n=100)
    app.chart(
        charts.heatmap(
            lost,
            s.LEAD,
            s.MODE,
            s.DNA_COUNT,
            h.lost_combination(lost),
            x_order=s.VOCABULARIES[s.LEAD],
            y_order=s.VOCABULARIES[s.MODE],
            subtitle="Missed appointments by mode and lead time",
            extra_tooltips=(s.DNA_RATE,),
        ),
        lost,
        key="lost_combinations",
        badge=view.badge(s.APPOINTMENTS),
        file_name="combinations_losing_most_appointments",
    )

app.access_section(view)
app.missed_time_section(view)

app.dna_by_area(view, overall)

about = (
    notes.DNA_RATE,
    notes.ACCESS,
    notes.MISSED_TIME,
    notes.DURATION_SUPPLIER,
    notes.DNA_TELEPHONE,
    notes.DNA_2018,
    notes.MODE_LOCAL,
    notes.COVID,
    notes.UNKNOWN,
)
app.about(*about, synthetic=bool(data.synthetic))
