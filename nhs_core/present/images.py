"""Charts as pictures without a browser, and the file names of downloads.

vl-convert renders Vega-Lite to SVG or PNG in-process (no browser, nothing fetched). The same styling is
used for the briefing and for the PNG and SVG downloads under every chart: a fixed width for an A4 page,
the app's categorical colours (read from `.streamlit/config.toml`, where the app's look is defined),
and a plain sans-serif font that every computer has.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import altair as alt
import pandas as pd

from nhs_core.analysis import filters as flt
from nhs_core.present.standalone import Label, labelled

PRINT_WIDTH = 680  # pixels: the text width of an A4 page with 14 mm margins, at 96 pixels an inch
FONT = "Arial, Helvetica, sans-serif"
_THEME_FILE = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"
# Used when the app's config cannot be read (the NHS identity colours, in the config's order).
_FALLBACK_COLOURS = ("#005EB8", "#ED8B00", "#00A499", "#330072", "#FFB81C", "#AE2573", "#003087", "#425563")
_STEM_PART = 40  # characters of an area name kept in a file name


@lru_cache(maxsize=1)
def _theme() -> dict:
    try:
        theme = tomllib.loads(_THEME_FILE.read_text(encoding="utf-8")).get("theme", {})
    except (OSError, tomllib.TOMLDecodeError):
        theme = {}
    return theme if isinstance(theme, dict) else {}


def palette() -> tuple[str, ...]:
    """The categorical colours of the app's theme (`chartCategoricalColors`), so pictures match the pages."""
    colours = _theme().get("chartCategoricalColors")
    return tuple(colours) if isinstance(colours, list) and colours else _FALLBACK_COLOURS


def _untitled(chart):
    """`chart` with its title left out (the briefing prints the finding above it); a subtitle stays, as a caption."""
    title = getattr(chart, "title", alt.Undefined)
    subtitle = getattr(title, "subtitle", alt.Undefined)
    if subtitle is alt.Undefined or not subtitle:
        bare = chart.copy(deep=False)
        bare.title = alt.Undefined
        return bare
    return chart.properties(
        title=alt.TitleParams(text=subtitle, anchor="start", fontSize=12, fontWeight="normal", color="#4C6272")
    )


def for_print(chart, width: int = PRINT_WIDTH, titled: bool = True, label: Label | None = None, basis: str = ""):
    """`chart` at a fixed width with the app's colours and a common font: what the pictures show.

    With `titled=False` the title (the finding) is left out and its subtitle kept. With a `label` the picture
    stands alone: a subtitle with the selection and `basis`, and the source as a footer (`standalone.labelled`).
    The page's chart is not changed (Altair returns a new chart).
    """
    chart = (chart if titled else _untitled(chart)).properties(width=width)
    if label is not None:
        chart = labelled(chart, label, basis)
    return (
        chart.configure(font=FONT, background="white")
        .configure_mark(color=_theme().get("primaryColor", _FALLBACK_COLOURS[0]))
        .configure_range(category=list(palette()), heatmap={"scheme": "blues"})
        .configure_title(fontSize=15, subtitleFontSize=12, subtitleColor="#4C6272")
        .configure_axis(labelFontSize=11, titleFontSize=12)
        .configure_legend(labelFontSize=11, titleFontSize=12)
    )


def chart_svg(chart, width: int = PRINT_WIDTH, titled: bool = True, label: Label | None = None, basis: str = "") -> str:
    """The chart as SVG text (see `for_print`), rendered without a browser."""
    import vl_convert as vlc

    return vlc.vegalite_to_svg(for_print(chart, width, titled, label, basis).to_json())


def chart_png(
    chart, width: int = PRINT_WIDTH, scale: float = 2.0, label: Label | None = None, basis: str = ""
) -> bytes:
    """The chart as PNG bytes (see `for_print`; `scale` 2 keeps it sharp on paper and slides)."""
    import vl_convert as vlc

    return vlc.vegalite_to_png(for_print(chart, width, label=label, basis=basis).to_json(), scale=scale)


@dataclass(frozen=True)
class ImageFormat:
    """A picture format every chart downloads as: button label, file extension, MIME type and renderer
    (chart, label=, basis= -> bytes or text). The download buttons under each chart are made from `IMAGE_FORMATS`."""

    label: str
    extension: str
    mime: str
    render: Callable[[object], bytes | str]


IMAGE_FORMATS = (
    ImageFormat("PNG", "png", "image/png", chart_png),
    ImageFormat("SVG", "svg", "image/svg+xml", chart_svg),
)


def file_stem(*parts: str, limit: int = 100) -> str:
    """A safe file name (without extension) from words: lower case, letters and digits joined by "-".

    >>> file_stem("DNA rate by lead time", "Kent & Medway ICB", "2021-01", "2021-12")
    'dna-rate-by-lead-time-kent-medway-icb-2021-01-2021-12'
    """
    text = "-".join(p for p in parts if p)
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:limit].strip("-") or "chart"


def short_area(name: str) -> str:
    """An official area name without the words every one of them has, as chart axes show it:
    "NHS Kent and Medway Integrated Care Board" -> "Kent and Medway ICB"."""
    return name.replace(" Integrated Care Board", " ICB").replace("NHS ", "")


def selection_stem(
    filters: flt.Filters, names: dict[str, str] | None = None, months: Sequence[pd.Timestamp] = ()
) -> str:
    """The selection in a file name: its areas (or "england") and its first and last month.

    `months` are the months loaded (the period when the selection does not narrow it); the area part is
    cut to a few words so the months always fit.
    """
    area = file_stem(short_area(flt.describe_areas(filters, names)), limit=_STEM_PART)
    start = filters.start if filters.start is not None else (min(months) if len(months) else None)
    end = filters.end if filters.end is not None else (max(months) if len(months) else None)
    period = [f"{m:%Y-%m}" for m in (start, end) if m is not None]
    return file_stem(area, *period)
