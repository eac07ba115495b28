"""The change notice: an open session is told, once, on its next run, that someone else changed the data; the
session that changed it is not. (The toast between runs is the browser test's: AppTest runs no timers.)"""

from __future__ import annotations

from conftest import appointments_csv, upload
from test_app_data import DATA_PAGE, GOOD, HOME, home_total, run, texts

from nhs_core import app
from nhs_core.store import SAMPLE, Store


def test_another_session_gets_a_one_line_notice_naming_the_new_version_once(pages_store: Store) -> None:
    home = run(HOME)
    assert "Data changed" not in texts(home.info)  # a first run has nothing to compare with
    pages_store.replace(upload(("a.csv", appointments_csv(["2024-01"], 1000))), [{"name": "a.csv"}], by="Priya")
    home.run()
    assert not home.exception
    notice = [line for line in texts(home.info).splitlines() if "Data changed" in line]
    assert len(notice) == 1 and notice[0].startswith("Data changed to v0001 at ")
    assert notice[0].endswith("(uploaded by Priya): every page now shows it.")
    assert home_total(home) == "20,000"
    home.run()
    assert "Data changed" not in texts(home.info)  # said once
    pages_store.restore(SAMPLE)
    home.run()
    assert "Data changed to the bundled sample at" in texts(home.info) and "(restored)" in texts(home.info)


def test_the_session_that_replaces_or_restores_is_not_told_about_its_own_change(pages_store: Store) -> None:
    at = run(DATA_PAGE)
    at.file_uploader[0].set_value(GOOD).run()
    at.button(key=app.REPLACE_KEY).click().run()
    assert "Replaced: version v0001" in texts(at.success)
    assert "Data changed" not in texts(at.info)
    at.button(key=app.RESTORE_SAMPLE_KEY).click().run()
    assert "Data changed" not in texts(at.info) and pages_store.pointer() == SAMPLE


def test_a_refused_restore_leaves_the_buttons_usable_and_says_why(pages_store: Store, monkeypatch) -> None:
    pages_store.replace(upload(("a.csv", appointments_csv(["2024-01"], 1000))), [{"name": "a.csv"}])
    pages_store.replace(upload(("b.csv", appointments_csv(["2024-02"], 1000))), [{"name": "b.csv"}])
    monkeypatch.setenv("NHS_EXPLORER_ADMIN_PASSWORD", "s3cret")
    at = run(DATA_PAGE)
    at.button(key=app.RESTORE_SAMPLE_KEY).click().run()
    assert "admin password is not right" in texts(at.error) and pages_store.pointer() == "v0002"
    assert not at.button(key=app.RESTORE_SAMPLE_KEY).disabled and not at.button(key=app.RESTORE_KEY).disabled
    assert app.keys.BUSY_KEY not in at.session_state
