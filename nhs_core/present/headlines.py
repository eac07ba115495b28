"""Chart titles that state the finding, computed from the small metric frames the chart shows.

Each function takes the frame a chart draws and returns one sentence; an empty frame gives a
neutral title rather than an error. Every measure is written in its own format (`Measure.show`, from
`nhs_core.definitions`), so the pages, the findings and the titles spell a figure the same way.
"""

from __future__ import annotations

import pandas as pd

from nhs_core import definitions as d
from nhs_core import schema as s
from nhs_core import units


def number(value: float) -> str:
    """A count for reading aloud: 30,012,345 -> "30.0 million", 993,647.3 -> "993,647"."""
    return units.readable_count(value)


def percent(value: float, digits: int = 1) -> str:
    """A fraction as a percentage: 0.0432 -> "4.3%"; NaN -> "n/a" (for fractions that are no measure)."""
    return units.percent(value, digits)


def points(change: float) -> str:
    """A change of a share, in percentage points: 0.032 -> "+3.2 points"."""
    return f"{change * 100:+.1f} points"


def lower_first(text: str) -> str:
    """Sentence-case a label inside a sentence, keeping acronyms: "GP share" stays, "Mean duration" -> "mean"."""
    return text if text[:2].isupper() else text[:1].lower() + text[1:]


def month(value) -> str:
    """A month as "Nov 2021"."""
    return f"{pd.Timestamp(value):%b %Y}"


def _top(frame: pd.DataFrame, column: str, largest: bool = True) -> pd.Series | None:
    values = frame[column].dropna() if column in frame else pd.Series(dtype=float)
    if values.empty:
        return None
    return frame.loc[values.idxmax() if largest else values.idxmin()]


def a_day(per: d.Measure = d.PER_DAY) -> str:
    """How a per-day figure on `per`'s basis is read: "a working day", "a calendar day" ("a day" for none)."""
    return per.basis.a_day if per.basis is not None and per.basis.noun else "a day"


def peak_month(monthly: pd.DataFrame, where: str = "", per: d.Measure = d.PER_DAY) -> str:
    """`monthly` has month, count and per day (on `per`'s basis): "Appointments peaked in Oct 2021: 30.4 million,
    1.44 million a working day"."""
    row = _top(monthly, s.PER_DAY)
    if row is None:
        return "No appointments in the selection"
    return (
        f"Appointments{where} peaked in {month(row[s.MONTH])}: {d.APPOINTMENTS.show(row[s.COUNT])}, "
        f"{per.show(row[s.PER_DAY])} {a_day(per)}"
    )


def year_on_year(yoy: pd.DataFrame, per: d.Measure = d.PER_DAY) -> str:
    """The latest month's change in appointments per day (on `per`'s basis) on a year earlier, and the largest
    rise."""
    if yoy.empty:
        return "A year-on-year comparison needs more than 12 months of data"
    last = yoy.iloc[-1]
    top = _top(yoy, s.PCT_CHANGE)
    direction = "up" if last[s.PCT_CHANGE] >= 0 else "down"
    size = units.percent(abs(last[s.PCT_CHANGE]), d.YEAR_ON_YEAR.fmt.decimals)
    text = f"{month(last[s.MONTH])} was {direction} {size} per {per.basis.noun} on a year earlier"
    if top is not None and top[s.MONTH] != last[s.MONTH]:
        rise = units.percent(top[s.PCT_CHANGE], d.YEAR_ON_YEAR.fmt.decimals)
        text += f"; the largest rise was {month(top[s.MONTH])} ({rise})"
    return text


def leading_area(areas: pd.DataFrame, level: str, what: str = "appointments") -> str:
    """`by_area` result: "London had the most appointments of any region: 16.3%" (`what`: "PCN appointments")."""
    if areas.empty:
        return "No areas in the selection"
    row = areas.iloc[0]
    return f"{row[s.AREA]} had the most {what} of any {s.LEVEL_LABELS[level]}: {d.SHARE.show(row[s.SHARE])}"


def most_appointments(appointments: pd.DataFrame, name: str) -> str:
    """`top_locations` by appointments: "NHS Kent and Medway ICB had the most appointments"."""
    if appointments.empty:
        return "No locations in the selection"
    return f"{appointments[name].iloc[0]} had the most appointments"


def top_locations(records: pd.DataFrame, appointments: pd.DataFrame, name: str) -> str:
    """Who leads by records (rows) and by appointments (sums), in one sentence."""
    if records.empty or appointments.empty:
        return "No locations in the selection"
    a = str(records[name].iloc[0])
    b = str(appointments[name].iloc[0])
    if a == b:
        return f"{a} leads both by records and by appointments"
    return f"{a} has the most records; {b} the most appointments"


def status_split(status: pd.DataFrame) -> str:
    """`status_totals` result: "4.3% of appointments were missed (DNA) and 4.9% have an unknown status"."""
    shares = dict(zip(status[s.STATUS].astype(str), status[s.SHARE]))
    return (
        f"{d.STATUS_SHARE.show(shares.get(s.STATUS_DNA, float('nan')))} of appointments were missed (DNA) and "
        f"{d.STATUS_SHARE.show(shares.get(s.STATUS_UNKNOWN, float('nan')))} have an unknown status"
    )


