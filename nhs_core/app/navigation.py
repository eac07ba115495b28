"""The app's pages, for the sidebar links: the home page, then every file in `pages/` in file order."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOME = "streamlit_app.py"


def pages(root: Path = ROOT) -> list[tuple[str, str]]:
    """(path relative to the app folder, label) of each page: `("pages/3_Services_and_workforce.py",
    "Services and workforce")`, with the home page first and labelled "Home"."""
    found = sorted((root / "pages").glob("*.py"))
    return [(HOME, "Home")] + [(f"pages/{p.name}", p.stem.split("_", 1)[-1].replace("_", " ")) for p in found]
