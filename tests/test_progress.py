"""load.progress through ingest: the bar moves once per zip member, weighted by size, and per file, staying
below the end until the files are combined."""

from __future__ import annotations

import io
import zipfile

from conftest import appointments_csv

from nhs_core.load.ingest import ingest
from nhs_core.load.progress import READ_SHARE
from nhs_core.load.readers import Source


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _steps(*sources: Source) -> list[tuple[float, str]]:
    seen: list[tuple[float, str]] = []
    result = ingest(list(sources), progress=lambda share, text: seen.append((share, text)))
    assert not result.report.errors
    return seen


def test_a_zip_moves_the_bar_once_per_member_in_proportion_to_its_size():
    small, large = appointments_csv(["2024-01"]), appointments_csv(["2024-02", "2024-03", "2024-04"])
    packed = _zip({"Regional_CSV_A.csv": small, "__MACOSX/._x.csv": b"junk", "Regional_CSV_B.csv": large})
    seen = _steps(Source("release.zip", packed))
    members = [(share, text) for share, text in seen if text.startswith("Read ") and " of 2 files" in text]
    assert [text for _, text in members] == [
        "Read 1 of 2 files in release.zip: Regional_CSV_A.csv",
        "Read 2 of 2 files in release.zip: Regional_CSV_B.csv",
    ]
    first, second = (share for share, _ in members)
    assert first == READ_SHARE * len(small) / (len(small) + len(large))  # an intermediate value, by size
    assert second == READ_SHARE
    assert [share for share, _ in seen] == sorted(share for share, _ in seen)  # never goes back
    assert seen[-1] == (READ_SHARE, "Combining the files and checking them together")


def test_several_files_share_the_bar_by_their_sizes():
    one, two = appointments_csv(["2024-01"]), appointments_csv(["2024-02"], icbs=("E54000008",))
    seen = _steps(Source("a.csv", one), Source("b.zip", _zip({"b.csv": two})))
    starts = {text: share for share, text in seen if text.startswith("Reading ")}
    assert starts["Reading a.csv"] == 0
    assert 0 < starts["Reading b.zip"] == READ_SHARE * len(one) / (len(one) + len(_zip({"b.csv": two}))) < 1
