"""Capacity and seasonality: appointments per day against planned capacity, by month, weekday and season."""

import streamlit as st

from nhs_core import app
from nhs_core import definitions as d
from nhs_core import schema as s
from nhs_core.analysis import seasonality
from nhs_core.present import charts, findings, keycharts, kpis, notes
from nhs_core.present import headlines as h
from nhs_core.present.text import prose
from nhs_core.tables import table_words

app.page_setup("Capacity and seasonality")
data = app.active_data()
view = app.sidebar_filters(data, extra=())
app.header("Capacity and seasonality", prose("capacity_intro"), view)
view.require(s.APPOINTMENTS)
if view.capacity_note:  # an area: where its planned capacity comes from, or why there is none
    st.warning(view.capacity_note, icon=":material/balance:")

by_month = view.compute(seasonality.capacity_by_month, s.APPOINTMENTS, capacity=view.capacity, days=view.days)
st.caption(kpis.basis_line(view.per))
app.kpis(kpis.capacity(by_month, view.capacity, view.per))

st.subheader(f"Appointments per {view.per.basis.noun} against planned capacity")
app.chart(
    keycharts.capacity(by_month, view.capacity, view.per).chart,
    by_month,
    key="capacity_by_month",
    badge=view.badge(s.APPOINTMENTS),
    file_name="appointments_per_day_and_utilisation",
)

st.subheader("Seasons and months of the year")
no_covid = app.concerns(notes.COVID) and st.checkbox(  # only when the months shown reach the Covid-19 period
    f"Leave out the {s.COVID_LABEL}",
    value=True,
    key=app.Keys.CAPACITY_NO_COVID,
    help="Lockdowns cut demand far below its usual seasonal pattern.",
)
typical = seasonality.drop_period(by_month) if no_covid else by_month
if typical.empty:
    st.info(
        "Every month in the selection falls in the Covid-19 period: untick the box to see them.",
        icon=":material/search_off:",
    )
else:
    seasons = seasonality.season_profile(typical, view.capacity)
    year = seasonality.month_of_year(typical, view.capacity)
    left, right = st.columns(2)
    with left:
        app.chart(
            charts.bar_chart(
                seasons,
                s.SEASON,
                s.PER_DAY,
                h.busiest_of(seasons, s.SEASON, "season", view.per),
                order=s.SEASONS,
                value_title=view.per.label,
                extra_tooltips=(s.UTILISATION, (s.MONTHS_COUNT, "d")),
                subtitle=f"{view.per.label}; {d.SEASONS.help}",
            ),
            seasons,
            key="seasons",
            badge=view.badge(s.APPOINTMENTS),
            file_name="appointments_per_day_by_season",
        )
    with right:
        app.chart(
            charts.bar_chart(
                year,
                s.MONTH_OF_YEAR,
                s.PER_DAY,
                h.busiest_of(year, s.MONTH_OF_YEAR, "month", view.per),
                order=s.MONTH_NAMES,
                value_title=view.per.label,
                extra_tooltips=(s.UTILISATION, (s.MONTHS_COUNT, "d")),
                subtitle=f"{view.per.label}, all years in the selection together",
            ),
            year,
            key="month_of_year",
            badge=view.badge(s.APPOINTMENTS),
            file_name="appointments_per_day_by_month_of_year",
        )

st.subheader("Weekdays")
source = seasonality.daily_source(data.tables)
if source is None:
    st.info(
        "Weekday patterns need a table of dates (the official daily file, national categories or actual "
        "durations); none is loaded.",
        icon=":material/inbox:",
    )
elif view.compute(len, source) == 0:
    st.info(
        f"The {table_words(source)} table has no days in this selection: widen the period.",
        icon=":material/search_off:",
    )
else:
    st.caption(
        f"From the {table_words(source)} table, whose dates can differ from the monthly table."
        + (" It counts attended appointments only." if source == s.DURATIONS else "")
    )
    profile = view.compute(seasonality.weekday_profile, source)
    grid = view.compute(seasonality.month_weekday, source)
    left, right = st.columns(2)
    with left:
        app.chart(
            charts.bar_chart(
                profile,
                s.WEEKDAY,
                s.PER_DAY,
                h.busiest_of(profile, s.WEEKDAY, "weekday", d.WEEKDAYS),
                order=s.WEEKDAY_GROUPS,
                extra_tooltips=((s.DAYS, "d"), s.SHARE),
                subtitle="Average appointments on each weekday; England bank holidays as a group of their own",
            ),
            profile,
            key="weekday_profile",
            badge=view.badge(source),
            file_name="appointments_by_weekday",
        )
    with right:
        app.chart(
            charts.heatmap(
                grid,
                s.MONTH,
                s.WEEKDAY,
                s.PER_DAY,
                h.busiest_cell(grid),
                y_order=s.WEEKDAY_GROUPS,
                extra_tooltips=((s.DAYS, "d"),),
                subtitle="Average appointments per weekday, by month; bank holidays apart",
            ),
            grid,
            key="month_weekday",
            badge=view.badge(source),
            file_name="appointments_by_month_and_weekday",
        )

st.subheader("What this means for staffing")
found, advice = findings.for_page(
    view.compute(findings.findings, "*", capacity=view.capacity, days=view.days), findings.CAPACITY
)
app.bullets([f.text for f in found])
st.markdown("**What to do**")
app.bullets([r.text for r in advice])
about = (notes.NOT_DEMAND, notes.PER_DAY, notes.UTILISATION, notes.CAPACITY, notes.SEASONS, notes.WEEKDAYS)
app.about(*about, notes.PCN_ACTIVITY, notes.COVID, synthetic=bool(data.synthetic))
