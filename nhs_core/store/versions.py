"""Versioned datasets on disk: atomic replace, history, restore, and a fallback when a version is unreadable.

Layout of the store folder (``NHS_EXPLORER_STORE``, default ``.nhs_store/`` in the working directory)::

    ACTIVE            the active version id, or "sample" for the bundled sample (absent with no versions: the
                      sample; absent or empty with versions: the newest version that reads, and a warning)
    ACTIVATED         every version ACTIVE has named, one a line (a version missing here was written but its
                      switch failed, so it was never used); a store from before this file assumes all were
    LOCK              held (fcntl.flock) while an import or restore runs, so writers take turns
    versions/v0001/   one immutable folder per version: <table>.parquet and manifest.json
    tmp/              versions being written; whatever a crash left here is removed by the next writer

A version is written and fsync'd in tmp/, read back and checked, renamed into versions/, and only then is
ACTIVE switched with ``os.replace``: a reader sees the old version or the new one, never a mix.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import shutil
import time
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from nhs_core.frames import release_memory
from nhs_core.load.ingest import Ingested, ingest_paths
from nhs_core.store import changes, events, summaries
from nhs_core.store import files as version_files
from nhs_core.store.files import StoreError
from nhs_core.tables import kind

SAMPLE = "sample"
NO_ACTIVE = "(no ACTIVE file)"  # ACTIVE is missing or empty although versions exist
ENV_VAR = "NHS_EXPLORER_STORE"
DEFAULT_DIR = ".nhs_store"
BUNDLED_DIR = Path(__file__).resolve().parents[2] / "data"
FORMAT = 1
_MANIFEST = "manifest.json"
_ACTIVATED = "ACTIVATED"
_ID = re.compile(r"^v(\d{4,})$")


@dataclass(frozen=True)
class Opened:
    """A loaded dataset: the version shown, its tables and manifest, and why it is not the wanted one.

    Opened from its summaries (``Store.open(lazy=True)``), a table whose kind has summaries is its first summary
    in `tables`, every summary is in `summaries` and its full rows stay on disk as `facts`.
    """

    version: str
    tables: dict[str, pd.DataFrame]
    manifest: dict
    wanted: str
    problem: str | None = None
    summaries: dict[str, dict[str, pd.DataFrame]] = field(default_factory=dict)
    facts: dict[str, summaries.Facts] = field(default_factory=dict)


@dataclass(frozen=True)
class Store:
    """A store folder, plus the folder of the bundled sample used when no upload is active."""

    root: Path
    bundled: Path = BUNDLED_DIR

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, bundled: Path = BUNDLED_DIR) -> Store:
        """The store named by ``NHS_EXPLORER_STORE`` (default ``.nhs_store`` in the working directory)."""
        env = os.environ if env is None else env
        return cls(Path(env.get(ENV_VAR) or DEFAULT_DIR).resolve(), Path(bundled))

    # --- reading ------------------------------------------------------------------------------------
    def pointer(self) -> str:
        """The version ACTIVE names: "sample" in a store with no versions yet, `NO_ACTIVE` when ACTIVE is missing
        or empty although versions exist (`open` then shows the newest version that reads, and says so)."""
        try:
            named = (self.root / "ACTIVE").read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            named = ""
        except (OSError, UnicodeDecodeError):
            return "(unreadable ACTIVE file)"
        return named or (NO_ACTIVE if self.versions() else SAMPLE)

    def versions(self) -> list[str]:
        """Every version id in the store, oldest first."""
        folder = self.root / "versions"
        try:
            names = [p.name for p in folder.iterdir() if _ID.match(p.name)] if folder.is_dir() else []
        except OSError:  # a folder the server may not read: no versions it can show
            names = []
        return sorted(names, key=_number)

    def activated(self) -> set[str] | None:
        """The versions ACTIVE has ever named (None for a store from before this was recorded)."""
        try:
            return set((self.root / _ACTIVATED).read_text(encoding="utf-8").split())
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError):
            return None

    def manifest(self, version: str) -> dict:
        """The manifest of one version (raises StoreError when it is missing or damaged)."""
        try:
            manifest = json.loads((self.root / "versions" / version / _MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise StoreError(f"version {version} has no readable manifest") from exc
        if not isinstance(manifest, dict) or not isinstance(manifest.get("tables"), dict):
            raise StoreError(f"the manifest of version {version} is damaged")
        return manifest

    def load(self, version: str) -> tuple[dict[str, pd.DataFrame], dict]:
        """The tables and manifest of a version, every file checked against its checksum."""
        if version == SAMPLE:
            return self._sample()
        if not _ID.match(version) or not (self.root / "versions" / version).is_dir():
            raise StoreError(f'there is no version "{version}" in the store')
        manifest = self.manifest(version)
        return version_files.read_tables(self.root / "versions" / version, manifest), manifest

    def open(self, pointer: str | None = None, *, lazy: bool = False) -> Opened:
        """The active data, or the newest readable older version (or the sample) with the reason why.

        `lazy`: open a stored version from its manifest and summaries only, leaving the rows of every table
        whose kind has summaries on disk (``store.summaries``); the sample, small, is read whole.
        """
        wanted = self.pointer() if pointer is None else pointer
        try:
            return self._opened(wanted, wanted, lazy)
        except (StoreError, OSError) as exc:  # OSError: e.g. a folder the server is not allowed to read
            reason = str(exc) if isinstance(exc, StoreError) else f"{exc.strerror or exc}"
        for version in _fallbacks(self.versions(), wanted):
            try:
                opened = self._opened(version, wanted, lazy)
            except (StoreError, OSError):
                continue
            return Opened(**{**opened.__dict__, "problem": _fallback_text(wanted, reason, version)})
        return Opened(SAMPLE, *self._sample(), wanted=wanted, problem=_fallback_text(wanted, reason, SAMPLE))

    def _opened(self, version: str, wanted: str, lazy: bool) -> Opened:
        if not lazy or not _ID.match(version) or not (self.root / "versions" / version).is_dir():
            return Opened(version, *self.load(version), wanted=wanted)  # load says why a version is missing
        manifest = self.manifest(version)
        tables, parts, facts = summaries.open_version(self.root / "versions" / version, manifest)
        return Opened(version, tables, manifest, wanted, summaries=parts, facts=facts)

    def history(self) -> list[dict]:
        """Every version's manifest, newest first, with `active` set on the one ACTIVE names."""
        active = self.pointer()
        activated = self.activated()
        out = []
        for version in reversed(self.versions()):
            try:
                manifest = self.manifest(version)
            except StoreError as exc:
                manifest = {"tables": {}, "damaged": str(exc)}
            used = activated is None or version in activated or version == active
            out.append({**manifest, "version": version, "active": version == active, "never_activated": not used})
        return out

    def resolve(self, name: str) -> str:
        """The version id a user means by "sample", "3", "v3" or "v0003" (StoreError when there is none)."""
        name = name.strip().lower()
        if name == SAMPLE:
            return SAMPLE
        digits = name.removeprefix("v")
        version = f"v{int(digits):04d}" if digits.isascii() and digits.isdigit() else name
        if version not in self.versions():
            known = ", ".join(self.versions()) or "none yet"
            raise StoreError(f'there is no version "{name}" (versions: {known}; or "sample")')
        return version

    # --- writing ------------------------------------------------------------------------------------
    def replace(
        self,
        upload: Ingested,
        files: list[dict],
        *,
        keep_months: bool = False,
        by: str | None = None,
        expected: str | None = None,
    ) -> str:
        """Make the upload the active data (see `changes` for the rule) and return the new version id.

        Raises StoreError, changing nothing, when the upload has errors, another writer holds the lock
        too long, or the active data is no longer `expected` (someone replaced it since the preview).
        """
        if upload.report.errors:
            raise StoreError("the upload has errors, so nothing was changed; fix the files named in the report")
        if not upload.tables:
            raise StoreError("the upload holds no table this app reads, so nothing was changed")
        with self._lock():
            current = self.open()
            if expected is not None and expected not in (current.version, current.wanted):
                raise StoreError(
                    f"the data was changed by someone else (now version {current.version}) since "
                    "your preview, so nothing was changed; check the preview again"
                )
            when = pd.Timestamp.now(tz="UTC").isoformat(timespec="seconds")
            tables, provenance = changes.apply(
                current.tables, current.manifest, upload, files, keep_months=keep_months, when=when, by=by
            )
            manifest = {
                "format": FORMAT,
                "created": when,
                "by": by,
                "parent": current.version,
                "keep_months": keep_months,
                "files": files,
                "tables": provenance,
            }
            version = self._commit(tables, manifest)
            events.record(self.root, events.REPLACED, version, by, [f.get("name", "") for f in files])
            return version

    def restore(self, name: str, by: str | None = None) -> str:
        """Make an earlier version (or "sample") active again, after checking it reads; return its id. The
        restore is logged with who (`by`) and when, for the history."""
        version = self.resolve(name)
        with self._lock():
            self.load(version)
            self._switch(version)
            events.record(self.root, events.RESTORED, version, by)
        return version

    def changes(self) -> list[dict]:
        """Every replace and restore, newest first, with who, when and what (`events.changes`)."""
        return events.changes(self.root, self.history())

    def _commit(self, tables: dict[str, pd.DataFrame], manifest: dict) -> str:
        work_root = self.root / "tmp"
        shutil.rmtree(work_root, ignore_errors=True)  # left-overs of an interrupted writer (we hold the lock)
        numbers = [_number(v) for v in self.versions()]
        version = f"v{max(numbers, default=0) + 1:04d}"
        work = work_root / f"{version}-{uuid.uuid4().hex[:8]}"
        work.mkdir(parents=True)
        entries = {
            t: {**entry, **version_files.write_table(work / f"{t}.parquet", tables[t])}
            for t, entry in manifest["tables"].items()
        }
        for t in [t for t in entries if summaries.has_summaries(t)]:  # derived from the facts as written
            entries[t]["summaries"] = summaries.write(work, t, kind(t))
        manifest = {**manifest, "version": version, "tables": entries}
        version_files.write_file(work / _MANIFEST, json.dumps(manifest, indent=2, default=str).encode("utf-8"))
        version_files.fsync_dir(work)
        version_files.verify_tables(work, manifest)  # every file reads back with its checksum and row count
        (self.root / "versions").mkdir(exist_ok=True)
        os.rename(work, self.root / "versions" / version)
        version_files.fsync_dir(self.root / "versions")
        self._switch(version)
        release_memory()
        return version

    def _switch(self, version: str) -> None:
        """Point ACTIVE at `version` atomically (write aside, fsync, os.replace, fsync the folder)."""
        for stale in self.root.glob("ACTIVE.*.tmp"):  # left by a writer killed mid-switch (we hold the lock)
            stale.unlink(missing_ok=True)
        staged = self.root / f"ACTIVE.{uuid.uuid4().hex[:8]}.tmp"
        version_files.write_file(staged, f"{version}\n".encode())
        previous = self.pointer()
        os.replace(staged, self.root / "ACTIVE")
        version_files.fsync_dir(self.root)
        self._record_activation(version, previous)

    def _record_activation(self, version: str, previous: str) -> None:
        """Add `version` (and the one it replaced, in case a crash lost its line) to ACTIVATED; a store from before
        this record starts it with every version it already holds, since nobody knows which of those were used."""
        log = self.root / _ACTIVATED
        known = self.activated()
        lines = set(self.versions()) - {version} if known is None else set()
        lines |= {v for v in (version, previous) if _ID.match(v)} - (known or set())
        if lines:
            with open(log, "a", encoding="utf-8") as handle:
                handle.write("".join(f"{v}\n" for v in sorted(lines, key=_number)))
                handle.flush()
                os.fsync(handle.fileno())

    @contextlib.contextmanager
    def _lock(self, timeout: float = 120.0) -> Iterator[None]:
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / "LOCK", "a+b") as handle:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise StoreError(
                            "another import or restore is still running, so nothing was changed; try again in a minute"
                        ) from None
                    time.sleep(0.05)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _sample(self) -> tuple[dict[str, pd.DataFrame], dict]:
        """The bundled sample, described like a version (empty when the folder is missing)."""
        result = ingest_paths([self.bundled]) if self.bundled.is_dir() else Ingested()
        provenance = changes.provenance(result, changes.SOURCE_SAMPLE, when=None, by=None)
        synthetic = synthetic_folder(self.bundled)
        provenance = {table: {**entry, "synthetic": synthetic} for table, entry in provenance.items()}
        manifest = {
            "format": FORMAT,
            "version": SAMPLE,
            "created": None,
            "by": None,
            "parent": None,
            "files": [],
            "tables": provenance,
        }
        return {t: result.tables[t] for t in provenance}, manifest  # in the schema's table order


