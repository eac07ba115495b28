"""What each page's "About this data" section says: the definitions (from `nhs_core.definitions`, where each
measure is defined once) and the caveats of the data, written once.

Plain text (rendered as Markdown by the page, so no HTML and no dollar signs).
"""

from __future__ import annotations

import pandas as pd

from nhs_core import definitions as d
from nhs_core import schema as s
from nhs_core.tables import table_label

# Definitions: each measure's "About this data" text.
APPOINTMENTS = d.APPOINTMENTS.about
PER_DAY = d.PER_DAY.about
DNA_RATE = d.DNA_RATE.about
UTILISATION = d.UTILISATION.about
CAPACITY = d.CAPACITY.about
SEASONS = d.SEASONS.about
MEAN_DURATION = d.MEAN_DURATION.about
GROWTH = d.GROWTH.about
HASHTAGS = d.HASHTAGS.about
WEEKDAYS = d.WEEKDAYS.about

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
