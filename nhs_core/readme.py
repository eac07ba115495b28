"""The README's Definitions section, written from `nhs_core.definitions` (one line per measure).

Run ``python -m nhs_core.readme`` after changing a definition: it rewrites the lines between the two markers
of README.md in place. ``tests/test_definitions.py`` fails while the README and the records disagree.
"""

from __future__ import annotations

import sys
from pathlib import Path

from nhs_core.definitions import MEASURES

README = Path(__file__).resolve().parents[1] / "README.md"
START = "<!-- definitions: written by `python -m nhs_core.readme` from nhs_core/definitions.py -->"
END = "<!-- definitions: end -->"


def definition_lines() -> list[str]:
    """The Definitions section's bullets: each measure's README line, in the registry's order."""
    return [f"- {m.readme_line}" for m in MEASURES.values() if m.readme_line]


def _parts(text: str) -> tuple[str, str, str]:
    head, marker, rest = text.partition(START)
    if not marker or END not in rest:
        raise ValueError(f"README.md has no {START} ... {END} block for the definitions.")
    body, _, tail = rest.partition(END)
    return head, body, tail


def written_lines(text: str) -> list[str]:
    """The lines the README holds between its definition markers now."""
    return [line for line in _parts(text)[1].splitlines() if line.strip()]


def with_definitions(text: str) -> str:
    """`text` (a README) with the lines between its definition markers replaced by `definition_lines()`."""
    head, _, tail = _parts(text)
    return head + "\n".join([START, *definition_lines(), END]) + tail


def main(argv: list[str] | None = None) -> int:
    """Rewrite the Definitions section of README.md (or of the file named first in `argv`)."""
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else README
    target.write_text(with_definitions(target.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"Wrote {len(definition_lines())} definitions into {target}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