def lead_time_effect(rates: pd.DataFrame) -> str:
    """`dna_rate_by(frame, LEAD)`: the DNA rate of the first known band against the highest band."""
    known = rates[~rates[s.LEAD].isin(list(s.UNKNOWN_LIKE))].dropna(subset=[s.DNA_RATE])
    if len(known) < 2:
        return "DNA rate by booking lead time"
    first = known.iloc[0]
    top = _top(known, s.DNA_RATE)
    return (
        f"The DNA rate rises from {d.DNA_RATE.show(first[s.DNA_RATE])} for {str(first[s.LEAD]).lower()} "
        f"appointments to {d.DNA_RATE.show(top[s.DNA_RATE])} for those booked {_band(top[s.LEAD])} ahead"
    )


def _band(label: str) -> str:
    return " ".join(str(label).split()).lower()


def highest_rate(rates: pd.DataFrame, dim: str, overall: float | None = None) -> str:
    """The value of `dim` with the highest DNA rate (Unknown-like values left out), against the overall rate."""
    known = rates[~rates[dim].astype(str).isin(list(s.UNKNOWN_LIKE))]
    row = _top(known, s.DNA_RATE)
    if row is None:
        return f"DNA rate by {s.label(dim).lower()}"
    text = f"{row[dim]} has the highest DNA rate: {d.DNA_RATE.show(row[s.DNA_RATE])}"
    known_overall = overall is not None and not pd.isna(overall)
    return text + (f", against {d.DNA_RATE.show(overall)} overall" if known_overall else "")


def lost_combination(lost: pd.DataFrame, dims: tuple[str, ...] = (s.MODE, s.LEAD)) -> str:
    """`lost_appointments` result: which combination loses most appointments."""
    if lost.empty or lost[s.DNA_COUNT].iloc[0] == 0:
        return "No missed appointments in the selection"
    row = lost.iloc[0]
    what = " booked ".join(str(row[dim]) for dim in dims) + (" ahead" if dims[-1] == s.LEAD else "")
    missed = d.APPOINTMENTS.show(row[s.DNA_COUNT])
    return f"{what} loses the most: {missed} missed ({d.SHARE.show(row[s.SHARE])} of all DNA)"


def share_shift(mix: pd.DataFrame, dim: str) -> str:
    """`mix_over_time` result: the value whose share moved most between the first and the last month."""
    if mix.empty or mix[s.MONTH].nunique() < 2:
        return f"Mix of {s.label(dim).lower()}"
    first = mix[s.MONTH].min()
    last = mix[s.MONTH].max()
    a = mix[mix[s.MONTH] == first].set_index(dim)[s.SHARE]
    b = mix[mix[s.MONTH] == last].set_index(dim)[s.SHARE]
    moved = b.reindex(a.index.union(b.index)).fillna(0) - a.reindex(a.index.union(b.index)).fillna(0)
    value = moved.abs().idxmax()
    return (
        f"{value} went from {d.SHARE.show(a.get(value, 0.0))} of appointments in {month(first)} "
        f"to {d.SHARE.show(b.get(value, 0.0))} in {month(last)}"
    )


def area_mix(mix: pd.DataFrame, dim: str) -> str:
    """`mix_by_area` result (sorted by the first value's share): who has the highest share of it."""
    if mix.empty:
        return "No areas in the selection"
    row = mix.iloc[0]
    return f"{row[s.AREA]} has the highest share of {str(row[dim]).lower()}: {d.SHARE.show(row[s.SHARE])}"


def largest_pair(table: pd.DataFrame, rows: str, columns: str) -> str:
    """`crosstab` result: the largest (rows, columns) group and its share of all appointments."""
    row = _top(table, s.COUNT)
    if row is None:
        return "No appointments in the selection"
    share = d.SHARE.show(row[s.SHARE])
    return f"{row[rows]} / {str(row[columns]).lower()} is the largest group: {share} of appointments"


def fastest(growth: pd.DataFrame, dim: str) -> str:
    """`fastest_growing` result: the fastest riser among values with a meaningful base."""
    rising = growth.dropna(subset=[s.PCT_CHANGE])
    if rising.empty:
        return "Growth needs at least two months of data"
    row = rising.iloc[0]
    return (
        f"{row[dim]} grew fastest: {d.GROWTH.show(row[s.PCT_CHANGE])} in appointments per day ({row[s.COMPARED_WITH]})"
    )


def duration_mode(dist: pd.DataFrame) -> str:
    """`duration_distribution` result: the commonest known bin and the unknown share."""
    known = dist[dist[s.KNOWN]]
    row = _top(known, s.COUNT)
    if row is None or row[s.COUNT] == 0:
        return "No durations in the selection"
    unknown = dist.loc[~dist[s.KNOWN], s.SHARE].sum()
    return (
        f"{str(row[s.DURATION]).lower()} is the commonest duration ({d.SHARE_OF_KNOWN.show(row[s.SHARE_OF_KNOWN])} "
        f"of known); {d.SHARE.show(unknown)} have no usable duration"
    )


