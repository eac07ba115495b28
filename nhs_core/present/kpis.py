"""The KPI row of each page: `st.metric` keyword arguments (label, value, delta, help) from metric frames.

Pure: the pages hand these dicts to `ui.kpis`. Deltas compare with the same month a year earlier
where the data has it (so seasons cancel out); otherwise there is no delta rather than a misleading one.
"""

from __future__ import annotations

import pandas as pd

from nhs_core import schema as s
from nhs_core.analysis.metrics import latest_change
from nhs_core.present import headlines as h


def _kpi(label: str, value: str, help: str, delta: str | None = None, inverse: bool = False) -> dict:
    out = {"label": label, "value": value, "help": help}
    if delta is not None:
        out["delta"] = delta
        out["delta_color"] = "inverse" if inverse else "normal"
    return out


def _share_of(frame: pd.DataFrame, column: str, value: str) -> pd.DataFrame:
    """Monthly share of one value of `column` from a mix-over-time frame (month, column, share)."""
    part = frame[frame[column] == value][[s.MONTH, s.SHARE]]
    return part.reset_index(drop=True)


def _points(change: float | None, what: str = "on a year earlier") -> str | None:
    return None if change is None else f"{change * 100:+.1f} points {what}"


def engagement(monthly: pd.DataFrame, national: pd.DataFrame | None = None) -> list[dict]:
    """Total, the latest month with its change on a year earlier, per day, and (given the national
    monthly totals for the same months and filters) the selection's share of England."""
    total = float(monthly[s.COUNT].sum())
    national_total = float(national[s.COUNT].sum()) if national is not None else None
    latest, per_day = latest_change(monthly), latest_change(monthly, s.PER_DAY)
    pct = latest["pct_change"]
    items = [
        _kpi(
            "Appointments in the selection",
            h.number(total),
            f"Sum of count_of_appointments over the selected months and areas ({len(monthly)} months).",
        ),
        _kpi(
            f"Appointments in {h.month(latest['month'])}",
            h.number(latest["value"]),
            "The latest month shown.",
            None if pct is None else f"{pct:+.1%} on a year earlier",
        ),
        _kpi(
            "Per day in that month",
            h.number(per_day["value"]),
            "Monthly total / calendar days in the month.",
            None if per_day["pct_change"] is None else f"{per_day['pct_change']:+.1%} on a year earlier",
        ),
    ]
    if national_total:
        items.append(
            _kpi(
                "Share of England",
                h.percent(total / national_total),
                "The selection's appointments / all appointments in England for the same months and filters.",
            )
        )
    return items


def attendance(status: pd.DataFrame, monthly_dna: pd.DataFrame, overall_rate: float) -> list[dict]:
    """Overall DNA rate, the latest month's rate against a year earlier, missed appointments, unknown share."""
    shares = dict(zip(status[s.STATUS].astype(str), status[s.SHARE]))
    counts = dict(zip(status[s.STATUS].astype(str), status[s.COUNT]))
    latest = latest_change(monthly_dna, s.DNA_RATE)
    return [
        _kpi(
            "DNA rate",
            h.percent(overall_rate, 2),
            "Did not attend (DNA) / (Attended + DNA); unknown status is left out.",
        ),
        _kpi(
            f"DNA rate in {h.month(latest['month'])}",
            h.percent(latest["value"], 2),
            "The latest month shown.",
            _points(latest["change"]),
            inverse=True,
        ),
        _kpi("Missed (DNA) appointments", h.number(counts.get(s.STATUS_DNA, 0)), "Appointments with status DNA."),
        _kpi(
            "Unknown status",
            h.percent(shares.get(s.STATUS_UNKNOWN, float("nan"))),
            "Share of all appointments "
            "whose outcome was not recorded; shown separately, never folded into the DNA rate.",
        ),
    ]


def services(modes: pd.DataFrame, hcps: pd.DataFrame) -> list[dict]:
    """Face-to-face and telephone shares in the latest month (against a year earlier) and the GP share.

    `modes` is `mix_over_time(frame, MODE)`; `hcps` is `mix.shares(frame, HCP)`.
    """
    gp = hcps[hcps[s.HCP] == s.VOCABULARIES[s.HCP][0]][s.SHARE]
    hcp_share = float(gp.iloc[0]) if len(gp) else float("nan")
    items = []
    for mode in s.VOCABULARIES[s.MODE][:3:2]:  # Face-to-Face, Telephone
        latest = latest_change(_share_of(modes, s.MODE, mode), s.SHARE)
        if latest["month"] is not None:
            items.append(
                _kpi(
                    f"{mode} share, {h.month(latest['month'])}",
                    h.percent(latest["value"]),
                    f"{mode} appointments / all appointments in the month.",
                    _points(latest["change"]),
                )
            )
    items.append(
        _kpi(
            "GP share of appointments",
            h.percent(hcp_share),
            "Appointments with a GP / all appointments "
            "in the selection (other practice staff and unknown make up the rest).",
        )
    )
    return items


