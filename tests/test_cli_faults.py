"""Every CLI failure is one plain sentence and exit status 1, never a traceback: a --store that is a file, a full
or read-only disk, a bad version name, a bug; and names with control characters cannot forge report lines."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, appointments_csv

from nhs_core.cli import main
from tests.helpers import zip_bytes


def _good(tmp_path: Path) -> str:
    path = tmp_path / "good.csv"
    path.write_bytes(appointments_csv(["2024-01"]))
    return str(path)


def test_a_store_that_is_a_file_is_one_sentence_in_a_real_process(tmp_path: Path) -> None:
    (tmp_path / "store").write_text("not a folder")
    run = subprocess.run(
        [sys.executable, "-m", "nhs_core", "import", _good(tmp_path), "--store", str(tmp_path / "store")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "Stopped: a file stands where a folder is needed" in run.stderr or "Stopped:" in run.stderr


@pytest.mark.parametrize(
    ("number", "words"),
    [(errno.ENOSPC, "the disk is full"), (errno.EROFS, "the disk is read-only"), (errno.EACCES, "permission denied")],
)
def test_os_errors_while_importing_are_plain_sentences(tmp_path: Path, capsys, monkeypatch, number, words) -> None:
    def fail(*args, **kwargs):
        raise OSError(number, os.strerror(number), str(tmp_path / "store" / "tmp"))

    monkeypatch.setattr(Path, "mkdir", fail)
    assert main(["import", _good(tmp_path), "--store", str(tmp_path / "store")]) == 1
    err = capsys.readouterr().err
    assert f"Stopped: {words}" in err and "Traceback" not in err and "active data is unchanged" in err


def test_an_unreadable_input_file(tmp_path: Path, capsys, monkeypatch) -> None:
    good = _good(tmp_path)
    real = Path.stat

    def denied(self, *args, **kwargs):
        if str(self) == good and not kwargs:
            raise PermissionError(errno.EACCES, "Permission denied", good)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "stat", denied)
    status = main(["validate", good])
    captured = capsys.readouterr()
    assert status == 1 and "Traceback" not in captured.err
    assert "permission denied" in (captured.out + captured.err).lower()


def test_a_version_name_of_other_digits_is_not_found(tmp_path: Path, capsys) -> None:
    assert main(["restore", "²", "--store", str(tmp_path / "store")]) == 1
    assert 'Not restored: there is no version "²"' in capsys.readouterr().err


def test_a_bug_is_a_sentence_too(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr("nhs_core.cli.versions.cmd_history", lambda args: 1 / 0, raising=True)
    monkeypatch.setattr("nhs_core.cli.build_parser", _parser_running(lambda args: 1 / 0))
    assert main(["history"]) == 1
    assert "unexpected problem in this app (ZeroDivisionError)" in capsys.readouterr().err


def _parser_running(command):
    import argparse

    def build() -> argparse.ArgumentParser:
        parser = argparse.ArgumentParser()
        parser.add_argument("name")
        parser.set_defaults(run=command)
        return parser

    return build


def test_control_characters_in_member_names_never_reach_the_terminal(tmp_path: Path, capsys) -> None:
    archive = tmp_path / "release.zip"
    archive.write_bytes(
        zip_bytes({"x\nERROR: forged line\x1b[31m.csv": appointments_csv(["2024-01"]), "\x1b]0;t\x07.txt": "x"})
    )
    main(["validate", str(archive)])
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert not any(line.startswith("ERROR: forged") for line in out.splitlines())
