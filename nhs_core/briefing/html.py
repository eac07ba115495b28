"""The briefing as one self-contained HTML document: opens offline, prints to A4, runs no script.

Charts are rendered without a browser (`nhs_core.images`) and embedded as SVG `data:` images: an SVG
shown through `<img>` can never run script. Every piece of text is HTML-escaped, and a Content Security
Policy forbids scripts and every fetch anyway. Nothing comes from outside the file: no script, style
sheet, font or image. `nhs_core.briefing.build_briefing` computes what it says; this module lays it out.
"""

from __future__ import annotations

import base64
import html
import numbers
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from nhs_core import definitions as d
from nhs_core import schema as s
from nhs_core.present import images
from nhs_core.present.export import neutralise
from nhs_core.units import DECIMAL, PERCENT

MAX_ROWS = 20  # a longer table is cut (and says so): the app and its CSV downloads hold every row
# No script may run and nothing may be fetched; images only from the document itself.
_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
_CSS = """
@page { size: A4; margin: 15mm 14mm 16mm;
  @bottom-left { content: "GP appointments briefing"; font: 8pt Arial, Helvetica, sans-serif; color: #4C6272; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt Arial, Helvetica, sans-serif;
                  color: #4C6272; } }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font: 10.5pt/1.45 Arial, Helvetica, sans-serif; color: #212B32; max-width: 182mm; margin: 0 auto;
       padding: 0 4mm; }
h1 { color: #005EB8; font-size: 21pt; line-height: 1.2; margin: 0 0 2mm; }
h2 { color: #003087; font-size: 15pt; border-bottom: 2px solid #005EB8; padding-bottom: 1mm; margin: 0 0 3mm;
     break-after: avoid; }
h3 { font-size: 11pt; margin: 4mm 0 1mm; break-after: avoid; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.5mm 3mm; margin: 2mm 0; font-size: 9.5pt; }
dl.meta dt { font-weight: bold; } dl.meta dd { margin: 0; color: #4C6272; }
.kpis { display: flex; gap: 2.5mm; margin: 4mm 0; }
.kpi { flex: 1 1 0; border-left: 4px solid #005EB8; background: #F0F4F5; padding: 1.5mm 2.5mm; break-inside: avoid; }
.kpi .label { font-size: 8pt; color: #4C6272; }
.kpi .value { font-size: 13pt; font-weight: bold; white-space: nowrap; }
.kpi .note { font-size: 7.5pt; color: #4C6272; }
ul { padding-left: 5mm; margin: 1mm 0 3mm; } li { margin-bottom: 1mm; break-inside: avoid; }
.front li { font-size: 10pt; line-height: 1.35; }
.contents { font-size: 9pt; color: #4C6272; margin: 0 0 3mm; } .contents a { color: #005EB8; text-decoration: none; }
section.page { break-before: page; }
section.page.empty { break-before: auto; margin-top: 8mm; }
.finding { font-size: 11.5pt; font-weight: bold; margin: 0 0 2mm; }
figure { margin: 0 0 2mm; break-inside: avoid; }
img.chart { display: block; max-width: 100%; max-height: 150mm; width: auto; height: auto; margin: 0 auto; }
.message { background: #F0F4F5; padding: 3mm; }
table { border-collapse: collapse; font-size: 8.5pt; margin: 1mm 0 2mm; width: 100%; }
caption { text-align: left; font-weight: bold; font-size: 9.5pt; padding-bottom: 1mm; }
th { background: #E8EDEE; text-align: left; }
th, td { border: 1px solid #D8DDE0; padding: 0.8mm 1.6mm; vertical-align: top; }
td.num, th.num { text-align: right; white-space: nowrap; }
tr { break-inside: avoid; }
.note { color: #4C6272; font-size: 8.5pt; }
"""


@dataclass(frozen=True)
class Section:
    """One page of the briefing: a page's key chart, its one-line finding, and the numbers behind it.

    `chart` is None when the data for it is not loaded or the selection leaves none; `message` says so.
    `more` holds further captioned tables (e.g. the most retweeted tweets).
    """

    title: str
    finding: str
    chart: object | None
    table: pd.DataFrame
    page: str = ""
    table_note: str = ""
    message: str = ""
    more: tuple[tuple[str, pd.DataFrame], ...] = ()


@dataclass(frozen=True)
class Briefing:
    """Everything the briefing says, already computed; `render_html` only lays it out.

    `findings` and `recommendations` are (lead, text) pairs: the lead is shown in bold. `definitions` and
    `notes` are the library's fixed texts and may use `**bold**` and `code` marks.
    """

    title: str
    data_label: str
    period: str
    filters: str
    file_name: str = "briefing.html"
    capacity: str = ""
    kpis: tuple[tuple[str, str, str], ...] = ()
    findings: tuple[tuple[str, str], ...] = ()
    recommendations: tuple[tuple[str, str], ...] = ()
    sections: tuple[Section, ...] = ()
    definitions: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    generated: str = ""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _marked(text: str) -> str:
    """Escaped text with the `**bold**` and `code` marks of the library's fixed texts turned into HTML."""
    escaped = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", _e(text))
    return re.sub(r"`(.+?)`", r"<code>\1</code>", escaped)


