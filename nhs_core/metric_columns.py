"""Column names, labels and calendar vocabularies of the small tables that the analysis returns.

These are not columns of any uploaded file (no header ever maps to them), so they live apart from the
column registry in `schema`, which re-exports every name here (`schema.PER_DAY` works as before).
"""

from __future__ import annotations

__all__ = [
    "ABOVE_CAPACITY",
    "AREA",
    "AREAS",
    "AREA_CODE",
    "ATTENDED_COUNT",
    "BANK_HOLIDAY",
    "BASELINE_PER_DAY",
    "CHANGE",
    "CHECK",
    "COMPARED_WITH",
    "COPIES",
    "COVID_END",
    "COVID_LABEL",
    "COVID_START",
    "DAYS",
    "DIFFERENCE",
    "DIFFERENCE_SHARE",
    "DIMENSION",
    "DNA_COUNT",
    "DNA_RATE",
    "EARLY_SHARE",
    "FIRST_MONTH",
    "FIRST_MONTH_SHARE",
    "FIRST_TOTAL",
    "GP_SHARE",
    "GP_SHARE_OF_KNOWN",
    "SAME_DAY_SHARE",
    "FACE_TO_FACE_SHARE",
    "PER_1000_PATIENTS",
    "HASHTAG",
    "HASHTAG_COUNT",
    "KNOWN",
    "KNOWN_COUNT",
    "KNOWN_LEAD_COUNT",
    "LAST_MONTH",
    "LATEST_MONTH_SHARE",
    "LATE_SHARE",
    "MEAN_MINUTES",
    "MEAN_WAIT",
    "MISSED_HOURS",
    "PCN_COUNT",
    "PCN_SHARE",
    "PRACTICE_COUNT",
    "MISSING_AREAS_TEXT",
    "MISSING_AREA_MONTHS",
    "MISSING_MONTHS",
    "MISSING_MONTHS_TEXT",
    "MONTHS_COUNT",
    "MONTH_NAMES",
    "MONTH_OF_YEAR",
    "NEXT_DAY_SHARE",
    "OVER_28_SHARE",
    "PATIENT_SHARE",
    "PCT_CHANGE",
    "PER_DAY",
    "PER_THOUSAND",
    "PRACTICE_SHARE",
    "RECENT_PER_DAY",
    "RECORDS",
    "ROLE_SHARE",
    "SEASON",
    "SEASONS",
    "SEASON_OF_MONTH",
    "SECOND_TOTAL",
    "SERIES",
    "SHARE",
    "SHARE_OF_KNOWN",
    "TABLE_NAME",
    "UNKNOWN_COUNT",
    "UNKNOWN_LEAD_SHARE",
    "UNKNOWN_SHARE",
    "UNKNOWN_STATUS_COUNT",
    "UNKNOWN_VALUE_SHARE",
    "UTILISATION",
    "WEEKDAY",
    "WEEKDAYS",
    "WEEKDAY_GROUPS",
    "WITHIN_14_SHARE",
    "WITHIN_7_SHARE",
    "YEAR_EARLIER",
]

PER_DAY = "appointments_per_day"
SHARE = "share"
UTILISATION = "utilisation"
DAYS = "days"
DNA_RATE = "dna_rate"
DNA_COUNT = "dna_appointments"
RECORDS = "records"
AREA = "area"
AREA_CODE = "area_code"
SERIES = "series"
YEAR_EARLIER = "year_earlier"
CHANGE = "change"
PCT_CHANGE = "pct_change"
WEEKDAY = "weekday"
SEASON = "season"
MONTH_OF_YEAR = "month_of_year"
MEAN_MINUTES = "mean_minutes"
BASELINE_PER_DAY = "baseline_per_day"
RECENT_PER_DAY = "recent_per_day"
COMPARED_WITH = "compared_with"
HASHTAG = "hashtag"
HASHTAG_COUNT = "count"
COPIES = "copies"
ATTENDED_COUNT = "attended"
UNKNOWN_STATUS_COUNT = "unknown_status"
ABOVE_CAPACITY = "above_capacity"
MONTHS_COUNT = "months"
KNOWN = "known"
SHARE_OF_KNOWN = "share_of_known"
KNOWN_COUNT = "known_appointments"
GP_SHARE = "gp_share"
# The practice comparison (analysis.practices): each share over the appointments whose value is known.
SAME_DAY_SHARE = "same_day_share"
FACE_TO_FACE_SHARE = "face_to_face_share"
GP_SHARE_OF_KNOWN = "gp_share_of_known"
PER_1000_PATIENTS = "appointments_per_1000_patients_a_month"
UNKNOWN_SHARE = "unknown_share"
EARLY_SHARE = "early_share"
LATE_SHARE = "late_share"
# The Data quality page's tables (analysis.quality and analysis.reconcile).
TABLE_NAME = "table"
DIMENSION = "dimension"
UNKNOWN_COUNT = "unknown_appointments"
PRACTICE_SHARE = "practice_share"
PATIENT_SHARE = "patient_share"
FIRST_MONTH = "first_month"
LAST_MONTH = "last_month"
MISSING_MONTHS = "missing_months"
MISSING_MONTHS_TEXT = "missing_months_text"
AREAS = "areas"
MISSING_AREA_MONTHS = "missing_area_months"
MISSING_AREAS_TEXT = "missing_areas_text"
FIRST_TOTAL = "first_total"
SECOND_TOTAL = "second_total"
DIFFERENCE = "difference"
DIFFERENCE_SHARE = "difference_share"
CHECK = "check"
UNKNOWN_VALUE_SHARE = "unknown_value_share"
FIRST_MONTH_SHARE = "first_month_share"
LATEST_MONTH_SHARE = "latest_month_share"
# access (booking lead time), workforce and missed clinician time
NEXT_DAY_SHARE = "same_or_next_day_share"
WITHIN_7_SHARE = "within_7_days_share"
WITHIN_14_SHARE = "within_14_days_share"
OVER_28_SHARE = "over_28_days_share"
MEAN_WAIT = "mean_wait_days"
UNKNOWN_LEAD_SHARE = "unknown_lead_share"
KNOWN_LEAD_COUNT = "known_lead_appointments"
ROLE_SHARE = "role_share"
MISSED_HOURS = "missed_hours"
PER_THOUSAND = "per_1000_patients"
PCN_COUNT = "pcn_appointments"
PRACTICE_COUNT = "practice_appointments"
PCN_SHARE = "pcn_share"

