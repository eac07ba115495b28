"""The Data quality page's charts, each titled with what it shows about the loaded data, and its KPI row.

Each function takes a frame of `analysis.quality` or `analysis.reconcile` and returns a `KeyChart` (the finding,
which is also the chart's title, the chart and its table), like the explorer pages' key charts.
"""

from __future__ import annotations

import pandas as pd

from nhs_core import definitions as d
from nhs_core import schema as s
from nhs_core import units
from nhs_core.analysis.quality import DIMENSION, TABLE, gaps
from nhs_core.analysis.reconcile import Outcome, run_checks
from nhs_core.present import charts
from nhs_core.present import headlines as h
from nhs_core.present.finding import DATA_QUALITY, Finding
from nhs_core.present.keycharts import KeyChart


def unknown_over_time(shares: pd.DataFrame, table: str) -> KeyChart:
    """One table's unknown share by month, one line per breakdown (`shares` is `quality.unknown_shares`)."""
    frame = shares[shares[TABLE] == table].drop(columns=TABLE)
    latest = frame[frame[s.MONTH] == frame[s.MONTH].max()]
    worst = latest.loc[latest[s.UNKNOWN_VALUE_SHARE].idxmax()]
    finding = (
        f"In {h.month(worst[s.MONTH])}, {d.UNKNOWN_VALUE.show(worst[s.UNKNOWN_VALUE_SHARE])} of these "
        f"appointments had an unknown {h.lower_first(worst[DIMENSION])}, the most of any breakdown"
    )
    subtitle = f"{table}: share of each month's appointments with an unknown value, by breakdown"
    chart = charts.time_series(
        frame,
        s.UNKNOWN_VALUE_SHARE,
        finding,
        color=DIMENSION,
        y_format=".0%",
        extra_tooltips=(s.UNKNOWN_COUNT, s.COUNT),
        subtitle=subtitle + _overlapping(frame),
        covid=False,
    )
    return KeyChart(finding, chart, frame)


def _overlapping(frame: pd.DataFrame) -> str:
    """Names breakdowns whose unknown share is the same every month: their lines are drawn one over the other
    (national category and context type share "Inconsistent Mapping" and "Unmapped" in the release)."""
    by_dimension = frame.pivot_table(index=s.MONTH, columns=DIMENSION, values=s.UNKNOWN_VALUE_SHARE).round(6)
    groups: dict[tuple, list[str]] = {}
    for dimension in by_dimension.columns:
        groups.setdefault(tuple(by_dimension[dimension].fillna(-1)), []).append(dimension)
    return "".join(
        f"; {units.joined([names[0], *map(h.lower_first, names[1:])])} are the same every month, so one line "
        "hides the other"
        for names in groups.values()
        if len(names) > 1
    )


def mapping_over_time(mapping: pd.DataFrame) -> KeyChart:
    """National categories still "Inconsistent Mapping" or "Unmapped", as shares of each month."""
    by_month = mapping.groupby(s.MONTH)[s.SHARE].sum()
    first, last = by_month.index.min(), by_month.index.max()
    finding = (
        f"{d.SHARE.show(by_month[last])} of national-category appointments were not mapped to a category in "
        f"{h.month(last)}" + ("" if first == last else f", against {d.SHARE.show(by_month[first])} in {h.month(first)}")
    )
    chart = charts.time_series(
        mapping,
        s.SHARE,
        finding,
        color=s.CATEGORY,
        mark="area",
        y_format=".0%",
        extra_tooltips=(s.COUNT,),
        subtitle="Share of each month's national-category appointments",
        covid=False,
    )
    return KeyChart(finding, chart, mapping)


def coverage_over_time(cover: pd.DataFrame) -> KeyChart:
    """England's practices included against open, by month (`cover` is `quality.coverage`)."""
    last = cover.loc[cover[s.MONTH].idxmax()]
    finding = (
        f"In {h.month(last[s.MONTH])}, {d.COVERAGE.show(last[s.PRACTICE_SHARE])} of open practices were included, "
        f"covering {d.COVERAGE.show(last[s.PATIENT_SHARE])} of registered patients"
    )
    chart = charts.time_series(
        cover,
        s.PRACTICE_SHARE,
        finding,
        y_format=".1%",
        extra_tooltips=(s.INCLUDED_PRACTICES, s.OPEN_PRACTICES, s.PATIENT_SHARE),
        subtitle="Practices whose appointments are included / practices open, every area of the coverage file",
        covid=False,
        zero=False,
    )
    return KeyChart(finding, chart, cover)


def reconciliation(outcome: Outcome) -> KeyChart:
    """A check's monthly difference between its two tables, as bars; no chart (None) when they agree exactly,
    as a chart of zeros says nothing the sentence does not."""
    if outcome.exact or outcome.months.empty:
        return KeyChart(outcome.text, None, outcome.months)
    chart = charts.time_series(
        outcome.months,
        s.DIFFERENCE_SHARE,
        outcome.text,
        mark="bar",
        y_format=".1%",
        extra_tooltips=(s.FIRST_TOTAL, s.SECOND_TOTAL, s.DIFFERENCE),
        subtitle=f"{outcome.check.name}: difference as a share of the first table, by month",
        covid=False,
    )
    return KeyChart(outcome.text, chart, outcome.months)


def kpis(summary: pd.DataFrame, gaps: pd.DataFrame, outcomes: list[Outcome]) -> list[dict]:
    """The KPI row: the largest unknown share, months missing, and checks that disagree."""
    items = []
    if len(summary):
        top = summary.iloc[0]
        items.append(
            {
                "label": "Largest unknown share",
                "value": d.UNKNOWN_VALUE.show(top[s.UNKNOWN_VALUE_SHARE]),
                "help": f"{top[DIMENSION]} in the {top[TABLE].lower()} table, over every month. "
                + d.UNKNOWN_VALUE.help_for(dimension=h.lower_first(top[DIMENSION])),
            }
        )
    missing = int(gaps[s.MISSING_MONTHS].sum()) if len(gaps) else 0
    items.append({"label": "Months missing inside a table's period", "value": f"{missing:,}"})
    holes = int(gaps[s.MISSING_AREA_MONTHS].fillna(0).sum()) if len(gaps) else 0
    items.append({"label": "ICB-months missing", "value": f"{holes:,}", "help": "Among the ICBs each table has."})
    material = sum(o.material for o in outcomes)
    items.append(
        {
            "label": "Tables that disagree",
            "value": f"{material} of {len(outcomes)}",
            "help": d.RECONCILIATION_GAP.about.replace("**", ""),
        }
    )
    return items


def quality_findings(tables: dict[str, pd.DataFrame]) -> list[Finding]:
    """The findings that cite this page: material gaps between tables that should agree, and months missing
    inside a table's period."""
    out = [
        Finding(
            "Tables disagree",
            f"{o.text} See the Data quality page before comparing figures from these tables.",
            d.RECONCILIATION_GAP.show(o.largest[s.DIFFERENCE_SHARE]),
            DATA_QUALITY,
        )
        for o in run_checks(tables)
        if o.material
    ]
    for _, row in gaps(tables).query(f"{s.MISSING_MONTHS} > 0").iterrows():
        missing = units.counted(row[s.MISSING_MONTHS], "month")
        text = (
            f"The {row[TABLE].lower()} table has no rows for {missing} inside its period "
            f"({row[s.MISSING_MONTHS_TEXT]}): totals over the period and monthly charts leave them out."
        )
        out.append(Finding("Months missing", text, f"{row[s.MISSING_MONTHS]}", DATA_QUALITY))
    return out