def _cell(column: str, value: object) -> tuple[str, bool]:
    """(text, is a number) for one table cell, formatted as the app's tables show it."""
    if isinstance(value, pd.Timestamp):
        return f"{value:%d %b %Y}" if column == s.DATE else f"{value:%b %Y}", False
    if isinstance(value, bool | np.bool_):
        return ("Yes" if value else "No"), False
    if not isinstance(value, str) and pd.isna(value):
        return "", False
    if isinstance(value, numbers.Number):
        number = float(value)
        measure = d.of_column(column)
        if measure is not None and measure.fmt.kind in (PERCENT, DECIMAL):  # a rate, share or mean, as tables show it
            return measure.fmt.detailed(number), True
        return f"{number:,.0f}" if number.is_integer() or abs(number) >= 100 else f"{number:,.2f}", True
    return str(value), False


def _table(frame: pd.DataFrame, caption: str = "", note: str = "") -> str:
    shown = neutralise(frame.head(MAX_ROWS))  # pasted into a spreadsheet, no cell runs as a formula
    if len(frame) > MAX_ROWS and not note:
        note = f"The first {MAX_ROWS} of {len(frame):,} rows."
    rows = [[_cell(str(c), v) for c, v in zip(shown.columns, values)] for values in shown.itertuples(index=False)]
    numeric = [bool(rows) and all(r[i][1] or not r[i][0] for r in rows) for i in range(len(shown.columns))]
    head = "".join(f"<th{' class=num' if n else ''}>{_e(s.label(str(c)))}</th>" for c, n in zip(shown.columns, numeric))
    body = "".join(
        "<tr>" + "".join(f"<td{' class=num' if n else ''}>{_e(text)}</td>" for text, n in row) + "</tr>" for row in rows
    )
    title = f"<caption>{_e(caption)}</caption>" if caption else ""
    tail = f'<p class="note">{_e(note)}</p>' if note else ""
    return f"<table>{title}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{tail}"


def _image(section: Section) -> str:
    data = base64.b64encode(images.chart_svg(section.chart, titled=False).encode("utf-8")).decode("ascii")
    return f'<figure><img class="chart" alt="{_e(section.finding)}" src="data:image/svg+xml;base64,{data}"></figure>'


def _anchor(number: int) -> str:
    return f"section-{number}"


def _section(number: int, section: Section) -> str:
    kind = "page" if section.chart is not None else "page empty"  # a section without a chart needs no page
    parts = [
        f'<section class="{kind}" id="{_anchor(number)}"><h2>{number}. {_e(section.title)}</h2>',
        f'<p class="finding">{_e(section.finding)}</p>',
    ]
    if section.message:
        parts.append(f'<p class="message">{_e(section.message)}</p>')
    if section.chart is not None:
        parts.append(_image(section))
    if len(section.table.columns) and len(section.table):
        parts.append(_table(section.table, "The numbers behind the chart", section.table_note))
    parts += [_table(frame, caption) for caption, frame in section.more if len(frame)]
    if section.page:
        parts.append(f'<p class="note">In the app: the {_e(section.page)} page, with every chart and table.</p>')
    return "".join(parts) + "</section>"


def _pairs(items: tuple[tuple[str, str], ...]) -> str:
    if not items:
        return "<p>Nothing to report for this selection.</p>"
    return "<ul>" + "".join(f"<li><b>{_e(lead)}</b> {_e(text)}</li>" for lead, text in items) + "</ul>"


def _kpis(items: tuple[tuple[str, str, str], ...]) -> str:
    boxes = "".join(
        f'<div class="kpi"><div class="label">{_e(label)}</div><div class="value">{_e(value)}</div>'
        + (f'<div class="note">{_e(note)}</div>' if note else "")
        + "</div>"
        for label, value, note in items
    )
    return f'<div class="kpis">{boxes}</div>' if boxes else ""


def _front(b: Briefing) -> list[str]:
    meta = [
        ("Data", b.data_label),
        ("Period", b.period),
        ("Selection", b.filters),
        ("Planned capacity", b.capacity),
        ("Produced", b.generated),
    ]
    titles = [*(x.title for x in b.sections), "Definitions and data-quality notes"]
    contents = " · ".join(f'<a href="#{_anchor(i)}">{i}. {_e(x)}</a>' for i, x in enumerate(titles, 1))
    return [
        '<div class="front">',
        f"<h1>{_e(b.title)}</h1>",
        '<dl class="meta">' + "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in meta if v) + "</dl>",
        f'<p class="contents">In this briefing: {contents}</p>',
        _kpis(b.kpis),
        "<h2>Findings</h2>",
        _pairs(b.findings),
        "<h2>Recommendations</h2>",
        _pairs(b.recommendations),
        "</div>",
    ]


def render_html(briefing: Briefing) -> str:
    """The whole briefing as one HTML document with no external reference and no script.

    Parameters
    ----------
    briefing : Briefing
        What to say (see `nhs_core.briefing.build_briefing`).

    Returns
    -------
    str
        A complete HTML document; charts are embedded SVG images (rendering them takes most of the time).
    """
    end = len(briefing.sections) + 1
    body = [
        *_front(briefing),
        *(_section(i, x) for i, x in enumerate(briefing.sections, 1)),
        f'<section class="page" id="{_anchor(end)}"><h2>Definitions</h2><ul>',
        *(f"<li>{_marked(text)}</li>" for text in briefing.definitions),
        "</ul><h2>Data-quality notes</h2><ul>",
        *(f"<li>{_marked(n)}</li>" for n in briefing.notes),
        "</ul></section>",
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(briefing.title)}</title><style>{_CSS}</style></head>"
        f"<body>{''.join(body)}</body></html>\n"
    )
