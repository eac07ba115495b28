"""Every measure the app shows, defined once: formula, label, help text, "About this data" text, README line,
display format and basis.

KPI rows, chart titles and tooltips, findings, the briefing, the home page's headline figures, the command
line's summary and the README's Definitions section all read them from here (``python -m nhs_core.readme``
rewrites that README section; a test fails when the two disagree). Changing a definition means changing its
record here and the tests that pin expected numbers, nothing else.

Formulas are small pure functions of counts. They take numbers or pandas Series alike and give NaN where
the denominator is zero: a rate of nothing is undefined, not zero.
"""

from __future__ import annotations

import calendar
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from nhs_core import schema as s
from nhs_core.units import (
    ALL_APPOINTMENTS,
    CALENDAR_DATE,
    DAY_BASES,
    DEFAULT_DAY_BASIS,
    KNOWN_DURATION,
    KNOWN_LEAD,
    KNOWN_OUTCOME,
    PLANNED,
    Basis,
    Format,
    ratio,
)

DEFAULT_CAPACITY = 1_200_000  # planned appointments a working day, nationally (a working-day figure)
MATERIAL_GAP = 0.001  # two tables that should agree differ materially in a month beyond this share
# A share of appointments whose staff role or lead time is not usably recorded is material at or above this:
# enough to change what the role and access figures say, so recording standards and training are advised.
MATERIAL_UNRECORDED = 0.05
MATERIAL_UNRECORDED_WORDS = f"at least {MATERIAL_UNRECORDED:.0%} of appointments"


@dataclass(frozen=True)
class Measure:
    """One measure: what it is called, how it is computed, how it is written and explained.

    `columns` are the metric-table columns (`schema`) that hold it, so tables and tooltips find its format;
    `equation` is the formula in words; `help` may hold `{placeholders}` (see `help_for`). The README line is
    `about`, or `readme` when the measure has no "About this data" text of its own.
    """

    key: str
    label: str
    formula: Callable | None
    basis: Basis | None
    fmt: Format
    help: str
    about: str = ""
    readme: str = ""
    equation: str = ""
    columns: tuple[str, ...] = ()

    @property
    def readme_line(self) -> str:
        """The measure's line in the README's Definitions section ("" for none)."""
        return self.readme or self.about

    def show(self, value) -> str:
        """The value as every headline writes it (this measure's one format)."""
        return self.fmt.text(value)

    def help_for(self, **values) -> str:
        """The help text with its placeholders filled ("{status} appointments" -> "DNA appointments")."""
        return self.help.format(**values)


# --- the formulas ------------------------------------------------------------------------------------
def dna_rate(attended, dna, unknown=0):
    """DNA / (Attended + DNA). `unknown` is accepted so that every status count reaches the definition; the
    current one leaves it out (it is shown separately, never folded in)."""
    return ratio(dna, attended + dna)


def relative_change(value, earlier):
    """(value - earlier) / earlier: growth, or the change on a year earlier."""
    return ratio(value - earlier, earlier)


def utilisation(per_day, capacity):
    """Appointments per day / planned capacity (a day)."""
    return per_day / capacity


def hashtag_key(tag: str) -> str:
    """The form two hashtags are counted as one in: Unicode NFKC (so "#ｎｈｓ" = "#nhs"), then case-folded
    (#Healthcare = #healthcare)."""
    return unicodedata.normalize("NFKC", tag).casefold()


def season_of(month: int) -> str:
    """The season of a calendar month (1-12)."""
    return s.SEASON_OF_MONTH[month]


def _season_words() -> str:
    """The seasons in words from `schema.SEASON_OF_MONTH`: "winter is December to February, spring ..."."""
    months: dict[str, list[int]] = {}
    for month, season in s.SEASON_OF_MONTH.items():
        months.setdefault(season, []).append(month)
    spans = [
        f"{name.lower()} {calendar.month_name[m[0]]} to {calendar.month_name[m[-1]]}" for name, m in months.items()
    ]
    spans[0] = spans[0].replace(" ", " is ", 1)
    return ", ".join(spans)


def _midpoint_words() -> str:
    pairs = [(name.split()[0], f"{minutes:g}") for name, minutes in s.DURATION_MIDPOINTS.items()]
    first, *rest = pairs
    return ", ".join([f"{first[0]} minutes as {first[1]}", *(f"{b} as {m}" for b, m in rest)])


