"""Per-file reports, what is loaded, history and limits, in words."""

from __future__ import annotations

import io
import zipfile

from conftest import appointments_csv, upload

from nhs_core import Limits, Source
from nhs_core.store import describe as uploads


def zipped(**members: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_reports_group_zip_members_under_their_zip_and_keep_each_files_problems() -> None:
    bad = appointments_csv(["2024-01"]).replace(b",800\n", b",-5\n")
    result = upload(
        ("release.zip", zipped(**{"a.csv": appointments_csv(["2024-01"]), "b.csv": bad})), ("notes.png", b"\x89PNG\r\n")
    )
    reports = {r.name: r for r in uploads.file_reports(result, ["release.zip", "notes.png"])}
    assert len(reports["release.zip"].recognised) == 1 and "LSE regional" in reports["release.zip"].recognised[0]
    assert [p.code for p in reports["release.zip"].errors] == ["count.negative"]
    assert [p.code for p in reports["notes.png"].errors] == ["file.not_data"] and not reports["notes.png"].recognised
    text = uploads.reports_text(list(reports.values()))
    assert "release.zip:\n  recognised as: LSE regional" in text and "not recognised" in text
    assert "Rows affected: 2" in text and "Example: line" in text  # counts and examples


def test_file_record_gives_the_same_checksum_for_bytes_and_paths(tmp_path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b"x" * 3_000_000)
    assert uploads.file_record(Source.from_path(path)) == uploads.file_record(Source("a.csv", b"x" * 3_000_000))
    assert uploads.file_record(Source("a.csv", b"abc"))["sha256"].startswith("ba7816bf")


def test_files_text_counts_zip_members() -> None:
    labels = [f"r.zip › Regional_{i}.csv" for i in range(42)] + ["extra.csv"]
    assert uploads.files_text(labels) == "r.zip (42 files), extra.csv"


def test_loaded_frame_and_history_describe_each_table_and_version(store) -> None:
    store.replace(upload(("new.csv", appointments_csv(["2024-01", "2024-02"]))), [{"name": "new.csv"}], by="amy")
    loaded = uploads.loaded_frame(store.open().manifest).set_index("Table")
    assert loaded.loc["Appointments by month", "Source"] == "Uploaded"
    assert loaded.loc["Appointments by month", "Period"] == "Jan 2024 to Feb 2024"
    assert loaded.loc["Appointments by month", "By"] == "amy"
    assert loaded.loc["Tweets", "Source"] == "Bundled sample (synthetic)"
    history = uploads.history_frame(store.history())
    assert history.iloc[0][["Version", "Active", "By", "Files uploaded"]].tolist() == [
        "v0001",
        "active",
        "amy",
        "new.csv",
    ]
    assert "Appointments by month 12" in history.iloc[0]["Rows in the files"]
    label = uploads.version_label(store.history()[0])
    assert label.startswith("v0001 · ") and label.endswith(" · Jan 2024 to Feb 2024 (active)")


def test_when_text_shows_uk_clock_time() -> None:
    assert uploads.when_text("2025-07-01T12:00:00+00:00") == "01 Jul 2025 13:00 UK time"
    assert uploads.when_text(None) == "–"


def test_limits_text_states_each_limit() -> None:
    text = uploads.limits_text(Limits(), 2000)
    assert "2,000 MB" in text and "1,000 files" in text and "8.6 GB" in text
