"""One record per kind of table an upload can hold: what recognises it, what it holds, how files combine.

Everything about a kind of table is in its `TableKind` record in `KINDS`: recognition (``load.recognise``),
normalisation (``load.normalise``), combining files (``load.combine``), the replacement rule and preview
(``store.changes``), the templates (``store.templates``), the Data page and the command line read it from
here. Adding a kind of table is one record (plus a normaliser in ``load.normalise`` where it needs one).

The functions below read `KINDS` when they are called, never a copy taken at import, so a test can swap the
registry (``monkeypatch.setattr(tables, "KINDS", ...)``) and the whole pipeline sees the change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import combinations

from nhs_core import schema as s
from nhs_core.shares import SHARES, Share

MONTH_GRAIN = "month"
DAY_GRAIN = "day"
_FINENESS = {None: 0, MONTH_GRAIN: 1, DAY_GRAIN: 2}

GEOGRAPHY_COLUMNS = (s.REGION, s.REGION_NAME, s.ICB, s.ICB_NAME, s.SUB_ICB, s.SUB_ICB_NAME)
_MONTH_AND_ICB = (s.MONTH, s.ICB)
_PRACTICE = (s.PCN_CODE, s.PCN_NAME, s.GP_CODE, s.GP_NAME, s.SUPPLIER)


@dataclass(frozen=True)
class Template:
    """An upload template of a kind: its file name, the LSE layout's columns and how its rows are made.

    Tables with geography get rows built from a real area and the vocabularies (``store.templates``);
    ``dates`` spells their date column, one value per row. Tables without geography give their ``rows``.
    """

    file_name: str
    columns: tuple[str, ...]
    dates: tuple[str, ...] = ()
    rows: tuple[Mapping[str, object], ...] = ()


@dataclass(frozen=True)
class Summary:
    """A small table written beside a kind's facts at import: the facts grouped by `keys`, each count column
    summed, and ``records`` saying how many fact rows each summary row stands for.

    A kind's first summary is what pages read in place of the facts (its keys are all they group by); the
    others feed the sidebar's choices. The facts stay on disk and are scanned only for a selection that
    filters on a column the first summary lacks, or a computation that needs one (``store.summaries``).
    `shares` also keeps each share's numerator and base (``Share.hits``, ``Share.known``) per group, for
    computations that count appointments by a dimension the keys leave out.
    """

    name: str
    keys: tuple[str, ...]
    shares: tuple[Share, ...] = ()


@dataclass(frozen=True)
class TableKind:
    """One kind of table: how a file of it is recognised, what it holds and how several files combine.

    Attributes
    ----------
    name : str
        The key used everywhere (stored file names, manifests, ``Ingested.tables``).
    label : str
        Display name of the table ("Appointments by month").
    noun : str
        What a file of it is called in a file's description ("regional (monthly appointments) file").
    columns : tuple of str
        Its canonical columns, in order: geography first, then time, dimensions, counts.
    required : tuple of str
        The columns that recognise it: all must be present (after header aliasing).
    needs_geography : bool
        Whether it also needs an ICB or sub-ICB column to be recognised (and is joined to the geography).
    count_columns : tuple of str
        Columns read as non-negative whole numbers.
    grain : str or None
        ``"month"``, ``"day"`` or None (no time).
    combine_key : tuple of str or None
        The columns "the later upload wins" on (the table has months: the note names those replaced); None:
        a later file replaces the whole table.
    template : Template or None
        Its upload template (None: no template is offered).
    supported : bool
        False: recognised so that it is never mistaken for another kind, but not imported yet.
    skippable : bool
        For an unsupported kind: a lookup that is safe to leave out, so its file gets a note, not an error.
    sets_period : bool
        Whether its months are months of appointments, offered by the period control (False for the
        registered-patients extract, whose month is when the lists were counted).
    summaries : tuple of Summary
        The small tables written beside the facts at import; a version opens from these alone (empty: the
        table is read whole).
    file_names : tuple of str
        For a kind whose columns are another's: words of its file name (lower case) that set it apart; a file
        of those columns is this kind only when its name holds one, and then is never the other.
    extra_values : tuple of (column, values)
        Values official in this kind's files beyond the column's shared vocabulary ("Booked" in PCN files).
    offers_choices : bool
        Whether the sidebar's area and breakdown choices include its values (False for the PCN file, whose
        "Booked" status and "UNMAPPED" areas no other table has: choosing one would empty every other page).
    """

    name: str
    label: str
    noun: str
    columns: tuple[str, ...]
    required: tuple[str, ...]
    needs_geography: bool = True
    count_columns: tuple[str, ...] = (s.COUNT,)
    grain: str | None = None
    combine_key: tuple[str, ...] | None = None
    template: Template | None = None
    supported: bool = True
    skippable: bool = False
    sets_period: bool = True
    summaries: tuple[Summary, ...] = ()
    file_names: tuple[str, ...] = ()
    extra_values: tuple[tuple[str, tuple[str, ...]], ...] = ()
    offers_choices: bool = True

    def named_in(self, file: str) -> bool:
        """Whether `file` (a file or zip member label) is named like this kind's files; True for a kind that is
        known by its columns alone."""
        name = file.rsplit("/", 1)[-1].rsplit("›", 1)[-1].lower()
        return not self.file_names or any(word in name for word in self.file_names)

    @property
    def specificity(self) -> tuple[int, int]:
        """How specific the kind is; a file matching several kinds is the most specific one.

        More required columns is more specific (the geography requirement counts as one). Between kinds
        requiring as many, the finer grain is: a daily file may also carry its month, never the reverse; then
        the kind that holds more columns (the practice crosstab over the national overview, whose columns it
        lacks but could carry). Two kinds equally specific are a registry defect (`ambiguities` finds them).
        """
        return (
            bool(self.file_names),
            len(self.required) + self.needs_geography,
            _FINENESS[self.grain],
            len(self.columns),
        )


_TWEET_COLUMNS = (
    s.TWEET_ID,
    s.TWEET_TEXT,
    s.TWEET_ENTITIES,
    s.TWEET_HASHTAGS,
    s.TWEET_METADATA,
    s.TWEET_RETWEETS,
    s.TWEET_FAVOURITES,
    s.TWEET_FAVORITED,
    s.TWEET_RETWEETED,
    s.TWEET_LANG,
)
_TWEET = {
    s.TWEET_ID: "1567629000000000000",
    s.TWEET_TEXT: "Example tweet about #healthcare and #NHS",
    s.TWEET_ENTITIES: "{}",
    s.TWEET_HASHTAGS: "#healthcare, #NHS",
    s.TWEET_METADATA: "{}",
    s.TWEET_RETWEETS: 0,
    s.TWEET_FAVOURITES: 1,
    s.TWEET_FAVORITED: False,
    s.TWEET_RETWEETED: False,
    s.TWEET_LANG: "en",
}
_ANOTHER_TWEET = {
    **_TWEET,
    s.TWEET_ID: "1567628000000000000",
    s.TWEET_TEXT: "Another example, about #GP access",
    s.TWEET_HASHTAGS: "#GP",
}
_DIMENSIONS = (s.STATUS, s.HCP, s.MODE, s.LEAD)

# The registry. Its order is the order of the recognition error's list; `table_names` gives the listing order.
KINDS: tuple[TableKind, ...] = (
    TableKind(
        name=s.APPOINTMENTS,
        label="Appointments by month",
        noun="regional (monthly appointments) file",
        columns=(*GEOGRAPHY_COLUMNS, s.MONTH, *_DIMENSIONS, s.COUNT),
        required=(s.MONTH, *_DIMENSIONS, s.COUNT),
        grain=MONTH_GRAIN,
        combine_key=_MONTH_AND_ICB,
        template=Template("appointments_regional.csv", (s.ICB, s.MONTH, *_DIMENSIONS, s.COUNT)),
    ),
    TableKind(
        name=s.DAILY,
        label="Daily appointments",
        noun="daily sub-ICB appointments file",
        columns=(*GEOGRAPHY_COLUMNS, s.DATE, s.MONTH, *_DIMENSIONS, s.COUNT),
        required=(s.DATE, *_DIMENSIONS, s.COUNT),
        grain=DAY_GRAIN,
        combine_key=_MONTH_AND_ICB,
        # Pages read this table only for weekday charts and area rankings: date x area is 0.4 % of its rows.
        summaries=(
            Summary("by_date_area", (*GEOGRAPHY_COLUMNS, s.DATE, s.MONTH)),
            Summary("dimensions", (s.MONTH, *_DIMENSIONS)),
        ),
    ),
    TableKind(
        name=s.DURATIONS,
        label="Actual durations",
        noun="actual duration file",
        columns=(*GEOGRAPHY_COLUMNS, s.DATE, s.MONTH, s.DURATION, s.COUNT),
        required=(s.DATE, s.DURATION, s.COUNT),
        grain=DAY_GRAIN,
        combine_key=_MONTH_AND_ICB,
        template=Template(
            "actual_duration.csv",
            (s.SUB_ICB, s.SUB_ICB_ONS, s.SUB_ICB_NAME, s.ICB, s.REGION, s.DATE, s.DURATION, s.COUNT),
            dates=("01-Jan-24", "02-Jan-24", "01-Feb-24", "02-Feb-24"),
        ),
    ),
    TableKind(
        name=s.CATEGORIES,
        label="National categories",
        noun="national categories file",
        columns=(*GEOGRAPHY_COLUMNS, s.DATE, s.MONTH, s.SETTING, s.CONTEXT, s.CATEGORY, s.COUNT),
        required=(s.DATE, s.SETTING, s.CONTEXT, s.CATEGORY, s.COUNT),
        grain=DAY_GRAIN,
        combine_key=_MONTH_AND_ICB,
        template=Template(
            "national_categories.csv",
            (s.DATE, s.ICB, s.SUB_ICB_NAME, s.SETTING, s.CONTEXT, s.CATEGORY, s.COUNT, s.MONTH),
            dates=("2024-01-01", "2024-01-02", "2024-02-01", "2024-02-02"),
        ),
    ),
    TableKind(
        name=s.COVERAGE,
        label="Practice coverage",
        noun="coverage file",
        columns=(
            *GEOGRAPHY_COLUMNS,
            s.MONTH,
            s.INCLUDED_PRACTICES,
            s.OPEN_PRACTICES,
            s.PATIENTS_INCLUDED,
            s.PATIENTS_OPEN,
        ),
        required=(s.MONTH, s.INCLUDED_PRACTICES, s.OPEN_PRACTICES),
        count_columns=(s.INCLUDED_PRACTICES, s.OPEN_PRACTICES, s.PATIENTS_INCLUDED, s.PATIENTS_OPEN),
        grain=MONTH_GRAIN,
        combine_key=_MONTH_AND_ICB,
    ),
    TableKind(
        name=s.TWEETS,
        label="Tweets",
        noun="tweets file",
        columns=_TWEET_COLUMNS,
        required=(s.TWEET_TEXT,),
        needs_geography=False,
        count_columns=(s.TWEET_RETWEETS, s.TWEET_FAVOURITES),
        template=Template("tweets.csv", _TWEET_COLUMNS, rows=(_TWEET, _ANOTHER_TWEET)),
    ),
    TableKind(  # SDS_Role_CSV_<Mon>_<YY>.csv: who delivered the appointments, by the staff's SDS role group
        name=s.SDS_ROLES,
        label="Appointments by staff role",
        noun="SDS role group (daily sub-ICB appointments by staff role) file",
        columns=(*GEOGRAPHY_COLUMNS, s.DATE, s.MONTH, s.SDS_ROLE, s.COUNT),
        required=(s.SUB_ICB, s.DATE, s.SDS_ROLE, s.COUNT),  # the sub-ICB sets it apart from the durations
        grain=DAY_GRAIN,
        combine_key=_MONTH_AND_ICB,
        template=Template(
            "sds_roles.csv",
            (s.SUB_ICB, s.SUB_ICB_ONS, s.SUB_ICB_NAME, s.ICB, s.REGION, s.DATE, s.SDS_ROLE, s.COUNT),
            dates=("01JAN2024", "02JAN2024", "01FEB2024", "02FEB2024"),
        ),
    ),
    TableKind(  # National_Overview.csv: England only, every breakdown but the lead time crossed
        name=s.OVERVIEW,
        label="National overview",
        noun="national overview (monthly England appointments by every breakdown) file",
        columns=(s.MONTH, *_DIMENSIONS[:3], s.SETTING, s.CONTEXT, s.CATEGORY, s.COUNT),
        required=(s.MONTH, *_DIMENSIONS[:3], s.SETTING, s.CONTEXT, s.CATEGORY, s.COUNT),
        needs_geography=False,
        grain=MONTH_GRAIN,
        combine_key=(s.MONTH,),
        template=Template(
            "national_overview.csv",
            (s.MONTH, *_DIMENSIONS[:3], s.SETTING, s.CONTEXT, s.CATEGORY, s.COUNT),
            rows=tuple(
                {
                    s.MONTH: month,
                    s.STATUS: status,
                    s.HCP: "GP",
                    s.MODE: "Face-to-Face",
                    s.SETTING: "General Practice",
                    s.CONTEXT: "Care Related Encounter",
                    s.CATEGORY: "General Consultation Routine",
                    s.COUNT: count,
                }
                for month, status, count in (
                    ("2024-01", "Attended", 900),
                    ("2024-01", "DNA", 40),
                    ("2024-02", "Attended", 950),
                    ("2024-02", "DNA", 45),
                )
            ),
        ),
    ),
    TableKind(  # PCN_GRANULAR.csv: the regional file's columns, so told apart by its name (else read as one)
        name=s.PCN_APPOINTMENTS,
        label="Appointments by PCNs",
        noun="PCN-level appointments file (PCN_GRANULAR: delivered by primary care networks)",
        columns=(*GEOGRAPHY_COLUMNS, s.MONTH, *_DIMENSIONS, s.COUNT),
        required=(s.MONTH, *_DIMENSIONS, s.COUNT),
        grain=MONTH_GRAIN,
        combine_key=(s.MONTH,),  # its ICB can be "UNMAPPED": a later file replaces whole months
        file_names=("pcn_granular",),
        # Booked (outcome not yet recorded) and areas "UNMAPPED" (a PCN not matched to an area) are official here.
        extra_values=((s.STATUS, ("Booked",)), *((code, ("UNMAPPED",)) for code in s.GEOGRAPHY_CODES)),
        offers_choices=False,
    ),
    TableKind(  # holds the regional file's columns too: without this record it was read as one, silently
        name=s.PRACTICE_CROSSTAB,
        label="Appointments by practice",
        noun="practice-level crosstab file",
        columns=(*GEOGRAPHY_COLUMNS, *_PRACTICE, s.MONTH, *_DIMENSIONS, s.CATEGORY, s.COUNT),
        required=(s.GP_CODE, s.MONTH, *_DIMENSIONS, s.COUNT),
        grain=MONTH_GRAIN,
        combine_key=(s.MONTH, s.GP_CODE),  # several regional splits of one month make one month
        # The Practices page compares practice-months on four shares: about 0.5 % of the crosstab's rows. Month
        # first, so that a practice's last row in the summary carries its latest names, as in the facts.
        summaries=(Summary("by_practice_month", (s.MONTH, *GEOGRAPHY_COLUMNS, *_PRACTICE), shares=SHARES),),
    ),
    TableKind(  # NHS England's "Patients Registered at a GP Practice" (gp-reg-pat-prac-all.csv)
        name=s.LIST_SIZES,
        label="Registered patients by practice",
        noun="registered patients file (patients registered at each GP practice)",
        columns=(*GEOGRAPHY_COLUMNS, s.GP_CODE, s.MONTH, s.REGISTERED_PATIENTS),
        required=(s.SUB_ICB, s.GP_CODE, s.MONTH, s.REGISTERED_PATIENTS),
        count_columns=(s.REGISTERED_PATIENTS,),
        grain=MONTH_GRAIN,
        combine_key=(s.MONTH, s.GP_CODE),
        sets_period=False,
    ),
    TableKind(  # Mapping.csv in the practice crosstab's zip: practices to PCNs, sub-ICBs, ICBs and regions
        name=s.PRACTICE_MAPPING,
        label="Practice mapping",
        noun="practice mapping file (GP practices to PCNs and areas)",
        columns=(*GEOGRAPHY_COLUMNS, *_PRACTICE),
        required=(s.GP_CODE, s.PCN_CODE),
        count_columns=(),
        supported=False,
        skippable=True,
    ),
)


def kind(name: str) -> TableKind:
    """The record of the kind of table called `name` (KeyError when there is none)."""
    for record in KINDS:
        if record.name == name:
            return record
    raise KeyError(f"no kind of table is called {name!r}")


def table_names() -> tuple[str, ...]:
    """The names of the kinds this version imports, in the order tables are listed (manifests, previews, pages).

    The LSE extract's tables (those with an upload template) come first, then the official-only ones, each
    in the registry's order.
    """
    supported = [record for record in KINDS if record.supported]
    return tuple(record.name for record in sorted(supported, key=lambda record: record.template is None))


def sets_period(name: str) -> bool:
    """Whether the table called `name` offers its months to the period control (unknown names do)."""
    return next((record.sets_period for record in KINDS if record.name == name), True)


def offers_choices(name: str) -> bool:
    """Whether the sidebar's choices include the values of the table called `name` (or of its summary
    "name.part"; unknown names do)."""
    return next((record.offers_choices for record in KINDS if record.name == name.split(".")[0]), True)


def table_words(name: str) -> str:
    """The display label inside a sentence: lower case but for acronyms ("appointments by PCNs")."""
    words = table_label(name).split(" ")
    return " ".join(word if sum(c.isupper() for c in word) > 1 else word.lower() for word in words)


def table_label(name: str) -> str:
    """The display label of a table ("appointments" -> "Appointments by month"); unknown names pass through."""
    return next((record.label for record in KINDS if record.name == name), name)


def ambiguities(kinds: tuple[TableKind, ...] | None = None) -> list[tuple[str, str]]:
    """Pairs of kinds that are equally specific, so a file holding both kinds' columns has no single answer.

    Parameters
    ----------
    kinds : tuple of TableKind, optional
        The records to check (default: `KINDS`).

    Returns
    -------
    list of (str, str)
        The names of each such pair; empty for a sound registry.
    """
    kinds = KINDS if kinds is None else kinds
    return [(a.name, b.name) for a, b in combinations(kinds, 2) if a.specificity == b.specificity]