SEASON_WORDS = _season_words()
MEAN_METHOD = (
    f"estimated from the duration bands: each band counts at its middle ({_midpoint_words()}); appointments "
    "with an unknown duration are left out"
)


# --- the measures ------------------------------------------------------------------------------------
APPOINTMENTS = Measure(
    "appointments",
    "Appointments",
    lambda counts: counts.sum(),
    None,
    Format("count"),
    help="The number of appointments (each row of the files holds a count of appointments).",
    about="**Appointments** are the appointments counted in the files: each row holds a count of appointments, "
    "so figures add those counts up. Rows of a table (records) are not appointments and are not used as a figure.",
    columns=(s.COUNT, s.DNA_COUNT, s.ATTENDED_COUNT, s.UNKNOWN_STATUS_COUNT, s.KNOWN_COUNT, s.YEAR_EARLIER),
)
RECORDS = Measure(
    "records",
    "Rows in the table",
    len,
    None,
    Format("integer"),
    help="Rows of the {table} table (records).",
    columns=(s.RECORDS,),
)
DNA_RATE = Measure(
    "dna_rate",
    "DNA rate",
    dna_rate,
    KNOWN_OUTCOME,
    Format("percent", 2),
    help="Did not attend (DNA) / (Attended + DNA); unknown status is left out.",
    about="**DNA rate** (did not attend) = DNA / (Attended + DNA). Appointments with an unknown status are "
    "shown separately and left out of the rate.",
    equation="DNA / (Attended + DNA)",
    columns=(s.DNA_RATE,),
)
STATUS_SHARE = Measure(
    "status_share",
    "{status} share",
    ratio,
    ALL_APPOINTMENTS,
    Format("percent", 1),
    help="Appointments with status {status} / all appointments.",
    readme="**Attended, DNA and unknown shares** = appointments with that status / all appointments.",
    equation="appointments with the status / all appointments",
)
SHARE = Measure(
    "share",
    "Share",
    ratio,
    ALL_APPOINTMENTS,
    Format("percent", 1),
    help="{value} appointments / all appointments{where}.",
    readme="**Shares** of a dimension (mode, HCP type, ...) are of all appointments in the month or area shown; "
    "unknown values are a value of their own, shown beside the others.",
    columns=(s.SHARE, s.GP_SHARE, s.EARLY_SHARE, s.LATE_SHARE, s.UNKNOWN_SHARE),
)
SHARE_OF_KNOWN = Measure(
    "share_of_known",
    "Share of known durations",
    ratio,
    KNOWN_DURATION,
    Format("percent", 1),
    help="Appointments in the bin / appointments with a known duration.",
    columns=(s.SHARE_OF_KNOWN,),
)


def per_day_measure(basis: Basis) -> Measure:
    """Appointments per day on `basis` (one record per basis; the texts follow the basis). The default basis's
    record holds the per-day columns of the metric tables."""
    default = basis.key == DEFAULT_DAY_BASIS
    others = [b.option for b in DAY_BASES.values() if b is not basis]
    return Measure(
        "appointments_per_day" if default else f"appointments_per_day_{basis.key}",
        f"Appointments per {basis.noun}",
        ratio,
        basis,
        Format("count"),
        help=f"Monthly total / {basis.text} in the month{basis.aside}.",
        about=f"**Appointments per {basis.noun}** for a month = the monthly total / the {basis.text} in that month"
        f"{basis.aside}. This is the default basis of per-day figures, utilisation, capacity and year-on-year "
        f"changes; {' and '.join(others)} are options in the sidebar, and every figure says its basis.",
        equation=f"monthly total / {basis.text}",
        columns=(s.PER_DAY, s.BASELINE_PER_DAY, s.RECENT_PER_DAY) if default else (),
    )


PER_DAY_BY_BASIS = {key: per_day_measure(basis) for key, basis in DAY_BASES.items()}
PER_DAY = PER_DAY_BY_BASIS[DEFAULT_DAY_BASIS]


def per_day_of(basis: str | None = None) -> Measure:
    """The appointments-per-day record of the basis with key `basis` ("working", "calendar", "30"; None: the
    default, per working day); an unknown key falls back to the default."""
    return PER_DAY_BY_BASIS.get(basis or DEFAULT_DAY_BASIS, PER_DAY)


