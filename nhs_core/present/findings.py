"""Plain-English findings and recommendations computed from whatever data is loaded.

Every finding carries its number, the page where the chart behind it is shown, and the facts the
recommendations are drawn from. Nothing is hard-coded: a finding whose table is absent (or too
short) is simply left out, and the text changes with the data.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from nhs_core import schema as s
from nhs_core.analysis import durations, metrics, mix, seasonality
from nhs_core.analysis.tweets import hashtag_counts
from nhs_core.present import headlines as h
from nhs_core.tables import table_label

ENGAGEMENT, ATTENDANCE, SERVICES = "Engagement", "Attendance", "Services and workforce"
DURATIONS, CAPACITY, SOCIAL = "Durations", "Capacity and seasonality", "Social media"


@dataclass(frozen=True)
class Finding:
    """One finding: a short topic, a sentence with its number, the number alone, and where it is shown."""

    topic: str
    text: str
    value: str
    page: str
    facts: dict = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Recommendation:
    """What to do, and the finding (topic) it follows from."""

    text: str
    because: str


def _busiest_quietest(a: pd.DataFrame, capacity: float) -> list[Finding]:
    by_month = seasonality.capacity_by_month(a, capacity)
    peak, trough = seasonality.peak_and_trough(by_month)
    return [
        Finding(
            "Busiest month",
            f"{h.month(peak[s.MONTH])} was the busiest month: {h.number(peak[s.PER_DAY])} "
            f"appointments a day ({h.number(peak[s.COUNT])} in the month).",
            h.number(peak[s.PER_DAY]),
            CAPACITY,
            {"month": peak[s.MONTH], "per_day": float(peak[s.PER_DAY])},
        ),
        Finding(
            "Quietest month",
            f"{h.month(trough[s.MONTH])} was the quietest: {h.number(trough[s.PER_DAY])} "
            f"a day, {h.percent(1 - trough[s.PER_DAY] / peak[s.PER_DAY])} below the busiest.",
            h.number(trough[s.PER_DAY]),
            CAPACITY,
            {"month": trough[s.MONTH]},
        ),
    ]


def _headroom(a: pd.DataFrame, capacity: float) -> Finding:
    by_month = seasonality.capacity_by_month(a, capacity)
    peak, _ = seasonality.peak_and_trough(by_month)
    above = int(by_month[s.ABOVE_CAPACITY].sum())
    headroom = capacity - peak[s.PER_DAY]
    text = (
        f"At the busiest month the system used {h.percent(peak[s.UTILISATION], 0)} of the planned "
        f"{h.number(capacity)} a day, "
        + (f"leaving {h.number(headroom)} a day spare" if headroom >= 0 else f"{h.number(-headroom)} a day over")
        + f"; {above} of {len(by_month)} months were above capacity."
    )
    return Finding(
        "Capacity headroom",
        text,
        h.percent(peak[s.UTILISATION], 0),
        CAPACITY,
        {
            "peak_utilisation": float(peak[s.UTILISATION]),
            "months_above": above,
            "peak_month_name": s.MONTH_NAMES[pd.Timestamp(peak[s.MONTH]).month - 1],
        },
    )


def _dna(a: pd.DataFrame) -> list[Finding]:
    rate = metrics.dna_rate(a)
    by_icb = metrics.dna_rate_by(a, s.ICB_NAME).dropna(subset=[s.DNA_RATE])
    found = [
        Finding(
            "DNA rate",
            f"{h.percent(rate)} of appointments with a known outcome were missed (did not attend, DNA).",
            h.percent(rate),
            ATTENDANCE,
            {"rate": rate},
        )
    ]
    if len(by_icb) > 1:
        top = by_icb.loc[by_icb[s.DNA_RATE].idxmax()]
        found.append(
            Finding(
                "Highest DNA rate",
                f"The DNA rate is highest in {top[s.ICB_NAME]}: "
                f"{h.percent(top[s.DNA_RATE])} against {h.percent(rate)} overall "
                f"({h.number(top[s.DNA_COUNT])} missed).",
                h.percent(top[s.DNA_RATE]),
                ATTENDANCE,
                {"area": str(top[s.ICB_NAME]), "rate": float(top[s.DNA_RATE]), "overall": rate},
            )
        )
    return found


def _lead_time(a: pd.DataFrame) -> Finding | None:
    rates = metrics.dna_rate_by(a, s.LEAD)
    known = rates[~rates[s.LEAD].isin(list(s.UNKNOWN_LIKE))].dropna(subset=[s.DNA_RATE])
    if len(known) < 2 or not known[s.DNA_RATE].iloc[0]:
        return None
    first, top = known.iloc[0], known.loc[known[s.DNA_RATE].idxmax()]
    ratio = top[s.DNA_RATE] / first[s.DNA_RATE]
    return Finding(
        "Lead-time effect",
        h.lead_time_effect(rates) + f": {ratio:.1f} times as often.",
        f"{ratio:.1f}x",
        ATTENDANCE,
        {
            "ratio": float(ratio),
            "band": " ".join(str(top[s.LEAD]).split()),
            "high": float(top[s.DNA_RATE]),
            "low": float(first[s.DNA_RATE]),
        },
    )


def _mode_shift(a: pd.DataFrame) -> Finding | None:
    change = mix.share_change(a, s.MODE)
    if change.empty:
        return None
    f2f = change[change[s.MODE] == s.VOCABULARIES[s.MODE][0]]
    row = f2f.iloc[0] if len(f2f) else change.iloc[0]
    verb = "rose" if row[s.CHANGE] >= 0 else "fell"
    text = (
        f"{row[s.MODE]} appointments {verb} from {h.percent(row[s.EARLY_SHARE])} to "
        f"{h.percent(row[s.LATE_SHARE])} of the total ({row[s.COMPARED_WITH]})."
    )
    return Finding(
        "Mode shift",
        text,
        f"{row[s.CHANGE] * 100:+.1f} points",
        SERVICES,
        {"mode": str(row[s.MODE]), "change": float(row[s.CHANGE]), "late": float(row[s.LATE_SHARE])},
    )


def _weekday(tables: dict[str, pd.DataFrame]) -> Finding | None:
    source = seasonality.daily_source(tables)
    if source is None:
        return None
    profile = seasonality.weekday_profile(tables[source])
    weekdays = profile[profile[s.WEEKDAY].isin(s.WEEKDAYS[:5])]
    top = weekdays.loc[weekdays[s.PER_DAY].idxmax()]
    lift = top[s.PER_DAY] / weekdays[s.PER_DAY].mean() - 1
    return Finding(
        "Busiest weekday",
        f"{top[s.WEEKDAY]} is the busiest weekday: {h.number(top[s.PER_DAY])} "
        f"appointments on average, {h.percent(lift)} above the Monday-to-Friday average "
        f"({table_label(source).lower()}).",
        h.number(top[s.PER_DAY]),
        CAPACITY,
        {"weekday": str(top[s.WEEKDAY]), "lift": float(lift)},
    )


def _durations(d: pd.DataFrame) -> Finding:
    dist = durations.duration_distribution(d)
    unknown = float(dist.loc[~dist[s.KNOWN], s.SHARE].sum())
    mean = durations.mean_duration(d)
    return Finding(
        "Appointment length",
        f"Attended appointments last about {mean:.1f} minutes on average "
        f"(estimated from the duration bands); {h.percent(unknown)} have no usable duration.",
        f"{mean:.1f} min",
        DURATIONS,
        {"mean": mean, "unknown": unknown},
    )


def _hashtags(t: pd.DataFrame) -> Finding | None:
    counts = hashtag_counts(t)
    if counts.empty:
        return None
    return Finding(
        "Top hashtags",
        h.top_hashtag(counts) + ".",
        f"#{counts[s.HASHTAG].iloc[0]}",
        SOCIAL,
        {"tags": list(counts[s.HASHTAG].head(3))},
    )


def findings(tables: dict[str, pd.DataFrame], capacity: float = metrics.DEFAULT_CAPACITY) -> list[Finding]:
    """Every finding the loaded (and filtered) tables support, in reading order.

    Parameters
    ----------
    tables : dict of str to DataFrame
        Canonical tables by name; any may be absent (its findings are left out).
    capacity : float
        Planned appointments a day, for the headroom finding.

    Returns
    -------
    list of Finding
        Busiest and quietest months, capacity headroom, DNA rate and where highest, lead-time effect,
        mode shift, busiest weekday, appointment length and top hashtags, where the data allows.
    """
    out: list[Finding | None] = []
    a = tables.get(s.APPOINTMENTS)
    if a is not None and len(a):
        out += _busiest_quietest(a, capacity) + [_headroom(a, capacity)] + _dna(a)
        out += [_lead_time(a), _mode_shift(a)]
    out.append(_weekday({k: v for k, v in tables.items() if len(v)}))
    if s.DURATIONS in tables and len(tables[s.DURATIONS]):
        out.append(_durations(tables[s.DURATIONS]))
    if s.TWEETS in tables and len(tables[s.TWEETS]):
        out.append(_hashtags(tables[s.TWEETS]))
    return [f for f in out if f is not None]


def _advise_capacity(f: dict) -> str | None:
    use, month_name = f["peak_utilisation"], f["peak_month_name"]
    if use >= 1:
        return (
            f"Demand passed planned capacity in {f['months_above']} month(s): add sessions (locums, extended "
            f"hours) ahead of {month_name}, the busiest time of year."
        )
    if use >= 0.9:
        return (
            f"At its peak demand used {h.percent(use, 0)} of planned capacity: protect staffing in "
            f"{month_name} (leave and locum cover planned early)."
        )
    return (
        f"Even the busiest month used only {h.percent(use, 0)} of planned capacity: the gain is in access "
        "and attendance rather than more sessions; check the capacity plan against recorded demand."
    )


def _advise_lead_time(f: dict) -> str | None:
    if f["ratio"] < 1.5:
        return None
    return (
        f"Send reminders and offer easy cancellation for appointments booked {f['band'].lower()} ahead: they are "
        f"missed {f['ratio']:.1f} times as often as same-day ones ({h.percent(f['high'])} against "
        f"{h.percent(f['low'])})."
    )


def _advise_dna_area(f: dict) -> str | None:
    if f["rate"] < 1.15 * f["overall"]:
        return None
    return (
        f"Start DNA reduction in {f['area']}: {h.percent(f['rate'])} missed against {h.percent(f['overall'])} overall."
    )


def _advise_mode(f: dict) -> str | None:
    if abs(f["change"]) < 0.05:
        return None
    if f["change"] < 0:
        return (
            f"Keep telephone and online capacity staffed: {f['mode'].lower()} is now {h.percent(f['late'])} of "
            f"appointments, {abs(f['change']) * 100:.0f} points below the start of the period."
        )
    return (
        f"Plan rooms and clinician time for in-person demand: {f['mode'].lower()} rose to "
        f"{h.percent(f['late'])} of appointments."
    )


def _advise_weekday(f: dict) -> str | None:
    if f["lift"] < 0.05:
        return None
    return (
        f"Roster more clinicians on {f['weekday']}s ({h.percent(f['lift'])} above the weekday average) and "
        "move routine, bookable work to quieter days."
    )


def _advise_durations(f: dict) -> str | None:
    if f["unknown"] < 0.1:
        return None
    return (
        f"Improve duration recording: {h.percent(f['unknown'])} of attended appointments have no usable "
        "duration, which limits planning of session lengths."
    )


def _advise_hashtags(f: dict) -> str | None:
    tags = ", ".join(f"#{t}" for t in f["tags"][:-1]) + (" and " if len(f["tags"]) > 1 else "") + f"#{f['tags'][-1]}"
    return f"Use {tags} in NHS posts to join the conversations that are already most active."


_ADVICE = {
    "Capacity headroom": _advise_capacity,
    "Lead-time effect": _advise_lead_time,
    "Highest DNA rate": _advise_dna_area,
    "Mode shift": _advise_mode,
    "Busiest weekday": _advise_weekday,
    "Appointment length": _advise_durations,
    "Top hashtags": _advise_hashtags,
}


def recommendations(found: list[Finding]) -> list[Recommendation]:
    """Recommendations that follow from the numbers in `found` (a rule per topic; weak effects give none)."""
    out = []
    for finding in found:
        rule = _ADVICE.get(finding.topic)
        text = rule(finding.facts) if rule else None
        if text:
            out.append(Recommendation(text, finding.topic))
    return out


def for_page(found: list[Finding], page: str) -> tuple[list[Finding], list[Recommendation]]:
    """The findings shown on `page` and the recommendations that follow from them."""
    mine = [f for f in found if f.page == page]
    return mine, recommendations(mine)


def as_table(found: list[Finding], advice: list[Recommendation]) -> pd.DataFrame:
    """Findings then recommendations as one table: `kind`, `topic`, `text`, `value`, `page`."""
    rows = [{"kind": "Finding", "topic": f.topic, "text": f.text, "value": f.value, "page": f.page} for f in found]
    rows += [{"kind": "Recommendation", "topic": r.because, "text": r.text, "value": "", "page": ""} for r in advice]
    return pd.DataFrame(rows, columns=["kind", "topic", "text", "value", "page"])
