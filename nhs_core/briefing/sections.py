"""The briefing's sections: for each explorer page, its key chart (`nhs_core.present.keycharts`, the functions
the page draws it with), its one-line finding, a small table of the numbers behind it and a note.

A page whose table is not loaded, or that the selection leaves empty, gets a section that says so. The tweets
are never filtered, as in the app.
"""

from __future__ import annotations

import pandas as pd

from nhs_core import definitions as d
from nhs_core import schema as s
from nhs_core import shares
from nhs_core.analysis import durations, funnel, metrics, mix, seasonality, tweets
from nhs_core.analysis import filters as flt
from nhs_core.analysis import practices as pr
from nhs_core.analysis.access import access_measures
from nhs_core.briefing.html import Section
from nhs_core.present import access, findings, keycharts, practicecharts
from nhs_core.present import practicetables as pt
from nhs_core.tables import table_words

LATEST = 12  # months shown in the table under a time chart
TOP_HASHTAGS = 10
TOP_TWEETS = 5


def _latest(frame: pd.DataFrame, columns: list[str], n: int = LATEST) -> tuple[pd.DataFrame, str]:
    """The last `n` rows of a monthly table, and a note when rows were left out."""
    note = f"The latest {n} of {len(frame)} months; the app shows every month." if len(frame) > n else ""
    return frame[columns].tail(n).reset_index(drop=True), note


def sections(
    tables: dict[str, pd.DataFrame],
    filtered: dict[str, pd.DataFrame],
    filters: flt.Filters,
    capacity: float,
    names: dict[str, str],
) -> tuple[Section, ...]:
    """One section per explorer page, in page order, of `filtered` (the `tables` seen through `filters`)."""
    where = flt.describe_areas(filters, names)
    selection = flt.describe(filters, names)
    builders = (
        (findings.ENGAGEMENT, s.APPOINTMENTS, lambda a: _engagement(a, where)),
        (findings.PRACTICES, s.PRACTICE_CROSSTAB, lambda c: _practices(c, filtered.get(s.LIST_SIZES))),
        (findings.ATTENDANCE, s.APPOINTMENTS, _attendance),
        (findings.SERVICES, s.APPOINTMENTS, _services),
        (findings.DURATIONS, s.DURATIONS, _durations),
        (findings.CAPACITY, s.APPOINTMENTS, lambda a: _capacity(a, capacity, filters)),
        (findings.SOCIAL, s.TWEETS, _social),
    )
    out = []
    for page, table, build in builders:
        frame = filtered.get(table)
        if frame is None or tables[table].empty:
            out.append(
                _empty(
                    page,
                    f"The loaded data has no {table_words(table)} table, so there is nothing to show here.",
                )
            )
        elif frame.empty:
            out.append(_empty(page, f"Nothing in the {table_words(table)} table matches the selection ({selection})."))
        else:
            out.append(build(frame))
    return tuple(out)


def _empty(page: str, message: str) -> Section:
    return Section(page, "Nothing to show for this selection", None, pd.DataFrame(), page=page, message=message)


def _engagement(a: pd.DataFrame, where: str) -> Section:
    key = keycharts.appointments_per_month(metrics.per_day(metrics.monthly_totals(a)), where)
    table, note = _latest(key.table, [s.MONTH, s.COUNT, s.PER_DAY])
    return Section(findings.ENGAGEMENT, key.finding, key.chart, table, findings.ENGAGEMENT, note)


def _practices(crosstab: pd.DataFrame, list_sizes: pd.DataFrame | None) -> Section:
    """The funnel plot of the DNA rate (exclusions on, as the page opens), the practices outside its 99.8%
    limits, and the top five by appointments and by records."""
    sizes = pr.latest_list_sizes(list_sizes)
    compared = pt.named(pr.compare(crosstab, sizes, limits=pr.Limits() if sizes.codes else None), pr.PRACTICE)
    share = shares.SHARE_BY_NAME["dna"]
    plot = funnel.funnel(compared, share)
    title, subtitle = pt.funnel_title(plot, pr.PRACTICE, share, pr.months_covered(crosstab))
    chart = practicecharts.funnel_chart(plot, share, pt.NAME, title, subtitle)
    outside = plot.points[plot.points["outside"].str.endswith("99.8%")].sort_values("rate", ascending=False)
    table = (
        outside[[pt.NAME, "rate", "base", "outside"]]
        .head(10)
        .rename(
            columns={"rate": share.rate, "base": "Appointments with a known status", "outside": "Against the limits"}
        )
    )
    note = "" if len(outside) <= 10 else f"The 10 furthest of {len(outside)} practices outside the limits."
    more = (("The five with the most appointments, and with the most records", pt.top_five(crosstab, pr.PRACTICE)),)
    return Section(findings.PRACTICES, title, chart, table.reset_index(drop=True), findings.PRACTICES, note, more=more)


