"""Altair chart builders for the explorer pages (no Streamlit calls).

Colours come from the Streamlit theme (render with `st.altair_chart(chart, theme="streamlit")`):
builders fix only the order of categories, never a palette. Every chart has tooltips; charts with a
colour legend let the reader click a legend entry to pick out that series. Titles are passed in by
the page and should state the finding. Time charts shade the Covid-19 period (Mar 2020 to Mar 2021)
when it falls inside the months shown.
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from nhs_core import schema as s

_MONTH_UNIT = "utcyearmonth"
_LABEL_LIMIT = 320
_TITLE_WIDTH = 52  # characters: a line of a half-width chart's bold title
# Long official ICB names read better shortened on axes; the data and tooltips keep the full name.
_SHORTEN = "replace(replace(datum.label, ' Integrated Care Board', ' ICB'), 'NHS ', '')"
COUNT_FORMAT, SHARE_FORMAT, RATE_FORMAT = ",.0f", ".1%", ".2%"


def _wrap(text: str, width: int = _TITLE_WIDTH) -> str | list[str]:
    """Split a long title into lines of at most `width` characters (Vega does not wrap titles itself)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines[0] if len(lines) == 1 else lines


def _title(title: str, subtitle: str | None = None) -> alt.TitleParams:
    return alt.TitleParams(text=_wrap(title), subtitle=_wrap(subtitle) if subtitle else alt.Undefined, anchor="start")


def _finish(chart, title: str, subtitle: str | None = None, height: int | None = None):
    """Title, and a height that is the plotting area's: the width fits the page ("fit-x"), while Streamlit's
    default "fit" would squeeze titles, axes and legends into the height and crush many-bar charts."""
    return chart.properties(
        title=_title(title, subtitle),
        height=height or alt.Undefined,
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
    )


def _tooltip(field: str, kind: str, fmt: str | None = None) -> alt.Tooltip:
    if kind == "temporal":
        return alt.Tooltip(field, type=kind, timeUnit=_MONTH_UNIT, format="%b %Y", title=s.label(field))
    return alt.Tooltip(field, type=kind, format=fmt or alt.Undefined, title=s.label(field))


def _month_x(field: str = s.MONTH, title: str | None = None) -> alt.X:
    return alt.X(
        field,
        type="temporal",
        timeUnit=_MONTH_UNIT,
        title=title or s.label(field),
        axis=alt.Axis(format="%b %Y", labelAngle=0, tickCount={"interval": "month", "step": 3}),
    )


def _legend_pick(field: str) -> alt.Parameter:
    return alt.selection_point(fields=[field], bind="legend")


def _colour(field: str, order: Sequence[str] | None) -> alt.Color:
    scale = alt.Scale(domain=list(order)) if order is not None else alt.Undefined
    return alt.Color(
        field,
        type="nominal",
        scale=scale,
        sort=list(order) if order is not None else alt.Undefined,
        title=s.label(field),
        legend=alt.Legend(orient="bottom", columns=3, labelLimit=_LABEL_LIMIT),
    )


def covid_band(months: pd.Series) -> alt.Chart | None:
    """A shaded band over the Covid-19 period, clipped to the months shown; None when they do not overlap."""
    start, end = pd.Timestamp(s.COVID_START), pd.Timestamp(s.COVID_END)
    if months.empty or months.max() < start or months.min() > end:
        return None
    band = pd.DataFrame(
        {
            "start": [max(start, months.min())],
            "end": [min(end, months.max())],
            "label": [s.COVID_LABEL],
            "short": ["Covid-19"],
        }
    )
    base = alt.Chart(band)
    rect = base.mark_rect(opacity=0.12, color="#768692").encode(
        x=alt.X("start", type="temporal", timeUnit=_MONTH_UNIT),
        x2=alt.X2("end"),
        tooltip=[alt.Tooltip("label", type="nominal", title="Shaded")],
    )
    text = base.mark_text(align="left", baseline="top", dx=4, dy=4, color="#425563", fontSize=11).encode(
        x=alt.X("start", type="temporal", timeUnit=_MONTH_UNIT), y=alt.value(0), text=alt.Text("short")
    )
    return rect + text


