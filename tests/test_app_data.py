"""AppTest of the Data page: good and bad uploads, preview, replace, restore, password, fallback."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT, appointments_csv, total, upload
from streamlit.testing.v1 import AppTest

from nhs_core import app
from nhs_core.app import data as app_data
from nhs_core.app import navigation
from nhs_core.store import SAMPLE, Store
from tests.pagetest import SAMPLE_TABLE_LABELS

DATA_PAGE = str(ROOT / navigation.page("Data").path)
HOME = str(ROOT / navigation.HOME)
GOOD = [("new.csv", appointments_csv(["2024-01", "2024-02"], 1000), "text/csv")]
BAD = [
    ("bad.csv", appointments_csv(["2024-03"]).replace(b",800\n", b",-800\n"), "text/csv"),
    ("photo.csv", b"\x89PNG\r\n\x1a\nrest", "text/csv"),
]  # a picture renamed to .csv


@pytest.fixture
def store(tmp_path: Path, bundled: Path, monkeypatch) -> Store:
    """Every page reads a store in tmp_path, over the tiny bundled sample of conftest."""
    monkeypatch.setenv("NHS_EXPLORER_STORE", str(tmp_path / "store"))
    monkeypatch.delenv("NHS_EXPLORER_ADMIN_PASSWORD", raising=False)
    monkeypatch.setattr(app_data, "BUNDLED_DIR", bundled)
    return Store(tmp_path / "store", bundled)


def run(path: str) -> AppTest:
    at = AppTest.from_file(path, default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def home_total(at: AppTest) -> str:
    return next(m.value for m in at.metric if m.label == "Total appointments")


def cells(table) -> pd.DataFrame:
    """A st.table's cells and headers as shown (the Markdown escapes of user strings removed)."""
    frame = table.value.map(lambda v: v.replace("\\", "") if isinstance(v, str) else v)
    return frame.rename(columns=lambda c: str(c).replace("\\", ""))


def texts(elements) -> str:
    """The elements' text as shown (markdown escapes removed)."""
    return "\n".join(str(e.value) for e in elements).replace("\\", "")


def test_good_upload_preview_replace_and_the_home_page_shows_the_new_total(store: Store) -> None:
    assert home_total(run(HOME)) == "600"
    at = run(DATA_PAGE)
    assert "Bundled sample (synthetic)" in cells(at.table[0])["Source"].tolist()
    at.file_uploader[0].set_value(GOOD).run()
    assert not at.exception and not at.error
    assert "Recognised as: LSE regional" in texts(at.markdown)
    summary = cells(at.table[1]).set_index("")
    assert summary.loc["Period", "Appointments by month"] == "Jan 2020 to Mar 2020 → Jan 2024 to Feb 2024"
    assert summary.loc["What happens", "Tweets"] == "Not in the upload: kept as it is"
    figures = cells(at.table[2]).set_index("Figure")
    assert figures.loc["Total appointments"].tolist() == ["600", "40,000"]
    assert store.pointer() == SAMPLE  # previewing changes nothing
    at.text_input(key=app.NAME_KEY).input("Priya")
    at.button(key=app.REPLACE_KEY).click().run()
    assert not at.exception
    assert "Replaced: version v0001" in texts(at.success)
    assert store.pointer() == "v0001" and total(store.open().tables) == 40_000
    assert not at.file_uploader[0].value  # the uploader starts empty again
    history = cells(at.table[-2])
    assert history.iloc[0][["Version", "Active", "By"]].tolist() == ["v0001", "active", "Priya"]
    changed = cells(at.table[-1])
    assert changed.iloc[0]["What happened"].startswith("Replaced the data: version v0001 from ")
    assert changed.iloc[0]["By"] == "Priya"
    home = run(HOME)
    assert home_total(home) == "40,000"
    assert "Your data" in texts(home.success) and "version v0001" in texts(home.success)
    at.text_input(key=app.NAME_KEY).input("Sam")
    at.button(key=app.RESTORE_SAMPLE_KEY).click().run()
    assert store.pointer() == SAMPLE
    changed = cells(at.table[-1])  # the restore is recorded, with who and when, above the replace
    assert changed["What happened"].tolist()[0] == "Restored the bundled sample"
    assert changed["By"].tolist() == ["Sam", "Priya"] and changed.iloc[0]["When"] != "–"


