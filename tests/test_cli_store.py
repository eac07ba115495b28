"""`python -m nhs_core import | history | restore` against a temporary store."""

from __future__ import annotations

from pathlib import Path

from conftest import appointments_csv

from nhs_core.cli import main
from nhs_core.load import ingest_paths
from nhs_core.store import SAMPLE, Store


def write(folder: Path, name: str, data: bytes) -> str:
    path = folder / name
    path.write_bytes(data)
    return str(path)


def test_import_validates_previews_and_replaces(tmp_path: Path, capsys) -> None:
    good = write(tmp_path, "good.csv", appointments_csv(["2024-01", "2024-02"]))
    assert main(["import", good, "--store", str(tmp_path / "s"), "--by", "cron"]) == 0
    out = capsys.readouterr().out
    assert "recognised as: LSE regional" in out and "What replacing does:" in out
    assert "Imported as version v0001" in out
    store = Store(tmp_path / "s")
    assert store.pointer() == "v0001" and store.manifest("v0001")["by"] == "cron"
    assert store.manifest("v0001")["files"][0]["name"] == "good.csv"


def test_import_with_errors_exits_1_and_changes_nothing(tmp_path: Path, capsys) -> None:
    good = write(tmp_path, "good.csv", appointments_csv(["2024-01"]))
    bad = write(tmp_path, "bad.csv", appointments_csv(["2024-02"]).replace(b",800\n", b",lots\n"))
    assert main(["import", good, bad, "--store", str(tmp_path / "s")]) == 1
    captured = capsys.readouterr()
    report = ingest_paths([bad]).report
    assert report.codes == ["count.not_number"]
    assert f"ERROR: {report.errors[0].text()}" in captured.out
    assert "nothing was imported" in captured.err
    assert Store(tmp_path / "s").pointer() == SAMPLE and not (tmp_path / "s" / "versions").exists()


def test_history_and_restore(tmp_path: Path, capsys) -> None:
    store = str(tmp_path / "s")
    assert main(["history", "--store", store]) == 0
    assert "No uploads yet" in capsys.readouterr().out
    for month in ("2024-01", "2024-02"):
        assert main(["import", write(tmp_path, f"{month}.csv", appointments_csv([month])), "--store", store]) == 0
    capsys.readouterr()
    assert main(["history", "--store", store]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].split()[:2] == ["v0002", "active"] and lines[2].split()[0] == "v0001"
    assert main(["restore", "1", "--store", store]) == 0
    assert "Version v0001 is active again." in capsys.readouterr().out
    assert main(["restore", "sample", "--store", store]) == 0 and Store(Path(store)).pointer() == SAMPLE
    assert main(["restore", "v7", "--store", store]) == 1
    assert 'no version "v7"' in capsys.readouterr().err


def test_import_of_a_missing_file_says_so(tmp_path: Path, capsys) -> None:
    assert main(["import", str(tmp_path / "nope.csv"), "--store", str(tmp_path / "s")]) == 1
    assert "Not found" in capsys.readouterr().err
