"""What the Practices page shows in words and tables: the ranked table with its comparison rows, the units
outside the funnel's limits, the top five by appointments and by records, and the KPI row (no Streamlit)."""

from __future__ import annotations

import functools
import re

import pandas as pd

from nhs_core import definitions as d
from nhs_core import schema as s
from nhs_core import shares
from nhs_core.analysis import practices as pr
from nhs_core.analysis.funnel import Funnel

UNIT = {pr.PRACTICE: ("practice", "practices"), pr.PCN: ("PCN", "PCNs")}  # singular, plural
HEADING = {pr.PRACTICE: "Practices", pr.PCN: "PCNs"}
NAME = "Name"
_SHOWN = (s.COUNT, pr.PATIENTS, pr.PER_1000, *(share.rate for share in shares.SHARES))  # the ranked table's figures


_ACRONYMS = frozenset({"PCN", "GP", "NHS", "ICB", "UK", "II", "III"})
_SMALL = frozenset({"AND", "OF", "THE", "AT", "IN", "ON"})  # lower case inside a name
_WORD = re.compile(r"[A-Za-z][A-Za-z']*")


@functools.lru_cache(maxsize=100_000)  # the same few thousand names on every rerun of the Practices page
def readable(name: str) -> str:
    """Upper-case words of an official name in title case, acronyms kept.

    >>> readable("ST. GEORGE'S AND CITY 4 PCN (its PCN)"), readable("All loaded practices")
    ("St. George's and City 4 PCN (its PCN)", 'All loaded practices')
    """

    def fix(match: re.Match) -> str:
        word = match.group()
        if not word.isupper() or word in _ACRONYMS:
            return word
        return word.lower() if word in _SMALL and match.start() > 0 else word.capitalize()

    return _WORD.sub(fix, str(name))


def readable_groups(frame: pd.DataFrame) -> pd.DataFrame:
    """A profile (`group` column categorical) with its groups named readably, as its chart and the table behind it
    show them: the official files write them in upper case ("THE DOCTORS SURGERY")."""
    groups = frame["group"].astype("category")
    names = [readable(str(group)) for group in groups.cat.categories]
    if len(set(names)) < len(names):  # two names that differ only in case: keep them apart
        return frame
    return frame.assign(group=groups.cat.rename_categories(names))


def named(compared: pd.DataFrame, level: str) -> pd.DataFrame:
    """`compared` with a display `NAME` column: a practice as "Name (CODE)", a PCN as its name, both readable."""
    if level == pr.PRACTICE:
        pairs = zip(compared[s.GP_NAME].astype(str).tolist(), compared[s.GP_CODE].astype(str).tolist())
        shown = [f"{readable(name)} ({code})" for name, code in pairs]
    else:
        shown = [readable(name) for name in compared[s.PCN_NAME].astype(str).tolist()]
    return compared.assign(**{NAME: shown})


def ranked_table(compared: pd.DataFrame, level: str, comparisons: pd.DataFrame) -> pd.DataFrame:
    """The ranked table: one row per unit (largest first) under the comparison rows (its ICBs, all loaded)."""
    units = named(compared, level)
    context = [s.PCN_NAME, s.ICB_NAME] if level == pr.PRACTICE else [s.ICB_NAME]
    rows = units[[NAME, *context, *_SHOWN]]
    if s.PCN_NAME in rows:
        rows = rows.assign(**{s.PCN_NAME: rows[s.PCN_NAME].astype(str).map(readable)})
    top = comparisons.rename(columns={"name": NAME})[[NAME, *_SHOWN]]
    table = pd.concat([top, rows], ignore_index=True)
    return table.assign(**{pr.PER_1000: table[pr.PER_1000].round()})  # whole appointments, as the KPI


def comparison_rows(by_icb: pd.DataFrame, icbs: set[str]) -> pd.DataFrame:
    """The ranked table's first rows: each ICB of the selection, then all loaded practices together."""
    icb_rows = by_icb[by_icb[s.ICB_NAME].astype(str).isin(icbs)].assign(name=lambda f: f[s.ICB_NAME].astype(str))
    return pd.concat([icb_rows, pr.overall(by_icb, pr.ALL_LOADED)], ignore_index=True)


