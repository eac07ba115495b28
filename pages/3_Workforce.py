"""Workforce and national overview: appointments by SDS role group, and England's cross-tab of any two breakdowns."""

import streamlit as st

from nhs_core import app
from nhs_core import schema as s
from nhs_core.analysis import mix, workforce
from nhs_core.present import charts, notes, timecharts
from nhs_core.present import workforce as wf
from nhs_core.present.text import prose

app.page_setup("Workforce and national overview")
data = app.active_data()
view = app.sidebar_filters(data, extra=())
app.header("Workforce and national overview", prose("workforce_intro"), view)
view.require(s.SDS_ROLES)
view.note_ignored(s.SDS_ROLES)

totals = view.compute(workforce.role_totals, s.SDS_ROLES)
app.kpis(wf.kpis(totals))
roles = list(s.VOCABULARIES[s.SDS_ROLE])

st.subheader("Appointments by staff role over time")
over_time = view.compute(mix.mix_over_time, s.SDS_ROLES, dim=s.SDS_ROLE)
shows = {"share": "Share of each month", "count": "Appointments"}
show = st.radio("Show", list(shows), format_func=shows.get, horizontal=True, key=app.Keys.WORKFORCE_SHOW)
growth = view.compute(workforce.role_share_change, s.SDS_ROLES)  # as the finding: share points
app.chart(
    timecharts.time_series(
        over_time,
        s.SHARE if show == "share" else s.COUNT,
        wf.growth_headline(growth, over_time[s.MONTH].nunique()),
        color=s.SDS_ROLE,
        color_order=roles,
        mark="area",
        normalize=show == "share",
        extra_tooltips=(s.COUNT,) if show == "share" else (s.SHARE,),
        subtitle="Click a legend entry to pick out one role group",
    ),
    over_time,
    key="roles_over_time",
    file_name="appointments_by_staff_role_by_month",
)

st.subheader("The mix of roles: the selection against England")
england = view.compute(workforce.role_totals, s.SDS_ROLES, filters=view.filters.without_geography())
comparison = workforce.role_comparison(totals, england)
app.chart(
    charts.stacked_bars(
        comparison,
        s.AREA,
        s.COUNT,
        s.SDS_ROLE,
        wf.mix_against_england(comparison, view.filters.has_geography),
        color_order=roles,
    ),
    comparison,
    key="roles_against_england",
    file_name="staff_role_mix_against_england",
)

st.subheader("By area")
levels = {s.REGION: "Region", s.ICB: "Integrated care board (ICB)", s.SUB_ICB: "Sub-ICB location"}
level = st.radio(
    "Compare areas at the level of", list(levels), format_func=levels.get, horizontal=True, key=app.Keys.WORKFORCE_LEVEL
)
by_area = view.compute(mix.mix_by_area, s.SDS_ROLES, dim=s.SDS_ROLE, level=level)
app.chart(
    charts.stacked_bars(
        by_area, s.AREA, s.COUNT, s.SDS_ROLE, wf.area_headline(by_area), color_order=roles, subtitle=wf.AREA_ORDER
    ),
    by_area,
    key="roles_by_area",
    file_name="staff_role_mix_by_area",
)
app.per_thousand_by_area(
    view,
    s.SDS_ROLES,
    level,
    "appointments",
    key="roles_per_1000",
    file_name="staff_role_appointments_per_1000_patients",
    stacked=s.SDS_ROLE,
    color_order=roles,
)

st.subheader("England's appointments by any two breakdowns (national overview)")
if view.has(s.OVERVIEW):
    left, right = st.columns(2)
    dims = list(workforce.OVERVIEW_DIMENSIONS)
    rows = left.selectbox("Rows", dims, index=1, format_func=s.label, key=app.Keys.OVERVIEW_ROWS)
    others = [dim for dim in dims if dim != rows]
    columns = right.selectbox("Columns", others, index=1, format_func=s.label, key=app.Keys.OVERVIEW_COLUMNS)
    st.caption(wf.source_note(view.has(s.CATEGORIES)))
    cross = view.compute(mix.crosstab, s.OVERVIEW, filters=view.filters.without_geography(), rows=rows, columns=columns)
    app.chart(
        charts.heatmap(
            cross,
            columns,
            rows,
            s.COUNT,
            wf.crosstab_headline(cross, rows, columns),
            x_order=s.VOCABULARIES[columns],
            y_order=s.VOCABULARIES[rows],
            extra_tooltips=(s.SHARE,),
            subtitle="Appointments in England in the period chosen",
        ),
        cross,
        key="overview_crosstab",
        file_name=f"england_appointments_by_{rows}_and_{columns}",
        national=True,
    )
else:
    st.info("Upload National_Overview.csv to cross any two breakdowns for England.", icon=":material/inbox:")

app.about(notes.SDS_ROLES, notes.PER_THOUSAND, notes.OVERVIEW, notes.UNKNOWN, synthetic=data.is_sample)
