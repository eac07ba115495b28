"""The store's log of changes: every replace and every restore, with who, when and what, one JSON line each.

A version's manifest records only how that version was made; a restore makes no version, so without this log
History could not say who went back to what, and when. ``events.jsonl`` in the store folder is appended under the
store's lock and fsync'd; a line that does not read (a crash mid-write) is skipped, never fatal. Versions made
before the log existed are listed from their manifests.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

EVENTS = "events.jsonl"
REPLACED = "replace"
RESTORED = "restore"


def record(root: Path, action: str, version: str, by: str | None = None, files: Sequence[str] = ()) -> dict:
    """Append one change to the log (the caller holds the store's lock) and return it: `action` (replace or
    restore), the version made active, who (`by`, as typed or the login name) and the files uploaded."""
    event = {
        "when": pd.Timestamp.now(tz="UTC").isoformat(timespec="seconds"),
        "action": action,
        "version": version,
        "by": by or None,
        "files": list(files),
    }
    with open(root / EVENTS, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(event) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    return event


def read(root: Path) -> list[dict]:
    """Every logged change, oldest first (unreadable lines skipped)."""
    try:
        lines = (root / EVENTS).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    out = []
    for line in lines:
        try:
            event = json.loads(line)
        except ValueError:
            continue
        if isinstance(event, dict) and event.get("action") in (REPLACED, RESTORED) and event.get("version"):
            out.append(event)
    return out


def changes(root: Path, history: list[dict]) -> list[dict]:
    """Every replace and restore, newest first: the log, and the versions (`Store.history()`) made before it."""
    logged = read(root)
    made = {e["version"] for e in logged if e["action"] == REPLACED}
    earlier = [
        {
            "when": h.get("created"),
            "action": REPLACED,
            "version": h["version"],
            "by": h.get("by"),
            "files": [f.get("name", "") for f in h.get("files", [])],
        }
        for h in history
        if h["version"] not in made and h.get("created")
    ]
    both = earlier + logged  # in the order they happened, within a second too
    order = sorted(range(len(both)), key=lambda i: (str(both[i].get("when") or ""), i), reverse=True)
    return [both[i] for i in order]
