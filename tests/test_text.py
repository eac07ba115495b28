"""nhs_core.present.text: page prose in Markdown files, placeholders filled and escaped, shipped with the package."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from nhs_core.present import text
from nhs_core.present.text import Markdown, placeholders, prose

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "nhs_core" / "present" / "text"
NAMES = sorted(p.stem for p in FOLDER.glob("*.md"))


def _code() -> str:
    files = [ROOT / "streamlit_app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "nhs_core").rglob("*.py")]
    return "\n".join(f.read_text(encoding="utf-8") for f in files)


@pytest.mark.parametrize("name", NAMES)
def test_every_text_is_read_and_used(name):
    values = {key: "x" for key in placeholders(name)}
    assert prose(name, **values).strip()
    assert re.search(rf"prose\(\s*\"{name}\"", _code()), f"{name}.md is not used by any page"


def test_values_are_escaped_unless_marked_as_markdown():
    shown = prose("sample_banner", banner=Markdown("Sample *data*"), source="[a link](http://x) by **me**")
    assert shown.startswith("**Sample *data*.**")
    assert "\\[a link\\]\\(http:\u2060//x\\) by \\*\\*me\\*\\*" in shown  # \u2060: no autolink


def test_missing_or_unknown_placeholders_are_refused():
    with pytest.raises(ValueError, match="missing \\['capacity'\\]"):
        prose("findings_footer")
    with pytest.raises(ValueError, match="not in the text \\['extra'\\]"):
        prose("home_intro", extra="x")
    with pytest.raises(FileNotFoundError, match="home_intro"):
        text.template("no_such_text")


def test_the_texts_ship_with_the_package():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["nhs_core"]
    shipped = {p for pattern in patterns for p in (ROOT / "nhs_core").glob(pattern)}
    assert NAMES and {FOLDER / f"{name}.md" for name in NAMES} <= shipped
