"""Wrong admin passwords: five are free, then each doubles the wait; the Data page refuses while a wait runs,
even the right password, for every session of the server."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from conftest import ROOT, appointments_csv
from streamlit.testing.v1 import AppTest

from nhs_core import app
from nhs_core.app import data as app_data
from nhs_core.app import navigation
from nhs_core.app import upload as app_upload
from nhs_core.app.throttle import Throttle
from nhs_core.store import SAMPLE, Store

DATA_PAGE = str(ROOT / navigation.page("Data").path)
GOOD = [("new.csv", appointments_csv(["2024-01"], 1000), "text/csv")]


def test_five_failures_are_free_then_the_wait_doubles_up_to_the_cap():
    throttle = Throttle(free=5, base=1.0, cap=8.0)
    for _ in range(5):
        throttle.failed(now=100.0)
        assert throttle.wait(now=100.0) == 0
    waits = []
    for _ in range(6):
        throttle.failed(now=100.0)
        waits.append(throttle.wait(now=100.0))
    assert waits == [1.0, 2.0, 4.0, 8.0, 8.0, 8.0]
    assert throttle.wait(now=108.0) == 0
    throttle.succeeded()
    throttle.failed(now=200.0)
    assert throttle.wait(now=200.0) == 0


@pytest.fixture
def guarded_store(tmp_path: Path, bundled: Path, monkeypatch) -> Store:
    monkeypatch.setenv("NHS_EXPLORER_STORE", str(tmp_path / "store"))
    monkeypatch.setenv("NHS_EXPLORER_ADMIN_PASSWORD", "right")
    monkeypatch.setattr(app_data, "BUNDLED_DIR", bundled)
    monkeypatch.setattr(app_upload, "Throttle", functools.partial(Throttle, base=60.0))  # slow test runs
    app_upload._server_throttle.clear()
    yield Store(tmp_path / "store", bundled)
    app_upload._server_throttle.clear()


def _try(at: AppTest, password: str) -> str:
    at.text_input(key=app.PASSWORD_KEY).input(password)
    at.button(key=app.REPLACE_KEY).click().run()
    return " ".join(str(e.value) for e in at.error)


def test_after_five_wrong_passwords_even_the_right_one_waits(guarded_store: Store) -> None:
    at = AppTest.from_file(DATA_PAGE, default_timeout=60).run()
    at.file_uploader[0].set_value(GOOD).run()
    for _ in range(6):
        assert "not right" in _try(at, "wrong")
    assert "Too many wrong passwords" in _try(at, "right")
    assert guarded_store.pointer() == SAMPLE
    other = AppTest.from_file(DATA_PAGE, default_timeout=60).run()  # a new session shares the server's wait
    other.file_uploader[0].set_value(GOOD).run()
    assert "Too many wrong passwords" in _try(other, "right")
    assert guarded_store.pointer() == SAMPLE