def _with_band(chart: alt.Chart, months: pd.Series, covid: bool) -> alt.Chart | alt.LayerChart:
    band = covid_band(months) if covid else None
    return alt.layer(band, chart) if band is not None else chart


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
    tooltip_fmt: str = COUNT_FORMAT,
    extra_tooltips: Sequence[str] = (),
    subtitle: str | None = None,
    covid: bool = True,
    zero: bool = True,
) -> alt.Chart | alt.LayerChart:
    """Monthly values of `y` (lines, or stacked areas with mark="area"), one series per `color` value.

    With `normalize`, areas stack to 100% (use with a share or count column). With `zero=False` the y axis
    starts near the data (for averages such as minutes, whose variation matters more than their size).
    """
    enc: dict = {"x": _month_x(), "tooltip": [_tooltip(s.MONTH, "temporal")]}
    stack = "normalize" if normalize else ("zero" if mark == "area" else None)
    axis_format = "%" if normalize else y_format
    enc["y"] = alt.Y(
        y,
        type="quantitative",
        title=s.label(y),
        stack=stack,
        axis=alt.Axis(format=axis_format),
        scale=alt.Scale(zero=zero),
    )
    chart = alt.Chart(frame)
    if color:
        pick = _legend_pick(color)
        enc["color"] = _colour(color, color_order)
        enc["opacity"] = alt.when(pick).then(alt.value(1.0)).otherwise(alt.value(0.15))
        enc["tooltip"].append(_tooltip(color, "nominal"))
        if color_order is not None:
            enc["order"] = alt.Order("_order", type="quantitative")
            frame = frame.assign(_order=frame[color].map({v: i for i, v in enumerate(color_order)}))
            chart = alt.Chart(frame)
        chart = chart.add_params(pick)
    enc["tooltip"] += [_tooltip(y, "quantitative", tooltip_fmt)] + [
        _tooltip(c, "quantitative", SHARE_FORMAT if c in (s.SHARE, s.PCT_CHANGE) else COUNT_FORMAT)
        for c in extra_tooltips
    ]
    marks = {"line": lambda c: c.mark_line(point=True), "area": lambda c: c.mark_area(), "bar": lambda c: c.mark_bar()}
    body = marks[mark](chart).encode(**enc)
    return _finish(_with_band(body, frame[s.MONTH], covid), title, subtitle, height=280)


def change_bars(frame: pd.DataFrame, title: str, subtitle: str | None = None) -> alt.Chart | alt.LayerChart:
    """Bars of `pct_change` by month: up for a rise, down for a fall (position, not colour, tells which)."""
    data = frame
    body = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=_month_x(),
            y=alt.Y(s.PCT_CHANGE, type="quantitative", title=s.label(s.PCT_CHANGE), axis=alt.Axis(format="+%")),
            tooltip=[
                _tooltip(s.MONTH, "temporal"),
                _tooltip(s.COUNT, "quantitative", COUNT_FORMAT),
                _tooltip(s.YEAR_EARLIER, "quantitative", COUNT_FORMAT),
                _tooltip(s.PCT_CHANGE, "quantitative", SHARE_FORMAT),
            ],
        )
    )
    return _finish(_with_band(body, data[s.MONTH], True), title, subtitle, height=240)


