"""Shared helpers: tiny inline uploads and stores in temporary folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from nhs_core import Source
from nhs_core.load import ingest
from nhs_core.store import Store

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"
HEADER = (
    "icb_ons_code,appointment_month,appointment_status,hcp_type,appointment_mode,"
    "time_between_book_and_appointment,count_of_appointments\n"
)
ICBS = ("E54000008", "E54000010")


def appointments_csv(months: list[str], count: int = 100, icbs: tuple[str, ...] = ICBS) -> bytes:
    """An LSE-layout appointments file: per month and ICB, one Attended, one DNA and one Unknown row."""
    lines = [HEADER]
    for month in months:
        for icb in icbs:
            for status, share in (("Attended", 8), ("DNA", 1), ("Unknown", 1)):
                lines.append(f"{icb},{month},{status},GP,Face-to-Face,Same Day,{count * share}\n")
    return "".join(lines).encode()


def upload(*files: tuple[str, bytes]):
    """Ingest (name, bytes) pairs as the Data page does."""
    return ingest([Source(name, data) for name, data in files])


@pytest.fixture
def bundled(tmp_path: Path) -> Path:
    """A tiny bundled sample: appointments Jan to Mar 2020 and a tweets file."""
    folder = tmp_path / "bundled"
    folder.mkdir()
    (folder / "README.md").write_text("A tiny synthetic sample for the tests.\n", encoding="utf-8")
    (folder / "appointments_regional.csv").write_bytes(appointments_csv(["2020-01", "2020-02", "2020-03"], 10))
    (folder / "tweets.csv").write_text(
        'tweet_full_text,tweet_retweet_count,tweet_favorite_count\nHello #NHS,1,2\n=HYPERLINK("x") #GP,0,0\n',
        encoding="utf-8",
    )
    return folder


@pytest.fixture
def store(tmp_path: Path, bundled: Path) -> Store:
    return Store(tmp_path / "store", bundled)


@pytest.fixture
def pages_store(store: Store, monkeypatch) -> Store:
    """`store`, read by every page the test runs (over the tiny bundled sample, no admin password)."""
    monkeypatch.setenv("NHS_EXPLORER_STORE", str(store.root))
    monkeypatch.delenv("NHS_EXPLORER_ADMIN_PASSWORD", raising=False)
    monkeypatch.setattr("nhs_core.app.data.BUNDLED_DIR", store.bundled)
    return store


def total(tables: dict) -> int:
    return int(tables["appointments"]["count_of_appointments"].sum())


@pytest.fixture(autouse=True)
def _validate_every_chart(monkeypatch):
    """The app converts its charts without Altair's schema validation (`chartcache.validate`); every test
    validates each chart it draws, so a chart function that builds an invalid spec fails here."""
    from nhs_core.app import chartcache

    monkeypatch.setattr(chartcache, "validate", True)