def _attendance(a: pd.DataFrame) -> Section:
    key = keycharts.dna_by_lead_time(metrics.dna_rate_by(a, s.LEAD))
    table = key.table[[s.LEAD, s.ATTENDED_COUNT, s.DNA_COUNT, s.UNKNOWN_STATUS_COUNT, s.DNA_RATE]]
    rate = d.DNA_RATE
    note = f"Overall {rate.label} in the selection: {rate.show(metrics.dna_rate(a))} ({rate.label} = {rate.equation})."
    more = (("How soon after booking appointments happen (access)", access.summary_table(access_measures(a))),)
    return Section(findings.ATTENDANCE, key.finding, key.chart, table, findings.ATTENDANCE, note, more=more)


def _services(a: pd.DataFrame) -> Section:
    key = keycharts.mix_over_time(mix.lump(mix.mix_over_time(a, s.MODE), s.MODE), s.MODE, paper=True)
    ends = key.table[key.table[s.MONTH].isin([key.table[s.MONTH].min(), key.table[s.MONTH].max()])]
    note = "The first and the last month of the chart; the app shows every month." if len(ends) < len(key.table) else ""
    return Section(
        findings.SERVICES, key.finding, key.chart, ends[[s.MONTH, s.MODE, s.COUNT, s.SHARE]], findings.SERVICES, note
    )


def _durations(frame: pd.DataFrame) -> Section:
    key = keycharts.duration_distribution(durations.duration_distribution(frame))
    table = key.table[[s.DURATION, s.COUNT, s.SHARE, s.SHARE_OF_KNOWN]]
    mean = d.MEAN_DURATION
    note = f"{mean.label}: {mean.fmt.figure(durations.mean_duration(frame))} minutes ({mean.equation})."
    return Section(findings.DURATIONS, key.finding, key.chart, table, findings.DURATIONS, note)


def _capacity(a: pd.DataFrame, capacity: float, filters: flt.Filters) -> Section:
    key = keycharts.capacity(seasonality.capacity_by_month(a, capacity), capacity)
    table, note = _latest(key.table, [s.MONTH, s.COUNT, s.PER_DAY, s.UTILISATION, s.ABOVE_CAPACITY])
    area = (
        f"The planned capacity of {d.CAPACITY.show(capacity)} a working day is compared with the selected areas "
        "only: if it is the national figure, read utilisation as their share of the national plan."
        if filters.has_geography and capacity
        else "No planned capacity is set for the selected areas, so no utilisation is shown."
        if filters.has_geography
        else ""
    )
    return Section(findings.CAPACITY, key.finding, key.chart, table, findings.CAPACITY, note, message=area)


def _social(t: pd.DataFrame) -> Section:
    counts = tweets.hashtag_counts(t)
    key = keycharts.top_hashtags(counts.head(TOP_HASHTAGS), counts)
    top = tweets.top_tweets(t, by=s.TWEET_RETWEETS, n=TOP_TWEETS)
    more = (
        (
            f"The {TOP_TWEETS} most retweeted tweets (as collected; a tweet and its retweets listed once)",
            top[[s.TWEET_TEXT, s.TWEET_RETWEETS, s.TWEET_FAVOURITES]],
        ),
    )
    return Section(
        findings.SOCIAL,
        key.finding,
        key.chart if len(counts) else None,
        key.table,
        findings.SOCIAL,
        "The tweets are not filtered by period or area.",
        more=more,
    )
