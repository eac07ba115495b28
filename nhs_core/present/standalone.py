"""What an export says about itself, so a picture pasted on a slide or a table opened in Excel stands alone.

A `Label` holds the selection in words (area, period, other filters), the selection part of file names and the
source line. A picture gets the chart's title (its finding), a subtitle with the selection and the basis of its
figures, and the source as a footer (`labelled`); its table downloads under the same file name.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import altair as alt
import pandas as pd

from nhs_core import definitions as d
from nhs_core import schema as s
from nhs_core.analysis import filter_registry as registry
from nhs_core.analysis import filters as flt

PUBLICATION = "NHS England, Appointments in General Practice"
TWEETS = "the tweets extract of the LSE course data"
_LINE = 110  # characters of a subtitle line at print width
_TITLE = 75  # characters of a bold title line at print width
_MANY_AREAS = 3  # areas named in full before "and N more"
_GREY = "#4C6272"
MONTHS_SPANNED = "months_spanned"  # a computed table's attrs: the first and last month of the rows behind it


@dataclass(frozen=True)
class Label:
    """What every export of one selection says: `stem` (the selection in file names), `selection` (in words)
    `source` (the footer: where the figures come from) and `days`, the per-day basis chosen ("working",
    "calendar", "30"; None: the default) and `period`, the first and last month shown."""

    stem: str = ""
    selection: str = ""
    source: str = ""
    days: str | None = None
    period: tuple[pd.Timestamp | None, pd.Timestamp | None] = (None, None)


def source_line(
    is_sample: bool, uploaded: str | None = None, sample_tables: Sequence[str] = (), publication: str = PUBLICATION
) -> str:
    """The footer: "Source: NHS England, Appointments in General Practice, uploaded 2 Dec 2026"; for the
    synthetic sample it says the numbers are not real, and a mix of the two says which tables are sample."""
    if is_sample:
        return f"Source: synthetic sample bundled with the app, modelled on {publication}; not real figures"
    when = f", uploaded {pd.Timestamp(uploaded):%-d %b %Y}" if uploaded else ""
    mixed = f"; {', '.join(sample_tables)} from the synthetic sample (not real)" if sample_tables else ""
    return f"Source: {publication}{when}{mixed}"


def _areas(filters: flt.Filters, names: dict[str, str]) -> str:
    chosen = filters.values()
    codes = [chosen[area.name] for area in registry.areas() if area.name in chosen]
    if not codes:
        return "England"
    named = [names.get(code, code) for code in codes[-1]]
    if len(named) > _MANY_AREAS:
        return f"{', '.join(named[:_MANY_AREAS])} and {len(named) - _MANY_AREAS} more"
    return ", ".join(named)


def selection_words(
    filters: flt.Filters, names: dict[str, str] | None = None, months: Sequence[pd.Timestamp] = ()
) -> str:
    """The selection as a subtitle: "NHS Kent and Medway Integrated Care Board · Jan 2021 to Dec 2021 · Appointment
    mode: Telephone" (England and the months loaded when the selection does not narrow them)."""
    names = names or {}
    start, end = period_of(filters, months)
    parts = [_areas(filters, names)]
    if start is not None and end is not None:
        parts.append(f"{start:%b %Y}" if start == end else f"{start:%b %Y} to {end:%b %Y}")
    areas = {area.name for area in registry.areas()}
    for name, allowed in filters.values().items():
        if name not in areas:
            parts.append(f"{registry.get(name).label}: {', '.join(allowed)}")
    return " · ".join(parts)


def basis_words(columns: Iterable[str], days: str | None = None) -> str:
    """What the chart's figures are divided by, from the measures of its table's columns (`definitions`), per-day
    figures on the basis `days` chosen: "Basis: DNA rate over appointments with a known outcome"; "" when no
    column is a measure."""
    measures = [d.per_day_of(days) if m is d.PER_DAY else m for c in columns if (m := d.of_column(str(c)))]
    measures = list(dict.fromkeys(measures))
    based = [f"{m.label} over {m.basis.text}" for m in measures if m.basis is not None]
    if based:
        return "Basis: " + "; ".join([based[0], *(b[0].lower() + b[1:] for b in based[1:])])
    return f"Figures are {measures[0].label.lower()}" if measures else ""


def months_words(frame: pd.DataFrame, period: tuple[pd.Timestamp | None, pd.Timestamp | None]) -> str:
    """Says "Months in this chart: Aug 2021 to Jun 2022" when a chart's table spans other months than the
    selection's `period` (a table that starts later, or a comparison with a year earlier); "" when they agree or
    it has none. A table with no month column (a distribution over the period) is read for the span of the rows
    it was computed from, which `View.compute` keeps in `frame.attrs[MONTHS_SPANNED]`."""
    if s.MONTH in frame.columns and frame[s.MONTH].notna().any():
        first, last = pd.Timestamp(frame[s.MONTH].min()), pd.Timestamp(frame[s.MONTH].max())
    elif frame.attrs.get(MONTHS_SPANNED):
        first, last = map(pd.Timestamp, frame.attrs[MONTHS_SPANNED])
    else:
        return ""
    if (first, last) == tuple(period):
        return ""
    return f"Months in this chart: {first:%b %Y}" + ("" if first == last else f" to {last:%b %Y}")


def about_table(frame: pd.DataFrame, label: Label) -> str:
    """What a chart's picture or sheet says under the selection: the months its table spans where they differ
    from the selection's, then the basis of its figures."""
    return ". ".join(
        part for part in (months_words(frame, label.period), basis_words(frame.columns, label.days)) if part
    )


def _lines(text: str, width: int = _LINE) -> list[str]:
    lines: list[str] = []
    for word in text.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def title_text(chart) -> list[str]:
    title = getattr(chart, "title", alt.Undefined)
    text = getattr(title, "text", title)
    if text is alt.Undefined or not text:
        return []
    return [text] if isinstance(text, str) else list(text)


def labelled(chart, label: Label, basis: str = ""):
    """`chart` as a picture that stands alone: its title, a subtitle with the selection and `basis`, and the
    source as a footer. The chart's own subtitle (a hint about clicking) is left out: a picture cannot be clicked.
    The page's chart is not changed."""
    bare = chart.copy(deep=False)
    for top_level_only in ("autosize", "padding", "background"):  # Vega-Lite allows them on the whole picture only
        setattr(bare, top_level_only, alt.Undefined)
    bare.title = alt.TitleParams(
        text=label.source or " ", orient="bottom", anchor="start", fontSize=10, fontWeight="normal", color=_GREY
    )
    subtitle = [line for part in (label.selection, basis) if part for line in _lines(part)]
    legends_inside = dict.fromkeys(("color", "fill", "opacity", "shape", "size", "stroke", "strokeDash"), "independent")
    return (
        alt.vconcat(bare)
        .resolve_legend(**legends_inside)  # a legend is drawn with its chart, so the source stays the last line
        .properties(
            title=alt.TitleParams(
                text=_lines(" ".join(title_text(chart)), _TITLE) or " ",
                subtitle=subtitle or alt.Undefined,
                anchor="start",
                subtitleColor=_GREY,
                subtitlePadding=6,
            )
        )
    )


def period_of(filters: flt.Filters, months: Sequence[pd.Timestamp] = ()) -> tuple[pd.Timestamp | None, ...]:
    """The first and last month a selection shows: its own, else the months loaded (None when unknown)."""
    start = filters.start if filters.start is not None else (min(months) if len(months) else None)
    end = filters.end if filters.end is not None else (max(months) if len(months) else None)
    return start, end
