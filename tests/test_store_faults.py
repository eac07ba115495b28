"""Store faults the app must survive: a folder the server may not read, a deleted or empty ACTIVE while versions
exist, and a version whose switch failed (marked "never used" in History)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import appointments_csv, total, upload

from nhs_core.store import SAMPLE, Store
from nhs_core.store import describe as uploads
from nhs_core.store.versions import NO_ACTIVE

RECORD = [{"name": "new.csv", "bytes": 1, "sha256": "x"}]


def _versions(store: Store, *counts: int) -> list[str]:
    return [store.replace(upload(("a.csv", appointments_csv(["2024-01"], n))), RECORD) for n in counts]


@pytest.mark.parametrize("damage", ["deleted", "empty"])
def test_a_missing_active_with_versions_shows_the_newest_that_reads_and_says_so(store: Store, damage: str) -> None:
    _versions(store, 100, 200, 300)
    (store.root / "versions" / "v0003" / "appointments.parquet").write_bytes(b"garbage")
    if damage == "deleted":
        (store.root / "ACTIVE").unlink()
    else:
        (store.root / "ACTIVE").write_text("")
    assert store.pointer() == NO_ACTIVE
    opened = store.open()
    assert opened.version == "v0002" and total(opened.tables) == 2 * 10 * 200
    assert "No version is marked active" in opened.problem and "v0002" in opened.problem


def test_a_fresh_store_without_active_still_opens_the_sample_quietly(store: Store) -> None:
    assert store.pointer() == SAMPLE and store.open().problem is None


def test_an_unreadable_versions_folder_falls_back_to_the_sample(store: Store, monkeypatch) -> None:
    _versions(store, 100)
    real = {name: getattr(Path, name) for name in ("iterdir", "read_bytes", "read_text")}

    def denying(name):  # as if the store folder's permissions shut the server out (tests run as root)
        def call(self, *args, **kwargs):
            if str(self).startswith(str(store.root)) and self.name != "ACTIVE":
                raise PermissionError(13, "Permission denied", str(self))
            return real[name](self, *args, **kwargs)

        return call

    for name in real:
        monkeypatch.setattr(Path, name, denying(name))
    opened = store.open()
    assert opened.version == SAMPLE and "could not be read" in opened.problem
    assert store.versions() == []


def test_a_version_whose_switch_failed_is_marked_never_used_in_history(store: Store, monkeypatch) -> None:
    _versions(store, 100)
    real = os.replace

    def fail_on_active(src, dst, *args, **kwargs):
        if Path(dst).name == "ACTIVE":
            raise OSError(28, "No space left on device")
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", fail_on_active)
    with pytest.raises(OSError):
        _versions(store, 200)
    monkeypatch.undo()
    _versions(store, 300)
    history = {e["version"]: e for e in store.history()}
    assert [history[v]["never_activated"] for v in ("v0001", "v0002", "v0003")] == [False, True, False]
    frame = uploads.history_frame(store.history()).set_index("Version")
    assert frame.loc["v0002", "Active"].startswith("never used") and frame.loc["v0003", "Active"] == "active"
    assert frame.loc["v0001", "Active"] == ""
    labels = [uploads.version_label(e) for e in store.history()]
    assert labels[1].startswith("v0002") and labels[1].endswith("(never used)")
    store.restore("v0002")  # restoring it makes it used
    assert not {e["version"]: e for e in store.history()}["v0002"]["never_activated"]


def test_a_store_from_before_the_activation_record_marks_no_version_never_used(store: Store) -> None:
    _versions(store, 100, 200)
    (store.root / "ACTIVATED").unlink()
    assert not any(e["never_activated"] for e in store.history())
    _versions(store, 300)  # the first switch seeds the record with the versions already there
    assert not any(e["never_activated"] for e in store.history())
