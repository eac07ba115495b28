"""Durations: how long attended appointments last, over time and by area, and what goes with longer ones."""

import streamlit as st

from nhs_core import app
from nhs_core import schema as s
from nhs_core.analysis import durations, mix
from nhs_core.present import charts, keycharts, kpis, notes
from nhs_core.present import headlines as h
from nhs_core.present.text import prose

app.page_setup("Durations")
data = app.active_data()
view = app.sidebar_filters(data, extra=())
app.header("Durations", prose("durations_intro"), view)
view.require(s.DURATIONS)
view.note_ignored(s.DURATIONS)

dist = view.compute(durations.duration_distribution, s.DURATIONS)
by_month = view.compute(durations.mean_duration_by, s.DURATIONS, by=s.MONTH)
app.kpis(kpis.durations(dist, by_month, view.compute(durations.mean_duration, s.DURATIONS)))

st.subheader("How long appointments last")
app.chart(
    keycharts.duration_distribution(dist).chart,
    dist,
    key="duration_distribution",
    file_name="duration_distribution",
    badge=view.badge(s.DURATIONS),
)

st.subheader("Durations over time")
left, right = st.columns(2)
with left:
    bins = view.compute(mix.mix_over_time, s.DURATIONS, dim=s.DURATION)
    app.chart(
        charts.time_series(
            bins,
            s.SHARE,
            "The mix of durations month by month",
            color=s.DURATION,
            color_order=s.VOCABULARIES[s.DURATION],
            mark="area",
            normalize=True,
            extra_tooltips=(s.COUNT,),
            covid=False,
        ),
        bins,
        key="duration_mix_by_month",
        badge=view.badge(s.DURATIONS),
        file_name="duration_mix_by_month",
    )
with right:
    app.chart(
        charts.time_series(
            by_month,
            s.MEAN_MINUTES,
            h.mean_range(by_month, s.MONTH),
            y_format=".1f",
            extra_tooltips=(s.UNKNOWN_SHARE,),
            covid=False,
            zero=False,
            subtitle="Estimated with each duration band counted at its middle; unknown durations left out",
        ),
        by_month,
        key="mean_duration_by_month",
        badge=view.badge(s.DURATIONS),
        file_name="mean_duration_by_month",
    )

st.subheader("Durations by area")
levels = {s.REGION: "Region", s.ICB: "Integrated care board (ICB)", s.SUB_ICB: "Sub-ICB location"}
level = st.radio(
    "Compare areas at the level of",
    list(levels),
    format_func=levels.get,
    index=1,
    horizontal=True,
    key=app.Keys.DURATIONS_LEVEL,
)
name = s.GEOGRAPHY_NAMES[level]
areas = view.compute(durations.mean_duration_by, s.DURATIONS, by=name, longest_first=True)
app.chart(
    charts.bar_chart(
        areas,
        name,
        s.MEAN_MINUTES,
        h.mean_range(areas, name),
        value_format=".1f",
        extra_tooltips=(s.KNOWN_COUNT, s.UNKNOWN_SHARE),
        shorten=True,
        top=30,
        subtitle="Longest 30 shown; the table holds every area" if len(areas) > 30 else None,
    ),
    areas,
    key="mean_duration_by_area",
    badge=view.badge(s.DURATIONS),
    file_name="mean_duration_by_area",
)

st.subheader("Durations beside the mix of professionals")
st.caption(prose("durations_context"))
if not view.has(s.APPOINTMENTS):
    st.info(
        "Load the monthly appointments table to compare durations with status and HCP type.", icon=":material/inbox:"
    )
else:
    left, right = st.columns(2)
    for column, by, unit in ((left, s.MONTH, "months"), (right, s.ICB_NAME, "ICBs")):
        context = view.compute(durations.duration_context, s.DURATIONS, s.APPOINTMENTS, by=by)
        r = durations.correlation(context, s.GP_SHARE, s.MEAN_MINUTES)
        with column:
            app.chart(
                charts.scatter(
                    context,
                    s.GP_SHARE,
                    s.MEAN_MINUTES,
                    by,
                    h.association(r, s.GP_SHARE, s.MEAN_MINUTES, unit, len(context)),
                    x_format=".1%",
                ),
                context,
                key=f"context_{unit.lower()}",
                badge=view.badge(s.DURATIONS, s.APPOINTMENTS),
                file_name=f"duration_and_gp_share_by_{unit.lower()}",
            )

about = (notes.MEAN_DURATION, notes.DURATIONS_ATTENDED, notes.DURATION_SUPPLIER, notes.UNKNOWN, notes.PER_DAY)
app.about(*about, synthetic=bool(data.synthetic))
