"""What each page's "About this data" section says: the definitions (from `nhs_core.definitions`, where each
measure is defined once) and the caveats of the data, written once.

Plain text (rendered as Markdown by the page, so no HTML and no dollar signs).
"""

from __future__ import annotations

import pandas as pd

from nhs_core import definitions as d
from nhs_core import schema as s
from nhs_core.present.text import Markdown, prose
from nhs_core.tables import table_words

# Definitions: each measure's "About this data" text.
APPOINTMENTS = d.APPOINTMENTS.about
PER_DAY = d.PER_DAY.about
DNA_RATE = d.DNA_RATE.about
UTILISATION = d.UTILISATION.about
CAPACITY = d.CAPACITY.about
SEASONS = d.SEASONS.about
MEAN_DURATION = d.MEAN_DURATION.about
MISSED_TIME = d.MISSED_TIME.about
MATERIAL_UNRECORDED = (
    f'**Material** (for recording): a share of appointments with no usable staff role ("Data Quality" or '
    f'"Unknown" role group) or an unknown lead time is material at {d.MATERIAL_UNRECORDED_WORDS}; then the '
    "findings recommend data-entry standards and training. (Tables that should agree use a different threshold: "
    f"a gap of more than {d.MATERIAL_GAP:.1%}.)"
)
GROWTH = d.GROWTH.about
HASHTAGS = d.HASHTAGS.about
WEEKDAYS = d.WEEKDAYS.about
PER_THOUSAND = d.PER_THOUSAND.about
SDS_ROLES = (
    "**Staff role groups** come from the SDS role file: the role of the staff member who delivered each "
    "appointment, grouped as GP, Nurses and Other Direct Patient Care (pharmacists, physiotherapists, "
    "physician associates and others). **Data Quality** and **Unknown** are appointments whose role could not be "
    "mapped or was not recorded; they are shown, never dropped. Shares are of all appointments in the table."
)
OVERVIEW = (
    "**National overview**: England's appointments each month by status, HCP type, mode, service setting, "
    "context type and national category (`National_Overview.csv`); it has no areas, so the sidebar's areas do "
    "not apply to it. In a release its monthly totals equal the regional files' (the Data page checks)."
)
ACCESS = (
    f"**Access shares** (same day; same or next day; within 7 and 14 days; more than 28 days) are of "
    f"{d.SAME_DAY.basis.text}; the unknown band is shown separately. {d.MEAN_WAIT.about} The lead time is from "
    "booking to the appointment, not from when the patient first asked for help."
)

# Caveats of the data.
COVID = f"The shaded band on time charts marks the {s.COVID_LABEL}: first lockdown to the end of the third."
LOCATIONS = (
    "The ranking of **locations** uses sub-ICB locations where the table has them; the LSE monthly "
    "extract is recorded per integrated care board (ICB) only."
)

# From the data-quality notes of the publication.
MODE_LOCAL = (
    "**Appointment mode is recorded locally**: practices map their own slot types, so the mix of "
    "face-to-face, telephone and video differs partly because recording differs."
)
DNA_2018 = (
    "**DNA is under-reported for some systems in 2018**: some practice systems did not record DNA "
    "reliably, so early DNA rates may be too low."
)
DURATIONS_ATTENDED = (
    "**Durations cover attended appointments only** and exclude Unknown / Data Quality from the "
    "mean. They are not broken down by status or healthcare professional (HCP) type in the "
    "source, so any comparison with those is made between months or areas only."
)
# NHS England's own caveats of the publication, shown where the figures they qualify appear.
NOT_DEMAND = (
    "**The data does not measure demand or capacity** (NHS England's caveat): it counts appointments recorded in "
    "practice systems, not the need for them nor the staff time available, so a month above the planned capacity "
    "means more recorded appointments than planned, not unmet need."
)
DURATION_SUPPLIER = (
    "**Duration recording differs by clinical system supplier** (NHS England's caveat): GP IT systems record the "
    "end of an appointment differently, so durations compare best within one area over time."
)
DNA_TELEPHONE = (
    "**DNA is under-recorded for telephone appointments** (NHS England's caveat): a missed call is often not "
    "marked as did not attend, so telephone DNA rates look lower than they are."
)
PCN_ACTIVITY = (
    "**The files' sums run below NHS England's headline totals**: appointments delivered by primary care networks "
    "(PCNs) outside their practices, such as enhanced access hubs, are published separately (`PCN_GRANULAR.csv`) "
    "and are not in the regional, duration or category files. With that file loaded, the Engagement page measures "
    f"the gap as the PCNs' share of all appointments ({d.PCN_SHARE.equation})."
)
PCN_NOT_LOADED = (
    "The PCN file (`PCN_GRANULAR.csv`) is not loaded, so every figure here is the practices' appointments only; "
    "NHS England's headline totals also count the appointments PCNs deliver outside their practices. Upload it "
    "with the release's other files to see that gap."
)
PCN_OTHER_SOURCE = (
    "One of the PCN and the monthly appointments tables is from the synthetic sample and the other is real, so "
    "their shares of a total are not shown."
)
UNKNOWN = "**Unknown** is a real value: it is shown, or excluded with the definition stated, never dropped silently."
SYNTHETIC = (
    "The bundled sample is **synthetic**: realistic in shape but not real NHS figures. Upload the real "
    "extracts to replace it."
)
PRACTICES = (
    "The **practice-level crosstab** counts appointments recorded at each practice; appointments delivered by "
    "PCNs outside their practices are not in it, so its totals can be below the regional file's for the same "
    "area. Practices whose sub-ICB code the lookups do not know are kept and named by their code."
)
LIST_SIZES = (
    "**List sizes** are NHS England's *Patients Registered at a GP Practice* for one extract month; a practice "
    "whose list grew or shrank over the months shown is compared with that one figure."
)
TWEETS_TEXT = "Tweets are shown as plain text exactly as collected; they are not filtered by the sidebar."


