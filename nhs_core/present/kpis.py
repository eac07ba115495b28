"""The KPI row of each page: `st.metric` keyword arguments (label, value, delta, help) from metric frames.

Pure: the pages hand these dicts to `app.kpis`. Labels, values and help texts come from the measures'
records (`nhs_core.definitions`). Deltas compare with the same month a year earlier where the data has it
(so seasons cancel out); otherwise there is no delta rather than a misleading one.
"""

from __future__ import annotations

import pandas as pd

from nhs_core import definitions as d
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


def _on_a_year_earlier(pct: float | None) -> str | None:
    return None if pct is None else f"{d.YEAR_ON_YEAR.show(pct)} on a year earlier"


def engagement(monthly: pd.DataFrame, national: pd.DataFrame | None = None, per: d.Measure = d.PER_DAY) -> list[dict]:
    """Total, the latest month with its change on a year earlier, per day (on `per`'s basis, also for the
    change), and (given the national monthly totals for the same months and filters) the selection's share of
    England. Both deltas compare the latest month with the same month a year earlier."""
    total = float(monthly[s.COUNT].sum())
    national_total = float(national[s.COUNT].sum()) if national is not None else None
    latest = latest_change(monthly)
    per_day = latest_change(monthly, s.PER_DAY)
    items = [
        _kpi(
            "Appointments in the selection",
            d.APPOINTMENTS.show(total),
            f"{d.APPOINTMENTS.help} over the selected months and areas ({len(monthly)} months).",
        ),
        _kpi(
            f"Appointments in {h.month(latest['month'])}",
            d.APPOINTMENTS.show(latest["value"]),
            "The latest month shown.",
            _on_a_year_earlier(latest["pct_change"]),
        ),
        _kpi(
            f"Per {per.basis.noun} in that month",
            per.show(per_day["value"]),
            f"{per.help} The change compares the same month a year earlier on the same basis.",
            _on_a_year_earlier(per_day["pct_change"]),
        ),
    ]
    if national_total:
        items.append(
            _kpi(
                "Share of England",
                d.SHARE.show(d.SHARE.formula(total, national_total)),
                "The selection's appointments / all appointments in England for the same months and filters.",
            )
        )
    return items


def attendance(status: pd.DataFrame, monthly_dna: pd.DataFrame, overall_rate: float) -> list[dict]:
    """Overall DNA rate, the latest month's rate against a year earlier, missed appointments, unknown share."""
    shares = dict(zip(status[s.STATUS].astype(str), status[s.SHARE]))
    counts = dict(zip(status[s.STATUS].astype(str), status[s.COUNT]))
    latest = latest_change(monthly_dna, s.DNA_RATE)
    unknown_help = f"{d.STATUS_SHARE.help_for(status=s.STATUS_UNKNOWN)} {d.DNA_RATE.label}: {d.DNA_RATE.help}"
    return [
        _kpi(d.DNA_RATE.label, d.DNA_RATE.show(overall_rate), d.DNA_RATE.help),
        _kpi(
            f"{d.DNA_RATE.label} in {h.month(latest['month'])}",
            d.DNA_RATE.show(latest["value"]),
            "The latest month shown.",
            _points(latest["change"]),
            inverse=True,
        ),
        _kpi(
            "Missed (DNA) appointments",
            d.APPOINTMENTS.show(counts.get(s.STATUS_DNA, 0)),
            "Appointments with status DNA.",
        ),
        _kpi("Unknown status", d.STATUS_SHARE.show(shares.get(s.STATUS_UNKNOWN, float("nan"))), unknown_help),
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
                    d.SHARE.show(latest["value"]),
                    d.SHARE.help_for(value=mode, where=" in the month"),
                    _points(latest["change"]),
                )
            )
    gp_help = d.SHARE.help_for(value="GP", where=" in the selection") + " Other staff and unknown make up the rest."
    items.append(_kpi("GP share of appointments", d.SHARE.show(hcp_share), gp_help))
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
            d.APPOINTMENTS.show(dist[s.COUNT].sum()),
            "All rows of the durations table (attended appointments only).",
        ),
        _kpi(
            d.MEAN_DURATION.label,
            d.MEAN_DURATION.show(mean),
            f"{d.MEAN_DURATION.help[:-1]}; the change is the latest month ({h.month(ordered[s.MONTH].iloc[-1])}) "
            "on the month before."
            if delta
            else d.MEAN_DURATION.help,
            delta,
        ),
        _kpi(
            "Commonest duration",
            "n/a" if top is None else str(top[s.DURATION]),
            "The bin with the most appointments among known durations.",
        ),
        _kpi(
            "Unknown duration",
            d.SHARE.show(dist.loc[~dist[s.KNOWN], s.SHARE].sum()),
            "Share recorded as Unknown / Data Quality: excluded from the mean.",
        ),
    ]


def basis_line(per: d.Measure = d.PER_DAY) -> str:
    """The line above a KPI row of per-day figures: which basis they are on."""
    return f"Figures per {per.basis.noun}: {per.equation}{per.basis.aside}."


def capacity(by_month: pd.DataFrame, planned: float | None, per: d.Measure = d.PER_DAY) -> list[dict]:
    """Busiest and quietest months per day (on `per`'s basis), utilisation at the peak, months above capacity.

    The figures are the numbers alone, so that a narrow column does not cut them off; the page states their basis
    above the row (`basis_line`)."""
    peak = by_month.loc[by_month[s.PER_DAY].idxmax()]
    trough = by_month.loc[by_month[s.PER_DAY].idxmin()]
    above = int(by_month[s.ABOVE_CAPACITY].sum())
    day = per.basis.noun
    return [
        _kpi(
            f"Busiest month: {h.month(peak[s.MONTH])}",
            per.show(peak[s.PER_DAY]),
            f"Highest appointments per {day} ({per.equation}).",
        ),
        _kpi(
            "Utilisation at the peak",
            d.UTILISATION.show(peak[s.UTILISATION]),
            d.UTILISATION.help_for(capacity=d.CAPACITY.show(planned), day=day),
        ),
        _kpi(
            f"Quietest month: {h.month(trough[s.MONTH])}",
            per.show(trough[s.PER_DAY]),
            f"Lowest appointments per {day}.",
        ),
        _kpi(
            "Months above capacity",
            f"{above} of {len(by_month)}" if planned else "n/a",
            f"Months whose appointments per {day} exceeded the planned capacity of {d.CAPACITY.show(planned)}.",
        ),
    ]


def social(tweets: int, originals: int, counts: pd.DataFrame) -> list[dict]:
    """Tweets, original tweets, distinct hashtags and the most used one."""
    return [
        _kpi("Tweets", d.RECORDS.show(tweets), d.RECORDS.help_for(table="tweets")),
        _kpi(
            "Without retweeted copies",
            d.RECORDS.show(originals),
            "Distinct texts once a leading 'RT @user:' is removed.",
        ),
        _kpi("Distinct hashtags", d.HASHTAGS.show(len(counts)), d.HASHTAGS.help),
        _kpi(
            "Most used hashtag",
            f"#{counts[s.HASHTAG].iloc[0]}" if len(counts) else "none",
            "Uses across the tweets shown.",
        ),
    ]


_FINDING_LABELS = {
    "Busiest month": f"Busiest month, per {d.PER_DAY.basis.noun}",
    "DNA rate": d.DNA_RATE.label,
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
