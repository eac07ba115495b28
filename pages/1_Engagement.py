"""Engagement: how many appointments, where, and how that compares with a year earlier."""

import streamlit as st

from nhs_core import app
from nhs_core import schema as s
from nhs_core.analysis import filters as flt
from nhs_core.analysis import metrics
from nhs_core.present import charts, keycharts, kpis, notes
from nhs_core.present import headlines as h
from nhs_core.present.text import prose
from nhs_core.tables import table_words

app.page_setup("Engagement")
data = app.active_data()
view = app.sidebar_filters(data)
app.header("Engagement", prose("engagement_intro"), view)
view.require(s.APPOINTMENTS)
view.note_ignored(s.APPOINTMENTS)

selection = metrics.per_day(view.compute(metrics.monthly_totals, s.APPOINTMENTS), view.days)
national_filters = view.filters.without_geography()
national = metrics.per_day(view.compute(metrics.monthly_totals, s.APPOINTMENTS, filters=national_filters), view.days)
app.kpis(kpis.engagement(selection, national if view.filters.has_geography else None, view.per))

st.subheader("Appointments per month")
where = flt.describe_areas(view.filters, view.names)
panels = [("England", national, "national")]
if view.filters.has_geography:
    panels.append((where, selection, "selection"))
for column, (name, monthly, key) in zip(st.columns(len(panels)), panels):
    with column:
        app.chart(
            keycharts.appointments_per_month(monthly, name, view.per).chart,
            monthly,
            key=f"monthly_{key}",
            badge=view.badge(s.APPOINTMENTS),
            file_name=f"appointments_per_month_{key}",
            national=key == "national",
        )

st.subheader("Change against the same month a year earlier")
earlier = view.compute(metrics.monthly_totals, s.APPOINTMENTS, filters=view.filters.reaching_back())
yoy = metrics.year_on_year(earlier, view.days, since=view.filters.start)
app.chart(
    charts.change_bars(
        yoy,
        h.year_on_year(yoy, view.per),
        subtitle=f"{where}: appointments per {view.per.basis.noun} against the same month a year earlier "
        "(which may lie before the period)",
    ),
    yoy,
    key="year_on_year",
    badge=view.badge(s.APPOINTMENTS),
    empty="A year-on-year comparison needs more than 12 months: widen the period.",
)

app.access_section(view)

st.subheader("Appointments by area")
levels = {s.REGION: "Region", s.ICB: "Integrated care board (ICB)", s.SUB_ICB: "Sub-ICB location"}
level = st.radio(
    "Compare areas at the level of",
    list(levels),
    format_func=levels.get,
    horizontal=True,
    key=app.Keys.ENGAGEMENT_LEVEL,
)
source = metrics.table_with_level(data.tables, level)
if source is None:
    st.info("No loaded table has this level of geography.", icon=":material/map:")
else:
    if source != s.APPOINTMENTS:
        st.caption(
            f"Ranked from the {table_words(source)} table: the monthly appointments table has "
            "no rows at this level. Its months can differ from the other charts."
        )
    areas = view.compute(metrics.by_area, source, level=level, days=view.days)
    app.chart(
        charts.bar_chart(
            areas,
            s.AREA,
            s.COUNT,
            h.leading_area(areas, level),
            extra_tooltips=(s.PER_DAY, s.SHARE),
            shorten=True,
            top=30,
            subtitle="Top 30 shown; the table holds every area" if len(areas) > 30 else None,
        ),
        areas,
        key="by_area",
        badge=view.badge(source),
        file_name=f"appointments_by_{levels[level].split(' (')[0].lower()}",
    )
    app.per_thousand_by_area(
        view,
        source,
        level,
        "appointments",
        key="by_area_per_1000",
        file_name=f"appointments_per_1000_patients_by_{levels[level].split(' (')[0].lower()}",
    )

st.subheader("The five locations with the most appointments")
top_level = s.SUB_ICB if metrics.table_with_level(data.tables, s.SUB_ICB) else s.ICB
top_source = metrics.table_with_level(data.tables, top_level)
name = s.GEOGRAPHY_NAMES[top_level]
by_count = view.compute(metrics.top_locations, top_source, by=s.COUNT, n=5, level=name)
st.caption(f"From the {table_words(top_source)} table.")
app.chart(
    charts.bar_chart(by_count, name, s.COUNT, h.most_appointments(by_count, name), shorten=True),
    by_count,
    key="top_appointments",
    badge=view.badge(top_source),
    file_name="top_locations_appointments",
)
by_records = view.compute(metrics.top_locations, top_source, by=s.RECORDS, n=5, level=name)
app.table_behind(
    by_records,
    "top_records",
    "top_locations_rows",
    label="For analysts: the five locations with the most rows in the table (rows are not appointments)",
)

app.pcn_section(view)

about = (
    notes.APPOINTMENTS,
    notes.PER_DAY,
    notes.ACCESS,
    notes.PCN_ACTIVITY,
    notes.LOCATIONS,
    notes.COVID,
    notes.UNKNOWN,
)
app.about(*about, synthetic=bool(data.synthetic))
