"""The key chart of each explorer page, built once for the page and for the briefing.

Each function takes the metric frame the chart draws (computed by the caller: the page through its
cached `view.compute`, the briefing directly) and returns a `KeyChart`: the one-line finding (which is
also the chart's title), the Altair chart and the frame behind it. A page and the briefing therefore
draw the same chart with the same title from the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from nhs_core import definitions as d
from nhs_core import schema as s
from nhs_core.analysis import mix
from nhs_core.present import charts
from nhs_core.present import headlines as h


@dataclass(frozen=True)
class KeyChart:
    """A chart whose title states its finding, and the table behind it."""

    finding: str
    chart: object  # an Altair chart (top level)
    table: pd.DataFrame


def appointments_per_month(monthly: pd.DataFrame, where: str, per: d.Measure = d.PER_DAY) -> KeyChart:
    """Engagement: appointments per month in `where` ("England", or the areas selected).

    `monthly` is `metrics.per_day(metrics.monthly_totals(frame))`.
    """
    finding = h.peak_month(monthly, f" in {where}", per)
    chart = charts.time_series(
        monthly, s.COUNT, finding, extra_tooltips=(s.PER_DAY,), subtitle=f"{where}: appointments per month"
    )
    return KeyChart(finding, chart, monthly)


def dna_by_lead_time(lead: pd.DataFrame) -> KeyChart:
    """Attendance: the DNA rate by booking lead time. `lead` is `metrics.dna_rate_by(frame, LEAD)`."""
    finding = h.lead_time_effect(lead)
    chart = charts.bar_chart(
        lead,
        s.LEAD,
        s.DNA_RATE,
        finding,
        order=s.VOCABULARIES[s.LEAD],
        value_format=".1~%",
        extra_tooltips=(s.DNA_COUNT,),
    )
    return KeyChart(finding, chart, lead)


def mix_over_time(over_time: pd.DataFrame, dim: str, paper: bool = False) -> KeyChart:
    """Services and workforce: each value's share of every month's appointments, as stacked areas.

    `over_time` is `mix.lump(mix.mix_over_time(frame, dim), dim)`. With `paper`, the subtitle leaves out
    the hint about clicking the legend.
    """
    finding = h.share_shift(over_time, dim)
    hint = "" if paper else "; click a legend entry to pick one out"
    chart = charts.time_series(
        over_time,
        s.SHARE,
        finding,
        color=dim,
        color_order=mix.display_order(over_time, dim),
        mark="area",
        normalize=True,
        extra_tooltips=(s.COUNT,),
        subtitle=f"Share of each month's appointments{hint}",
    )
    return KeyChart(finding, chart, over_time)


def duration_distribution(dist: pd.DataFrame) -> KeyChart:
    """Durations: attended appointments by actual duration. `dist` is `durations.duration_distribution(frame)`."""
    finding = h.duration_mode(dist)
    chart = charts.duration_bars(
        dist, finding, subtitle="Attended appointments by actual duration; unknown durations shown apart"
    )
    return KeyChart(finding, chart, dist)


def capacity(by_month: pd.DataFrame, planned: float, per: d.Measure = d.PER_DAY) -> KeyChart:
    """Capacity: appointments per day (on `per`'s basis) by month against the planned capacity.

    `by_month` is `seasonality.capacity_by_month(frame, planned, days)` on the same basis.
    """
    finding = h.capacity(by_month, planned, per)
    subtitle = f"{per.label}: {per.equation}" + ("; dashed line: planned capacity" if planned else "")
    chart = charts.capacity_chart(by_month, planned, finding, subtitle=subtitle, per=per)
    return KeyChart(finding, chart, by_month)


def top_hashtags(top: pd.DataFrame, counts: pd.DataFrame) -> KeyChart:
    """Social media: the most used hashtags. `top` is the head of `counts` (`tweets.hashtag_counts`)."""
    finding = h.top_hashtag(counts)
    chart = charts.bar_chart(top, s.HASHTAG, s.HASHTAG_COUNT, finding, value_format="d")
    return KeyChart(finding, chart, top)
