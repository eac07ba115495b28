"""Home page: what the app is, which data is loaded, and the headline figures."""

import streamlit as st

from nhs_core import metrics, ui
from nhs_core import schema as s

ui.page_setup("Home")
st.title(ui.APP_TITLE)
st.caption("How many GP appointments England delivers, how many are missed, and how close the system runs "
           "to its planned capacity: from NHS England's *Appointments in General Practice* data.")
data = ui.active_data()
ui.data_banner(data)
appointments = ui.table_or_stop(data, s.APPOINTMENTS)

monthly = metrics.per_day(metrics.monthly_totals(appointments))
status = metrics.status_totals(appointments).set_index(s.STATUS)
busiest = metrics.busiest_month(appointments)
first, last = monthly[s.MONTH].min(), monthly[s.MONTH].max()

st.markdown(f"**Period:** {first:%B %Y} to {last:%B %Y} ({len(monthly)} months with data)")
cols = st.columns(4)
cols[0].metric("Total appointments", f"{int(monthly[s.COUNT].sum()):,}",
               help="Sum of count_of_appointments over every row of the monthly appointments table.")
cols[1].metric("Average per day", f"{metrics.average_per_day(appointments):,.0f}",
               help="All appointments / all calendar days in the period.")
cols[2].metric("Busiest month", f"{busiest[s.MONTH]:%b %Y}",
               help="Highest appointments per calendar day (monthly total / days in the month).")
cols[3].metric("Per day in the busiest month", f"{busiest['appointments_per_day']:,.0f}")

cols = st.columns(4)
for col, label in zip(cols, s.VOCABULARIES[s.STATUS]):
    share = status.loc[label, "share"] if label in status.index else 0.0
    col.metric(f"{label} share", f"{share:.1%}", help=f"{label} appointments / all appointments.")
cols[3].metric("DNA rate", f"{metrics.dna_rate(appointments):.2%}",
               help="DNA (did not attend) / (Attended + DNA). Unknown status is left out and shown separately.")

st.subheader("What is loaded")
st.dataframe(metrics.overview_frame(data.tables), hide_index=True,
             column_config={"Appointments": st.column_config.NumberColumn(format="localized"),
                            "Rows (records)": st.column_config.NumberColumn(format="localized")})
st.markdown("Use the pages in the sidebar to explore engagement, attendance, services, durations, capacity, "
            "social media and the findings.")
