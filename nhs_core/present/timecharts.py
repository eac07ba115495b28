"""Charts over months: series of one measure, the change on a year earlier, and per day against planned capacity.

Every one has a month x axis and shades the Covid-19 period (Mar 2020 to Mar 2021) when it falls inside the
months shown. Tooltips write each measure in its own format (`nhs_core.definitions`).
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from nhs_core import definitions as d
from nhs_core import schema as s
from nhs_core.present import chartkit as kit
from nhs_core.present.memo import memoised

_MARKS = {
    "line": lambda chart: chart.mark_line(point=True),
    "area": lambda chart: chart.mark_area(),
    "bar": lambda chart: chart.mark_bar(),
}
_WITHIN = "Within planned capacity"
_ABOVE = "Above planned capacity"
_CAPACITY_RED = "#DA291C"


def _y(y: str, mark: str, normalize: bool, y_format: str, zero: bool) -> alt.Y:
    stack = "normalize" if normalize else ("zero" if mark == "area" else None)
    axis = alt.Axis(format="%" if normalize else y_format)
    return alt.Y(y, type="quantitative", title=s.label(y), stack=stack, axis=axis, scale=alt.Scale(zero=zero))


def _series(frame: pd.DataFrame, enc: dict, color: str, color_order: Sequence[str] | None):
    """The chart of `frame` with one series per `color` value: coloured, legend-picked and stacked in order."""
    pick = kit.legend_pick(color)
    enc["color"] = kit.colour(color, color_order)
    enc["opacity"] = alt.when(pick).then(alt.value(1.0)).otherwise(alt.value(0.15))
    enc["tooltip"].append(kit.tooltip(color, "nominal"))
    if color_order is not None:
        enc["order"] = alt.Order("_order", type="quantitative")
        frame = frame.assign(_order=frame[color].map({v: i for i, v in enumerate(color_order)}))
    return alt.Chart(frame).add_params(pick)


@memoised
def time_series(
    frame: pd.DataFrame,
    y: str,
    title: str,
    *,
    color: str | None = None,
    color_order: Sequence[str] | None = None,
    mark: str = "line",
    normalize: bool = False,
    y_format: str = "~s",
    tooltip_fmt: str | None = None,
    extra_tooltips: Sequence = (),
    subtitle: str | None = None,
    covid: bool = True,
    zero: bool = True,
) -> alt.Chart | alt.LayerChart:
    """Monthly values of `y` (lines, or stacked areas with mark="area"), one series per `color` value.

    With `normalize`, areas stack to 100% (use with a share or count column). With `zero=False` the y axis
    starts near the data (for averages such as minutes, whose variation matters more than their size).
    Tooltips show `y` in `tooltip_fmt` (default: its measure's format) and the `extra_tooltips` columns.
    """
    enc: dict = {"x": kit.month_x(), "y": _y(y, mark, normalize, y_format, zero)}
    enc["tooltip"] = [kit.tooltip(s.MONTH, "temporal")]
    chart = _series(frame, enc, color, color_order) if color else alt.Chart(frame)
    enc["tooltip"] += [kit.tooltip(y, "quantitative", tooltip_fmt), *kit.extra(extra_tooltips)]
    body = _MARKS[mark](chart).encode(**enc)
    return kit.finish(kit.with_band(body, frame[s.MONTH], covid), title, subtitle, height=280)


@memoised
def change_bars(frame: pd.DataFrame, title: str, subtitle: str | None = None) -> alt.Chart | alt.LayerChart:
    """Bars of `pct_change` by month: up for a rise, down for a fall (position, not colour, tells which)."""
    body = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=kit.month_x(),
            y=alt.Y(s.PCT_CHANGE, type="quantitative", title=s.label(s.PCT_CHANGE), axis=alt.Axis(format="+%")),
            tooltip=[kit.tooltip(s.MONTH, "temporal"), *kit.extra((s.COUNT, s.YEAR_EARLIER, s.PCT_CHANGE))],
        )
    )
    return kit.finish(kit.with_band(body, frame[s.MONTH], True), title, subtitle, height=240)


def _capacity_bars(frame: pd.DataFrame, per: d.Measure, top: float) -> alt.Chart:
    data = frame.assign(against=frame[s.ABOVE_CAPACITY].map({True: _ABOVE, False: _WITHIN}))
    legend = alt.Legend(orient="bottom")
    colour = alt.Color(
        "against", type="nominal", title="Against capacity", legend=legend, scale=alt.Scale(domain=[_WITHIN, _ABOVE])
    )
    scale = alt.Scale(domain=[0, top], nice=False)  # headroom above the bars for the capacity label
    per_day = alt.Y(s.PER_DAY, type="quantitative", title=per.label, axis=alt.Axis(format="~s"), scale=scale)
    numbers = kit.extra((s.PER_DAY, s.UTILISATION, s.COUNT, (s.DAYS, "d")))
    tooltips = [kit.tooltip(s.MONTH, "temporal"), *numbers]
    return alt.Chart(data).mark_bar().encode(x=kit.month_x(), y=per_day, color=colour, tooltip=tooltips)


def _capacity_line(capacity: float, per: d.Measure) -> list[alt.Chart]:
    """The dashed line at the planned capacity, and its label at the top right of the plot, above every bar (the
    scale leaves room there), so no bar can hide it."""
    words = f"Planned capacity: {d.CAPACITY.show(capacity)} a {per.basis.noun} (dashed line)"
    line = pd.DataFrame({"capacity": [capacity], "label": [words]})
    at = alt.Y("capacity", type="quantitative")
    rule = (
        alt.Chart(line)
        .mark_rule(strokeDash=[6, 4], strokeWidth=2, color=_CAPACITY_RED)
        .encode(y=at, tooltip=[alt.Tooltip("label", type="nominal", title="Line")])
    )
    label = (
        alt.Chart(line)
        .mark_text(align="right", baseline="top", dy=2, color=_CAPACITY_RED, x="width", y=0)
        .encode(text=alt.Text("label"))
    )
    return [rule, label]


@memoised
def capacity_chart(
    frame: pd.DataFrame, capacity: float, title: str, subtitle: str | None = None, per: d.Measure = d.PER_DAY
):
    """Appointments per day by month as bars, a rule at the planned daily capacity, months above it flagged.

    `frame` is a `seasonality.capacity_by_month` result.
    """
    band = kit.covid_band(frame[s.MONTH])
    top = 1.15 * max(float(frame[s.PER_DAY].max()) if len(frame) else 0.0, float(capacity or 0.0)) or 1.0
    layers = [_capacity_bars(frame, per, top), *(_capacity_line(capacity, per) if capacity else [])]
    return kit.finish(alt.layer(*([band] if band is not None else []), *layers), title, subtitle, height=300)
