"""nhs_core.store.activity: which version was made active, when and by whom, in the one line sessions are told."""

from __future__ import annotations

import json

import pandas as pd
from conftest import appointments_csv, upload

from nhs_core.store import SAMPLE, Store
from nhs_core.store.activity import Switch, last_switch, notice_text


def _replace(store: Store, month: str, by: str | None = None) -> str:
    return store.replace(upload(("a.csv", appointments_csv([month]))), [{"name": "a.csv"}], by=by)


def test_a_replace_names_its_uploader_and_a_restore_says_it_was_restored(store: Store) -> None:
    assert last_switch(store) == Switch(SAMPLE, None, None, restored=False)  # nothing was ever switched
    _replace(store, "2024-01", by="Priya")
    switch = last_switch(store)
    assert (switch.version, switch.by, switch.restored) == ("v0001", "Priya", False)
    assert abs(switch.at - pd.Timestamp.now(tz="UTC")) < pd.Timedelta(minutes=1)
    _replace(store, "2024-02")
    manifest = store.root / "versions" / "v0001" / "manifest.json"
    manifest.write_text(json.dumps({**store.manifest("v0001"), "created": "2024-03-01T09:00:00+00:00"}))
    store.restore("v0001")  # long after v0001 was uploaded: its uploader did not do this
    switch = last_switch(store)
    assert (switch.version, switch.by, switch.restored) == ("v0001", None, True)
    store.restore(SAMPLE)
    assert (last_switch(store).version, last_switch(store).restored) == (SAMPLE, True)


def test_a_restore_names_who_restored_it(store: Store) -> None:
    _replace(store, "2024-01", by="Priya")
    _replace(store, "2024-02")
    manifest = store.root / "versions" / "v0001" / "manifest.json"
    manifest.write_text(json.dumps({**store.manifest("v0001"), "created": "2024-03-01T09:00:00+00:00"}))
    store.restore("v0001", by="Sam")
    switch = last_switch(store)
    assert (switch.version, switch.by, switch.restored) == ("v0001", "Sam", True)
    assert "(restored by Sam)" in notice_text(switch)
    store.restore(SAMPLE, by="Ola")
    assert last_switch(store).by == "Ola"


def test_the_notice_names_the_version_the_time_and_who() -> None:
    at = pd.Timestamp.now(tz="UTC").floor("min")
    clock = f"{at.tz_convert('Europe/London'):%H:%M}"
    assert notice_text(Switch("v0003", at, "Priya", restored=False)) == (
        f"Data changed to v0003 at {clock} (uploaded by Priya): every page now shows it."
    )
    assert notice_text(Switch(SAMPLE, at, None, restored=True), shown=False) == (
        f"Data changed to the bundled sample at {clock} (restored): this page shows it from your next click."
    )
    earlier = pd.Timestamp("2025-11-21T14:02", tz="UTC")
    assert notice_text(Switch("v0002", earlier, None, restored=True)).startswith(
        "Data changed to v0002 at 21 Nov 14:02"
    )
