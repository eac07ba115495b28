"""Which kind of table a file holds: its headers mapped onto canonical names, then the most specific kind
(``nhs_core.tables``) whose columns are all there, whatever the order of the registry.
"""

from __future__ import annotations

from nhs_core import schema as s
from nhs_core import tables
from nhs_core.load.problems import Problem, problem
from nhs_core.load.readers import RawFrame
from nhs_core.load.rules import did_you_mean
from nhs_core.tables import TableKind

_GEOGRAPHY = frozenset({s.ICB, s.SUB_ICB, s.SUB_ICB_NAME})  # any of them places a row


def map_headers(headers: list[str]) -> tuple[dict[int, str], list[tuple[str, str, str]]]:
    """Map header positions to canonical names; report columns that two headers both claim.

    A fallback spelling (``stp_code``) is used only when no other header maps to its column.
    """
    keys = [s.header_key(h) for h in headers]
    primary = {s.HEADER_ALIASES[k] for k in keys if k in s.HEADER_ALIASES and k not in s.FALLBACK_HEADERS}
    mapping: dict[int, str] = {}
    seen: dict[str, int] = {}
    dupes = []
    for pos, key in enumerate(keys):
        name = s.HEADER_ALIASES.get(key)
        if name is None or (key in s.FALLBACK_HEADERS and name in primary):
            continue
        if name in seen:
            dupes.append((name, headers[seen[name]], headers[pos]))
            continue
        seen[name] = pos
        mapping[pos] = name
    return mapping, dupes


def missing_columns(kind: TableKind, present: set[str]) -> list[str]:
    """The columns `kind` needs that are not `present` (the geography requirement as "icb or sub-ICB")."""
    missing = [c for c in kind.required if c not in present]
    if kind.needs_geography and not present & _GEOGRAPHY:
        missing.append(f"{s.ICB} or {s.SUB_ICB}")
    return missing


def recognise(present: set[str], file: str = "") -> tuple[TableKind | None, TableKind | None, list[str]]:
    """The kind of table these canonical columns hold, or the closest kind this version imports.

    Parameters
    ----------
    present : set of str
        The canonical names the file's headers map to.
    file : str
        The file's name: a kind known by its name as well (`TableKind.file_names`) is only considered for a
        file so named, and then wins over the kind whose columns it shares.

    Returns
    -------
    (kind, None, []) when some kind's columns are all present: the most specific such kind (a tie, which
    `tables.ambiguities` reports as a defect, goes to the name that sorts last, never to registry order);
    else (None, closest, missing): the importable kind with the largest share of its columns present.
    """
    matched = [kind for kind in tables.KINDS if kind.named_in(file) and not missing_columns(kind, present)]
    if matched:
        return max(matched, key=lambda kind: (kind.specificity, kind.name)), None, []
    scored = []
    for kind in [k for k in tables.KINDS if k.supported]:
        missing = missing_columns(kind, present)
        scored.append((1 - len(missing) / len(kind.required), kind, missing))
    _, closest, missing = max(scored, key=lambda t: t[0])
    return None, closest, missing


def unrecognised(raw: RawFrame, closest: TableKind, missing: list[str], mapping: dict[int, str]) -> Problem:
    """The error for a file that holds no kind of table: what the closest kind lacks, with "did you mean"."""
    unused = [h for pos, h in enumerate(raw.headers) if pos not in mapping]
    hints = [h for h in (did_you_mean(m, unused) for m in missing) if h]
    names = ", ".join(tables.table_words(kind.name) for kind in tables.KINDS if kind.supported)
    return problem(
        "table.unrecognised",
        raw.file,
        tables=names,
        closest=tables.table_words(closest.name),
        missing=", ".join(missing),
        headers=", ".join(f'"{h}"' for h in raw.headers[:12]) + ("…" if len(raw.headers) > 12 else ""),
        suggestions=" ".join(hints) or None,
    )


def unsupported(raw: RawFrame, kind: TableKind) -> Problem:
    """What is said of a file of a kind this version cannot import: an error, or a note for a lookup file."""
    what = f"an {_layout_word(layout(raw.headers))} {kind.noun}"
    return problem("table.skipped" if kind.skippable else "table.unsupported", raw.file, what=what)


def layout(headers: list[str]) -> str:
    """Which layout the headers are in: "Older (CCG-era)", "Official" (upper-case headers) or "LSE"."""
    keys = {s.header_key(h) for h in headers}
    if "ccg_code" in keys or "ccg_ons_code" in keys:
        return "Older (CCG-era)"
    if any(h.strip("\ufeff").isupper() for h in headers if h.strip()):
        return "Official"
    return "LSE"


def _layout_word(name: str) -> str:
    return name if name.isupper() else name.lower()
