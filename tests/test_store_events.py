"""Every replace and restore is recorded with who, when and what; the Data page's upload summary is one line."""

from __future__ import annotations

from conftest import appointments_csv, upload

from nhs_core.cli import main
from nhs_core.store import SAMPLE, Store, describe, events

GOOD = upload(("new.csv", appointments_csv(["2024-01", "2024-02"], 1000)))
RECORD = [{"name": "new.csv", "bytes": 1, "sha256": "x"}]


def test_replaces_and_restores_are_logged_with_who_when_and_what(store: Store) -> None:
    first = store.replace(GOOD, RECORD, by="Priya")
    store.restore(SAMPLE, by="Sam")
    store.restore(first)
    logged = store.changes()
    assert [(c["action"], c["version"], c["by"]) for c in logged] == [
        (events.RESTORED, first, None),
        (events.RESTORED, SAMPLE, "Sam"),
        (events.REPLACED, first, "Priya"),
    ]
    assert all(c["when"] for c in logged) and logged[-1]["files"] == ["new.csv"]
    frame = describe.changes_frame(logged)
    assert frame["What happened"].tolist() == [
        f"Restored version {first}",
        "Restored the bundled sample",
        f"Replaced the data: version {first} from new.csv",
    ]
    assert frame["By"].tolist() == ["not given", "Sam", "Priya"]


def test_a_damaged_log_line_is_skipped_and_older_versions_come_from_their_manifests(store: Store) -> None:
    version = store.replace(GOOD, RECORD, by="Priya")
    (store.root / events.EVENTS).write_text('{"when": "2026-01-01", "act\n', encoding="utf-8")  # torn, no replace
    store.restore(SAMPLE, by="Sam")
    logged = store.changes()
    assert [(c["action"], c["version"], c["by"]) for c in logged] == [
        (events.RESTORED, SAMPLE, "Sam"),
        (events.REPLACED, version, "Priya"),  # from the version's manifest
    ]


def test_the_command_line_restore_records_who_and_history_lists_it(store: Store, capsys) -> None:
    store.replace(GOOD, RECORD, by="Priya")
    assert main(["restore", "sample", "--store", str(store.root), "--by", "Lee"]) == 0
    capsys.readouterr()
    assert main(["history", "--store", str(store.root)]) == 0
    out = capsys.readouterr().out
    assert "Every replace and restore" in out and "Restored the bundled sample" in out and "Lee" in out


def test_an_upload_is_summed_up_in_one_line_with_its_problems() -> None:
    assert describe.upload_summary(GOOD) == (
        "1 regional (monthly appointments) file: 2 ICBs, Jan 2024 to Feb 2024, 12 rows; no problems"
    )
    bad = appointments_csv(["2024-03"]).replace(b",800\n", b",eight hundred\n")
    both = upload(("a.csv", appointments_csv(["2024-01"])), ("b.csv", appointments_csv(["2024-02"])), ("c.csv", bad))
    assert describe.upload_summary(both).startswith("2 regional (monthly appointments) files: 2 ICBs, Jan 2024 to Feb")
    assert describe.upload_summary(both).endswith("; 1 error")
