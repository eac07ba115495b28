"""What the page app tests share: the pages from the one list of pages, running a page under AppTest on the
fixture, reading its figures, and plain-pandas versions of the fixture, independent of nhs_core."""

from __future__ import annotations

from pathlib import Path

import holidays
import numpy as np
import pandas as pd
from streamlit.testing.v1 import AppTest

from nhs_core import app
from nhs_core import definitions as d
from nhs_core.app import navigation

ROOT = Path(__file__).resolve().parent.parent
EXPLORER = [p for p in navigation.PAGES if p.explorer]  # the explorer pages, from the one list of pages
PAGES = [ROOT / p.path for p in EXPLORER]
PAGE = {p.label: ROOT / p.path for p in EXPLORER}
FIXTURE = ROOT / "tests" / "fixtures" / "lse"
BUNDLED = ROOT / "data"
# The tables of the bundled sample, as the home and Data pages list them.
SAMPLE_TABLE_LABELS = (
    "Appointments by month",
    "Actual durations",
    "National categories",
    "Tweets",
    "Appointments by staff role",
    "National overview",
    "Practice coverage",
    "Appointments by PCNs",
    "Appointments by practice",
    "Registered patients by practice",
)


def run_page(page: Path, monkeypatch, folder: Path | None = FIXTURE, query: dict | None = None) -> AppTest:
    """`page` run once under AppTest on the extract files in `folder` (None: the bundled sample), with `query`."""
    if folder is None:
        monkeypatch.delenv(app.SAMPLE_DIR_ENV, raising=False)
    else:
        monkeypatch.setenv(app.SAMPLE_DIR_ENV, str(folder))
    at = AppTest.from_file(str(page), default_timeout=60)
    at.query_params.update(query or {})
    return at.run()


def metric(at: AppTest, label: str) -> str:
    """The value of the metric whose label is or starts with `label`."""
    found = [m.value for m in at.metric if m.label == label or m.label.startswith(label)]
    assert found, f"no metric {label!r} among {[m.label for m in at.metric]}"
    return found[0]


def assert_ok(at: AppTest) -> None:
    """The run raised nothing and showed no error."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def fixture_appointments() -> pd.DataFrame:
    """The fixture's appointments with each ICB's region, read with plain pandas."""
    frame = pd.read_csv(FIXTURE / "appointments_regional.csv", dtype={"count_of_appointments": "int64"})
    icbs = pd.read_csv(ROOT / "nhs_core" / "reference" / "icb_2022_2026.csv", dtype=str)
    return frame.merge(icbs[["icb_ons_code", "region_ons_code"]], on="icb_ons_code", how="left")


def fixture_durations() -> pd.DataFrame:
    """The fixture's actual durations with their month as YYYY-MM."""
    frame = pd.read_csv(FIXTURE / "actual_duration.csv")
    frame["month"] = pd.to_datetime(frame["appointment_date"], format="%d-%b-%y").dt.strftime("%Y-%m")
    return frame


def fixture_tweets() -> pd.Series:
    """The fixture's tweet texts."""
    return pd.read_csv(FIXTURE / "tweets.csv", dtype=str)["tweet_full_text"]


def fixture_per_day(basis: str = "working") -> pd.Series:
    """The fixture's appointments per day by month ("YYYY-MM" index), counted independently of nhs_core: per
    working day with numpy's business days and the `holidays` library's England bank holidays, or per calendar
    day."""
    monthly = fixture_appointments().groupby("appointment_month")["count_of_appointments"].sum()
    starts = pd.to_datetime(monthly.index)
    if basis == "calendar":
        return monthly / starts.days_in_month.to_numpy()
    england = holidays.country_holidays("GB", subdiv="ENG", years=sorted(set(starts.year)))
    first = starts.values.astype("datetime64[D]")
    after = (starts + pd.offsets.MonthBegin(1)).values.astype("datetime64[D]")
    return monthly / np.busday_count(first, after, holidays=list(england))


def big(n: float) -> str:
    """How the app writes a count below ten million (only these occur in the fixture)."""
    return f"{n / 1e6:,.2f} million" if n >= 1e6 else f"{n:,.0f}"


def dna_rate_text(by_status: pd.Series) -> str:
    """The DNA rate of plain-pandas status sums, by the one definition (nhs_core.definitions), as the KPI writes it."""
    rate = d.DNA_RATE.formula(by_status.get("Attended", 0), by_status.get("DNA", 0), by_status.get("Unknown", 0))
    return d.DNA_RATE.show(rate)