def bar_chart(
    frame: pd.DataFrame,
    category: str,
    value: str,
    title: str,
    *,
    order: Sequence[str] | None = None,
    value_format: str = "~s",
    tooltip_fmt: str = COUNT_FORMAT,
    color: str | None = None,
    color_order: Sequence[str] | None = None,
    extra_tooltips: Sequence[tuple[str, str]] = (),
    subtitle: str | None = None,
    shorten: bool = False,
    top: int | None = None,
) -> alt.Chart:
    """Horizontal bars of `value` per `category`: in `order` (a vocabulary) or ranked, largest first.

    `extra_tooltips` are (column, d3 format) pairs. With `color`, bars are coloured by that column and
    the legend picks them out. With `top`, only the first `top` rows of `frame` are drawn.
    """
    frame = frame.head(top) if top else frame
    sort = list(order) if order is not None else alt.EncodingSortField(value, order="descending")
    axis = alt.Axis(labelLimit=_LABEL_LIMIT, labelExpr=_SHORTEN if shorten else alt.Undefined)
    enc: dict = {
        "y": alt.Y(category, type="nominal", sort=sort, title=None if shorten else s.label(category), axis=axis),
        "x": alt.X(value, type="quantitative", title=s.label(value), axis=alt.Axis(format=value_format, tickCount=8)),
        "tooltip": [_tooltip(category, "nominal"), _tooltip(value, "quantitative", tooltip_fmt)]
        + [_tooltip(c, "quantitative", f) for c, f in extra_tooltips],
    }
    chart = alt.Chart(frame)
    if color:
        pick = _legend_pick(color)
        enc["color"] = _colour(color, color_order)
        enc["opacity"] = alt.when(pick).then(alt.value(1.0)).otherwise(alt.value(0.2))
        chart = chart.add_params(pick)
    height = max(120, 24 * frame[category].nunique())
    return _finish(chart.mark_bar().encode(**enc), title, subtitle, height)


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
    pick = _legend_pick(color)
    order = list(dict.fromkeys(frame[category].astype(str)))
    data = frame.assign(_order=frame[color].map({v: i for i, v in enumerate(color_order or [])}))
    axis = alt.Axis(labelLimit=_LABEL_LIMIT, labelExpr=_SHORTEN if shorten else alt.Undefined)
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y(category, type="nominal", sort=order, title=s.label(category), axis=axis),
            x=alt.X(
                value,
                type="quantitative",
                stack="normalize" if normalize else "zero",
                title=s.label(s.SHARE if normalize else value),
                axis=alt.Axis(format="%" if normalize else "~s"),
            ),
            color=_colour(color, color_order),
            order=alt.Order("_order", type="quantitative"),
            opacity=alt.when(pick).then(alt.value(1.0)).otherwise(alt.value(0.2)),
            tooltip=[
                _tooltip(category, "nominal"),
                _tooltip(color, "nominal"),
                _tooltip(s.COUNT, "quantitative", COUNT_FORMAT),
                _tooltip(s.SHARE, "quantitative", SHARE_FORMAT),
            ],
        )
        .add_params(pick)
    )
    return _finish(chart, title, subtitle, max(120, 22 * len(order)))


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
    extra_tooltips: Sequence[tuple[str, str]] = (),
) -> alt.Chart:
    """A grid of `value` by `x` (a month column, or a category in `x_order`) and `y` (in `y_order`)."""
    x_enc = (
        _month_x(x)
        if x == s.MONTH
        else alt.X(
            x,
            type="nominal",
            sort=list(x_order) if x_order else alt.Undefined,
            title=s.label(x),
            axis=alt.Axis(labelAngle=-40, labelLimit=180, labelOverlap=False),
        )
    )
    chart = (
        alt.Chart(frame)
        .mark_rect()
        .encode(
            x=x_enc,
            y=alt.Y(
                y,
                type="nominal",
                sort=list(y_order) if y_order else alt.Undefined,
                title=s.label(y),
                axis=alt.Axis(labelLimit=_LABEL_LIMIT),
            ),
            color=alt.Color(
                value,
                type="quantitative",
                title=s.label(value),
                legend=alt.Legend(orient="bottom", format="~s" if value_format == COUNT_FORMAT else "%"),
            ),
            tooltip=[
                _tooltip(x, "temporal" if x == s.MONTH else "nominal"),
                _tooltip(y, "nominal"),
                _tooltip(value, "quantitative", value_format),
            ]
            + [_tooltip(c, "quantitative", f) for c, f in extra_tooltips],
        )
    )
    return _finish(chart, title, subtitle, max(160, 34 * frame[y].nunique()))


