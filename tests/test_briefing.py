"""The stakeholder briefing (nhs_core.briefing, nhs_core.report): it builds from the bundled sample and from both
fixtures with every section, one image per key chart and the selection in words; it fetches nothing and runs no
script (tweets with <script> stay text); its figures follow the selection; empty or missing tables say so."""

from __future__ import annotations

import base64
import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from nhs_core import definitions as d
from nhs_core import ingest_paths
from nhs_core import schema as s
from nhs_core.analysis import filters as flt
from nhs_core.analysis import metrics
from nhs_core.briefing.build import build_briefing, selection
from nhs_core.briefing.html import Briefing, Section, render_html
from nhs_core.present import findings, keycharts
from nhs_core.present import headlines as h

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = {
    "bundled": ROOT / "data",
    "lse": ROOT / "tests" / "fixtures" / "lse",
    "official": ROOT / "tests" / "fixtures" / "official",
}
PAGES = (
    "Engagement",
    "Practices",
    "Attendance",
    "Services and workforce",
    "Durations",
    "Capacity and seasonality",
    "Social media",
)
FRIMLEY = "E54000034"
SVG_NAMESPACES = {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}


@pytest.fixture(scope="module")
def tables() -> dict[str, dict[str, pd.DataFrame]]:
    out = {}
    for name, folder in FOLDERS.items():
        if name == "bundled" and not (folder / "appointments_regional.csv").exists():
            continue
        result = ingest_paths([folder])
        assert result.report.ok, result.report.to_text()
        out[name] = result.tables
    return out


@pytest.fixture(scope="module")
def rendered(tables) -> dict[str, tuple[Briefing, str]]:
    """Each dataset's briefing for England and every month (rendering charts is the slow part: done once)."""
    return {name: (b := build_briefing(t, data_label=name), render_html(b)) for name, t in tables.items()}