# Display labels (axis titles, table headers); `schema.LABELS` merges them with the data columns' labels.
LABELS = {
    PER_DAY: "Appointments per day",
    SHARE: "Share",
    UTILISATION: "Utilisation of planned capacity",
    DNA_RATE: "DNA rate",
    SAME_DAY_SHARE: "Same-day share",
    FACE_TO_FACE_SHARE: "Face-to-face share",
    GP_SHARE_OF_KNOWN: "GP share",
    PER_1000_PATIENTS: "Appointments per 1,000 patients a month",
    DNA_COUNT: "DNA (missed) appointments",
    DAYS: "Days",
    RECORDS: "Rows in the table",
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
    TABLE_NAME: "Table",
    DIMENSION: "Breakdown",
    UNKNOWN_COUNT: "Appointments with an unknown value",
    PRACTICE_SHARE: "Share of open practices included",
    PATIENT_SHARE: "Share of registered patients included",
    FIRST_MONTH: "First month",
    LAST_MONTH: "Last month",
    MISSING_MONTHS: "Months missing",
    MISSING_MONTHS_TEXT: "Which months",
    AREAS: "ICBs in the table",
    MISSING_AREA_MONTHS: "ICB-months missing",
    MISSING_AREAS_TEXT: "Which ICB-months (first three)",
    FIRST_TOTAL: "First table's appointments",
    SECOND_TOTAL: "Second table's appointments",
    DIFFERENCE: "Difference (second minus first)",
    DIFFERENCE_SHARE: "Difference as a share of the first",
    CHECK: "Check",
    UNKNOWN_VALUE_SHARE: "Share with an unknown value",
    FIRST_MONTH_SHARE: "Share in the first month",
    LATEST_MONTH_SHARE: "Share in the latest month",
    NEXT_DAY_SHARE: "Same or next day share",
    WITHIN_7_SHARE: "Within 7 days share",
    WITHIN_14_SHARE: "Within 14 days share",
    OVER_28_SHARE: "More than 28 days share",
    MEAN_WAIT: "Estimated mean wait (days)",
    UNKNOWN_LEAD_SHARE: "Share with unknown lead time",
    KNOWN_LEAD_COUNT: "Appointments with a known lead time",
    ROLE_SHARE: "Share of appointments",
    MISSED_HOURS: "Estimated clinician hours booked for DNAs",
    PER_THOUSAND: "Appointments a month per 1,000 registered patients",
    PCN_COUNT: "Appointments delivered by PCNs",
    PRACTICE_COUNT: "Appointments delivered by practices",
    PCN_SHARE: "PCNs' share of all appointments",
}

# --- calendar vocabularies of the weekday, season and month-of-year columns ---------------------------
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
BANK_HOLIDAY = "Bank holiday"  # England bank holidays: a weekday group of their own, not counted as their weekday
WEEKDAY_GROUPS = (*WEEKDAYS, BANK_HOLIDAY)
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
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# The Covid-19 period marked on time charts (first national lockdown to the end of the third).
COVID_START = "2020-03-01"
COVID_END = "2021-03-31"
COVID_LABEL = "Covid-19 period (Mar 2020 to Mar 2021)"