def durations(dist: pd.DataFrame, by_month: pd.DataFrame, mean: float) -> list[dict]:
    """Appointments with a duration, the estimated mean (latest month against the month before), unknown share."""
    known = dist[dist[s.KNOWN]]
    top = known.loc[known[s.COUNT].idxmax()] if known[s.COUNT].sum() else None
    ordered = by_month.sort_values(s.MONTH)
    delta = None
    if len(ordered) >= 2:
        change = ordered[s.MEAN_MINUTES].iloc[-1] - ordered[s.MEAN_MINUTES].iloc[-2]
        delta = f"{change:+.2f} min on the month before"
    return [
        _kpi(
            "Attended appointments",
            h.number(dist[s.COUNT].sum()),
            "All rows of the durations table (attended appointments only).",
        ),
        _kpi(
            "Estimated mean duration",
            f"{mean:.1f} min",
            "Bin midpoints, unknown durations left out; the change "
            f"is the latest month ({h.month(ordered[s.MONTH].iloc[-1])}) on the month before."
            if delta
            else "Bin midpoints, unknown durations left out.",
            delta,
        ),
        _kpi(
            "Commonest duration",
            "n/a" if top is None else str(top[s.DURATION]),
            "The bin with the most appointments among known durations.",
        ),
        _kpi(
            "Unknown duration",
            h.percent(dist.loc[~dist[s.KNOWN], s.SHARE].sum()),
            "Share recorded as Unknown / Data Quality: excluded from the mean.",
        ),
    ]


def capacity(by_month: pd.DataFrame, planned: float) -> list[dict]:
    """Busiest and quietest months per day, utilisation at the peak, months above capacity."""
    peak = by_month.loc[by_month[s.PER_DAY].idxmax()]
    trough = by_month.loc[by_month[s.PER_DAY].idxmin()]
    above = int(by_month[s.ABOVE_CAPACITY].sum())
    return [
        _kpi(
            f"Busiest month: {h.month(peak[s.MONTH])}",
            f"{h.number(peak[s.PER_DAY])} a day",
            "Highest appointments per calendar day.",
        ),
        _kpi(
            "Utilisation at the peak",
            h.percent(peak[s.UTILISATION], 0),
            f"Appointments per day / planned capacity of {planned:,.0f}.",
        ),
        _kpi(
            f"Quietest month: {h.month(trough[s.MONTH])}",
            f"{h.number(trough[s.PER_DAY])} a day",
            "Lowest appointments per calendar day.",
        ),
        _kpi(
            "Months above capacity",
            f"{above} of {len(by_month)}",
            "Months whose appointments per day exceeded the planned capacity.",
        ),
    ]


def social(tweets: int, originals: int, counts: pd.DataFrame) -> list[dict]:
    """Tweets, original tweets, distinct hashtags and the most used one."""
    return [
        _kpi("Tweets", f"{tweets:,}", "Rows of the tweets table (records)."),
        _kpi("Without retweeted copies", f"{originals:,}", "Distinct texts once a leading 'RT @user:' is removed."),
        _kpi("Distinct hashtags", f"{len(counts):,}", "Case-folded: #NHS and #nhs count as one."),
        _kpi(
            "Most used hashtag",
            f"#{counts[s.HASHTAG].iloc[0]}" if len(counts) else "none",
            "Uses across the tweets shown.",
        ),
    ]


_FINDING_LABELS = {
    "Busiest month": "Busiest month, a day",
    "DNA rate": "DNA rate",
    "Capacity headroom": "Utilisation at the peak",
    "Top hashtags": "Top hashtag",
}


def findings(found: list) -> list[dict]:
    """The headline numbers of the busiest month, DNA rate, peak utilisation and top hashtag, where found
    (`found` is a `findings.Finding` list); the help text is the finding itself."""
    by_topic = {f.topic: f for f in found}
    return [
        _kpi(label, by_topic[topic].value, by_topic[topic].text)
        for topic, label in _FINDING_LABELS.items()
        if topic in by_topic
    ]
