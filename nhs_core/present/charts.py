"""Altair chart builders for the explorer pages (no Streamlit calls).

Colours come from the Streamlit theme (render with `st.altair_chart(chart, theme="streamlit")`):
builders fix only the order of categories, never a palette. Every chart has tooltips, with each measure in its
own format (`nhs_core.definitions`); charts with a colour legend let the reader click a legend entry to pick
out that series. Titles are passed in by the page and should state the finding. This module holds the charts
by category (bars, stacked bars, grids, points); the charts over months are in `nhs_core.present.timecharts`
and are importable from here too.
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from nhs_core import schema as s
from nhs_core.present import chartkit as kit
from nhs_core.present.chartkit import COUNT_FORMAT, covid_band
from nhs_core.present.memo import memoised
from nhs_core.present.timecharts import capacity_chart, change_bars, time_series

__all__ = [
    "COUNT_FORMAT",
    "bar_chart",
    "capacity_chart",
    "change_bars",
    "covid_band",
    "duration_bars",
    "heatmap",
    "scatter",
    "stacked_bars",
    "time_series",
]
_KNOWN = "Known duration"
_UNKNOWN = "Unknown / Data Quality"


def _category_axis(shorten: bool) -> alt.Axis:
    return alt.Axis(labelLimit=kit.LABEL_LIMIT, labelExpr=kit.SHORTEN if shorten else alt.Undefined)


@memoised
def bar_chart(
    frame: pd.DataFrame,
    category: str,
    value: str,
    title: str,
    *,
    order: Sequence[str] | None = None,
    value_format: str = "~s",
    tooltip_fmt: str | None = None,
    color: str | None = None,
    color_order: Sequence[str] | None = None,
    extra_tooltips: Sequence = (),
    subtitle: str | None = None,
    shorten: bool = False,
    top: int | None = None,
    value_title: str | None = None,
) -> alt.Chart:
    """Horizontal bars of `value` per `category`: in `order` (a vocabulary) or ranked, largest first; the value
    axis is titled `value_title` (default: the column's label), e.g. with the per-day basis.

    Tooltips show `value` in `tooltip_fmt` (default: its measure's format) and the `extra_tooltips`: columns, or
    (column, d3 format) pairs. With `color`, bars are coloured by that column and the legend picks them out.
    With `top`, only the first `top` rows of `frame` are drawn.
    """
    frame = frame.head(top) if top else frame
    sort = list(order) if order is not None else alt.EncodingSortField(value, order="descending")
    title_y = None if shorten else s.label(category)
    enc: dict = {
        "y": alt.Y(category, type="nominal", sort=sort, title=title_y, axis=_category_axis(shorten)),
        "x": alt.X(
            value,
            type="quantitative",
            title=value_title or s.label(value),
            axis=alt.Axis(format=value_format, tickCount=8),
        ),
        "tooltip": [kit.tooltip(category, "nominal"), kit.tooltip(value, "quantitative", tooltip_fmt)]
        + kit.extra(extra_tooltips),
    }
    chart = alt.Chart(frame)
    if color:
        pick = kit.legend_pick(color)
        enc["color"] = kit.colour(color, color_order)
        enc["opacity"] = alt.when(pick).then(alt.value(1.0)).otherwise(alt.value(0.2))
        chart = chart.add_params(pick)
    height = max(120, 24 * frame[category].nunique())
    return kit.finish(chart.mark_bar().encode(**enc), title, subtitle, height)


def _stacked_x(value: str, normalize: bool) -> alt.X:
    return alt.X(
        value,
        type="quantitative",
        stack="normalize" if normalize else "zero",
        title=s.label(s.SHARE if normalize else value),
        axis=alt.Axis(format="%" if normalize else "~s"),
    )


@memoised
def stacked_bars(
    frame: pd.DataFrame,
    category: str,
    value: str,
    color: str,
    title: str,
    *,
    color_order: Sequence[str] | None = None,
    normalize: bool = True,
    subtitle: str | None = None,
    shorten: bool = True,
) -> alt.Chart:
    """Horizontal stacked bars (100% with `normalize`) of `value` per `category` split by `color`.

    Categories keep the row order of `frame` (sort it first, e.g. with `mix.mix_by_area`).
    """
    pick = kit.legend_pick(color)
    order = list(dict.fromkeys(frame[category].astype(str)))
    data = frame.assign(_order=frame[color].map({v: i for i, v in enumerate(color_order or [])}))
    tooltips = [kit.tooltip(category, "nominal"), kit.tooltip(color, "nominal"), *kit.extra((s.COUNT, s.SHARE))]
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y(category, type="nominal", sort=order, title=s.label(category), axis=_category_axis(shorten)),
            x=_stacked_x(value, normalize),
            color=kit.colour(color, color_order),
            order=alt.Order("_order", type="quantitative"),
            opacity=alt.when(pick).then(alt.value(1.0)).otherwise(alt.value(0.2)),
            tooltip=tooltips,
        )
        .add_params(pick)
    )
    return kit.finish(chart, title, subtitle, max(120, 22 * len(order)))


def _grid_x(x: str, x_order: Sequence[str] | None) -> alt.X:
    """A month axis for the month column, else a category axis in `x_order` with slanted labels."""
    if x == s.MONTH:
        return kit.month_x(x)
    axis = alt.Axis(labelAngle=-40, labelLimit=180, labelOverlap=False)
    return alt.X(x, type="nominal", sort=list(x_order) if x_order else alt.Undefined, title=s.label(x), axis=axis)


@memoised
def heatmap(
    frame: pd.DataFrame,
    x: str,
    y: str,
    value: str,
    title: str,
    *,
    x_order: Sequence[str] | None = None,
    y_order: Sequence[str] | None = None,
    value_format: str = COUNT_FORMAT,
    subtitle: str | None = None,
    extra_tooltips: Sequence = (),
) -> alt.Chart:
    """A grid of `value` by `x` (a month column, or a category in `x_order`) and `y` (in `y_order`)."""
    y_axis = alt.Axis(labelLimit=kit.LABEL_LIMIT)
    legend = alt.Legend(orient="bottom", format="~s" if value_format == COUNT_FORMAT else "%")
    tooltips = [
        kit.tooltip(x, "temporal" if x == s.MONTH else "nominal"),
        kit.tooltip(y, "nominal"),
        kit.tooltip(value, "quantitative", value_format),
        *kit.extra(extra_tooltips),
    ]
    chart = (
        alt.Chart(frame)
        .mark_rect()
        .encode(
            x=_grid_x(x, x_order),
            y=alt.Y(y, type="nominal", sort=list(y_order) if y_order else alt.Undefined, title=s.label(y), axis=y_axis),
            color=alt.Color(value, type="quantitative", title=s.label(value), legend=legend),
            tooltip=tooltips,
        )
    )
    return kit.finish(chart, title, subtitle, max(160, 34 * frame[y].nunique()))


def _loose(column: str, fmt: str, axis):
    """A quantitative position channel (`alt.X` or `alt.Y`) that need not start at zero."""
    return axis(
        column, type="quantitative", title=s.label(column), scale=alt.Scale(zero=False), axis=alt.Axis(format=fmt)
    )


@memoised
def scatter(
    frame: pd.DataFrame,
    x: str,
    y: str,
    label: str,
    title: str,
    *,
    x_format: str = ".0%",
    y_format: str = ".1f",
    subtitle: str | None = None,
) -> alt.Chart:
    """Points of `y` against `x`, one per row, identified by `label` in the tooltip."""
    kind = "temporal" if label == s.MONTH else "nominal"
    tooltips = [
        kit.tooltip(label, kind),
        kit.tooltip(x, "quantitative", x_format),
        kit.tooltip(y, "quantitative", y_format),
    ]
    chart = (
        alt.Chart(frame)
        .mark_circle(size=90, opacity=0.8)
        .encode(x=_loose(x, x_format, alt.X), y=_loose(y, y_format, alt.Y), tooltip=tooltips)
    )
    return kit.finish(chart, title, subtitle, height=300)


@memoised
def duration_bars(dist: pd.DataFrame, title: str, subtitle: str | None = None) -> alt.Chart:
    """Appointments per duration bin in minutes order, the unknown bin coloured and labelled apart."""
    data = dist.assign(recorded=dist[s.KNOWN].map({True: _KNOWN, False: _UNKNOWN}))
    return bar_chart(
        data,
        s.DURATION,
        s.COUNT,
        title,
        order=s.VOCABULARIES[s.DURATION],
        color="recorded",
        color_order=[_KNOWN, _UNKNOWN],
        subtitle=subtitle,
        extra_tooltips=(s.SHARE, s.SHARE_OF_KNOWN),
    )
