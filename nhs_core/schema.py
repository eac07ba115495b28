"""Canonical tables, column names, vocabularies and header aliases.

Every column name and every display label in the project is spelled here once. Readers map the
headers they find onto these names; pages and charts import them rather than typing strings.
"""

from __future__ import annotations

import re

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
COUNT = "count_of_appointments"
INCLUDED_PRACTICES = "included_practices"
OPEN_PRACTICES = "open_practices"
PATIENTS_INCLUDED = "patients_registered_included"
PATIENTS_OPEN = "patients_registered_open"

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

# --- tables ---------------------------------------------------------------------------------------
APPOINTMENTS = "appointments"
DAILY = "daily"
DURATIONS = "durations"
CATEGORIES = "categories"
COVERAGE = "coverage"
TWEETS = "tweets"
TABLES = (APPOINTMENTS, DURATIONS, CATEGORIES, TWEETS, DAILY, COVERAGE)

TABLE_LABELS = {
    APPOINTMENTS: "Appointments by month",
    DAILY: "Daily appointments",
    DURATIONS: "Actual durations",
    CATEGORIES: "National categories",
    COVERAGE: "Practice coverage",
    TWEETS: "Tweets",
}

# Columns that identify a table: all must be present (after aliasing). A table also needs at
# least one geography code column unless it is tweets.
REQUIRED = {
    APPOINTMENTS: (MONTH, STATUS, HCP, MODE, LEAD, COUNT),
    DAILY: (DATE, STATUS, HCP, MODE, LEAD, COUNT),
    DURATIONS: (DATE, DURATION, COUNT),
    CATEGORIES: (DATE, SETTING, CONTEXT, CATEGORY, COUNT),
    COVERAGE: (MONTH, INCLUDED_PRACTICES, OPEN_PRACTICES),
    TWEETS: (TWEET_TEXT,),
}
NEEDS_GEOGRAPHY = (APPOINTMENTS, DAILY, DURATIONS, CATEGORIES, COVERAGE)

# Canonical columns of each table, in order (geography first, then time, dimensions, count).
_GEO = (REGION, REGION_NAME, ICB, ICB_NAME, SUB_ICB, SUB_ICB_NAME)
COLUMNS = {
    APPOINTMENTS: (*_GEO, MONTH, STATUS, HCP, MODE, LEAD, COUNT),
    DAILY: (*_GEO, DATE, MONTH, STATUS, HCP, MODE, LEAD, COUNT),
    DURATIONS: (*_GEO, DATE, MONTH, DURATION, COUNT),
    CATEGORIES: (*_GEO, DATE, MONTH, SETTING, CONTEXT, CATEGORY, COUNT),
    COVERAGE: (*_GEO, MONTH, INCLUDED_PRACTICES, OPEN_PRACTICES, PATIENTS_INCLUDED, PATIENTS_OPEN),
    TWEETS: (
        TWEET_ID,
        TWEET_TEXT,
        TWEET_ENTITIES,
        TWEET_HASHTAGS,
        TWEET_METADATA,
        TWEET_RETWEETS,
        TWEET_FAVOURITES,
        TWEET_FAVORITED,
        TWEET_RETWEETED,
        TWEET_LANG,
    ),
}
COUNT_COLUMNS = {
    TWEETS: (TWEET_RETWEETS, TWEET_FAVOURITES),
    COVERAGE: (INCLUDED_PRACTICES, OPEN_PRACTICES, PATIENTS_INCLUDED, PATIENTS_OPEN),
}
DEFAULT_COUNT_COLUMNS = (COUNT,)

