"""Which version became the active data, when and by whom: the line other open sessions are told when it changes.

The moment of a switch is the time ACTIVE was last written (a replace and a restore both write it, atomically);
who made it is the new version's uploader when the switch is that upload, and not known for a restore.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass

import pandas as pd

from nhs_core.store import events
from nhs_core.store.files import StoreError
from nhs_core.store.versions import SAMPLE, Store

_SAME_MOMENT = pd.Timedelta(minutes=2)  # a replace writes its manifest, checks the files, then switches ACTIVE


@dataclass(frozen=True)
class Switch:
    """The active version, since when (UTC; None when ACTIVE was never written) and who made it active."""

    version: str
    at: pd.Timestamp | None
    by: str | None
    restored: bool


def last_switch(store: Store) -> Switch:
    """The active version and when and by whom it was made active (never raises for a damaged store)."""
    version = store.pointer()
    try:
        at = pd.Timestamp((store.root / "ACTIVE").stat().st_mtime, unit="s", tz="UTC")
    except OSError:
        at = None
    if version == SAMPLE:
        return Switch(version, at, _restorer(store, version), restored=at is not None)
    try:
        manifest = store.manifest(version)
    except StoreError:
        return Switch(version, at, None, restored=False)
    created = pd.Timestamp(manifest["created"]) if manifest.get("created") else None
    uploaded_then = created is not None and at is not None and abs(at - created) <= _SAME_MOMENT
    if uploaded_then:
        return Switch(version, at, manifest.get("by"), restored=False)
    return Switch(version, at, _restorer(store, version), restored=True)


def _restorer(store: Store, version: str) -> str | None:
    """Who last restored `version`, from the store's log of replaces and restores (None: not logged, or no name)."""
    restores = [e for e in events.read(store.root) if e["action"] == events.RESTORED and e["version"] == version]
    return (restores[-1].get("by") or None) if restores else None


def notice_text(switch: Switch, *, shown: bool = True) -> str:
    """The one line, e.g. "Data changed to v0003 at 10:42 (uploaded by Priya): every page now shows it.".

    With `shown` False (the toast in a session whose page still shows the old data), it ends "...: this page
    shows it from your next click." instead.
    """
    what = "the bundled sample" if switch.version == SAMPLE else switch.version
    how = "restored" if switch.restored else "uploaded"
    line = f"Data changed to {what}"
    if switch.at is not None:
        line += f" at {_clock(switch.at)}"
    line += f" ({how}" + (f" by {switch.by})" if switch.by else ")")
    return line + (": every page now shows it." if shown else ": this page shows it from your next click.")


def _clock(at: pd.Timestamp) -> str:
    """UK clock time, with the date when it is not today ("10:42", "21 Nov 10:42")."""
    try:
        local = at.tz_convert(zoneinfo.ZoneInfo("Europe/London"))
        zone = ""
    except zoneinfo.ZoneInfoNotFoundError:
        local, zone = at, " UTC"
    today = pd.Timestamp.now(tz=local.tz).normalize()
    return (f"{local:%H:%M}" if local.normalize() == today else f"{local:%d %b %H:%M}") + zone
