"""Markdown, HTML and link syntax in every user-controlled string (the uploaded file's name, the name typed in,
an unknown area code shown as its own name) shows as typed on every page: never as a link, image or markup."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, appointments_csv, upload
from streamlit.testing.v1 import AppTest

from nhs_core.app import data as app_data
from nhs_core.app import navigation
from nhs_core.present.export import plain
from nhs_core.store import Store

PAYLOAD = (
    "[evil](http://x.example/a) ![pic](http://x.example/p.png) <b>bold</b> *em* `code` "
    "https://bare.example www.bare.example me@bare.example :smile: :red[red] &amp;"
)
FILE = "[file](http://x.example).csv"
PAGES = [ROOT / navigation.HOME, *(ROOT / p.path for p in navigation.PAGES)]
SHOWN = ("markdown", "caption", "success", "info", "warning", "error", "subheader", "title")


@pytest.fixture
def hostile_store(tmp_path: Path, bundled: Path, monkeypatch) -> Store:
    monkeypatch.setenv("NHS_EXPLORER_STORE", str(tmp_path / "store"))
    monkeypatch.delenv("NHS_EXPLORER_ADMIN_PASSWORD", raising=False)
    monkeypatch.setattr(app_data, "BUNDLED_DIR", bundled)
    store = Store(tmp_path / "store", bundled)
    months = ["2024-01", "2024-02"]
    data = appointments_csv(months, 100, icbs=("E54000008", PAYLOAD))
    store.replace(upload((FILE, data)), [{"name": FILE}], by=PAYLOAD)
    return store


def _shown(at: AppTest) -> list[str]:
    """Every piece of Markdown the page sent: text elements, and the cells and headers of st.table."""
    texts = [str(e.value) for kind in SHOWN for e in getattr(at, kind)]
    for table in at.table:
        frame = table.value
        texts += [str(c) for c in frame.columns] + [str(v) for v in frame.astype(str).to_numpy().ravel()]
    return texts


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_user_strings_are_escaped_on_every_page(page: Path, hostile_store: Store) -> None:
    at = AppTest.from_file(str(page), default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    shown = "\n".join(_shown(at))
    raws = ("[evil](", "![pic](", "<b>bold</b>", "*em*", "`code`", "[file](", "https://bare", "www.bare", "me@bare")
    for raw in (*raws, ":smile:", ":red[", " &amp;"):  # links, autolinks, emoji, colours, entities
        assert raw not in shown, f"{raw!r} reached {page.name} unescaped"
    assert plain(PAYLOAD) in shown or plain(FILE) in shown, f"no user string shown on {page.name} (test is moot)"
