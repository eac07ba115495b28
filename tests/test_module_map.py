"""README.md "How the code is organised": every module and package of nhs_core has a line in the module map, and
every line in it names something that exists. A failure says exactly which lines to add or remove."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SECTION = "## How the code is organised"
INDENT = 2  # spaces per level of the tree
DESCRIPTION_COLUMN = 21  # where the descriptions start
# An entry names a file (with an extension) or a folder (ending in "/"); other lines continue a description.
ENTRY = re.compile(r"^(?P<indent> *)(?P<name>[\w.\-]+(?:\.\w+|/))(?:\s|$)")


@dataclass(frozen=True)
class Entry:
    path: str  # relative to the project root, folders ending in "/"
    line: int  # line number in README.md
    text: str


def module_map(readme: str) -> list[Entry]:
    """The entries of the first code block after the section heading, as paths from the project root."""
    lines = readme.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == SECTION)
    opening = next(i for i in range(start, len(lines)) if lines[i].startswith("```"))
    closing = next(i for i in range(opening + 1, len(lines)) if lines[i].startswith("```"))
    entries: list[Entry] = []
    parents: list[tuple[int, str]] = []  # (indent, folder path) of the folders that enclose the next line
    for number in range(opening + 1, closing):
        found = ENTRY.match(lines[number])
        if not found or len(found["indent"]) >= DESCRIPTION_COLUMN:
            continue
        indent = len(found["indent"])
        while parents and parents[-1][0] >= indent:
            parents.pop()
        path = (parents[-1][1] if parents else "") + found["name"]
        entries.append(Entry(path, number + 1, lines[number]))
        if path.endswith("/"):
            parents.append((indent, path))
    return entries


def package_parts(root: Path = ROOT) -> set[str]:
    """Every module (other than a package's __init__.py) and every package or data folder under nhs_core/."""
    package = root / "nhs_core"
    parts = {"nhs_core/"}
    for path in package.rglob("*"):
        if "__pycache__" in path.parts:
            continue
        relative = path.relative_to(root).as_posix()
        if path.is_dir() and any(path.iterdir()):
            parts.add(relative + "/")
        elif path.suffix == ".py" and path.name != "__init__.py":
            parts.add(relative)
    return parts


def _line_to_add(path: str) -> str:
    depth = path.rstrip("/").count("/")
    name = path.rstrip("/").rsplit("/", 1)[-1] + ("/" if path.endswith("/") else "")
    return f"{' ' * (INDENT * depth)}{name}".ljust(DESCRIPTION_COLUMN - 1) + " <what it is for>"


def _advice(missing: list[str], extra: list[Entry], entries: list[Entry]) -> str:
    lines = []
    listed = {e.path: e.line for e in entries}
    for path in missing:
        parent = path.rstrip("/").rsplit("/", 1)[0] + "/"
        if parent not in listed:
            lines.append(f"add under the line for {parent} (added too): {_line_to_add(path)!r}")
            continue
        under = [e.line for e in entries if e.path.startswith(parent) and e.path != parent]
        after = max(under, default=listed[parent])
        lines.append(f"add after line {after} (under {parent}): {_line_to_add(path)!r}")
    lines += [f"remove line {e.line} ({e.path} does not exist): {e.text!r}" for e in extra]
    return "README.md module map is out of date:\n  " + "\n  ".join(lines)


def test_every_module_has_a_line_and_every_line_exists():
    entries = module_map((ROOT / "README.md").read_text(encoding="utf-8"))
    listed = {e.path for e in entries}
    missing = sorted(package_parts() - listed)
    extra = [e for e in entries if not (ROOT / e.path).exists()]
    assert not missing and not extra, _advice(missing, extra, entries)


def _readme(tree: str) -> str:
    return f"{SECTION}\n\n```\n{tree.strip(chr(10))}\n```\n"


def test_the_map_is_read_as_a_tree():
    readme = _readme(
        """
nhs_core/            lib
  a.py               x
                     more of x, not an entry
  load/              y
    b.py             z
tests/               t
"""
    )
    paths = [e.path for e in module_map(readme)]
    assert paths == ["nhs_core/", "nhs_core/a.py", "nhs_core/load/", "nhs_core/load/b.py", "tests/"]


def test_a_new_module_is_reported_with_the_line_to_add(tmp_path):
    (tmp_path / "nhs_core" / "load").mkdir(parents=True)
    (tmp_path / "nhs_core" / "load" / "problems.py").write_text("")
    (tmp_path / "nhs_core" / "load" / "__init__.py").write_text("")
    (tmp_path / "nhs_core" / "cli").mkdir()
    (tmp_path / "nhs_core" / "cli" / "versions.py").write_text("")
    (tmp_path / "nhs_core" / "problem_kinds_registry.py").write_text("")
    readme = _readme(
        """
nhs_core/            lib
  load/              y
    gone.py          z
"""
    )
    entries = module_map(readme)
    missing = sorted(package_parts(tmp_path) - {e.path for e in entries})
    extra = [e for e in entries if not (tmp_path / e.path).exists()]
    message = _advice(missing, extra, entries)
    assert missing == [
        "nhs_core/cli/",
        "nhs_core/cli/versions.py",
        "nhs_core/load/problems.py",
        "nhs_core/problem_kinds_registry.py",
    ]
    assert "add after line 6 (under nhs_core/load/): '    problems.py      <what it is for>'" in message
    assert "add under the line for nhs_core/cli/ (added too): '    versions.py      <what it is for>'" in message
    assert "'  problem_kinds_registry.py <what it is for>'" in message  # a long name keeps a space
    assert "remove line 6 (nhs_core/load/gone.py does not exist): '    gone.py          z'" in message