KNOWN_VALUE_SHARE = Measure(
    "known_value_share",
    "Share of known values",
    ratio,
    Basis("known value", "appointments whose value is known"),
    Format("percent", 1),
    help="Appointments with the value / appointments whose value is known (unknown left out).",
    about="**Same-day, face-to-face and GP shares** of a practice = its appointments booked the same day, held "
    "face to face, or with a GP / its appointments whose lead time, mode or HCP type is known.",
    equation="appointments with the value / appointments whose value is known",
    columns=(s.FACE_TO_FACE_SHARE, s.GP_SHARE_OF_KNOWN),  # same_day_share is SAME_DAY's, the same definition
)
PER_1000_PATIENTS = Measure(
    "per_1000_patients",
    "Appointments per 1,000 patients a month",
    lambda appointments, patient_months: ratio(appointments, patient_months) * 1000,
    Basis("registered patients", "registered patients, per month"),
    Format("integer"),
    help="Appointments / (registered patients x months) x 1,000.",
    about="**Appointments per 1,000 registered patients a month** = appointments in the months shown / "
    "(registered patients x the number of those months) x 1,000, with one list-size extract; for a PCN or an "
    "area, its practices' patients and months are added up. It compares practices of different sizes; it is "
    "not a measure of need.",
    equation="appointments / (registered patients x months) x 1,000",
    columns=(s.PER_1000_PATIENTS,),
)
UTILISATION = Measure(
    "utilisation",
    "Utilisation",
    utilisation,
    PLANNED,
    Format("percent", 0, detail=1),
    help="Appointments per {day} / planned capacity of {capacity} a {day}.",
    about="**Utilisation** = appointments per working day / the planned capacity of a working day set in the "
    "sidebar (on the per-day basis chosen there).",
    columns=(s.UTILISATION,),
)
CAPACITY = Measure(
    "capacity",
    "Planned capacity (appointments a working day)",
    None,
    None,
    Format("integer"),
    help="The planned national capacity, a working-day figure; utilisation = appointments per working day / this.",
    about=f"**Planned capacity** is a national working-day figure ({DEFAULT_CAPACITY:,} a working day by default). "
    "For a region, ICB or sub-ICB location it is scaled by the area's share of registered patients when the "
    "coverage file is loaded; otherwise enter the area's capacity in the sidebar, and until then no capacity "
    "finding is made for the area.",
)
MEAN_DURATION = Measure(
    "mean_duration",
    "Estimated mean duration",
    ratio,
    KNOWN_DURATION,
    Format("decimal", 1, unit=" min"),
    help="Each duration band counts at its middle; unknown durations left out.",
    about=f"**Estimated mean duration**: {MEAN_METHOD}.",
    equation=MEAN_METHOD,
    columns=(s.MEAN_MINUTES,),
)


def missed_hours(dna, mean_minutes):
    """DNA appointments x the estimated mean minutes of an attended appointment, in hours."""
    return dna * mean_minutes / 60


MISSED_TIME = Measure(
    "missed_time",
    "Estimated clinician hours booked for DNAs",
    missed_hours,
    Basis("matched months", "DNA appointments in the ICBs and months that also have durations"),
    Format("count", unit=" hours"),
    help="An estimate: DNA appointments x the estimated mean duration of attended appointments in the same ICB "
    "and month, in hours. Durations are recorded for attended appointments only, and recording differs by GP "
    "system supplier; only the ICBs and months in both tables count.",
    about="**Estimated clinician hours booked for DNAs** (an estimate): DNA (missed) appointments x the estimated "
    "mean duration of attended appointments in the same ICB and month, / 60. Durations are recorded for attended "
    "appointments only, so a missed appointment is assumed to have been booked for as long as an attended one; "
    "duration recording differs by GP system supplier; only the ICBs and months present in both the appointments "
    "and the durations tables count, and the page says how many matched.",
    equation="DNA appointments x estimated mean duration (minutes) / 60",
    columns=(s.MISSED_HOURS,),
)

PCN_SHARE = Measure(
    "pcn_share",
    "PCNs' share of all appointments",
    ratio,
    Basis("practices and PCNs", "appointments of practices (regional files) and of PCNs (PCN_GRANULAR) together"),
    Format("percent", 1),
    help="Appointments delivered by PCNs / (appointments delivered by practices + by PCNs), in the months both "
    "files have.",
    about="**PCNs' share of all appointments** = appointments delivered by primary care networks (`PCN_GRANULAR.csv`, "
    "such as enhanced access hubs) / (practices' appointments in the regional files + PCNs'), over the months "
    "both have. The regional, duration and category files hold the practices' appointments only, so their sums "
    "run below NHS England's headline totals by about this share.",
    equation="PCN appointments / (practice appointments + PCN appointments)",
    columns=(s.PCN_SHARE,),
)

