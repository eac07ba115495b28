"""The real LSE extract survives a round trip through the store unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SHARED_DATA

from nhs_core import Source, ingest_paths
from nhs_core.store import Store
from nhs_core.store import describe as uploads

pytestmark = pytest.mark.realdata
EXTRACT = SHARED_DATA / "lse-extract" / "appointments_regional.csv.zip"


def test_the_real_extract_reads_back_from_the_store_exactly(tmp_path: Path) -> None:
    if not EXTRACT.exists():
        pytest.skip(f"the real extract is not at {EXTRACT}")
    result = ingest_paths([EXTRACT])
    store = Store(tmp_path / "store", bundled=tmp_path / "no-sample")
    version = store.replace(result, [uploads.file_record(Source.from_path(EXTRACT))])
    opened = Store(tmp_path / "store").open()  # as after a restart
    assert opened.version == version and opened.problem is None
    frame = opened.tables["appointments"]
    assert len(frame) == 596_821 and int(frame["count_of_appointments"].sum()) == 742_804_525
    original = result.tables["appointments"]
    assert frame.equals(original) and frame.dtypes.to_dict() == original.dtypes.to_dict()  # assert_frame_equal: 25 s
    for column in frame.select_dtypes("category"):  # categories keep their display order, not just their set
        assert list(frame[column].cat.categories) == list(original[column].cat.categories)
    entry = opened.manifest["tables"]["appointments"]
    assert (entry["first_month"], entry["last_month"]) == ("2020-01", "2022-06")
    assert opened.manifest["files"][0]["name"] == "appointments_regional.csv.zip"