def mean_range(means: pd.DataFrame, by: str) -> str:
    """`mean_duration_by` result: the range of the estimated mean, or the longest area."""
    if means[s.MEAN_MINUTES].dropna().empty:
        return "No durations in the selection"
    if by == s.MONTH:
        low = _top(means, s.MEAN_MINUTES, largest=False)
        high = _top(means, s.MEAN_MINUTES)
        return (
            f"The estimated mean ranged from {_minutes(low)} minutes ({month(low[s.MONTH])}) "
            f"to {_minutes(high)} ({month(high[s.MONTH])})"
        )
    row = _top(means, s.MEAN_MINUTES)
    return f"{row[by]} has the longest appointments: {_minutes(row)} minutes on average (estimated)"


def _minutes(row: pd.Series) -> str:
    return d.MEAN_DURATION.fmt.figure(row[s.MEAN_MINUTES])


FEW_POINTS = 12  # fewer points than this (a year of months) are too few to say two figures go together


def association(r: float, x: str, y: str, unit: str, points: int | None = None) -> str:
    """Whether two figures go together, in words, from their correlation `r` over `points` months or areas:
    "Across 42 ICBs, a higher GP share goes with longer appointments". With under `FEW_POINTS` points it says
    they are too few (7 monthly points say little), and it never calls a weak correlation a link."""
    what = f"{lower_first(s.label(x))} and {lower_first(s.label(y))}"
    if pd.isna(r) or (points is not None and points < FEW_POINTS):
        count = f"Only {points} {unit}" if points else f"Too few {unit}"
        return f"{count}: too few to tell whether {what} go together"
    across = f"Across {points} {unit}" if points else f"Across {unit}"
    if abs(r) < 0.3:
        return f"{across}, {what} do not clearly go together"
    how = "longer" if r > 0 else "shorter"
    tendency = "tends to go" if abs(r) < 0.6 else "goes"
    return f"{across}, a higher {lower_first(s.label(x))} {tendency} with {how} appointments"


def capacity(by_month: pd.DataFrame, planned: float | None, per: d.Measure = d.PER_DAY) -> str:
    """`capacity_by_month` result: the hottest month, its utilisation, and months above capacity (without a
    planned capacity for the area, the hottest month alone)."""
    row = _top(by_month, s.PER_DAY)
    if row is None:
        return "No appointments in the selection"
    if not planned:
        return f"{month(row[s.MONTH])} ran hottest: {per.show(row[s.PER_DAY])} {a_day(per)}; no planned capacity set"
    above = int(by_month[s.ABOVE_CAPACITY].sum())
    tail = f"{above} month{'s' if above != 1 else ''} above the planned {d.CAPACITY.show(planned)} {a_day(per)}"
    return (
        f"{month(row[s.MONTH])} ran hottest: {per.show(row[s.PER_DAY])} {a_day(per)}, "
        f"{d.UTILISATION.show(row[s.UTILISATION])} of capacity; {tail}"
    )


def busiest_of(profile: pd.DataFrame, key: str, noun: str, per: d.Measure = d.PER_DAY) -> str:
    """A weekday, season or month-of-year profile: the busiest value and its per-day figure (on `per`'s basis;
    a bank-holiday row never counts as the busiest or the quietest weekday)."""
    profile = profile[profile[key].astype(str) != s.BANK_HOLIDAY]
    row = _top(profile, s.PER_DAY)
    if row is None:
        return f"No {noun} figures in the selection"
    low = _top(profile, s.PER_DAY, largest=False)
    preposition = "on" if noun == "weekday" else "in"
    return (
        f"{row[key]} is the busiest {noun}: {per.show(row[s.PER_DAY])} {a_day(per)}, against "
        f"{per.show(low[s.PER_DAY])} {preposition} {low[key]}"
    )


def busiest_cell(grid: pd.DataFrame) -> str:
    """`month_weekday` result: the busiest weekday of the busiest month."""
    row = _top(grid, s.PER_DAY)
    if row is None:
        return "No daily figures in the selection"
    busiest = d.WEEKDAYS.show(row[s.PER_DAY])
    return f"{row[s.WEEKDAY]}s in {month(row[s.MONTH])} were the busiest days: {busiest} on average"


def top_hashtag(counts: pd.DataFrame) -> str:
    """`hashtag_counts` result: the most used hashtags."""
    if counts.empty:
        return "No hashtags in the tweets"
    names = ", ".join(f"#{t}" for t in counts[s.HASHTAG].head(3))
    uses = d.HASHTAGS.show(counts[s.HASHTAG_COUNT].iloc[0])
    return f"#{counts[s.HASHTAG].iloc[0]} leads with {uses} uses; top three: {names}"