GROWTH = Measure(
    "growth",
    "Growth",
    relative_change,
    PER_DAY.basis,
    Format("percent", 1, signed=True),
    help="Change in appointments per day between the two windows",
    about="**Growth** compares appointments per day in the latest three months with the same months a year "
    "earlier when the data has them (so seasons cancel out), otherwise with the first three months.",
)
YEAR_ON_YEAR = Measure(
    "year_on_year",
    "Change on a year earlier",
    relative_change,
    Basis("year earlier", "the same month a year earlier, on the same per-day basis"),
    Format("percent", 1, signed=True),
    help="Appointments per {day} in the month against the same month a year earlier (which may lie outside the "
    "selected period when it is loaded).",
    about="**Year-on-year** changes compare appointments per working day (or the basis chosen) in a month with the "
    "same month a year earlier, so a month with fewer working days is not read as a fall; the earlier month may "
    "lie outside the selected period when it is loaded.",
    columns=(s.PCT_CHANGE,),
)
HASHTAGS = Measure(
    "hashtags",
    "Hashtag uses",
    hashtag_key,
    None,
    Format("integer"),
    help="Case-folded: #NHS and #nhs count as one.",
    about="**Hashtags** are `#` followed by letters, digits or underscore (combining accents kept inside the tag), "
    "in Unicode NFKC form and case-folded (#Healthcare = #healthcare), trailing punctuation excluded. Retweeted "
    "copies count unless you exclude them.",
    columns=(s.HASHTAG_COUNT,),
)
SEASONS = Measure(
    "seasons",
    "Season",
    season_of,
    PER_DAY.basis,
    Format("count"),
    help=SEASON_WORDS,
    about=f"**Seasons**: {SEASON_WORDS}.",
)
WEEKDAYS = Measure(
    "weekdays",
    "Weekday figures",
    ratio,
    CALENDAR_DATE,
    Format("count"),
    help="Average appointments on each weekday; England bank holidays are a group of their own",
    about="**Weekday figures** are averages over every calendar date between the first and last date of the "
    "daily table used (the official daily file if loaded, otherwise national categories, otherwise "
    "durations); a date with no rows counts as zero. England bank holidays are left out of their weekday and "
    "shown as a group of their own, with their own average.",
)
UNKNOWN_VALUE = Measure(
    "unknown_value_share",
    "Share with an unknown value",
    ratio,
    ALL_APPOINTMENTS,
    Format("percent", 1),
    help="Appointments whose {dimension} is unknown / all the table's appointments in the month.",
    about="**Unknown shares** (Data quality page) = appointments whose value of a breakdown is Unknown, Unknown / "
    "Data Quality, Unmapped or Inconsistent Mapping / all the table's appointments in the month.",
    columns=(s.UNKNOWN_VALUE_SHARE, s.FIRST_MONTH_SHARE, s.LATEST_MONTH_SHARE),
)
COVERAGE = Measure(
    "coverage",
    "Practice coverage",
    ratio,
    Basis("open practices", "open practices (or the patients registered at them)"),
    Format("percent", 1),
    help="Practices whose appointments are included / practices open in the month (and the same for patients).",
    about="**Coverage** = practices whose appointment data is included / practices open in the month, and the "
    "same for their registered patients, from the coverage file.",
    columns=(s.PRACTICE_SHARE, s.PATIENT_SHARE),
)
RECONCILIATION_GAP = Measure(
    "reconciliation_gap",
    "Difference between tables",
    relative_change,
    Basis("first table", "the first table's appointments in the month"),
    Format("percent", 2, signed=True),
    help="(Second table's total - first table's) / first table's, over the months and ICBs both cover.",
    about="**Tables that should agree** are compared month by month over the months and ICBs both cover: "
    f"(second table's appointments - first table's) / first table's; more than {MATERIAL_GAP:.1%} either way is "
    "a material gap.",
    columns=(s.DIFFERENCE_SHARE,),
)

PER_THOUSAND = Measure(
    "per_1000_covered_patients",
    "Appointments per 1,000 registered patients a month",
    lambda appointments, patient_months: ratio(appointments * 1000, patient_months),
    Basis("patients", "patients registered at the practices included, in the same months"),
    Format("decimal", 1),
    help="Appointments / patients registered at included practices (summed over the months) x 1,000.",
    about="**Appointments per 1,000 registered patients a month** for an area = its appointments / the patients "
    "registered at the practices included in the publication in each calendar month, summed over the months "
    "(coverage file `APPOINTMENTS_GP_COVERAGE.csv`, each month's own patients) x 1,000; only the areas and months "
    "both files cover are counted.",
    columns=(s.PER_THOUSAND,),
)

