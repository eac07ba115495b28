"""The app's pages, listed once: the sidebar links (`page_setup`), the app tests and the benchmarks read `PAGES`.

Adding a page is one `Page` entry here and its file in `pages/` (a test checks that the two agree, in file
order); the tests and benchmarks then pick it up from its entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from nhs_core import schema as s
from nhs_core.app import watch
from nhs_core.app.upload import release_closed_uploads

ROOT = Path(__file__).resolve().parents[2]
HOME = "streamlit_app.py"
APP_TITLE = "NHS GP appointments explorer"
# A file Streamlit serves itself: a Material icon as page icon is fetched from fonts.gstatic.com, which fails
# offline and behind NHS proxies (the app makes no request to any other host).
ICON = Path(__file__).resolve().parent / "favicon.png"
# Streamlit cuts a chosen filter value to one line ("NHS North East Lon…" for both North East London and North
# East and North Cumbria): let the sidebar's chips wrap, so each shows its whole name.
_WRAP_CHIPS = """<style>
[data-testid="stSidebar"] [data-testid="stMultiSelectTagsContainer"] [data-tag] {height: auto; white-space: normal}
[data-testid="stSidebar"] [data-testid="stMultiSelectTagsContainer"] [data-tag] span[title] {
  white-space: normal; overflow: visible; text-overflow: clip}
</style>"""


@dataclass(frozen=True)
class Page:
    """A page of the app.

    Attributes
    ----------
    path : str
        Its script, relative to the app folder (`"pages/1_Engagement.py"`).
    label : str
        Its link in the sidebar.
    explorer : bool
        It answers a question with the explorer pages' anatomy: a title and the line on what it answers, a KPI
        row and "About this data".
    shared_filters : bool
        It draws the shared sidebar filters (period, areas, ...), so its figures follow the selection.
    charts : bool
        It shows charts, each with its PNG and SVG downloads and the table behind it with a CSV download.
    needs : str or None
        The table it is about, beyond the LSE extract's four; without it the page says it is not loaded.
    """

    path: str
    label: str
    explorer: bool = False
    shared_filters: bool = False
    charts: bool = False
    needs: str | None = None

    @property
    def url_path(self) -> str:
        """Its address after the app's, as Streamlit names it from the file: "" for the home page, else the file
        name without its number ("Capacity_and_seasonality")."""
        return "" if self.path == HOME else Path(self.path).stem.split("_", 1)[-1]


PAGES: tuple[Page, ...] = (
    Page(HOME, "Home"),
    Page("pages/1_Engagement.py", "Engagement", explorer=True, shared_filters=True, charts=True),
    Page(
        "pages/1_Practices.py",
        "Practices",
        explorer=True,
        shared_filters=True,
        charts=True,
        needs=s.PRACTICE_CROSSTAB,
    ),
    Page("pages/2_Attendance.py", "Attendance", explorer=True, shared_filters=True, charts=True),
    Page(
        "pages/3_Services_and_workforce.py", "Services and workforce", explorer=True, shared_filters=True, charts=True
    ),
    Page(
        "pages/3_Workforce.py",
        "Workforce and national overview",
        explorer=True,
        shared_filters=True,
        charts=True,
        needs="sds_roles",
    ),
    Page("pages/4_Durations.py", "Durations", explorer=True, shared_filters=True, charts=True),
    Page(
        "pages/5_Capacity_and_seasonality.py",
        "Capacity and seasonality",
        explorer=True,
        shared_filters=True,
        charts=True,
    ),
    Page("pages/6_Social_media.py", "Social media", explorer=True, charts=True),  # the tweets are never filtered
    Page("pages/7_Findings.py", "Findings", explorer=True, shared_filters=True),
    Page("pages/8_Data.py", "Data"),
    Page("pages/9_Data_quality.py", "Data quality", explorer=True, charts=True),  # checks all that is loaded
)


def page(label: str) -> Page:
    """The page whose sidebar link reads `label`.

    Raises
    ------
    KeyError
        When no page has that label.
    """
    for item in PAGES:
        if item.label == label:
            return item
    raise KeyError(f"no page is labelled {label!r}; the pages are {', '.join(p.label for p in PAGES)}")


def page_setup(title: str) -> None:
    """Set the page title and layout, draw the page links and say when someone changed the data; call first on
    every page."""
    st.set_page_config(page_title=f"{title} · {APP_TITLE}", page_icon=str(ICON), layout="wide")
    st.html(_WRAP_CHIPS)  # style only: Streamlit draws nothing for it
    try:  # our own links, so the home page reads "Home", not the script's name ("streamlit app")
        for item in PAGES:
            st.sidebar.page_link(item.path, label=item.label)
    except StreamlitPageNotFoundError:  # a page run on its own (AppTest) has no pages beside it
        pass
    watch.change_notice()
    release_closed_uploads()  # a closed tab's upload is otherwise kept until the server restarts
