"""nhs_core.app.navigation: the one list of pages agrees with the files in pages/, in file order, and drives the
sidebar links."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from nhs_core.app import navigation
from nhs_core.app.navigation import Page


def _disagreements(root: Path, pages: tuple[Page, ...]) -> list[str]:
    """How `pages` and the scripts under `root` differ, in words (nothing when they agree)."""
    listed = [p.path for p in pages]
    files = [f"pages/{f.name}" for f in sorted((root / "pages").glob("*.py"))]
    problems = [f"{path} is not in navigation.PAGES" for path in files if path not in listed]
    problems += [f"{path} is listed but there is no such file" for path in listed if not (root / path).is_file()]
    if listed[:1] != [navigation.HOME]:
        problems.append(f"the home page ({navigation.HOME}) is not listed first")
    if [path for path in listed if path in files] != files:
        problems.append("navigation.PAGES is not in the order of the files in pages/")
    return problems


def test_the_list_of_pages_and_the_files_agree():
    assert _disagreements(navigation.ROOT, navigation.PAGES) == []
    assert len({p.label for p in navigation.PAGES}) == len(navigation.PAGES), "labels are unique"


def test_a_page_missing_from_the_list_or_out_of_order_is_reported(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / navigation.HOME).write_text("")
    for name in ("1_A.py", "2_B_c.py", "3_New.py"):
        (tmp_path / "pages" / name).write_text("")
    pages = (Page(navigation.HOME, "Home"), Page("pages/2_B_c.py", "B c"), Page("pages/1_A.py", "A"))
    assert _disagreements(tmp_path, pages) == [
        "pages/3_New.py is not in navigation.PAGES",
        "navigation.PAGES is not in the order of the files in pages/",
    ]
    gone = (*pages, Page("pages/9_Gone.py", "Gone"))
    assert "pages/9_Gone.py is listed but there is no such file" in _disagreements(tmp_path, gone)


def test_url_paths_and_lookup():
    assert navigation.page("Home").url_path == ""
    assert navigation.page("Capacity and seasonality").url_path == "Capacity_and_seasonality"
    assert navigation.page("Data").path.startswith("pages/")
    with pytest.raises(KeyError, match="no page is labelled"):
        navigation.page("Nowhere")


def test_the_sidebar_links_are_the_list(tmp_path, monkeypatch):
    monkeypatch.setenv("NHS_EXPLORER_STORE", str(tmp_path / "store"))
    at = AppTest.from_file(str(navigation.ROOT / navigation.HOME), default_timeout=60).run()
    assert not at.exception
    links = [(link.proto.page, link.proto.label) for link in at.sidebar.get("page_link")]
    assert links == [(p.url_path, p.label) for p in navigation.PAGES], "Streamlit's address of each page, and label"
