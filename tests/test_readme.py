"""README.md's Set-up section: two commands for Linux and macOS (run the app, run the tests), each with its Windows
PowerShell counterpart, and the test command is the one CI runs."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _setup_blocks(language: str) -> list[str]:
    section = README.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    return [b.strip() for b in re.findall(rf"```{language}\n(.*?)```", section, flags=re.S)]


def test_set_up_gives_two_commands_for_linux_and_two_for_windows():
    assert len(_setup_blocks("bash")) == 2
    assert len(_setup_blocks("powershell")) == 2


def test_the_readme_test_command_is_the_one_ci_runs():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    ci_command = re.search(r"^TEST_COMMAND='(.*)'$", ci, flags=re.M).group(1)
    assert _setup_blocks("bash")[1] == ci_command


def test_windows_commands_take_the_same_steps_and_stop_at_the_first_failure():
    for linux, windows in zip(_setup_blocks("bash"), _setup_blocks("powershell"), strict=True):
        linux_steps = linux.split(" && ")
        windows_steps = windows.split("; ")
        assert len(windows_steps) == len(linux_steps)
        assert all(step.startswith("if ($?) {") for step in windows_steps[1:])
        assert linux_steps[-1].split()[-1] in windows_steps[-1]  # the same requirements file / app / test run


def test_the_run_command_names_files_that_exist():
    run = _setup_blocks("bash")[0]
    assert (ROOT / re.search(r"streamlit run (\S+)", run).group(1)).is_file()
    assert (ROOT / re.search(r"-r (\S+)", run).group(1)).is_file()
