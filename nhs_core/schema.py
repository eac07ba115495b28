"""Canonical column names, the column registry (labels, header aliases, vocabularies) and table names.

Every column name and every display label in the project is spelled here once. Readers map the
headers they find onto these names; pages and charts import them rather than typing strings. Each
column of an uploaded table is one `Column` record in `CANONICAL_COLUMNS`; `LABELS`, `HEADER_ALIASES`,
`VOCABULARIES`, `BLANK_MEANS` and `VALUE_ALIASES` derive from the records. What each table holds is in
`nhs_core.tables`; the columns of the analysis results are in `nhs_core.metric_columns` (re-exported here).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from nhs_core import metric_columns
from nhs_core.metric_columns import *  # noqa: F403  (re-exported: callers write schema.PER_DAY)

# --- canonical column names (the LSE extract's snake_case names) ---------------------------------
SUB_ICB = "sub_icb_location_code"
SUB_ICB_ONS = "sub_icb_location_ons_code"
SUB_ICB_NAME = "sub_icb_location_name"
ICB = "icb_ons_code"
ICB_NAME = "icb_name"
REGION = "region_ons_code"
REGION_NAME = "region_name"
MONTH = "appointment_month"
DATE = "appointment_date"
STATUS = "appointment_status"
HCP = "hcp_type"
MODE = "appointment_mode"
LEAD = "time_between_book_and_appointment"
DURATION = "actual_duration"
SETTING = "service_setting"
CONTEXT = "context_type"
CATEGORY = "national_category"
SDS_ROLE = "sds_role_group"
COUNT = "count_of_appointments"
INCLUDED_PRACTICES = "included_practices"
OPEN_PRACTICES = "open_practices"
PATIENTS_INCLUDED = "patients_registered_included"
PATIENTS_OPEN = "patients_registered_open"
GP_CODE = "gp_code"
GP_NAME = "gp_name"
SUPPLIER = "supplier"
PCN_CODE = "pcn_code"
PCN_NAME = "pcn_name"
REGISTERED_PATIENTS = "registered_patients"

TWEET_ID = "tweet_id"
TWEET_TEXT = "tweet_full_text"
TWEET_ENTITIES = "tweet_entities"
TWEET_HASHTAGS = "tweet_entities_hashtags"
TWEET_METADATA = "tweet_metadata"
TWEET_RETWEETS = "tweet_retweet_count"
TWEET_FAVOURITES = "tweet_favorite_count"
TWEET_FAVORITED = "tweet_favorited"
TWEET_RETWEETED = "tweet_retweeted"
TWEET_LANG = "tweet_lang"

GEOGRAPHY_CODES = (REGION, ICB, SUB_ICB)
GEOGRAPHY_NAMES = {REGION: REGION_NAME, ICB: ICB_NAME, SUB_ICB: SUB_ICB_NAME}
LEVEL_LABELS = {REGION: "region", ICB: "ICB", SUB_ICB: "sub-ICB location"}

# --- table names (each table kind's record is in nhs_core.tables) ----------------------------------
APPOINTMENTS = "appointments"
DAILY = "daily"
DURATIONS = "durations"
CATEGORIES = "categories"
COVERAGE = "coverage"
TWEETS = "tweets"
PRACTICE_CROSSTAB = "practices"  # the summary's `tables.practices`
PRACTICE_MAPPING = "practice_mapping"
LIST_SIZES = "list_sizes"
SDS_ROLES = "sds_roles"
OVERVIEW = "national_overview"
PCN_APPOINTMENTS = "pcn_appointments"  # PCN_GRANULAR.csv: delivered by primary care networks, not practices

UNKNOWN = "Unknown"
UNKNOWN_DQ = "Unknown / Data Quality"
# Values that count as "unknown" and so sort last when a file brings new values.
UNKNOWN_LIKE = frozenset({UNKNOWN, UNKNOWN_DQ, "Unmapped", "Inconsistent Mapping"})
NOT_PROVIDED_SUFFIX = "not provided"  # "Appt Status Not Provided" etc. are old spellings of Unknown
_DATA_ISSUE = {"unknown / data issue": UNKNOWN_DQ}


@dataclass(frozen=True)
class Column:
    """One canonical column of the uploaded tables and everything known about it."""

    name: str  # the canonical (LSE extract) name; a header spelt so always maps to it
    label: str | None = None  # display label; None leaves it to `label` (the name in words)
    aliases: tuple[str, ...] = ()  # other spellings of the header (`header_key` form), official and CCG-era
    fallback_aliases: tuple[str, ...] = ()  # read only when no other header maps to the column (stp_code)
    vocabulary: tuple[str, ...] = ()  # official values in display order, Unknown last; empty for text and counts
    blank_means: str | None = None  # what a blank cell counts as, so no appointment drops out of a total unseen
    # Official spellings that differ from the canonical value (keys in `match_key` form).
    value_aliases: Mapping[str, str] = field(default_factory=dict, hash=False)


CANONICAL_COLUMNS = (
    Column(REGION, "Region code", fallback_aliases=("region_code",)),
    Column(REGION_NAME, "Region"),
    Column(ICB, "ICB code", aliases=("stp_ons_code",), fallback_aliases=("stp_code",)),
    Column(ICB_NAME, "Integrated care board (ICB)"),
    Column(SUB_ICB, "Sub-ICB code", aliases=("ccg_code", "commissioner_organisation_code")),
    Column(SUB_ICB_ONS, aliases=("ccg_ons_code",)),
    Column(SUB_ICB_NAME, "Sub-ICB location", aliases=("sub_icb_location", "ccg_name")),
    # extract_date: the registered-patients file's month (read only when no month column is there)
    Column(MONTH, "Month", aliases=("appointment_month_start_date",), fallback_aliases=("extract_date",)),
    Column(DATE, "Date"),
    Column(
        STATUS,
        "Appointment status",
        aliases=("appt_status",),
        vocabulary=("Attended", "DNA", UNKNOWN),
        blank_means=UNKNOWN,
    ),
    Column(
        HCP,
        "Healthcare professional (HCP) type",
        vocabulary=("GP", "Other Practice staff", UNKNOWN),
        blank_means=UNKNOWN,
    ),
    Column(
        MODE,
        "Appointment mode",
        aliases=("appt_mode",),
        vocabulary=("Face-to-Face", "Home Visit", "Telephone", "Video/Online", UNKNOWN),
        blank_means=UNKNOWN,
        value_aliases={"video conference/online": "Video/Online"},
    ),
    Column(
        LEAD,
        "Time from booking to appointment",
        aliases=("time_between_book_and_appt",),
        vocabulary=(
            "Same Day",
            "1 Day",
            "2 to 7 Days",
            "8  to 14 Days",
            "15  to 21 Days",
            "22  to 28 Days",
            "More than 28 Days",
            UNKNOWN_DQ,
        ),
        blank_means=UNKNOWN_DQ,
        value_aliases=_DATA_ISSUE,
    ),
    Column(
        DURATION,
        "Actual duration",
        vocabulary=(
            "1-5 Minutes",
            "6-10 Minutes",
            "11-15 Minutes",
            "16-20 Minutes",
            "21-30 Minutes",
            "31-60 Minutes",
            UNKNOWN_DQ,
        ),
        blank_means=UNKNOWN_DQ,
        value_aliases=_DATA_ISSUE,
    ),
    Column(
        SETTING,
        "Service setting",
        vocabulary=("General Practice", "Primary Care Network", "Extended Access Provision", "Other", "Unmapped"),
        blank_means="Unmapped",
    ),
    Column(
        CONTEXT,
        "Context type",
        vocabulary=("Care Related Encounter", "Inconsistent Mapping", "Unmapped"),
        blank_means="Unmapped",
    ),
    Column(
        CATEGORY,
        "National category",
        vocabulary=(
            "Care Home Needs Assessment & Personalised Care and Support Planning",
            "Care Home Visit",
            "Care Related Encounter but does not fit into any other category",
            "Clinical Triage",
            "General Consultation Acute",
            "General Consultation Routine",
            "Group Consultation and Group Education",
            "Home Visit",
            "Non-contractual chargeable work",
            "Patient contact during Care Home Round",
            "Planned Clinical Procedure",
            "Planned Clinics",
            "Service provided by organisation external to the practice",
            "Social Prescribing Service",
            "Structured Medication Review",
            "Unplanned Clinical Activity",
            "Walk-in",
            "Inconsistent Mapping",
            "Unmapped",
        ),
        blank_means="Unmapped",
    ),
    Column(
        SDS_ROLE,
        "Staff role group (SDS)",
        vocabulary=("GP", "Nurses", "Other Direct Patient Care", "Data Quality", UNKNOWN),
        blank_means=UNKNOWN,
    ),
    Column(COUNT, "Appointments"),
    Column(INCLUDED_PRACTICES),
    Column(OPEN_PRACTICES),
    Column(PATIENTS_INCLUDED, aliases=("patients_registered_at_included_practices",)),
    Column(PATIENTS_OPEN, aliases=("patients_registered_at_open_practices",)),
    Column(GP_CODE, "GP practice code", fallback_aliases=("code",)),  # CODE: the registered-patients file
    Column(GP_NAME, "GP practice"),
    Column(SUPPLIER, "GP system supplier"),
    Column(PCN_CODE, "PCN code"),
    Column(PCN_NAME, "Primary care network (PCN)"),
    Column(REGISTERED_PATIENTS, "Registered patients", aliases=("number_of_patients",)),
    Column(TWEET_ID),
    Column(TWEET_TEXT, "Tweet"),
    Column(TWEET_ENTITIES),
    Column(TWEET_HASHTAGS),
    Column(TWEET_METADATA),
    Column(TWEET_RETWEETS, "Retweets"),
    Column(TWEET_FAVOURITES, "Favourites"),
    Column(TWEET_FAVORITED),
    Column(TWEET_RETWEETED),
    Column(TWEET_LANG),
)

# --- derived from the records ------------------------------------------------------------------------
# Display labels of every column a page or chart shows (axis titles, table headers).
LABELS = {c.name: c.label for c in CANONICAL_COLUMNS if c.label} | metric_columns.LABELS
# `header_key` form of every header seen in LSE, official and CCG-era files -> canonical name.
HEADER_ALIASES = {key: c.name for c in CANONICAL_COLUMNS for key in (c.name, *c.aliases, *c.fallback_aliases)}
FALLBACK_HEADERS = frozenset(key for c in CANONICAL_COLUMNS for key in c.fallback_aliases)
VOCABULARIES = {c.name: c.vocabulary for c in CANONICAL_COLUMNS if c.vocabulary}
BLANK_MEANS = {c.name: c.blank_means for c in CANONICAL_COLUMNS if c.blank_means}
VALUE_ALIASES = {c.name: dict(c.value_aliases) for c in CANONICAL_COLUMNS if c.value_aliases}

STATUS_ATTENDED, STATUS_DNA, STATUS_UNKNOWN = VOCABULARIES[STATUS]

# Minutes represented by each duration bin, used for the estimated mean (bin midpoints).
DURATION_MIDPOINTS = {
    "1-5 Minutes": 3.0,
    "6-10 Minutes": 8.0,
    "11-15 Minutes": 13.0,
    "16-20 Minutes": 18.0,
    "21-30 Minutes": 25.5,
    "31-60 Minutes": 45.5,
}

# Days from booking represented by each lead-time band, used for the estimated mean wait (band midpoints;
# "More than 28 Days" counts as 35).
LEAD_MIDPOINTS = dict(zip(VOCABULARIES[LEAD][:7], (0.0, 1.0, 4.5, 11.0, 18.0, 25.0, 35.0)))


def label(column: str) -> str:
    """The display label of a column ("appointment_mode" -> "Appointment mode"); unknown names pass through."""
    return LABELS.get(column, column.replace("_", " ").capitalize())


_NON_WORD = re.compile(r"[^0-9a-z]+")
_SPACES = re.compile(r"\s+")


def header_key(header: str) -> str:
    """Return the matching form of a header: case-folded, BOM removed, runs of non-word characters as `_`.

    >>> header_key("\\ufeffPatients registered at included practices")
    'patients_registered_at_included_practices'
    """
    return _NON_WORD.sub("_", header.replace("\ufeff", "").strip().lower()).strip("_")


def match_key(value: str) -> str:
    """Return the matching form of a vocabulary value: whitespace collapsed, case-folded."""
    return _SPACES.sub(" ", value).strip().lower()


def canonical_value(column: str, raw: str) -> str | None:
    """Map a raw vocabulary value to its canonical label, or None when it is not known.

    >>> canonical_value(LEAD, "8 to 14 days")
    '8  to 14 Days'
    >>> canonical_value(MODE, "Video Conference/Online")
    'Video/Online'
    """
    key = match_key(raw)
    known = {match_key(label): label for label in VOCABULARIES.get(column, ())}
    known.update(VALUE_ALIASES.get(column, {}))
    if key in known:
        return known[key]
    if key.endswith(NOT_PROVIDED_SUFFIX) and UNKNOWN in VOCABULARIES.get(column, ()):
        return UNKNOWN
    return None


def ordered_categories(column: str, extra: list[str] | tuple[str, ...] = ()) -> list[str]:
    """Return the display order of a vocabulary with any new values placed before the unknowns."""
    base = list(VOCABULARIES[column])
    new = sorted(v for v in set(extra) if v not in base)
    known = [v for v in base if v not in UNKNOWN_LIKE]
    unknown = [v for v in base if v in UNKNOWN_LIKE]
    return known + new + unknown
