"""The parts every chart is built from: titles, axes, colour legends that pick a series, tooltips, the Covid band.

Tooltips of a measure's column are written in that measure's format (`nhs_core.definitions`) unless a builder
asks for another. Colours come from the Streamlit theme: these parts fix only the order of categories.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import altair as alt
import pandas as pd

from nhs_core import definitions as d
from nhs_core import schema as s
from nhs_core.present import images

MONTH_UNIT = "utcyearmonth"
LABEL_LIMIT = 320
_TITLE_WIDTH = 52  # characters: a line of a half-width chart's bold title
# Long official ICB names read better shortened on axes; the data and tooltips keep the full name.
SHORTEN = "replace(replace(datum.label, ' Integrated Care Board', ' ICB'), 'NHS ', '')"
COUNT_FORMAT = d.APPOINTMENTS.fmt.d3
UNKNOWN_COLOUR = "#AEB7BD"  # NHS mid grey: unknown values in every chart


def wrap(text: str, width: int = _TITLE_WIDTH) -> str | list[str]:
    """Split a long title into lines of at most `width` characters (Vega does not wrap titles itself)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines[0] if len(lines) == 1 else lines


def _title(title: str, subtitle: str | None = None) -> alt.TitleParams:
    return alt.TitleParams(text=wrap(title), subtitle=wrap(subtitle) if subtitle else alt.Undefined, anchor="start")


def finish(chart, title: str, subtitle: str | None = None, height: int | None = None):
    """Title, and a height that is the plotting area's: the width fits the page ("fit-x"), while Streamlit's
    default "fit" would squeeze titles, axes and legends into the height and crush many-bar charts."""
    return chart.properties(
        title=_title(title, subtitle),
        height=height or alt.Undefined,
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
    )


def tooltip(field: str, kind: str, fmt: str | None = None) -> alt.Tooltip:
    """A tooltip line titled with the column's label; a number in `fmt`, else in its measure's format."""
    if kind == "temporal":
        return alt.Tooltip(field, type=kind, timeUnit=MONTH_UNIT, format="%b %Y", title=s.label(field))
    fmt = fmt or (d.d3_format(field) if kind == "quantitative" else None)
    return alt.Tooltip(field, type=kind, format=fmt or alt.Undefined, title=s.label(field))


def extra(tooltips) -> list[alt.Tooltip]:
    """Tooltip lines of numbers: each a column (in its measure's format) or a (column, d3 format) pair."""
    pairs = [item if isinstance(item, tuple) else (item, None) for item in tooltips]
    return [tooltip(column, "quantitative", fmt) for column, fmt in pairs]


def month_x(field: str = s.MONTH, title: str | None = None) -> alt.X:
    """A month x axis ("Jan 2021"), a tick every three months."""
    return alt.X(
        field,
        type="temporal",
        timeUnit=MONTH_UNIT,
        title=title or s.label(field),
        axis=alt.Axis(format="%b %Y", labelAngle=0, tickCount={"interval": "month", "step": 3}),
    )


def legend_pick(field: str) -> alt.Parameter:
    """A selection bound to the legend: clicking an entry picks that series out."""
    return alt.selection_point(fields=[field], bind="legend")


def category_colours(field: str, values: Sequence[str]) -> list[str]:
    """One colour per category value in every chart: a value of a vocabulary (`schema.VOCABULARIES`) takes the
    theme colour of its place in the whole vocabulary, not among the values a chart shows, and unknown values are
    grey, so "Unknown / Data Quality" looks the same in every chart; other values take their place in `values`."""
    palette = images.palette()
    vocabulary = [str(v) for v in s.VOCABULARIES.get(field, ())]
    out = []
    for place, value in enumerate(map(str, values)):
        if value.startswith(s.STATUS_UNKNOWN):
            out.append(UNKNOWN_COLOUR)
        else:
            out.append(palette[(vocabulary.index(value) if value in vocabulary else place) % len(palette)])
    return out


def colour(field: str, order: Sequence[str] | None) -> alt.Color:
    """Colour by `field`, its categories in `order` (each value its one colour, `category_colours`), legend
    below."""
    scale = alt.Scale(domain=list(order), range=category_colours(field, order)) if order is not None else alt.Undefined
    return alt.Color(
        field,
        type="nominal",
        scale=scale,
        sort=list(order) if order is not None else alt.Undefined,
        title=s.label(field),
        legend=alt.Legend(orient="bottom", columns=3, labelLimit=LABEL_LIMIT),
    )


def covid_band(months: pd.Series) -> alt.Chart | None:
    """A shaded band over the Covid-19 period, clipped to the months shown; None when they do not overlap."""
    start = pd.Timestamp(s.COVID_START)
    end = pd.Timestamp(s.COVID_END)
    if months.empty or months.max() < start or months.min() > end:
        return None
    return _band(max(start, months.min()), min(end, months.max()))


@functools.lru_cache(maxsize=64)  # a band depends on two months only; building one took a tenth of a rerun
def _band(first: pd.Timestamp, last: pd.Timestamp) -> alt.LayerChart:
    band = pd.DataFrame({"start": [first], "end": [last], "label": [s.COVID_LABEL], "short": ["Covid-19"]})
    base = alt.Chart(band)
    rect = base.mark_rect(opacity=0.12, color="#768692").encode(
        x=alt.X("start", type="temporal", timeUnit=MONTH_UNIT),
        x2=alt.X2("end"),
        tooltip=[alt.Tooltip("label", type="nominal", title="Shaded")],
    )
    text = base.mark_text(align="left", baseline="top", dx=4, dy=4, color="#425563", fontSize=11).encode(
        x=alt.X("start", type="temporal", timeUnit=MONTH_UNIT), y=alt.value(0), text=alt.Text("short")
    )
    return rect + text


def with_band(chart: alt.Chart, months: pd.Series, covid: bool) -> alt.Chart | alt.LayerChart:
    """`chart` with the Covid band behind it (when `covid` and the months overlap the period)."""
    band = covid_band(months) if covid else None
    return alt.layer(band, chart) if band is not None else chart


def with_badge(chart, badge: str | None):
    """The chart with `badge` ("Synthetic sample") as the first line of its title, so a picture or an SVG of it
    carries the badge too; the chart itself when `badge` is None."""
    if not badge:
        return chart
    title = chart.title
    if isinstance(title, alt.TitleParams):
        lines = [title.text] if isinstance(title.text, str) else list(title.text)
        return chart.properties(
            title=alt.TitleParams(text=[f"[{badge}]", *lines], subtitle=title.subtitle, anchor="start")
        )
    text = title if isinstance(title, str) else ""
    return chart.properties(title=alt.TitleParams(text=[f"[{badge}]", text] if text else f"[{badge}]", anchor="start"))
