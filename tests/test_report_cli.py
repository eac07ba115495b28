"""`python -m nhs_core report`: writes the briefing of files for an ICB and a period, named after the selection by
default; bad input gives one plain-English message, exit code 1 and no file, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LSE_FIXTURES = ROOT / "tests" / "fixtures" / "lse"


def cli(*args, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "nhs_core", *map(str, args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _refused(run, *phrases: str) -> None:
    assert run.returncode == 1, run.stdout + run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    for phrase in phrases:
        assert phrase in run.stderr, run.stderr


def test_report_for_an_icb_and_a_period(tmp_path):
    out = tmp_path / "out" / "briefing.html"
    run = cli("report", LSE_FIXTURES, "--icb", "E54000034", "--from", "2021-12", "--to", "2022-01", "--out", out)
    assert run.returncode == 0, run.stderr
    assert f"Wrote {out}" in run.stdout
    html = out.read_text(encoding="utf-8")
    assert "<h1>GP appointments briefing: NHS Frimley Integrated Care Board</h1>" in html
    assert "Dec 2021 to Jan 2022; ICB: NHS Frimley Integrated Care Board" in html
    assert html.count('<img class="chart"') == 6 and "<script" not in html
    assert "files appointments_regional.csv" in html or "files actual_duration.csv" in html


def test_report_named_after_the_selection_by_default(tmp_path):
    run = cli(
        "report",
        ROOT / "tests" / "fixtures" / "official",
        "--icb",
        "lincolnshire",
        "--capacity",
        "50,000",
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr
    written = list(tmp_path.glob("briefing-*.html"))
    assert [p.name for p in written] == ["briefing-lincolnshire-icb-2023-06-2025-11.html"]
    html = written[0].read_text(encoding="utf-8")
    assert "50,000 appointments a working day" in html and "The loaded data has no tweets table" in html


@pytest.mark.parametrize(
    ("args", "phrases"),
    [
        (("--from", "2021/12"), ("No briefing was written", "--from needs a month written YYYY-MM")),
        (("--icb", "E54000099"), ("The ICB 'E54000099' is not in the data",)),
        (("--from", "2030-01"), ("The data has no months from Jan 2030",)),
        (("--capacity", "lots"), ("--capacity needs a positive number",)),
    ],
)
def test_report_refuses_bad_arguments(tmp_path, args, phrases):
    out = tmp_path / "b.html"
    _refused(cli("report", LSE_FIXTURES, *args, "--out", out), *phrases)
    assert not out.exists()


def test_report_refuses_bad_files(tmp_path):
    bad = tmp_path / "counts.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    out = tmp_path / "b.html"
    _refused(cli("report", bad, "--out", out), "counts.csv", "No briefing was written: fix the errors")
    _refused(cli("report", tmp_path / "missing.csv", "--out", out), "Not found")
    _refused(cli("report", LSE_FIXTURES, "--out", tmp_path / "counts.csv" / "b.html"), "could not be written")
    assert not out.exists()