# Which files bring each table, for the messages of a page whose table is missing.
UPLOAD_FILES = {
    s.APPOINTMENTS: "the official regional files (`Regional_CSV_*.csv`, or the whole "
    "`Appointments_GP_Regional_CSV_*.zip`) or the LSE `appointments_regional.csv`",
    s.DAILY: "the official daily sub-ICB files (`SUB_ICB_LOCATION_CSV_*.csv`, in the daily release zip)",
    s.DURATIONS: "the official `Actual_Duration_CSV_*.csv` or the LSE `actual_duration.csv`",
    s.CATEGORIES: "the official `National_Categories_CSV_*.csv` or the LSE `national_categories.xlsx`",
    s.COVERAGE: "the official coverage file (`APPOINTMENTS_GP_COVERAGE.csv`)",
    s.TWEETS: "a tweets file such as the LSE `tweets.csv` (the official release has none)",
}


def rates_unavailable(table: str, coverage_loaded: bool) -> str:
    """Why no rate per 1,000 registered patients is shown beside `table`'s counts by area."""
    if not coverage_loaded:
        return f"Upload {upload_files(s.COVERAGE)} to compare areas per 1,000 registered patients."
    return (
        f"No rate per 1,000 registered patients: one of the {table_words(table)} and the coverage tables "
        "is from the synthetic sample and the other is real, so the rate would measure nothing."
    )


def upload_files(table: str) -> str:
    """The files that bring `table`, in words (Markdown)."""
    return UPLOAD_FILES.get(table, f"a file holding the {table_words(table)} table")


# What the Data quality page says of tables still from the sample: left out (False) or shown (True).
SAMPLE_ROWS = {
    False: "They are left out of the checks below, as of every page (the sidebar's *Show the sample for missing "
    "tables* brings them back).",
    True: "Their rows below describe the bundled sample, not real data, and they cannot agree with the uploaded "
    "tables.",
}


def capacity_source(scope: str, area: bool, share, typed: bool) -> str:
    """Where the planned capacity of the view comes from, in words ("" for the national default)."""
    if not area:
        return ""
    if typed:
        return f"Planned capacity entered for {scope}."
    if share is not None:
        return (
            f"Planned capacity for {scope}: the national {d.DEFAULT_CAPACITY:,} a working day scaled by its "
            f"{share.words()}."
        )
    return (
        f"The data shown covers {scope}, not all of England, and no coverage file of all 42 ICBs is loaded to "
        "scale the national capacity to it: enter the area's planned capacity (appointments a working day) to see "
        "utilisation. Until then no capacity finding or advice is made."
    )


def not_loaded(table: str, left_out: bool = False) -> str:
    """The message when a page's table is not loaded (`left_out`: only the synthetic sample has it, and it is
    kept apart from the real data), naming the files to upload."""
    why = " (only the synthetic sample has it, and it is kept apart from your real data)" if left_out else ""
    name = table_words(table)
    return prose("missing_table", table=name, why=Markdown(why), files=Markdown(upload_files(table)))


def synthetic_table(table: str) -> str:
    """The warning on a page drawn from the synthetic sample beside real data."""
    return prose("synthetic_table", table=table_words(table), files=Markdown(upload_files(table)))


def nothing_matches(table: str, selection: str) -> str:
    """The message when the sidebar selection leaves no rows of a page's table."""
    return (
        f"Nothing in the {table_words(table)} matches the filters ({selection}). Widen the period "
        "or clear a filter, or press **Reset filters** in the sidebar."
    )


# Caveats about some months only (first and last month concerned): shown only when the months shown overlap them.
PERIODS = {
    COVID: (pd.Timestamp(s.COVID_START), pd.Timestamp(s.COVID_END)),
    DNA_2018: (pd.Timestamp("2018-01-01"), pd.Timestamp("2018-12-01")),
}


def concerns(note: str, start: pd.Timestamp | None, end: pd.Timestamp | None) -> bool:
    """Whether `note` concerns the months `start` to `end` (a note about no period always does; so does any note
    when the months are not known)."""
    period = PERIODS.get(note)
    if period is None or start is None or end is None:
        return True
    return start <= period[1] and end >= period[0]