def outside_text(plot: Funnel, level: str, share: shares.Share) -> str:
    """The units outside the 99.8% limits, named, in one sentence."""
    unit, units = UNIT[level]
    points = plot.points
    lines = []
    for side in ("above", "below"):
        hit = points[points["outside"] == f"{side} 99.8%"].sort_values("rate", ascending=side == "below")
        if len(hit):
            listed = ", ".join(f"{n} ({r:.1%})" for n, r in zip(hit[NAME], hit["rate"]))
            lines.append(f"{side} the limits: {listed}")
    if not lines:
        return f"No {unit} is outside the 99.8% limits of the {share.in_text}: none differs beyond chance."
    count = sum(points["outside"].str.endswith("99.8%"))
    noun = unit if count == 1 else units
    return f"{count} {noun} outside the 99.8% limits of the {share.in_text} ({plot.target:.2%}), " + (
        "; ".join(lines) + "."
    )


def funnel_title(plot: Funnel, level: str, share: shares.Share, months: str) -> tuple[str, str]:
    """The funnel chart's title (the finding: how many units are outside the 99.8% limits, in `months`, the
    crosstab's own) and subtitle."""
    unit, units = UNIT[level]
    count = int(plot.points["outside"].str.endswith("99.8%").sum())
    finding = (
        f"No {unit} is outside the 99.8% limits of the {share.in_text}"
        if not count
        else f"{count} {unit if count == 1 else units} {'is' if count == 1 else 'are'} outside the 99.8% limits "
        f"of the {share.in_text}"
    ) + f" ({months})"
    subtitle = (
        f"Each point is a {unit}; the lines are the 95% and 99.8% control limits around the overall "
        f"{plot.target:.2%}, widened for overdispersion"
    )
    return finding, subtitle


def widening_text(plot: Funnel, units: str) -> str:
    """What the overdispersion factor did to the limits, in words."""
    if plot.phi <= 1:
        return (
            f"The limits are not widened for overdispersion: there are too few {units} to estimate it, or they "
            "differ no more than chance would make them."
        )
    return (
        f"The variance is widened by a factor of {plot.phi:,.1f} for overdispersion (real differences in case mix "
        f"and recording between {units}, estimated from the {units} themselves), as NHS funnel plots are."
    )


def top_five(crosstab: pd.DataFrame, level: str, pcns: tuple[str, ...] = ()) -> pd.DataFrame:
    """The five units with the most appointments and the five with the most records (rows of the file), side
    by side and labelled which is which: records count combinations recorded, not appointments. `pcns`
    narrows them to those PCNs."""
    if pcns:
        crosstab = crosstab[crosstab[s.PCN_CODE].isin(pcns)]
    out = {}
    for by, heading in (("appointments", "Most appointments"), ("records", "Most records (rows in the file)")):
        items = pr.top(crosstab, by, 5, level)
        out[heading] = [f"{readable(name)} ({value:,})" for _, name, value in items]
    return pd.DataFrame(dict(out.items()), index=range(1, 1 + max(len(v) for v in out.values())))


def kpi_items(compared: pd.DataFrame, overall_row: pd.Series, level: str, sizes: pr.ListSizes) -> list[dict]:
    """The KPI row: units compared, appointments, the per-1,000 rate and the DNA rate of the selection."""
    unit, units = UNIT[level]
    per_1000 = overall_row[pr.PER_1000]
    return [
        {"label": HEADING[level], "value": f"{len(compared):,}", "help": f"{HEADING[level]} in the selection."},
        {"label": "Appointments", "value": d.APPOINTMENTS.show(overall_row[s.COUNT]), "help": d.APPOINTMENTS.help},
        {
            "label": "Per 1,000 patients a month",
            "value": "no list sizes" if pd.isna(per_1000) else f"{per_1000:,.0f}",
            "help": d.PER_1000_PATIENTS.help.rstrip(".")
            + (f" (list sizes of {sizes.month:%b %Y})." if sizes.month is not None else "; needs list sizes."),
        },
        {"label": d.DNA_RATE.label, "value": d.DNA_RATE.show(overall_row[s.DNA_RATE]), "help": d.DNA_RATE.help},
    ]
