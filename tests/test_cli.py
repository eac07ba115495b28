"""`python -m nhs_core`: validate and summary, run as a user would (a subprocess from the project root)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from nhs_core import definitions as d
from nhs_core.load import ingest_paths
from tests.helpers import lse_csv, lse_row

ROOT = Path(__file__).resolve().parents[1]
LSE_FIXTURES = ROOT / "tests" / "fixtures" / "lse"
REQUIRED_KEYS = {
    "tables",
    "monthly_appointments",
    "status_appointments",
    "dna_rate",
    "appointments_per_day",
    "top_hashtags",
    "top_locations_by_records",
}


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "nhs_core", *map(str, args)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def _no_traceback(run: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in run.stdout and "Traceback" not in run.stderr, run.stderr


def test_validate_good_files_exits_0_even_with_warnings(tmp_path):
    good = tmp_path / "appointments.csv"
    good.write_bytes(lse_csv(lse_row(), lse_row(appointment_mode="Hologram")))
    run = cli("validate", good, LSE_FIXTURES / "tweets.csv")
    _no_traceback(run)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 error(s), 1 warning(s)" in run.stdout
    assert "Hologram" in run.stdout and "can be imported" in run.stdout


def test_validate_bad_files_exits_1_in_plain_english(tmp_path):
    picture = tmp_path / "appointments.xlsx"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    counts = tmp_path / "counts.csv"
    counts.write_bytes(lse_csv(lse_row(count_of_appointments="-3")))
    run = cli("validate", picture, counts)
    _no_traceback(run)
    assert run.returncode == 1
    report = ingest_paths([picture, counts]).report
    assert report.codes == ["file.not_data", "count.negative"]
    assert run.stdout.splitlines()[1:3] == [f"ERROR: {p.text()}" for p in report.problems]  # after "Recognised:"
    assert "2 error(s)" in run.stdout


def test_validate_json_prints_one_object_with_every_problem_code(tmp_path):
    picture = tmp_path / "appointments.xlsx"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    counts = tmp_path / "counts.csv"
    counts.write_bytes(lse_csv(lse_row(count_of_appointments="-3", appointment_mode="Hologram")))
    run = cli("validate", picture, counts, LSE_FIXTURES / "tweets.csv", "--json")
    _no_traceback(run)
    assert run.returncode == 1 and run.stderr == ""
    data = json.loads(run.stdout)  # the whole output is one JSON object
    assert [f["file"] for f in data["files"]] == ["tweets.csv"] and data["files"][0]["table"] == "tweets"
    assert (data["ok"], data["errors"], data["warnings"]) == (False, 2, 1)
    problems = {p["code"]: p for p in data["problems"]}
    assert list(problems) == ["file.not_data", "vocabulary.new_value", "count.negative"]
    assert problems["file.not_data"]["fields"] == {"content": "a PNG image"}
    expected = ingest_paths([picture, counts]).report.problems
    assert [p.message for p in expected] == [p["message"] for p in data["problems"]]
    negative = problems["count.negative"]
    assert (negative["level"], negative["file"], negative["column"], negative["rows"]) == (
        "error",
        "counts.csv",
        "count_of_appointments",
        1,
    )


def test_validate_json_of_good_files_exits_0(tmp_path):
    good = tmp_path / "appointments.csv"
    good.write_bytes(lse_csv(lse_row(appointment_month="2020-01"), lse_row(appointment_month="2020-02")))
    run = cli("validate", good, "--json")
    assert run.returncode == 0, run.stdout + run.stderr
    data = json.loads(run.stdout)
    assert data["ok"] and data["problems"] == []
    assert data["files"][0] | {"description": None} == {
        "file": "appointments.csv",
        "table": "appointments",
        "description": None,
        "rows": 2,
        "appointments": 240,
        "first_month": "2020-01",
        "last_month": "2020-02",
    }


def test_validate_a_folder(tmp_path):
    (tmp_path / "a.csv").write_bytes(lse_csv())
    (tmp_path / "b.csv").write_bytes(b"")
    run = cli("validate", tmp_path)
    _no_traceback(run)
    assert run.returncode == 1
    report = ingest_paths([tmp_path]).report
    assert report.codes == ["file.empty"]
    assert "a.csv" in run.stdout and f"ERROR: {report.errors[0].text()}" in run.stdout


def test_validate_damaged_zip_prints_no_traceback(tmp_path):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.csv", lse_csv(*[lse_row()] * 200))
    data = bytearray(buffer.getvalue())
    for i in range(45, 85):  # inside the compressed data of the only member
        data[i] ^= 0x5A
    path = tmp_path / "damaged.zip"
    path.write_bytes(bytes(data))
    run = cli("validate", path)
    _no_traceback(run)
    assert run.returncode == 1


def test_summary_json_prints_one_object_with_the_required_keys():
    run = cli("summary", LSE_FIXTURES, "--json")
    _no_traceback(run)
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)  # the whole output is one JSON object
    assert isinstance(data, dict)
    assert set(data) >= REQUIRED_KEYS
    assert set(data["tables"]) == {"appointments", "durations", "categories", "tweets"}
    for info in data["tables"].values():
        assert isinstance(info["rows"], int)
    assert set(data["status_appointments"]) == {"Attended", "DNA", "Unknown"}
    assert isinstance(data["dna_rate"], float)
    assert all(len(pair) == 2 for pair in data["top_hashtags"]) and len(data["top_hashtags"]) == 10
    assert len(data["top_locations_by_records"]) == 5


def test_summary_json_has_every_required_key_whatever_is_loaded(tmp_path):
    path = tmp_path / "appointments.csv"
    path.write_bytes(lse_csv())
    run = cli("summary", path, "--json")
    assert run.returncode == 0
    assert set(json.loads(run.stdout)) >= REQUIRED_KEYS


def test_summary_json_is_strict_json_when_the_dna_rate_is_undefined(tmp_path):
    path = tmp_path / "appointments.csv"
    path.write_bytes(lse_csv(lse_row(appointment_status="Unknown")))
    run = cli("summary", path, "--json")

    def reject(token: str):
        raise ValueError(f"not JSON: {token}")

    json.loads(run.stdout, parse_constant=reject)


def test_summary_readable_table():
    run = cli("summary", LSE_FIXTURES)
    _no_traceback(run)
    assert run.returncode == 0
    assert "Appointments by month: 295 rows" in run.stdout
    assert f"{d.DNA_RATE.label} ({d.DNA_RATE.equation}): " in run.stdout  # the figure says what it is
    assert "Top hashtags: #healthcare" in run.stdout


def test_missing_path_gives_a_message_and_exit_1(tmp_path):
    missing = tmp_path / "nope.csv"
    for command in ("validate", "summary"):
        run = cli(command, missing)
        _no_traceback(run)
        assert run.returncode == 1
        assert "Not found" in run.stderr and "nope.csv" in run.stderr


def test_summary_of_bad_files_exits_1_without_traceback(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(b"a;b\n1;2\n")
    run = cli("summary", path, "--json")
    _no_traceback(run)
    assert run.returncode == 1
    report = ingest_paths([path]).report
    assert report.codes == ["csv.delimiter", "table.unrecognised"] and report.to_text() in run.stderr
