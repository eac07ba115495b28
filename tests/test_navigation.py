"""nhs_core.navigation: the sidebar links list the home page and every page, in order, with plain labels."""

from __future__ import annotations

from nhs_core.app import navigation


def test_pages_start_with_home_and_follow_file_order():
    found = navigation.pages()
    assert found[0] == ("streamlit_app.py", "Home")
    assert found[1] == ("pages/1_Engagement.py", "Engagement")
    assert ("pages/3_Services_and_workforce.py", "Services and workforce") in found
    assert all((navigation.ROOT / path).exists() for path, _ in found)


def test_pages_of_another_folder(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "2_B_c.py").write_text("")
    (tmp_path / "pages" / "1_A.py").write_text("")
    assert navigation.pages(tmp_path) == [
        ("streamlit_app.py", "Home"),
        ("pages/1_A.py", "A"),
        ("pages/2_B_c.py", "B c"),
    ]
