"""Definitions and caveats shown in each page's "About this data" section, written once.

Plain text (rendered as Markdown by the page, so no HTML and no dollar signs).
"""

from __future__ import annotations

from nhs_core import schema as s
from nhs_core.analysis.durations import MEAN_METHOD
from nhs_core.tables import table_label

# Definitions (DESIGN.md).
APPOINTMENTS = (
    "**Appointments** are sums of `count_of_appointments`; **records** are rows of a table. "
    "Figures say which one they are."
)
PER_DAY = (
    "**Appointments per day** for a month = the monthly total / the calendar days in that month "
    "(not 30, as in the course notebooks)."
)
DNA_RATE = (
    "**DNA rate** (did not attend) = DNA / (Attended + DNA). Appointments with an unknown status are "
    "shown separately and left out of the rate."
)
UTILISATION = "**Utilisation** = appointments per day / the planned daily capacity set in the sidebar."
CAPACITY = (
    "**Planned capacity** is a national figure (1,200,000 a day by default). When you select an area, "
    "set a capacity for that area in the sidebar, or read utilisation as a share of the national plan."
)
SEASONS = f"**Seasons**: {s.SEASON_DEFINITION}."
COVID = f"The shaded band on time charts marks the {s.COVID_LABEL}: first lockdown to the end of the third."
MEAN_DURATION = f"**Estimated mean duration**: {MEAN_METHOD}."
GROWTH = (
    "**Growth** compares appointments per day in the latest three months with the same months a year "
    "earlier when the data has them (so seasons cancel out), otherwise with the first three months."
)
HASHTAGS = (
    "**Hashtags** are `#` followed by letters, digits or underscore, case-folded (#Healthcare = "
    "#healthcare), trailing punctuation excluded. Retweeted copies count unless you exclude them."
)
WEEKDAYS = (
    "**Weekday figures** are averages over every calendar date between the first and last date of the "
    "daily table used (the official daily file if loaded, otherwise national categories, otherwise "
    "durations); a date with no rows counts as zero."
)
LOCATIONS = (
    "The ranking of **locations** uses sub-ICB locations where the table has them; the LSE monthly "
    "extract is recorded per integrated care board (ICB) only."
)

# Caveats from the data-quality notes of the publication.
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
UNKNOWN = "**Unknown** is a real value: it is shown, or excluded with the definition stated, never dropped silently."
SYNTHETIC = (
    "The bundled sample is **synthetic**: realistic in shape but not real NHS figures. Upload the real "
    "extracts to replace it."
)
TWEETS_TEXT = "Tweets are shown as plain text exactly as collected; they are not filtered by the sidebar."


def not_loaded(table: str) -> str:
    """The message when a page's table is not loaded."""
    return (
        f"No {table_label(table).lower()} data is loaded, so this page has nothing to show. Load an "
        "extract that includes it to see this page."
    )


def nothing_matches(table: str, selection: str) -> str:
    """The message when the sidebar selection leaves no rows of a page's table."""
    return (
        f"Nothing in the {table_label(table).lower()} matches the filters ({selection}). Widen the period "
        "or clear a filter, or press **Reset filters** in the sidebar."
    )
