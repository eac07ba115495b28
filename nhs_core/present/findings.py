"""Plain-English findings computed from whatever data is loaded (the recommendations that follow from them are
in `nhs_core.present.advice`).

Every finding carries its number, written in its measure's format (`nhs_core.definitions`), the page where the
chart behind it is shown, and the facts the recommendations are drawn from. Nothing is hard-coded: a finding
whose table is absent (or too short) is simply left out, and the text changes with the data.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from nhs_core import definitions as d
from nhs_core import schema as s
from nhs_core.analysis import durations, metrics, mix, seasonality
from nhs_core.analysis.provenance import badged, one_source
from nhs_core.analysis.tweets import hashtag_counts
from nhs_core.present import headlines as h
from nhs_core.present.advice import Recommendation, recommendations
from nhs_core.present.finding import (  # noqa: F401 - re-exported, as findings.ENGAGEMENT and so on
    ATTENDANCE,
    CAPACITY,
    DATA_QUALITY,
    DURATIONS,
    ENGAGEMENT,
    PRACTICES,
    SERVICES,
    SOCIAL,
    WORKFORCE,
    Finding,
)
from nhs_core.present.quality import quality_findings
from nhs_core.tables import table_words

__all__ = ["Finding", "Recommendation", "as_table", "findings", "for_page", "recommendations"]


def _busiest_quietest(a: pd.DataFrame, capacity: float, days: str) -> list[Finding]:
    by_month = seasonality.capacity_by_month(a, capacity, days)
    peak, trough = seasonality.peak_and_trough(by_month)
    per, a_day = d.per_day_of(days), h.a_day(d.per_day_of(days))
    out = [
        Finding(
            "Busiest month",
            f"{h.month(peak[s.MONTH])} was the busiest month: {per.show(peak[s.PER_DAY])} "
            f"appointments {a_day} ({d.APPOINTMENTS.show(peak[s.COUNT])} in the month).{_campaign_words(a, peak)}",
            per.show(peak[s.PER_DAY]),
            CAPACITY,
            {"month": peak[s.MONTH], "per_day": float(peak[s.PER_DAY])},
        )
    ]
    if len(by_month) > 1:  # one month is both the busiest and the quietest: no "0.0% below the busiest"
        out.append(
            Finding(
                "Quietest month",
                f"{h.month(trough[s.MONTH])} was the quietest: {per.show(trough[s.PER_DAY])} "
                f"{a_day}, {h.percent(1 - trough[s.PER_DAY] / peak[s.PER_DAY])} below the busiest.",
                per.show(trough[s.PER_DAY]),
                CAPACITY,
                {"month": trough[s.MONTH]},
            )
        )
    return out


def _campaign_words(a: pd.DataFrame, peak: pd.Series) -> str:
    """The sentence that flags a peak as the autumn vaccination campaign ("" when it is not one)."""
    campaign = seasonality.campaign_peak(a, peak[s.MONTH])
    if campaign is None:
        return ""
    return (
        f" It falls in the autumn vaccination campaign: other practice staff delivered "
        f"{d.SHARE.show(campaign['peak_share'])} of that month's appointments against "
        f"{d.SHARE.show(campaign['rest_share'])} in the other months, so vaccinations drive much of the peak."
    )


def _headroom(a: pd.DataFrame, capacity: float, days: str) -> Finding:
    by_month = seasonality.capacity_by_month(a, capacity, days)
    peak, _ = seasonality.peak_and_trough(by_month)
    above = int(by_month[s.ABOVE_CAPACITY].sum())
    headroom = capacity - peak[s.PER_DAY]
    per, a_day = d.per_day_of(days), h.a_day(d.per_day_of(days))
    spare = f"leaving {per.show(headroom)} {a_day} spare" if headroom >= 0 else f"{per.show(-headroom)} {a_day} over"
    text = (
        f"At the busiest month the system used {d.UTILISATION.show(peak[s.UTILISATION])} of the planned "
        f"{d.CAPACITY.show(capacity)} {a_day}, {spare}; {above} of {len(by_month)} months were above capacity."
    )
    return Finding(
        "Capacity headroom",
        text,
        d.UTILISATION.show(peak[s.UTILISATION]),
        CAPACITY,
        {
            "peak_utilisation": float(peak[s.UTILISATION]),
            "months_above": above,
            "peak_month_name": s.MONTH_NAMES[pd.Timestamp(peak[s.MONTH]).month - 1],
            "campaign": seasonality.campaign_peak(a, peak[s.MONTH]) is not None,
        },
    )


def _dna(a: pd.DataFrame) -> list[Finding]:
    rate = metrics.dna_rate(a)
    by_icb = metrics.dna_rate_by(a, s.ICB_NAME).dropna(subset=[s.DNA_RATE])
    found = [
        Finding(
            d.DNA_RATE.label,
            f"{d.DNA_RATE.show(rate)} of {d.DNA_RATE.basis.text} were missed (did not attend, DNA).",
            d.DNA_RATE.show(rate),
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
                f"{d.DNA_RATE.show(top[s.DNA_RATE])} against {d.DNA_RATE.show(rate)} overall "
                f"({d.APPOINTMENTS.show(top[s.DNA_COUNT])} missed).",
                d.DNA_RATE.show(top[s.DNA_RATE]),
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
    first = known.iloc[0]
    top = known.loc[known[s.DNA_RATE].idxmax()]
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
    points = round(float(row[s.CHANGE]) * 100, 1)
    if points == 0:  # "fell from 55.0% to 55.0%" and "-0.0 points" would claim a change the figures do not show
        text = (
            f"{row[s.MODE]} appointments stayed at {d.SHARE.show(row[s.LATE_SHARE])} of the total, changing by "
            f"less than 0.1 points ({row[s.COMPARED_WITH]})."
        )
    else:
        text = (
            f"{row[s.MODE]} appointments {'rose' if points > 0 else 'fell'} from {d.SHARE.show(row[s.EARLY_SHARE])}"
            f" to {d.SHARE.show(row[s.LATE_SHARE])} of the total ({row[s.COMPARED_WITH]})."
        )
    return Finding(
        "Mode shift",
        text,
        f"{points:+.1f} points" if points else "0.0 points",
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
        f"{top[s.WEEKDAY]} is the busiest weekday: {d.WEEKDAYS.show(top[s.PER_DAY])} "
        f"appointments on average, {h.percent(lift)} above the Monday-to-Friday average "
        f"({table_words(source)}).",
        d.WEEKDAYS.show(top[s.PER_DAY]),
        CAPACITY,
        {"weekday": str(top[s.WEEKDAY]), "lift": float(lift)},
    )


def _durations(frame: pd.DataFrame) -> Finding:
    dist = durations.duration_distribution(frame)
    unknown = float(dist.loc[~dist[s.KNOWN], s.SHARE].sum())
    mean = durations.mean_duration(frame)
    return Finding(
        "Appointment length",
        f"Attended appointments last about {d.MEAN_DURATION.fmt.figure(mean)} minutes on average "
        f"(estimated from the duration bands); {d.SHARE.show(unknown)} have no usable duration.",
        d.MEAN_DURATION.show(mean),
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


def sourced(found: list[Finding | None], tables: tuple[str, ...], synthetic: tuple[str, ...]) -> list[Finding]:
    """`found` (Nones dropped), each text badged "Synthetic sample" when any of its `tables` is synthetic."""
    return [replace(f, text=badged(f.text, tables, synthetic)) for f in found if f is not None]


def findings(
    tables: dict[str, pd.DataFrame],
    capacity: float | None = metrics.DEFAULT_CAPACITY,
    days: str = metrics.DEFAULT_DAYS,
    synthetic: tuple[str, ...] = (),
) -> list[Finding]:
    """Every finding the loaded (and filtered) tables support, in reading order.

    Parameters
    ----------
    tables : dict of str to DataFrame
        Canonical tables by name; any may be absent (its findings are left out).
    capacity : float
        Planned appointments a working day (or a day on the basis `days`), for the headroom finding.
    days : str
        The per-day basis: "working" (default), "calendar" or "30".
    synthetic : tuple of str
        The tables shown from the synthetic sample beside real ones (`analysis.provenance`): findings drawn from
        them say so in their text.

    Returns
    -------
    list of Finding
        Busiest and quietest months, capacity headroom, DNA rate and where highest, lead-time effect,
        mode shift, appointments and DNAs per 1,000 patients by ICB, same-day access, unrecorded lead
        times, clinician time booked for DNAs, staff role growth and unrecorded roles, busiest weekday,
        appointment length, top hashtags and the practice-level findings, where the data allows; then
        material gaps between tables that should agree and months missing (citing the Data quality page).
    """
    from nhs_core.present.deliveryfindings import delivery_findings  # it builds on Finding, defined here
    from nhs_core.present.practicefindings import practice_findings
    from nhs_core.present.rates import rate_findings

    out: list[Finding] = []
    present = {k: v for k, v in tables.items() if len(v)}
    a = present.get(s.APPOINTMENTS)
    if a is not None:
        headroom = [_headroom(a, capacity, days)] if capacity else []  # no capacity for an area: no finding
        found = _busiest_quietest(a, capacity, days) + headroom + _dna(a) + [_lead_time(a), _mode_shift(a)]
        out += sourced(found, (s.APPOINTMENTS,), synthetic)
    if a is not None and s.COVERAGE in present and one_source((s.APPOINTMENTS, s.COVERAGE), synthetic):
        out += sourced(rate_findings(a, present[s.COVERAGE]), (s.APPOINTMENTS, s.COVERAGE), synthetic)
    for finding, used in delivery_findings(present):
        if one_source(used, synthetic):
            out += sourced([finding], used, synthetic)
    out += sourced([_weekday(present)], (seasonality.daily_source(present) or "",), synthetic)
    if s.DURATIONS in present:
        out += sourced([_durations(present[s.DURATIONS])], (s.DURATIONS,), synthetic)
    if s.TWEETS in present:
        out += sourced([_hashtags(present[s.TWEETS])], (s.TWEETS,), synthetic)
    if s.PRACTICE_CROSSTAB in present:
        practice = practice_findings(present[s.PRACTICE_CROSSTAB], tables.get(s.LIST_SIZES))
        out += sourced(practice, (s.PRACTICE_CROSSTAB, s.LIST_SIZES), synthetic)
    return out + quality_findings(present)


def for_page(found: list[Finding], page: str) -> tuple[list[Finding], list[Recommendation]]:
    """The findings shown on `page` and the recommendations that follow from them."""
    mine = [f for f in found if f.page == page]
    return mine, recommendations(mine)


def as_table(found: list[Finding], advice: list[Recommendation]) -> pd.DataFrame:
    """Findings then recommendations as one table: `kind`, `topic`, `text`, `value`, `page`."""
    rows = [{"kind": "Finding", "topic": f.topic, "text": f.text, "value": f.value, "page": f.page} for f in found]
    rows += [{"kind": "Recommendation", "topic": r.because, "text": r.text, "value": "", "page": ""} for r in advice]
    return pd.DataFrame(rows, columns=["kind", "topic", "text", "value", "page"])
