"""Fault test: `python -m nhs_core import` killed with SIGKILL at random moments.

After every kill the store must open to the old version or the new one, whole: never a mix, never a
fallback, and every version folder present must read back with matching checksums. Bounded: a fixed
number of runs, each with a time limit.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from conftest import ROOT, appointments_csv, upload

from nhs_core import geography
from nhs_core import schema as s
from nhs_core.store import Store

RUNS = 20
RUN_LIMIT_SECONDS = 20


def synthetic_extract(path: Path, seed: int, rows: int = 150_000) -> tuple[int, int]:
    """Write an LSE-layout appointments file; return its (rows, appointments)."""
    rng = np.random.default_rng(seed)
    icbs = geography.icbs()[s.ICB].to_numpy()[:42]
    months = pd.period_range("2022-01", "2024-06", freq="M").strftime("%Y-%m").to_numpy()
    frame = pd.DataFrame({s.ICB: rng.choice(icbs, rows), s.MONTH: rng.choice(months, rows)})
    for column in (s.STATUS, s.HCP, s.MODE, s.LEAD):
        frame[column] = rng.choice(np.array(s.VOCABULARIES[column]), rows)
    frame[s.COUNT] = rng.integers(1, 5_000, rows)
    frame.to_csv(path, index=False)
    return rows, int(frame[s.COUNT].sum())


def leftovers(store: Store) -> set[str]:
    """What interrupted writers left in tmp/ (the folder itself may be absent)."""
    folder = store.root / "tmp"
    return {p.name for p in folder.iterdir()} if folder.is_dir() else set()


def fingerprint(tables: dict) -> tuple[int, int]:
    frame = tables[s.APPOINTMENTS]
    return len(frame), int(frame[s.COUNT].sum())


def test_import_killed_at_random_moments_leaves_the_old_or_the_new_version(tmp_path: Path) -> None:
    seed = int(os.environ.get("FAULT_SEED", time.time_ns() % 100_000))
    rng = random.Random(seed)
    inputs = []
    for i in range(2):
        path = tmp_path / f"extract_{i}.csv"
        inputs.append((path, synthetic_extract(path, seed + i)))
    store = Store(tmp_path / "store")
    store.replace(upload(("start.csv", appointments_csv(["2020-01"]))), [{"name": "start.csv"}])
    command = [sys.executable, "-m", "nhs_core", "import", "--store", str(store.root)]

    started = time.monotonic()
    assert (
        subprocess.run(
            [*command, str(inputs[0][0])], cwd=ROOT, capture_output=True, timeout=RUN_LIMIT_SECONDS
        ).returncode
        == 0
    )
    full = time.monotonic() - started  # one uninterrupted import, to place the kills
    counts = {
        "runs": 0,
        "killed": 0,
        "finished before the kill": 0,
        "old version": 0,
        "new version": 0,
        "killed while writing (left-overs in tmp/)": 0,
        "killed after the rename, before the switch": 0,
    }
    for run in range(RUNS):
        old = fingerprint(store.open().tables)
        versions_before = len(store.versions())
        tmp_before = leftovers(store)
        path, expected_new = next(item for item in inputs if item[1] != old)  # every run would change the data
        process = subprocess.Popen(
            [*command, str(path)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(rng.uniform(0.5, 1.05) * full)  # mostly while reading and writing, some before and after
        process.send_signal(signal.SIGKILL)
        code = process.wait(timeout=RUN_LIMIT_SECONDS)
        counts["runs"] += 1
        counts["killed" if code == -signal.SIGKILL else "finished before the kill"] += 1
        opened = store.open()
        assert opened.problem is None and opened.version == store.pointer()
        now = fingerprint(opened.tables)
        assert now in (old, expected_new), f"run {run} (seed {seed}): a mix {now}, not {old} or {expected_new}"
        counts["new version" if now == expected_new else "old version"] += 1
        if leftovers(store) - tmp_before:
            counts["killed while writing (left-overs in tmp/)"] += 1
        if len(store.versions()) > versions_before and now == old:
            counts["killed after the rename, before the switch"] += 1
        for version in store.versions():
            store.load(version)  # every version folder is complete and matches its checksums
    print(f"\nfault test (seed {seed}, one import {full:.2f} s): {counts}; {len(store.versions())} versions on disk")
    assert counts["runs"] == RUNS and counts["killed"] > 0