def test_bad_upload_shows_the_errors_and_the_data_is_unchanged(store: Store) -> None:
    at = run(DATA_PAGE)
    at.file_uploader[0].set_value(BAD).run()
    assert not at.exception
    errors = texts(at.error)
    report = upload(*[(name, data) for name, data, _ in BAD]).report
    assert report.codes == ["count.negative", "file.not_data"]
    for problem in report.errors:  # each error as the library words it, naming its file
        assert problem.text() in errors and problem.text().startswith(problem.file)
    assert "2 error(s) must be fixed" in errors
    assert at.button(key=app.REPLACE_KEY).disabled
    assert store.pointer() == SAMPLE and store.versions() == []
    assert home_total(run(HOME)) == "600"


def test_restore_a_version_and_the_bundled_sample(store: Store) -> None:
    store.replace(upload(("a.csv", appointments_csv(["2024-01"], 1000))), [{"name": "a.csv"}])
    store.replace(upload(("b.csv", appointments_csv(["2024-02"], 2000))), [{"name": "b.csv"}])
    at = run(DATA_PAGE)
    assert cells(at.table[-2])["Version"].tolist() == ["v0002", "v0001"]
    at.selectbox(key=app.RESTORE_CHOICE_KEY).select("v0001")
    at.button(key=app.RESTORE_KEY).click().run()
    assert "Restored: version v0001" in texts(at.success) and store.pointer() == "v0001"
    picker = at.selectbox(key=app.RESTORE_CHOICE_KEY)
    assert picker.value == "v0001" and picker.options[1].endswith("(active)") and "(active)" not in picker.options[0]
    assert at.button(key=app.RESTORE_KEY).disabled  # restoring what every page shows would change nothing
    assert not picker.select("v0002").run().button(key=app.RESTORE_KEY).disabled
    assert home_total(run(HOME)) == "20,000"
    at.button(key=app.RESTORE_SAMPLE_KEY).click().run()
    assert "bundled sample is now the data" in texts(at.success) and store.pointer() == SAMPLE
    assert at.button(key=app.RESTORE_SAMPLE_KEY).disabled
    assert home_total(run(HOME)) == "600"


def test_with_no_admin_password_the_page_says_anyone_can_change_the_data_and_how_to_set_one(store: Store) -> None:
    notice = [str(i.value) for i in run(DATA_PAGE).info if "Anyone who can open this app" in str(i.value)]
    assert len(notice) == 1 and "`NHS_EXPLORER_ADMIN_PASSWORD`" in notice[0] and "secrets.toml" in notice[0]


def test_with_an_admin_password_previewing_is_free_but_replacing_needs_it(store: Store, monkeypatch) -> None:
    monkeypatch.setenv("NHS_EXPLORER_ADMIN_PASSWORD", "s3cret")
    at = run(DATA_PAGE)
    assert "Anyone who can open this app" not in texts(at.info)
    at.file_uploader[0].set_value(GOOD).run()
    assert "Jan 2024 to Feb 2024" in cells(at.table[1])["Appointments by month"].tolist()[1]  # no password needed
    at.text_input(key=app.PASSWORD_KEY).input("guess")
    at.button(key=app.REPLACE_KEY).click().run()
    assert "admin password is not right" in texts(at.error) and store.pointer() == SAMPLE
    at.text_input(key=app.PASSWORD_KEY).input("s3cret")
    at.button(key=app.REPLACE_KEY).click().run()
    assert store.pointer() == "v0001"
    at.text_input(key=app.PASSWORD_KEY).input("wrong")
    at.button(key=app.RESTORE_SAMPLE_KEY).click().run()
    assert "admin password is not right" in texts(at.error) and store.pointer() == "v0001"
    at.text_input(key=app.PASSWORD_KEY).input("s3cret")
    at.button(key=app.RESTORE_SAMPLE_KEY).click().run()
    assert store.pointer() == SAMPLE