# --- access: how soon after booking appointments happen (the lead-time bands of the regional table) -------
KNOWN_LEAD_BANDS = s.VOCABULARIES[s.LEAD][:7]  # every band but "Unknown / Data Quality"


def band_sum(by_band, bands):
    """Appointments in `bands` of counts by band (a Series indexed by band, or a frame with a column each)."""
    return sum(by_band[band] for band in bands)


def access_share(bands: tuple[str, ...]) -> Callable:
    """The formula of a share of known lead times: appointments in `bands` / appointments with a known one."""
    return lambda by_band: ratio(band_sum(by_band, bands), band_sum(by_band, KNOWN_LEAD_BANDS))


def mean_wait(by_band):
    """Estimated mean days from booking: each known band at its midpoint (`schema.LEAD_MIDPOINTS`)."""
    days = sum(by_band[band] * mid for band, mid in s.LEAD_MIDPOINTS.items())
    return ratio(days, band_sum(by_band, KNOWN_LEAD_BANDS))


def _access(key: str, label: str, bands: tuple[str, ...], column: str) -> Measure:
    named = " or ".join(" ".join(band.split()).lower() for band in bands)
    return Measure(
        key,
        label,
        access_share(bands),
        KNOWN_LEAD,
        Format("percent", 1),
        help=f"Appointments booked {named} / appointments with a known booking lead time (unknown shown apart).",
        readme=f"**{label}** = appointments whose time from booking was {named} / appointments with a known "
        "lead time; the unknown band is shown separately.",
        equation=f"{named} / known lead time",
        columns=(column,),
    )


SAME_DAY = _access("same_day_share", "Same-day share", KNOWN_LEAD_BANDS[:1], s.SAME_DAY_SHARE)
NEXT_DAY = _access("same_or_next_day_share", "Same or next day", KNOWN_LEAD_BANDS[:2], s.NEXT_DAY_SHARE)
WITHIN_7 = _access("within_7_days_share", "Within 7 days", KNOWN_LEAD_BANDS[:3], s.WITHIN_7_SHARE)
WITHIN_14 = _access("within_14_days_share", "Within 14 days", KNOWN_LEAD_BANDS[:4], s.WITHIN_14_SHARE)
OVER_28 = _access("over_28_days_share", "More than 28 days", KNOWN_LEAD_BANDS[6:], s.OVER_28_SHARE)
_WAIT_WORDS = ", ".join(f"{' '.join(b.split()).lower()} as {m:g}" for b, m in s.LEAD_MIDPOINTS.items())
MEAN_WAIT = Measure(
    "mean_wait",
    "Estimated mean wait",
    mean_wait,
    KNOWN_LEAD,
    Format("decimal", 1, unit=" days"),
    help="An estimate: each lead-time band counted at its middle day; unknown lead times left out.",
    about=f"**Estimated mean wait** (an estimate, not a measured wait): the days from booking to appointment "
    f"with each band counted at its middle day ({_WAIT_WORDS} days); appointments with an unknown lead time "
    "are left out.",
    equation="sum(band middle day x appointments) / known lead time",
    columns=(s.MEAN_WAIT,),
)
UNKNOWN_LEAD = Measure(
    "unknown_lead_share",
    "Unknown lead time",
    ratio,
    ALL_APPOINTMENTS,
    Format("percent", 1),
    help="Appointments whose booking lead time is unknown / all appointments.",
    readme="**Unknown lead time** = appointments in the Unknown / Data Quality band / all appointments, shown "
    "beside the access shares, which leave it out.",
    columns=(s.UNKNOWN_LEAD_SHARE,),
)

# Every record above, in the order defined (the README lists them in this order).
MEASURES = {m.key: m for m in list(globals().values()) if isinstance(m, Measure)}
_BY_COLUMN = {column: m for m in MEASURES.values() for column in m.columns}


def of_column(column: str) -> Measure | None:
    """The measure a metric-table column holds (None for a column that is not a measure, such as a name)."""
    return _BY_COLUMN.get(column)


def d3_format(column: str, default: str | None = None) -> str | None:
    """The tooltip format of a column's measure, or `default` when the column holds none."""
    measure = of_column(column)
    return measure.fmt.d3 if measure is not None else default
