"""Practices: practices and PCNs compared per 1,000 registered patients and on a funnel plot, and one
practice's profile against its PCN, ICB and all loaded practices."""

import streamlit as st

from nhs_core import app, shares
from nhs_core import schema as s
from nhs_core.analysis import filters as flt
from nhs_core.analysis import funnel
from nhs_core.analysis import practices as pr
from nhs_core.present import notes, practicecharts
from nhs_core.present import practicetables as pt
from nhs_core.present.text import prose

app.page_setup("Practices")
data = app.active_data()
view = app.sidebar_filters(data, extra=())
app.header("Practices", prose("practices_intro"), view)
view.require(s.PRACTICE_CROSSTAB)

sizes = view.compute(pr.latest_list_sizes, s.LIST_SIZES) if view.has(s.LIST_SIZES) else pr.ListSizes()
left, right = st.columns(2)
with left:
    level = st.radio(
        "Compare", (pr.PRACTICE, pr.PCN), format_func=pt.HEADING.get, horizontal=True,
        key=app.Keys.PRACTICES_LEVEL,
    )  # fmt: skip
with right:
    exclude = app.url_toggle(
        "Leave out implausible list sizes and months", "exclude", app.Keys.PRACTICES_EXCLUDE,
        help=f"On by default: leaves out {pr.Limits().text()}.",
    )  # fmt: skip
limits = pr.Limits() if exclude and sizes.codes else None
practices = app.practices_compared(view, sizes, pr.PRACTICE, limits)
pcn_names = dict(zip(practices[s.PCN_CODE].astype(str), practices[s.PCN_NAME].map(pt.readable)))
pcns = st.multiselect(
    "Primary care networks (PCNs)", sorted(pcn_names, key=pcn_names.get), format_func=pcn_names.get,
    placeholder="All in the areas chosen", key=app.Keys.PRACTICES_PCNS, select_all=False,  # Enter picks one match
)  # fmt: skip
compared = app.practices_compared(view, sizes, level, limits)
compared = pt.named(compared[compared[s.PCN_CODE].astype(str).isin(pcns)] if pcns else compared, level)
period = flt.Filters(view.filters.start, view.filters.end)  # the comparisons: every area, the same months
every_size = view.compute(pr.latest_list_sizes, s.LIST_SIZES, filters=period) if view.has(s.LIST_SIZES) else sizes
every_month, every_name = (view.compute(fn, s.PRACTICE_CROSSTAB, filters=period) for fn in pr.MONTHS_AND_NAMES)
by_icb = app.practices_compared(view, every_size, pr.ICB, limits, filters=period)
comparisons = pt.comparison_rows(by_icb, set(compared[s.ICB_NAME].astype(str)))
months = view.compute(pr.months_covered, s.PRACTICE_CROSSTAB)  # the crosstab's own, maybe fewer than the period
app.kpis(pt.kpi_items(compared, pr.overall(compared, "selection").iloc[0], level, sizes))
st.caption(
    prose(
        "practices_basis",
        months=months,
        extract=f"{sizes.month:%b %Y}" if sizes.month is not None else "(none loaded: upload gp-reg-pat-prac-all.csv)",
        exclusions=f"Left out: {pr.Limits().text()}." if limits else "Nothing is left out.",
    )
)

st.subheader("Fair comparison: the funnel plot")
share = st.selectbox(
    "Rate", shares.SHARES, format_func=lambda sh: sh.label, key=app.Keys.PRACTICES_MEASURE
)  # fmt: skip
plot = funnel.funnel(compared, share)
unit, units = pt.UNIT[level]
app.chart(
    practicecharts.funnel_chart(plot, share, pt.NAME, *pt.funnel_title(plot, level, share, months)),
    plot.points[[pt.NAME, "rate", "base", "outside"]],
    key="practices_funnel",
    file_name=f"{share.name}_funnel_by_{unit.lower()}",
)
st.markdown(pt.outside_text(plot, level, share))
st.caption(
    prose("practices_funnel", unit=unit, measure=share.in_text, target=f"{plot.target:.2%}",
          widened=pt.widening_text(plot, units))
)  # fmt: skip

st.subheader(f"All {units}, ranked by appointments")
app.table(pt.ranked_table(compared, level, comparisons), key="practices_ranked", file_name=f"{units.lower()}_ranked")
st.markdown("**The five with the most appointments, and the five with the most records**")
st.dataframe(view.compute(pt.top_five, s.PRACTICE_CROSSTAB, level=level, pcns=tuple(pcns)), width="stretch")
if limits is not None:
    with st.expander("Practice-months left out by the data-quality exclusions"):
        by_month = view.compute(pr.practice_months, s.PRACTICE_CROSSTAB)
        st.dataframe(pr.exclusions(by_month, sizes.series(), limits), hide_index=True, width="stretch")

st.subheader("One practice's profile")
practice_names = pt.named(app.practices_compared(view, pr.ListSizes(), pr.PRACTICE, None), pr.PRACTICE)
if pcns:
    practice_names = practice_names[practice_names[s.PCN_CODE].astype(str).isin(pcns)]
picked = st.selectbox(
    "Practice (type a name or code to search)", practice_names[s.GP_CODE],
    format_func=dict(zip(practice_names[s.GP_CODE], practice_names[pt.NAME])).get, key=app.Keys.PRACTICES_PROFILE,
)  # fmt: skip
dim = st.radio(
    "By", (s.MODE, s.HCP, s.LEAD, s.CATEGORY, s.STATUS), format_func=s.label, horizontal=True,
    key=app.Keys.PRACTICES_PROFILE_DIM,
)  # fmt: skip
groups = pr.profile_groups(every_name[pr.PRACTICE], picked)
profile = pr.profile(view.sums_by(s.PRACTICE_CROSSTAB, dim, groups, filters=period))
app.chart(
    practicecharts.profile_chart(profile, dim, f"{s.label(dim)}: the practice against its PCN, ICB and all loaded"),
    pt.readable_groups(profile),
    key="practice_profile",
    file_name=f"practice_{picked}_{dim}",
)

over_time = pr.profile_over_time(every_month, every_name[pr.PRACTICE], every_size, picked)
if over_time[s.MONTH].nunique() > 1:
    app.chart(
        practicecharts.profile_over_time_chart(over_time),
        pt.readable_groups(over_time),
        key="practice_over_time",
        file_name=f"practice_{picked}_per_1000_by_month",
    )

app.about(notes.PRACTICES, notes.LIST_SIZES, notes.DNA_RATE, notes.MODE_LOCAL, synthetic=data.is_sample)