def synthetic_folder(folder: Path) -> bool:
    """Whether a bundled-sample folder holds the synthetic sample: the repository's `data/`, or a folder whose
    README.md says it is synthetic (as `python -m nhs_core sample` writes one). A folder of real extract files
    (`NHS_EXPLORER_SAMPLE_DIR`) is not called synthetic."""
    if folder.resolve() == BUNDLED_DIR.resolve():
        return True
    readme = folder / "README.md"
    return readme.is_file() and "synthetic" in readme.read_text(encoding="utf-8", errors="replace").casefold()


def _number(version: str) -> int:
    return int(_ID.match(version).group(1))


def _fallbacks(versions: list[str], wanted: str) -> list[str]:
    """Versions to try when `wanted` cannot be read: older ones newest first, then any newer ones."""
    if not _ID.match(wanted):
        return list(reversed(versions))
    older = [v for v in versions if _number(v) < _number(wanted)]
    newer = [v for v in versions if _number(v) > _number(wanted)]
    return list(reversed(older)) + list(reversed(newer))


def _fallback_text(wanted: str, reason: str, shown: str) -> str:
    what = "the bundled sample" if shown == SAMPLE else f"version {shown}, the last version that reads"
    if wanted == NO_ACTIVE:
        return (
            f"No version is marked active (the store's ACTIVE file is missing or empty), so every page shows {what}. "
            "On the Data page, restore the version you want; this message stays until then."
        )
    return (
        f"The active data (version {wanted}) could not be read ({reason}), so every page shows {what}. "
        "On the Data page, restore a version or upload the files again; this message stays until then."
    )