def _svgs(html: str) -> list[str]:
    return [base64.b64decode(m).decode("utf-8") for m in re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', html)]


class _References(HTMLParser):
    """Collects every tag or attribute of a document that could run script or fetch something."""

    FETCHING = {"src", "href", "xlink:href", "action", "formaction", "srcset", "poster", "data", "background"}
    RUNNING = {"script", "link", "iframe", "frame", "object", "embed", "base", "applet", "foreignobject"}

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self._in_style = tag == "style"
        if tag in self.RUNNING:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            value = value or ""
            if name in self.FETCHING and not value.startswith(("data:image/svg+xml;base64,", "#")):
                self.found.append(f"{name}={value}")
            if name.startswith("on") or (name == "style" and re.search(r"url\(|@import", value, re.I)):
                self.found.append(f"{name}={value}")
            if name == "http-equiv" and value.lower() == "refresh":
                self.found.append("meta refresh")

    def handle_data(self, data):
        if self._in_style:
            self.found += re.findall(r"url\([^)]*\)|@import[^;]*", data, re.I)

    def handle_endtag(self, tag):
        self._in_style = False


def _outside_references(document: str) -> list[str]:
    """Everything in `document` that could fetch or run: script and frame tags, event handlers, and src, href,
    url() and @import that are not the document's own data: images or #anchors."""
    parser = _References()
    parser.feed(document)
    return parser.found


def _svg_urls(svg: str) -> list[str]:
    """Any http(s) address in an embedded SVG other than its XML namespace declarations (which are never fetched)."""
    return [u for u in re.findall(r"https?://[^\s\"'<>)]+", svg) if u not in SVG_NAMESPACES]


@pytest.mark.parametrize("name", list(FOLDERS))
def test_every_section_one_image_per_key_chart_and_nothing_fetched(name, rendered):
    if name not in rendered:
        pytest.skip("the bundled sample in data/ is not there")
    briefing, html = rendered[name]
    headings = re.findall(r"<h2>(.*?)</h2>", html)
    assert headings == [
        "Findings",
        "Recommendations",
        *(f"{i}. {p}" for i, p in enumerate(PAGES, 1)),
        "Definitions",
        "Data-quality notes",
    ]
    charted = [x for x in briefing.sections if x.chart is not None]
    assert len(_svgs(html)) == len(charted) == html.count("<img ")
    assert len(charted) == {"official": 5, "lse": 6}.get(name, 7)  # fixtures without tweets or practices
    assert "<dt>Selection</dt><dd>everything loaded</dd>" in html
    assert _outside_references(html) == []
    for svg in _svgs(html):
        assert svg.startswith("<svg") and "<text" in svg
        assert _outside_references(svg) == [] and _svg_urls(svg) == []
    assert 'http-equiv="Content-Security-Policy"' in html and "default-src 'none'" in html


def test_outside_reference_check_catches_what_it_should():
    for bad in (
        "<script>alert(1)</script>",
        '<img src="https://e.org/a.png">',
        "<style>@import 'x.css';</style>",
        '<div style="background:url(https://e.org/a)">',
        '<link rel="stylesheet" href="s.css">',
        '<a href="http://e.org">x</a>',
        '<p onclick="alert(1)">x</p>',
        "<style>p{background:url(x.png)}</style>",
    ):
        assert _outside_references(bad), bad
    assert _svg_urls('<svg xmlns="http://www.w3.org/2000/svg"><image href="https://e.org/a.png"/></svg>')
    text_only = '<p>see https://t.co/x &lt;img src=x&gt;</p><img src="data:image/svg+xml;base64,AA">'
    assert _outside_references(text_only) == []


def test_missing_table_says_so(rendered):
    briefing, html = rendered["official"]
    social = briefing.sections[-1]
    assert social.chart is None and "no tweets table" in social.message
    assert "The loaded data has no tweets table" in html


def test_a_tweet_with_script_is_shown_as_text(tables):
    evil = "<script>alert(1)</script> Book your jab #NHS <img src=x onerror=alert(2)>"
    tweets = pd.DataFrame(
        {s.TWEET_TEXT: [evil, "Quiet day #gp"], s.TWEET_RETWEETS: [900, 1], s.TWEET_FAVOURITES: [5, 0]}
    )
    html = render_html(build_briefing({**tables["lse"], s.TWEETS: tweets}))
    assert "<script" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Book your jab #NHS &lt;img src=x onerror=alert(2)&gt;" in html
    assert _outside_references(html) == []


def test_selection_in_words_file_name_and_figures_follow_it(tables):
    lse = tables["lse"]
    chosen = flt.Filters(start=pd.Timestamp("2021-12-01"), end=pd.Timestamp("2022-01-01"), icbs=(FRIMLEY,))
    briefing = build_briefing(lse, chosen, data_label="fixture")
    assert briefing.filters == "Dec 2021 to Jan 2022; ICB: NHS Frimley Integrated Care Board"
    assert briefing.title == "GP appointments briefing: NHS Frimley Integrated Care Board"
    assert briefing.period == "Dec 2021 to Jan 2022 (2 months)"
    assert briefing.file_name == "briefing-frimley-icb-2021-12-2022-01.html"
    # the DNA rate, counted here with plain pandas from the raw file
    raw = pd.read_csv(FOLDERS["lse"] / "appointments_regional.csv")
    raw = raw[(raw["icb_ons_code"] == FRIMLEY) & raw["appointment_month"].isin(["2021-12", "2022-01"])]
    by_status = raw.groupby("appointment_status")["count_of_appointments"].sum()
    kpis = {label: value for label, value, _ in briefing.kpis}
    rate = d.DNA_RATE.formula(by_status["Attended"], by_status["DNA"], by_status.get("Unknown", 0))
    assert kpis["DNA rate"] == d.DNA_RATE.show(rate)
    assert kpis["Appointments in the selection"] == h.number(raw["count_of_appointments"].sum())
    engagement = briefing.sections[0].table
    assert list(engagement[s.MONTH]) == [pd.Timestamp("2021-12-01"), pd.Timestamp("2022-01-01")]


def test_sections_share_the_pages_key_charts(tables):
    a = tables["lse"][s.APPOINTMENTS]
    briefing = build_briefing(tables["lse"])
    lead = keycharts.dna_by_lead_time(metrics.dna_rate_by(a, s.LEAD))
    attendance = briefing.sections[2]
    assert attendance.finding == lead.finding
    assert attendance.chart.to_dict() == lead.chart.to_dict()
    title = lead.chart.to_dict()["title"]["text"]
    assert (" ".join(title) if isinstance(title, list) else title) == lead.finding
    topics = [lead for lead, _ in briefing.findings]
    assert topics == [f"{f.topic}: {f.value}." for f in findings.findings(tables["lse"])]


def test_a_selection_leaving_a_table_empty_says_so(tables):
    november = flt.Filters(start=pd.Timestamp("2021-11-01"), end=pd.Timestamp("2021-11-01"))  # no durations yet
    briefing = build_briefing(tables["lse"], november)
    durations = briefing.sections[4]
    assert durations.chart is None and "Nothing in the actual durations table matches" in durations.message
    assert briefing.sections[0].chart is not None


def test_long_time_tables_keep_the_latest_months(rendered):
    if "bundled" not in rendered:
        pytest.skip("the bundled sample in data/ is not there")
    briefing, _ = rendered["bundled"]
    engagement = briefing.sections[0]
    assert len(engagement.table) == 12 and "latest 12 of 30 months" in engagement.table_note


def test_tables_text_and_notes_are_formatted_and_escaped():
    table = pd.DataFrame(
        {
            s.MONTH: [pd.Timestamp("2021-01-01")],
            s.COUNT: [1234567],
            s.SHARE: [0.1234],
            s.DNA_RATE: [0.04321],
            s.HCP: ['=HYPERLINK("x")'],
            s.ICB_NAME: ["A & <B>"],
        }
    )
    briefing = Briefing(
        "Title <i>",
        "data",
        "period",
        "ICB: A & B",
        sections=(Section("Page", "Finding <b>", None, table, message="msg"),),
        definitions=("**DNA rate** = `x` <y>",),
        findings=(("Lead:", "text <u>"),),
    )
    html = render_html(briefing)
    row = re.search(r"<tbody>(.*?)</tbody>", html).group(1)
    assert re.findall(r"<td[^>]*>(.*?)</td>", row) == [
        "Jan 2021",
        "1,234,567",
        "12.3%",
        "4.32%",
        "&#x27;=HYPERLINK(&quot;x&quot;)",
        "A &amp; &lt;B&gt;",
    ]
    assert "<th>Month</th>" in html and "<th class=num>Appointments</th>" in html
    assert "<b>DNA rate</b> = <code>x</code> &lt;y&gt;" in html and "**" not in html
    assert "<title>Title &lt;i&gt;</title>" in html and "Finding &lt;b&gt;" in html and "text &lt;u&gt;" in html


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"start": "2021-13"}, "--from needs a month written YYYY-MM"),
        ({"end": "Jan 2022"}, "--to needs a month written YYYY-MM"),
        ({"start": "2022-02", "end": "2021-12"}, "starts (Feb 2022) after it ends (Dec 2021)"),
        ({"start": "2023-01"}, "no months from Jan 2023: it covers Nov 2021 to Feb 2022"),
        ({"icbs": ["E54000035"]}, "is not in the data; did you mean "),
        ({"icbs": ["Frimly"]}, "did you mean E54000034 (NHS Frimley Integrated Care Board)?"),
        ({"icbs": ["Atlantis"]}, "give one of the 3 ICB codes in the data"),
    ],
)
def test_selection_refuses_bad_arguments_in_plain_english(tables, kwargs, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        selection(tables["lse"], **kwargs)


def test_selection_reads_codes_names_and_open_ended_periods(tables):
    chosen = selection(tables["lse"], ["frimley", "e54000013", "NHS Frimley Integrated Care Board"], start="2021-12")
    assert chosen.icbs == (FRIMLEY, "E54000013")
    assert (chosen.start, chosen.end) == (pd.Timestamp("2021-12-01"), pd.Timestamp("2022-02-01"))
    assert selection(tables["lse"]) == flt.Filters()


def test_the_attendance_section_gives_the_access_measures_computed_by_hand(tables, rendered):
    a = tables["lse"][s.APPOINTMENTS]
    by_lead = a.groupby(s.LEAD, observed=True)[s.COUNT].sum()
    known = by_lead.drop(s.UNKNOWN_DQ).sum()  # plain pandas: a share of appointments with a known lead time
    same_day, over_28 = by_lead["Same Day"] / known, by_lead["More than 28 Days"] / known
    caption, table = rendered["lse"][0].sections[2].more[0]
    assert caption.startswith("How soon after booking")
    values = dict(zip(table["Measure"], table["Value"]))
    assert values[d.SAME_DAY.label] == f"{same_day:.1%}" and values[d.OVER_28.label] == f"{over_28:.1%}"
    assert values[d.UNKNOWN_LEAD.label] == f"{by_lead[s.UNKNOWN_DQ] / by_lead.sum():.1%}"
    assert (
        dict(zip(table["Measure"], table["Basis"]))[d.SAME_DAY.label] == "appointments with a known booking lead time"
    )
    assert caption in rendered["lse"][1]
