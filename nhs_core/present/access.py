"""What the access section shows: its KPI row, the headline of its chart and the chart's long table.

Values, labels and help come from the access measures' records (`definitions.SAME_DAY` ... `MEAN_WAIT`).
"""

from __future__ import annotations

import pandas as pd

from nhs_core import definitions as d
from nhs_core import schema as s
from nhs_core.analysis.access import ACCESS

SHARES = ACCESS[:-1]  # the five shares; the mean wait is in days


def kpis(overall: pd.DataFrame) -> list[dict]:
    """KPI items (st.metric arguments) from `access_measures(frame)`: each share, the mean wait, the unknown."""
    row = overall.iloc[0]
    items = [
        {"label": m.label, "value": m.show(row[m.columns[0]]), "help": m.help}
        for m in (d.SAME_DAY, d.WITHIN_7, d.OVER_28, d.MEAN_WAIT)
    ]
    items.append(
        {
            "label": d.UNKNOWN_LEAD.label,
            "value": d.UNKNOWN_LEAD.show(row[s.UNKNOWN_LEAD_SHARE]),
            "help": d.UNKNOWN_LEAD.help + " The other figures leave these out.",
        }
    )
    return items


def summary_table(overall: pd.DataFrame) -> pd.DataFrame:
    """`access_measures(frame)` as one row per measure: its label, value as written and what it is a share of
    (the briefing's access table; the unknown lead time, which the others leave out, last)."""
    row = overall.iloc[0]
    measures = (*ACCESS, d.UNKNOWN_LEAD)
    return pd.DataFrame(
        {
            "Measure": [m.label for m in measures],
            "Value": [m.show(row[m.columns[0]]) for m in measures],
            "Basis": [m.basis.text if m.basis is not None else "" for m in measures],
        }
    )


def shares_long(by_month: pd.DataFrame) -> pd.DataFrame:
    """`access_measures(frame, [month])` as month, series (the measure's label), share: one line per share."""
    columns = {m.columns[0]: m.label for m in SHARES}
    long = by_month.melt(id_vars=[s.MONTH], value_vars=list(columns), var_name=s.SERIES, value_name=s.SHARE)
    long[s.SERIES] = pd.Categorical(long[s.SERIES].map(columns), categories=list(columns.values()))
    return long.sort_values([s.SERIES, s.MONTH], ignore_index=True)


def headline(by_month: pd.DataFrame) -> str:
    """The chart's title: the latest same-day share, against the same month a year earlier when the data has it."""
    known = by_month.dropna(subset=[s.SAME_DAY_SHARE])
    if known.empty:
        return "How soon after booking appointments happen"
    last = known.iloc[-1]
    text = f"{d.SAME_DAY.show(last[s.SAME_DAY_SHARE])} of appointments in {last[s.MONTH]:%b %Y} were on the day booked"
    change = same_day_change(by_month)
    return text + (f", against {d.SAME_DAY.show(change[2])} a year earlier" if change else "")


def same_day_change(by_month: pd.DataFrame) -> tuple[pd.Timestamp, float, float] | None:
    """(latest month, its same-day share, the same month a year earlier's), or None without a year earlier."""
    known = by_month.dropna(subset=[s.SAME_DAY_SHARE])
    if known.empty:
        return None
    last = known.iloc[-1]
    earlier = known[known[s.MONTH] == last[s.MONTH] - pd.DateOffset(years=1)]
    if earlier.empty:
        return None
    return last[s.MONTH], float(last[s.SAME_DAY_SHARE]), float(earlier[s.SAME_DAY_SHARE].iloc[0])
