"""The Practices page's charts: the funnel plot of a rate against practice size, and one practice's profile
against its PCN, ICB and all loaded practices (no Streamlit calls)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from nhs_core import schema as s
from nhs_core.analysis.funnel import Funnel
from nhs_core.present import chartkit as kit
from nhs_core.present.memo import memoised
from nhs_core.present.practicetables import readable_groups
from nhs_core.present.timecharts import time_series
from nhs_core.shares import Share

OUTSIDE_ORDER = ("above 99.8%", "above 95%", "within", "below 95%", "below 99.8%")
_OUTSIDE_COLOURS = ("#AE2573", "#ED8B00", "#768692", "#41B6E6", "#005EB8")


@memoised
def funnel_chart(plot: Funnel, share: Share, name: str, title: str, subtitle: str) -> alt.LayerChart:
    """Points (one per practice or PCN: `share`'s rate against its base) coloured by which control limits
    they fall outside, the 95% and 99.8% limits as lines, and the overall rate as a rule."""
    x = alt.X("base", type="quantitative", scale=alt.Scale(type="log"), title=f"Appointments in the {share.label} base")
    y_axis = alt.Axis(format=".0%" if plot.target > 0.1 else ".1%", title=share.label)
    points = (
        alt.Chart(plot.points[[name, "rate", "base", "outside"]])  # only what it draws: the page sends the data
        .mark_circle(size=70, opacity=0.85)
        .encode(
            x=x,
            y=alt.Y("rate", type="quantitative", axis=y_axis),
            color=alt.Color(
                "outside",
                type="nominal",
                title="Against the limits",
                scale=alt.Scale(domain=list(OUTSIDE_ORDER), range=list(_OUTSIDE_COLOURS)),
                legend=alt.Legend(orient="bottom", columns=5),
            ),
            tooltip=[
                alt.Tooltip(name, type="nominal", title="Name"),
                alt.Tooltip("rate", type="quantitative", format=".2%", title=share.label),
                alt.Tooltip("base", type="quantitative", format=",.0f", title="Base (appointments)"),
                alt.Tooltip("outside", type="nominal", title="Against the limits"),
            ],
        )
    )
    curves = plot.curves.melt(["base", "limit"], ["low", "high"], var_name="side", value_name="bound")
    lines = (
        alt.Chart(curves)
        .mark_line(color="#425563", opacity=0.7)
        .encode(
            x=x,
            y=alt.Y("bound", type="quantitative"),
            strokeDash=alt.StrokeDash(
                "limit", type="nominal", title="Control limit", legend=alt.Legend(orient="bottom")
            ),
            detail="side",
        )
    )
    rule = alt.Chart(pd.DataFrame({"rate": [plot.target]})).mark_rule(color="#212B32").encode(y="rate")
    return kit.finish(alt.layer(lines, rule, points), title, subtitle, height=360)


@memoised
def profile_chart(profile: pd.DataFrame, dim: str, title: str, subtitle: str | None = None) -> alt.Chart:
    """Grouped horizontal bars: each group's share of appointments by `dim`, the practice first."""
    order = list(s.ordered_categories(dim, profile[dim].astype(str).unique())) if dim in s.VOCABULARIES else None
    frame = readable_groups(profile)
    groups = list(frame["group"].cat.categories)
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y(dim, type="nominal", sort=order, title=s.label(dim), axis=alt.Axis(labelLimit=kit.LABEL_LIMIT)),
            yOffset=alt.YOffset("group", type="nominal", sort=groups),
            x=alt.X(s.SHARE, type="quantitative", axis=alt.Axis(format=".0%"), title="Share of appointments"),
            color=kit.colour("group", groups).title("Compared with"),
            tooltip=[
                alt.Tooltip("group", type="nominal", title="Group"),
                kit.tooltip(dim, "nominal"),
                alt.Tooltip(s.SHARE, type="quantitative", format=".1%", title="Share"),
                alt.Tooltip(s.COUNT, type="quantitative", format=",.0f", title="Appointments"),
            ],
        )
    )
    height = 18 * len(groups) * profile[dim].nunique() + 20
    return kit.finish(chart, title, subtitle, height)


@memoised
def profile_over_time_chart(over_time: pd.DataFrame) -> alt.Chart | alt.LayerChart:
    """Lines of appointments per 1,000 patients a month: the practice, its PCN, its ICB, all loaded."""
    frame = readable_groups(over_time)
    groups = list(frame["group"].cat.categories)
    return time_series(
        frame,
        s.PER_1000_PATIENTS,
        "Appointments per 1,000 registered patients, month by month",
        color="group",
        color_order=groups,
        y_format=",.0f",
        subtitle="The practice against its PCN, ICB and all loaded practices (one list-size extract)",
        covid=False,
        zero=False,
    )
