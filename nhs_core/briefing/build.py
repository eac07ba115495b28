"""The stakeholder briefing of the current view, computed from whatever tables are loaded.

`build_briefing` filters the tables as the pages do, then gathers the KPI figures, the findings and
recommendations (`nhs_core.findings`), the key chart of each explorer page (`nhs_core.keycharts`, the
functions the pages draw them with) with its one-line finding and a small table, the selection in
words, and the definitions and data-quality notes (`nhs_core.notes`). `nhs_core.report.render_html`
turns the result into one HTML file. The tweets are never filtered, as in the app.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

import pandas as pd

from nhs_core import schema as s
from nhs_core.analysis import durations, metrics, mix, seasonality, tweets
from nhs_core.analysis import filters as flt
from nhs_core.briefing.html import Briefing, Section
from nhs_core.present import findings, images, keycharts, kpis, notes
from nhs_core.present import headlines as h
from nhs_core.tables import table_label

LATEST = 12  # months shown in the table under a time chart
TOP_HASHTAGS, TOP_TWEETS = 10, 5
DEFINITIONS = (
    notes.APPOINTMENTS,
    notes.PER_DAY,
    notes.DNA_RATE,
    notes.UTILISATION,
    notes.MEAN_DURATION,
    notes.SEASONS,
    notes.HASHTAGS,
)
CAVEATS = (notes.COVID, notes.MODE_LOCAL, notes.DNA_2018, notes.DURATIONS_ATTENDED, notes.UNKNOWN, notes.TWEETS_TEXT)


def build_briefing(
    tables: dict[str, pd.DataFrame],
    filters: flt.Filters = flt.Filters(),
    capacity: float = metrics.DEFAULT_CAPACITY,
    data_label: str = "",
    version: str = "",
    *,
    names: dict[str, str] | None = None,
    sample: bool = False,
    quality: Iterable[str] = (),
    generated: str = "",
) -> Briefing:
    """Everything the briefing of `tables` seen through `filters` says.

    Parameters
    ----------
    tables : dict of str to DataFrame
        The loaded canonical tables, unfiltered; any may be absent (its section says so).
    filters : Filters
        The selection (the period and areas of the sidebar, or of the command line).
    capacity : float
        Planned appointments a day.
    data_label, version : str
        Which data this is, in words, and its stored version (shown under the title).
    names : dict, optional
        Area code -> name, for the selection in words (worked out from `tables` when not given).
    sample : bool
        The data is the synthetic sample (adds the caveat).
    quality : iterable of str
        Data-quality notes recorded when the data was read.
    generated : str
        When the briefing was produced, in words.
    """
    names = flt.options(tables).names if names is None else names
    filtered = {name: flt.filter_frame(frame, filters) for name, frame in tables.items()}
    found = findings.findings(filtered, capacity)
    where = flt.describe_areas(filters, names)
    label = data_label if not version or version in data_label else f"{data_label} (version {version})"
    return Briefing(
        title=f"GP appointments briefing: {where}",
        data_label=label,
        period=_period(filtered),
        filters=flt.describe(filters, names),
        file_name=f"briefing-{images.selection_stem(filters, names, flt.months_available(tables))}.html",
        capacity=f"{capacity:,.0f} appointments a day",
        kpis=_kpis(filtered, found),
        findings=tuple((f"{f.topic}: {f.value}.", f"{f.text} (Shown on: {f.page}.)") for f in found),
        recommendations=tuple(
            (r.text, f"(Follows from: {h.lower_first(r.because)}.)") for r in findings.recommendations(found)
        ),
        sections=_sections(tables, filtered, filters, capacity, where, flt.describe(filters, names)),
        definitions=DEFINITIONS,
        notes=_notes(tables, filters, sample, quality),
        generated=generated,
    )


def _period(filtered: dict[str, pd.DataFrame]) -> str:
    """The months of the appointments table in the selection (of every table when it is absent)."""
    main = {s.APPOINTMENTS: filtered[s.APPOINTMENTS]} if s.APPOINTMENTS in filtered else filtered
    months = flt.months_available(main)
    if not months:
        return "no months in the selection"
    return f"{h.month(months[0])} to {h.month(months[-1])} ({len(months)} month{'s' if len(months) != 1 else ''})"


def _kpis(filtered: dict[str, pd.DataFrame], found: list[findings.Finding]) -> tuple[tuple[str, str, str], ...]:
    items = []
    a = filtered.get(s.APPOINTMENTS)
    if a is not None and len(a):
        items += kpis.engagement(metrics.per_day(metrics.monthly_totals(a)))[:1]
    items += kpis.findings(found)
    return tuple((item["label"], item["value"], item.get("delta") or "") for item in items)


def _latest(frame: pd.DataFrame, columns: list[str], n: int = LATEST) -> tuple[pd.DataFrame, str]:
    """The last `n` rows of a monthly table, and a note when rows were left out."""
    note = f"The latest {n} of {len(frame)} months; the app shows every month." if len(frame) > n else ""
    return frame[columns].tail(n).reset_index(drop=True), note


def _sections(tables, filtered, filters, capacity, where, selection) -> tuple[Section, ...]:
    builders = (
        (findings.ENGAGEMENT, s.APPOINTMENTS, lambda a: _engagement(a, where)),
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
                    f"The loaded data has no {table_label(table).lower()} table, so there is nothing to show here.",
                )
            )
        elif frame.empty:
            out.append(
                _empty(page, f"Nothing in the {table_label(table).lower()} table matches the selection ({selection}).")
            )
        else:
            out.append(build(frame))
    return tuple(out)


def _empty(page: str, message: str) -> Section:
    return Section(page, "Nothing to show for this selection", None, pd.DataFrame(), page=page, message=message)


def _engagement(a: pd.DataFrame, where: str) -> Section:
    key = keycharts.appointments_per_month(metrics.per_day(metrics.monthly_totals(a)), where)
    table, note = _latest(key.table, [s.MONTH, s.COUNT, s.PER_DAY])
    return Section(findings.ENGAGEMENT, key.finding, key.chart, table, findings.ENGAGEMENT, note)


def _attendance(a: pd.DataFrame) -> Section:
    key = keycharts.dna_by_lead_time(metrics.dna_rate_by(a, s.LEAD))
    table = key.table[[s.LEAD, s.ATTENDED_COUNT, s.DNA_COUNT, s.UNKNOWN_STATUS_COUNT, s.DNA_RATE]]
    note = (
        f"Overall DNA rate in the selection: {h.percent(metrics.dna_rate(a), 2)}. Unknown status is left out of "
        "the rate."
    )
    return Section(findings.ATTENDANCE, key.finding, key.chart, table, findings.ATTENDANCE, note)


def _services(a: pd.DataFrame) -> Section:
    key = keycharts.mix_over_time(mix.lump(mix.mix_over_time(a, s.MODE), s.MODE), s.MODE, paper=True)
    ends = key.table[key.table[s.MONTH].isin([key.table[s.MONTH].min(), key.table[s.MONTH].max()])]
    note = "The first and the last month of the chart; the app shows every month." if len(ends) < len(key.table) else ""
    return Section(
        findings.SERVICES, key.finding, key.chart, ends[[s.MONTH, s.MODE, s.COUNT, s.SHARE]], findings.SERVICES, note
    )


def _durations(d: pd.DataFrame) -> Section:
    key = keycharts.duration_distribution(durations.duration_distribution(d))
    table = key.table[[s.DURATION, s.COUNT, s.SHARE, s.SHARE_OF_KNOWN]]
    note = f"Estimated mean duration: {durations.mean_duration(d):.1f} minutes ({durations.MEAN_METHOD})."
    return Section(findings.DURATIONS, key.finding, key.chart, table, findings.DURATIONS, note)


def _capacity(a: pd.DataFrame, capacity: float, filters: flt.Filters) -> Section:
    key = keycharts.capacity(seasonality.capacity_by_month(a, capacity), capacity)
    table, note = _latest(key.table, [s.MONTH, s.COUNT, s.PER_DAY, s.UTILISATION, s.ABOVE_CAPACITY])
    area = (
        f"The planned capacity of {capacity:,.0f} a day is compared with the selected areas only: if it is "
        "the national figure, read utilisation as their share of the national plan."
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


def _notes(tables: dict[str, pd.DataFrame], filters: flt.Filters, sample: bool, quality: Iterable[str]) -> tuple:
    out = list(CAVEATS)
    if filters.has_geography:
        out.append(notes.CAPACITY)
    for name, frame in tables.items():
        if name != s.TWEETS and (ignored := flt.ignored_filters(frame, filters)):
            out.append(
                f"The {table_label(name).lower()} table has no {', '.join(ignored)} breakdown, so that "
                "filter does not apply to it."
            )
    out += list(quality)
    if sample:
        out.append(notes.SYNTHETIC)
    return tuple(out)


def selection(
    tables: dict[str, pd.DataFrame], icbs: Iterable[str] = (), start: str | None = None, end: str | None = None
) -> flt.Filters:
    """The selection a command line asks for: ICBs (codes, or names) and a period of YYYY-MM months.

    Raises
    ------
    ValueError
        In plain English, when a month is not YYYY-MM, the period is backwards or outside the data, or an
        ICB is not in the data (with the nearest codes and names).
    """
    options = flt.options(tables)
    first, last = _month_text(start, "--from"), _month_text(end, "--to")
    if first is not None and last is not None and first > last:
        raise ValueError(f"The period starts ({h.month(first)}) after it ends ({h.month(last)}).")
    if options.months and (first is not None or last is not None):
        covered = options.months[0], options.months[-1]
        words = (("from", first), ("to" if first is not None else "up to", last))
        asked = " ".join(f"{word} {h.month(m)}" for word, m in words if m is not None)
        first, last = first or covered[0], last or covered[1]
        if last < covered[0] or first > covered[1] or first > last:
            raise ValueError(
                f"The data has no months {asked}: it covers {h.month(covered[0])} to {h.month(covered[1])}."
            )
    known = flt.choices(options.areas, s.ICB, {})
    return flt.Filters(start=first, end=last, icbs=tuple(dict.fromkeys(_icb(v, known) for v in icbs)))


def _month_text(text: str | None, flag: str) -> pd.Timestamp | None:
    if text is None:
        return None
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text.strip()):
        raise ValueError(f"{flag} needs a month written YYYY-MM, such as 2021-01; it was given {text!r}.")
    return pd.Timestamp(f"{text.strip()}-01")


def _icb(text: str, known: dict[str, str]) -> str:
    """The ICB code for `text`: a code in the data, or a name (case-insensitive; "ICB" or "NHS" may be left off)."""
    wanted = text.strip()
    if wanted.upper() in known:
        return wanted.upper()
    by_name = {key.casefold(): code for code, name in known.items() for key in (name, images.short_area(name))}
    for key in (wanted.casefold(), f"{wanted} ICB".casefold()):
        if key in by_name:
            return by_name[key]
    if not known:
        raise ValueError(f"No loaded table has ICBs, so --icb {wanted} cannot apply.")
    looks_like_code = re.fullmatch(r"[A-Za-z]\d{4,}", wanted) is not None
    candidates = {code.casefold(): code for code in known} if looks_like_code else by_name
    containing = [key for key in candidates if wanted.casefold() in key]
    close = difflib.get_close_matches(wanted.casefold(), candidates, n=3, cutoff=0.6)
    near = list(dict.fromkeys(candidates[key] for key in [*containing, *close]))[:3]
    if near:
        hint = "did you mean " + " or ".join(f"{code} ({known[code]})" for code in near) + "?"
    else:
        hint = f"give one of the {len(known)} ICB codes in the data, such as {next(iter(known))}."
    raise ValueError(f"The ICB {wanted!r} is not in the data; {hint}")
