"""The versioned store: round trip, atomic replace, injected failures, fallback, restore, concurrency."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT, appointments_csv, total, upload

from nhs_core.store import SAMPLE, Store, StoreError
from nhs_core.store import files as store_files

GOOD = upload(("new.csv", appointments_csv(["2024-01", "2024-02"], 1000)))
RECORD = [{"name": "new.csv", "bytes": 1, "sha256": "x"}]


def test_a_fresh_store_opens_the_bundled_sample(store: Store) -> None:
    opened = store.open()
    assert (opened.version, opened.problem) == (SAMPLE, None)
    assert total(opened.tables) == 3 * 2 * 100
    assert opened.manifest["tables"]["appointments"]["source"] == "sample"
    assert store.history() == []


def test_a_version_reads_back_with_the_same_dtypes_and_values(store: Store) -> None:
    version = store.replace(GOOD, RECORD, by="alice")
    tables, manifest = store.load(version)
    pd.testing.assert_frame_equal(tables["appointments"], GOOD.tables["appointments"])
    assert isinstance(tables["appointments"]["appointment_status"].dtype, pd.CategoricalDtype)
    assert list(tables["appointments"]["appointment_status"].cat.categories) == ["Attended", "DNA", "Unknown"]
    assert tables["appointments"]["appointment_month"].dtype == "datetime64[ns]"
    entry = manifest["tables"]["appointments"]
    assert (entry["rows"], entry["first_month"], entry["last_month"]) == (12, "2024-01", "2024-02")
    assert len(entry["sha256"]) == 64 and entry["source"] == "upload" and entry["by"] == "alice"
    assert (manifest["parent"], manifest["version"], manifest["files"]) == (SAMPLE, "v0001", RECORD)


def test_replace_switches_the_active_version_and_keeps_tables_not_uploaded(store: Store) -> None:
    version = store.replace(GOOD, RECORD)
    opened = store.open()
    assert (store.pointer(), opened.version, opened.problem) == (version, version, None)
    assert total(opened.tables) == 40_000
    assert len(opened.tables["tweets"]) == 2  # carried over from the sample, still labelled as the sample
    assert opened.manifest["tables"]["tweets"]["source"] == "sample"
    assert opened.manifest["tables"]["tweets"]["change"] == "kept"


def test_an_upload_with_errors_changes_nothing(store: Store) -> None:
    bad = upload(("bad.csv", appointments_csv(["2024-01"]).replace(b",800\n", b",lots\n")))
    assert bad.report.errors
    with pytest.raises(StoreError, match="errors"):
        store.replace(bad, RECORD)
    assert store.pointer() == SAMPLE and store.versions() == []


def test_failure_between_writing_and_switching_leaves_the_old_version_active(store: Store, monkeypatch) -> None:
    first = store.replace(GOOD, RECORD)

    def crash(self, version):
        raise OSError("power cut")

    monkeypatch.setattr(Store, "_switch", crash)
    with pytest.raises(OSError):
        store.replace(upload(("other.csv", appointments_csv(["2024-03"], 5))), RECORD)
    monkeypatch.undo()
    opened = store.open()
    assert (store.pointer(), opened.version, opened.problem) == (first, first, None)
    assert total(opened.tables) == 40_000
    # the complete but never activated version stays restorable; it is never half-written
    assert store.versions() == [first, "v0002"]
    assert total(store.load("v0002")[0]) == 2 * 10 * 5


def test_failure_while_writing_leaves_no_version_and_the_next_writer_cleans_up(store: Store, monkeypatch) -> None:
    first = store.replace(GOOD, RECORD)
    calls = []

    def flaky(path, frame):
        calls.append(path)
        if len(calls) == 2:
            raise OSError("disk full")
        return real(path, frame)

    real = store_files.write_table
    monkeypatch.setattr(store_files, "write_table", flaky)
    with pytest.raises(OSError):
        store.replace(upload(("other.csv", appointments_csv(["2024-03"]))), RECORD)
    assert store.versions() == [first] and store.pointer() == first
    assert any((store.root / "tmp").iterdir())  # a half-written folder, never visible as a version
    monkeypatch.undo()
    second = store.replace(upload(("other.csv", appointments_csv(["2024-03"]))), RECORD)
    assert second == "v0002" and not any((store.root / "tmp").iterdir())


def test_a_version_that_fails_verification_is_never_renamed_into_place(store: Store, monkeypatch) -> None:
    def unreadable(folder, manifest):
        raise StoreError("read-back failed")

    monkeypatch.setattr(store_files, "verify_tables", unreadable)
    with pytest.raises(StoreError):
        store.replace(GOOD, RECORD)
    monkeypatch.undo()
    assert store.versions() == [] and store.pointer() == SAMPLE


@pytest.mark.parametrize("damage", ["flip a byte", "delete the table", "garble the manifest"])
def test_a_corrupt_active_version_falls_back_to_the_last_good_one(store: Store, damage: str) -> None:
    good = store.replace(GOOD, RECORD)
    broken = store.replace(upload(("other.csv", appointments_csv(["2024-03"], 7))), RECORD)
    folder = store.root / "versions" / broken
    if damage == "flip a byte":
        data = bytearray((folder / "appointments.parquet").read_bytes())
        data[len(data) // 2] ^= 0xFF
        (folder / "appointments.parquet").write_bytes(bytes(data))
    elif damage == "delete the table":
        (folder / "appointments.parquet").unlink()
    else:
        (folder / "manifest.json").write_text("{not json", encoding="utf-8")
    opened = store.open()
    assert (opened.wanted, opened.version) == (broken, good)
    assert f"version {broken}" in opened.problem and f"version {good}" in opened.problem
    assert total(opened.tables) == 40_000
    with pytest.raises(StoreError):
        store.restore(broken)  # a damaged version is never made active again
    store.restore(good)  # someone acts: the message goes away
    assert store.open().problem is None


def test_with_no_readable_version_the_store_falls_back_to_the_sample(store: Store) -> None:
    (store.root).mkdir(parents=True)
    (store.root / "ACTIVE").write_text("v0042\n", encoding="utf-8")
    opened = store.open()
    assert opened.version == SAMPLE and "bundled sample" in opened.problem
    assert total(opened.tables) == 600


def test_restore_a_version_and_the_sample(store: Store) -> None:
    first = store.replace(GOOD, RECORD)
    second = store.replace(upload(("other.csv", appointments_csv(["2024-03"], 7))), RECORD)
    assert store.restore("1") == first and total(store.open().tables) == 40_000
    assert [h["active"] for h in store.history()] == [False, True]
    assert store.restore("sample") == SAMPLE and total(store.open().tables) == 600
    assert store.restore(f" {second.upper()} ") == second and store.open().version == second
    with pytest.raises(StoreError, match="no version"):
        store.restore("v9")


def test_replace_refuses_when_the_data_changed_since_the_preview(store: Store) -> None:
    store.replace(GOOD, RECORD)
    with pytest.raises(StoreError, match="changed by someone else"):
        store.replace(GOOD, RECORD, expected=SAMPLE)
    assert store.versions() == ["v0001"]


def test_a_writer_waits_for_the_lock_then_gives_up_with_a_message(store: Store) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            (
                "import fcntl, sys, time; h = open(sys.argv[1], 'a+b'); fcntl.flock(h, fcntl.LOCK_EX); "
                "print('locked', flush=True); time.sleep(30)"
            ),
            str(store.root / "LOCK"),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        store.root.mkdir(parents=True, exist_ok=True)
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(StoreError, match="still running"), store._lock(timeout=0.3):
            pass
    finally:
        holder.kill()
        holder.wait(timeout=10)
    store.replace(GOOD, RECORD)  # a killed holder releases the lock
    assert store.pointer() == "v0001"


def test_concurrent_imports_from_two_processes_end_with_one_consistent_version(store: Store, tmp_path: Path) -> None:
    base = store.replace(GOOD, RECORD)
    files = []
    for name, months in (("march.csv", ["2024-03"]), ("april.csv", ["2024-04"])):
        files.append(tmp_path / name)
        files[-1].write_bytes(appointments_csv(months, 10))
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "nhs_core", "import", str(f), "--store", str(store.root), "--keep-months"],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for f in files
    ]
    assert [r.wait(timeout=60) for r in runs] == [0, 0]
    assert store.versions() == [base, "v0002", "v0003"]
    final = store.open()
    assert final.version == "v0003" and final.problem is None
    # serialised: the second import was merged on top of the first, so neither update was lost
    months = set(final.tables["appointments"]["appointment_month"].dt.strftime("%Y-%m"))
    assert months == {"2024-01", "2024-02", "2024-03", "2024-04"}
    assert total(final.tables) == 40_000 + 2 * 200
    assert store.manifest("v0003")["parent"] == "v0002" and store.manifest("v0002")["parent"] == base
    for version in store.versions():
        store.load(version)  # every version is complete and matches its checksums


def test_the_store_folder_comes_from_the_environment(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert Store.from_env({}).root == tmp_path / ".nhs_store"
    assert Store.from_env({"NHS_EXPLORER_STORE": str(tmp_path / "x")}).root == tmp_path / "x"


def test_the_manifest_is_plain_json_a_person_can_read(store: Store) -> None:
    version = store.replace(GOOD, [{"name": "new.csv", "bytes": 10, "sha256": "ab"}], by="bob")
    manifest = json.loads((store.root / "versions" / version / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["created"].endswith("+00:00") and manifest["by"] == "bob"
    assert set(manifest["tables"]) == {"appointments", "tweets"}
    assert manifest["tables"]["appointments"]["files"] == ["new.csv"]