def test_an_open_session_sees_a_replacement_on_its_next_interaction(store: Store) -> None:
    home = run(HOME)
    assert home_total(home) == "600"
    store.replace(upload(("a.csv", appointments_csv(["2024-01"], 1000))), [{"name": "a.csv"}])
    home.run()
    assert home_total(home) == "20,000"


def test_a_damaged_active_version_shows_a_warning_on_every_page(store: Store) -> None:
    store.replace(upload(("a.csv", appointments_csv(["2024-01"], 1000))), [{"name": "a.csv"}])
    store.replace(upload(("b.csv", appointments_csv(["2024-02"], 2000))), [{"name": "b.csv"}])
    (store.root / "versions" / "v0002" / "appointments.parquet").write_bytes(b"garbage")
    for page in (HOME, DATA_PAGE):
        warning = texts(run(page).warning)
        assert "version v0002) could not be read" in warning and "version v0001" in warning
    assert home_total(run(HOME)) == "20,000"
    at = run(DATA_PAGE)
    at.selectbox(key=app.RESTORE_CHOICE_KEY).select("v0001")
    at.button(key=app.RESTORE_KEY).click().run()
    assert "could not be read" not in texts(at.warning)


def test_the_data_page_runs_on_the_real_bundled_sample(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("NHS_EXPLORER_STORE", str(tmp_path / "store"))
    at = run(DATA_PAGE)
    loaded = cells(at.table[0])
    assert loaded["Table"].tolist() == list(SAMPLE_TABLE_LABELS)
    assert set(loaded["Source"]) == {"Bundled sample (synthetic)"}
    assert len(at.get("download_button")) == 10 + 6  # current data of each table, templates (LSE four, SDS, overview)
    agree = [e.value for e in at.markdown if "agree exactly" in e.value]
    assert len(agree) == 5 and not at.warning  # the sample's tables reconcile, check by check
    assert "No uploads yet" in texts(at.markdown)


def test_the_admin_password_can_come_from_st_secrets(store: Store) -> None:
    at = AppTest.from_file(DATA_PAGE, default_timeout=60)
    at.secrets["NHS_EXPLORER_ADMIN_PASSWORD"] = "from-secrets"
    at.run()
    at.file_uploader[0].set_value(GOOD).run()
    at.button(key=app.REPLACE_KEY).click().run()
    assert "admin password is not right" in texts(at.error) and store.pointer() == SAMPLE
    at.text_input(key=app.PASSWORD_KEY).input("from-secrets")
    at.button(key=app.REPLACE_KEY).click().run()
    assert store.pointer() == "v0001"


def test_a_deleted_active_file_shows_the_newest_version_and_says_so(store: Store) -> None:
    store.replace(upload(("a.csv", appointments_csv(["2024-01"], 1000))), [{"name": "a.csv"}])
    store.replace(upload(("b.csv", appointments_csv(["2024-02"], 2000))), [{"name": "b.csv"}])
    (store.root / "ACTIVE").unlink()
    home = run(HOME)
    assert "No version is marked active" in texts(home.warning) and "version v0002" in texts(home.warning)
    assert home_total(home) == "40,000"  # v0002, not the sample's 600


def test_the_download_buttons_are_laid_out_three_to_a_row(monkeypatch) -> None:
    # ten buttons in one row of ten columns showed each label as its first two letters ("Ap…", "Ac…")
    from nhs_core.app import explore

    rows: list[int] = []
    monkeypatch.setattr(
        explore.st, "columns", lambda n: rows.append(n) or [f"row {len(rows)}, column {i}" for i in range(n)]
    )
    pairs = list(app.in_rows(list(range(10))))
    assert rows == [3, 3, 3, 3]
    assert [item for _, item in pairs] == list(range(10))
    assert pairs[9][0] == "row 4, column 0"
