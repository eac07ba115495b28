"""Services and workforce: the mix of modes, professionals, settings and categories, and what is growing."""

import streamlit as st

from nhs_core import app
from nhs_core import definitions as d
from nhs_core import schema as s
from nhs_core.analysis import mix
from nhs_core.present import charts, keycharts, kpis, notes
from nhs_core.present import headlines as h
from nhs_core.present.text import prose
from nhs_core.tables import table_words

app.page_setup("Services and workforce")
data = app.active_data()
view = app.sidebar_filters(data, extra=("statuses",))
app.header("Services and workforce", prose("services_intro"), view)
view.require(s.APPOINTMENTS)

modes = view.compute(mix.mix_over_time, s.APPOINTMENTS, dim=s.MODE)
app.kpis(kpis.services(modes, view.compute(mix.shares, s.APPOINTMENTS, dim=s.HCP)))

st.subheader("The mix over time")
dims = [d for d in (s.MODE, s.HCP, s.SETTING, s.CONTEXT, s.CATEGORY) if view.has(mix.SOURCE[d])]
dim = st.radio("Break appointments down by", dims, format_func=s.label, horizontal=True, key=app.Keys.SERVICES_DIM)
source = mix.SOURCE[dim]
if source != s.APPOINTMENTS:
    view.require(source)
    st.caption(
        f"From the {table_words(source)} table ({s.label(dim).lower()} is not in the monthly "
        "appointments table); its months can differ from the KPIs above."
    )
view.note_ignored(source)
over_time = mix.lump(view.compute(mix.mix_over_time, source, dim=dim), dim)
app.chart(
    keycharts.mix_over_time(over_time, dim).chart,
    over_time,
    key="mix_over_time",
    file_name=f"{dim}_mix_by_month",
    badge=view.badge(source),
)

st.subheader("The mix by area")
levels = {s.REGION: "Region", s.ICB: "Integrated care board (ICB)", s.SUB_ICB: "Sub-ICB location"}
usable = [lvl for lvl in levels if view.data.tables[source][lvl].notna().any()]
level = st.radio(
    "Compare areas at the level of", usable, format_func=levels.get, horizontal=True, key=app.Keys.SERVICES_LEVEL
)
by_area = mix.lump(view.compute(mix.mix_by_area, source, dim=dim, level=level), dim)
app.chart(
    charts.stacked_bars(
        by_area,
        s.AREA,
        s.COUNT,
        dim,
        h.area_mix(by_area, dim),
        color_order=mix.display_order(by_area, dim),
        subtitle=f"Areas ordered by their share of {mix.display_order(by_area, dim)[0]}",
    ),
    by_area,
    key="mix_by_area",
    badge=view.badge(source),
    file_name=f"{dim}_mix_by_area",
)
if dim != s.CATEGORY:  # national categories are too many to stack in one bar; their mix is above
    app.per_thousand_by_area(
        view,
        source,
        level,
        "appointments",
        key="mix_per_1000_by_area",
        file_name=f"{dim}_per_1000_patients_by_area",
        stacked=dim,
        color_order=mix.display_order(by_area, dim),
    )

st.subheader("Demand by HCP type and mode together")
pairs = view.compute(mix.crosstab, s.APPOINTMENTS, rows=s.HCP, columns=s.MODE)
app.chart(
    charts.heatmap(
        pairs,
        s.MODE,
        s.HCP,
        s.COUNT,
        h.largest_pair(pairs, s.HCP, s.MODE),
        x_order=s.VOCABULARIES[s.MODE],
        y_order=s.VOCABULARIES[s.HCP],
        extra_tooltips=(s.SHARE,),
        subtitle="Appointments in the selection",
    ),
    pairs,
    key="hcp_by_mode",
    badge=view.badge(s.APPOINTMENTS),
    file_name="appointments_by_hcp_type_and_mode",
)

st.subheader("What grows fastest")
growth = view.compute(mix.fastest_growing, source, dim=dim)
app.chart(
    charts.bar_chart(
        growth,
        dim,
        s.PCT_CHANGE,
        h.fastest(growth, dim),
        value_format="+.0%",
        tooltip_fmt=d.GROWTH.fmt.d3,
        extra_tooltips=(s.BASELINE_PER_DAY, s.RECENT_PER_DAY),
        subtitle=d.GROWTH.help,
    ),
    growth,
    key="fastest_growing",
    badge=view.badge(source),
    file_name=f"{dim}_growth",
    empty="Growth needs at least two months.",
)

app.about(
    notes.APPOINTMENTS, notes.GROWTH, notes.MODE_LOCAL, notes.COVID, notes.UNKNOWN, synthetic=bool(data.synthetic)
)