# --- vocabularies, in display order (official spellings, `Unknown` last) --------------------------
UNKNOWN = "Unknown"
UNKNOWN_DQ = "Unknown / Data Quality"
VOCABULARIES: dict[str, tuple[str, ...]] = {
    STATUS: ("Attended", "DNA", UNKNOWN),
    HCP: ("GP", "Other Practice staff", UNKNOWN),
    MODE: ("Face-to-Face", "Home Visit", "Telephone", "Video/Online", UNKNOWN),
    LEAD: (
        "Same Day",
        "1 Day",
        "2 to 7 Days",
        "8  to 14 Days",
        "15  to 21 Days",
        "22  to 28 Days",
        "More than 28 Days",
        UNKNOWN_DQ,
    ),
    DURATION: (
        "1-5 Minutes",
        "6-10 Minutes",
        "11-15 Minutes",
        "16-20 Minutes",
        "21-30 Minutes",
        "31-60 Minutes",
        UNKNOWN_DQ,
    ),
    SETTING: (
        "General Practice",
        "Primary Care Network",
        "Extended Access Provision",
        "Other",
        "Unmapped",
    ),
    CONTEXT: ("Care Related Encounter", "Inconsistent Mapping", "Unmapped"),
    CATEGORY: (
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
}
# Values that count as "unknown" and so sort last when a file brings new values.
UNKNOWN_LIKE = frozenset({UNKNOWN, UNKNOWN_DQ, "Unmapped", "Inconsistent Mapping"})

STATUS_ATTENDED, STATUS_DNA, STATUS_UNKNOWN = VOCABULARIES[STATUS]

# What a blank cell is counted as, so that no appointment drops out of a total unseen.
BLANK_MEANS = {
    STATUS: UNKNOWN,
    HCP: UNKNOWN,
    MODE: UNKNOWN,
    LEAD: UNKNOWN_DQ,
    DURATION: UNKNOWN_DQ,
    SETTING: "Unmapped",
    CONTEXT: "Unmapped",
    CATEGORY: "Unmapped",
}

# Official spellings that differ from the canonical label (matched after `match_key`).
VALUE_ALIASES = {
    MODE: {"video conference/online": "Video/Online"},
    LEAD: {"unknown / data issue": UNKNOWN_DQ},
    DURATION: {"unknown / data issue": UNKNOWN_DQ},
}
NOT_PROVIDED_SUFFIX = "not provided"  # "Appt Status Not Provided" etc. are old spellings of Unknown

# Minutes represented by each duration bin, used for the estimated mean (bin midpoints).
DURATION_MIDPOINTS = {
    "1-5 Minutes": 3.0,
    "6-10 Minutes": 8.0,
    "11-15 Minutes": 13.0,
    "16-20 Minutes": 18.0,
    "21-30 Minutes": 25.5,
    "31-60 Minutes": 45.5,
}

# --- columns of the metric tables (nhs_core.metrics and friends) ---------------------------------
PER_DAY, SHARE, UTILISATION, DAYS = "appointments_per_day", "share", "utilisation", "days"
DNA_RATE, DNA_COUNT, RECORDS = "dna_rate", "dna_appointments", "records"
AREA, AREA_CODE, SERIES = "area", "area_code", "series"
YEAR_EARLIER, CHANGE, PCT_CHANGE = "year_earlier", "change", "pct_change"
WEEKDAY, SEASON, MONTH_OF_YEAR, MEAN_MINUTES = "weekday", "season", "month_of_year", "mean_minutes"
BASELINE_PER_DAY, RECENT_PER_DAY, COMPARED_WITH = "baseline_per_day", "recent_per_day", "compared_with"
HASHTAG, HASHTAG_COUNT, COPIES = "hashtag", "count", "copies"
ATTENDED_COUNT, UNKNOWN_STATUS_COUNT = "attended", "unknown_status"
ABOVE_CAPACITY, MONTHS_COUNT = "above_capacity", "months"
KNOWN, SHARE_OF_KNOWN, KNOWN_COUNT = "known", "share_of_known", "known_appointments"
GP_SHARE, UNKNOWN_SHARE = "gp_share", "unknown_share"
EARLY_SHARE, LATE_SHARE = "early_share", "late_share"

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SEASONS = ("Winter", "Spring", "Summer", "Autumn")
SEASON_OF_MONTH = {
    12: "Winter",
    1: "Winter",
    2: "Winter",
    3: "Spring",
    4: "Spring",
    5: "Spring",
    6: "Summer",
    7: "Summer",
    8: "Summer",
    9: "Autumn",
    10: "Autumn",
    11: "Autumn",
}
SEASON_DEFINITION = (
    "winter is December to February, spring March to May, summer June to August, autumn September to November"
)
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# The Covid-19 period marked on time charts (first national lockdown to the end of the third).
COVID_START, COVID_END = "2020-03-01", "2021-03-31"
COVID_LABEL = "Covid-19 period (Mar 2020 to Mar 2021)"

# Display labels of every column a page or chart shows (axis titles, table headers).
LABELS = {
    REGION: "Region code",
    REGION_NAME: "Region",
    ICB: "ICB code",
    ICB_NAME: "Integrated care board (ICB)",
    SUB_ICB: "Sub-ICB code",
    SUB_ICB_NAME: "Sub-ICB location",
    MONTH: "Month",
    DATE: "Date",
    STATUS: "Appointment status",
    HCP: "Healthcare professional (HCP) type",
    MODE: "Appointment mode",
    LEAD: "Time from booking to appointment",
    DURATION: "Actual duration",
    SETTING: "Service setting",
    CONTEXT: "Context type",
    CATEGORY: "National category",
    COUNT: "Appointments",
    PER_DAY: "Appointments per day",
    SHARE: "Share",
    UTILISATION: "Utilisation of planned capacity",
    DNA_RATE: "DNA rate",
    DNA_COUNT: "DNA (missed) appointments",
    DAYS: "Days",
    RECORDS: "Records (rows)",
    AREA: "Area",
    AREA_CODE: "Area code",
    SERIES: "Series",
    YEAR_EARLIER: "Same month a year earlier",
    CHANGE: "Change",
    PCT_CHANGE: "Percentage change",
    WEEKDAY: "Weekday",
    SEASON: "Season",
    MONTH_OF_YEAR: "Month of year",
    MEAN_MINUTES: "Estimated mean duration (minutes)",
    BASELINE_PER_DAY: "Per day, earlier window",
    RECENT_PER_DAY: "Per day, latest window",
    COMPARED_WITH: "Compared with",
    HASHTAG: "Hashtag",
    COPIES: "Copies in the extract",
    TWEET_TEXT: "Tweet",
    TWEET_RETWEETS: "Retweets",
    TWEET_FAVOURITES: "Favourites",
    HASHTAG_COUNT: "Uses",
    ATTENDED_COUNT: "Attended appointments",
    UNKNOWN_STATUS_COUNT: "Unknown-status appointments",
    ABOVE_CAPACITY: "Above planned capacity",
    MONTHS_COUNT: "Months included",
    KNOWN: "Duration known",
    SHARE_OF_KNOWN: "Share of known durations",
    KNOWN_COUNT: "Appointments with a known duration",
    GP_SHARE: "GP share of attended appointments",
    UNKNOWN_SHARE: "Share with unknown duration",
    EARLY_SHARE: "Share, first months",
    LATE_SHARE: "Share, latest months",
}
LEVEL_LABELS = {REGION: "region", ICB: "ICB", SUB_ICB: "sub-ICB location"}


def label(column: str) -> str:
    """The display label of a column ("appointment_mode" -> "Appointment mode"); unknown names pass through."""
    return LABELS.get(column, column.replace("_", " ").capitalize())


# --- header aliases --------------------------------------------------------------------------------
# Keys are `header_key` forms of every header seen in LSE, official and CCG-era files.
HEADER_ALIASES = {
    "sub_icb_location_code": SUB_ICB,
    "ccg_code": SUB_ICB,
    "commissioner_organisation_code": SUB_ICB,
    "sub_icb_location_ons_code": SUB_ICB_ONS,
    "ccg_ons_code": SUB_ICB_ONS,
    "sub_icb_location_name": SUB_ICB_NAME,
    "sub_icb_location": SUB_ICB_NAME,
    "ccg_name": SUB_ICB_NAME,
    "icb_ons_code": ICB,
    "stp_ons_code": ICB,
    "stp_code": ICB,
    "icb_name": ICB_NAME,
    "region_ons_code": REGION,
    "region_code": REGION,
    "region_name": REGION_NAME,
    "appointment_month": MONTH,
    "appointment_month_start_date": MONTH,
    "appointment_date": DATE,
    "appointment_status": STATUS,
    "appt_status": STATUS,
    "hcp_type": HCP,
    "appointment_mode": MODE,
    "appt_mode": MODE,
    "time_between_book_and_appointment": LEAD,
    "time_between_book_and_appt": LEAD,
    "actual_duration": DURATION,
    "service_setting": SETTING,
    "context_type": CONTEXT,
    "national_category": CATEGORY,
    "count_of_appointments": COUNT,
    "included_practices": INCLUDED_PRACTICES,
    "open_practices": OPEN_PRACTICES,
    "patients_registered_at_included_practices": PATIENTS_INCLUDED,
    "patients_registered_at_open_practices": PATIENTS_OPEN,
    **{name: name for name in COLUMNS[TWEETS]},
}

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