def capacity_chart(frame: pd.DataFrame, capacity: float, title: str, subtitle: str | None = None):
    """Appointments per day by month as bars, a rule at the planned daily capacity, months above it flagged.

    `frame` is a `seasonality.capacity_by_month` result.
    """
    data = frame.assign(
        against=frame[s.ABOVE_CAPACITY].map({True: "Above planned capacity", False: "Within planned capacity"})
    )
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=_month_x(),
            y=alt.Y(s.PER_DAY, type="quantitative", title=s.label(s.PER_DAY), axis=alt.Axis(format="~s")),
            color=alt.Color(
                "against",
                type="nominal",
                title="Against capacity",
                legend=alt.Legend(orient="bottom"),
                scale=alt.Scale(domain=["Within planned capacity", "Above planned capacity"]),
            ),
            tooltip=[
                _tooltip(s.MONTH, "temporal"),
                _tooltip(s.PER_DAY, "quantitative", COUNT_FORMAT),
                _tooltip(s.UTILISATION, "quantitative", ".1%"),
                _tooltip(s.COUNT, "quantitative", COUNT_FORMAT),
                _tooltip(s.DAYS, "quantitative", "d"),
            ],
        )
    )
    line = pd.DataFrame({"capacity": [capacity], "label": [f"Planned capacity: {capacity:,.0f} a day"]})
    rule = (
        alt.Chart(line)
        .mark_rule(strokeDash=[6, 4], strokeWidth=2, color="#DA291C")
        .encode(y=alt.Y("capacity", type="quantitative"), tooltip=[alt.Tooltip("label", type="nominal", title="Line")])
    )
    label = (
        alt.Chart(line)
        .mark_text(align="right", baseline="bottom", dy=-4, color="#DA291C", x="width")
        .encode(y=alt.Y("capacity", type="quantitative"), text=alt.Text("label"))
    )
    band = covid_band(data[s.MONTH])
    layers = [band, bars, rule, label] if band is not None else [bars, rule, label]
    return _finish(alt.layer(*layers), title, subtitle, height=300)


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
    chart = (
        alt.Chart(frame)
        .mark_circle(size=90, opacity=0.8)
        .encode(
            x=alt.X(
                x, type="quantitative", title=s.label(x), scale=alt.Scale(zero=False), axis=alt.Axis(format=x_format)
            ),
            y=alt.Y(
                y, type="quantitative", title=s.label(y), scale=alt.Scale(zero=False), axis=alt.Axis(format=y_format)
            ),
            tooltip=[
                _tooltip(label, kind),
                _tooltip(x, "quantitative", x_format),
                _tooltip(y, "quantitative", y_format),
            ],
        )
    )
    return _finish(chart, title, subtitle, height=300)


def duration_bars(dist: pd.DataFrame, title: str, subtitle: str | None = None) -> alt.Chart:
    """Appointments per duration bin in minutes order, the unknown bin coloured and labelled apart."""
    data = dist.assign(recorded=dist[s.KNOWN].map({True: "Known duration", False: "Unknown / Data Quality"}))
    return bar_chart(
        data,
        s.DURATION,
        s.COUNT,
        title,
        order=s.VOCABULARIES[s.DURATION],
        color="recorded",
        color_order=["Known duration", "Unknown / Data Quality"],
        subtitle=subtitle,
        extra_tooltips=((s.SHARE, SHARE_FORMAT), (s.SHARE_OF_KNOWN, SHARE_FORMAT)),
    )
