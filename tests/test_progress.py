"""load.progress through ingest: the bar moves once per zip member, weighted by size, per file, and per piece
of a large CSV, staying below the end until the files are combined."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
from conftest import appointments_csv

from nhs_core.load import csvfile
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


def _months(n: int) -> list[str]:
    return [f"{2020 + i // 12}-{i % 12 + 1:02d}" for i in range(n)]


def test_one_large_csv_moves_the_bar_per_piece_parsed(monkeypatch):
    data = appointments_csv(_months(24))
    monkeypatch.setattr(csvfile, "PIECE_BYTES", len(data) // 5)
    seen = _steps(Source("daily.csv", data))
    within = [(share, text) for share, text in seen if text.startswith("Reading daily.csv: ")]
    assert len(within) >= 4  # the bar moved inside the file, not only at its start and end
    assert all(0 < share < READ_SHARE for share, _ in within)
    assert [share for share, _ in within] == sorted({share for share, _ in within})
    assert within[0][1].endswith("% done")


def test_a_zip_with_one_large_member_moves_the_bar_within_it(monkeypatch):
    data = appointments_csv(_months(24))
    monkeypatch.setattr(csvfile, "PIECE_BYTES", len(data) // 4)
    seen = _steps(Source("release.zip", _zip({"Daily_CSV.csv": data})))
    within = [share for share, text in seen if text.startswith("Reading file 1 of 1 in release.zip: Daily_CSV.csv")]
    assert len(within) >= 3 and all(0 < share < READ_SHARE for share in within)


def test_pieces_give_the_same_table_as_one_read_even_with_newlines_inside_quotes(monkeypatch):
    rows = "".join(f'{i},"line one of {i}\nline ""two"" of {i}",{i % 7},{i % 3}\n' for i in range(3000))
    data = f"tweet_id,tweet_full_text,tweet_retweet_count,tweet_favorite_count\n{rows}".encode()
    whole = ingest([Source("tweets.csv", data)]).tables
    monkeypatch.setattr(csvfile, "PIECE_BYTES", 1000)  # many cuts, most of them landing inside a quoted cell
    body = csvfile._Body(lambda: io.BytesIO(data), 0, len(data), "utf-8", 100_000)
    ends = [done for _, done in body.pieces("tweets.csv")]
    assert len(ends) > 50 and all(data[:end].count(b'"') % 2 == 0 for end in ends) and ends[-1] == len(data)
    pieces = ingest([Source("tweets.csv", data)]).tables
    assert pieces.keys() == whole.keys()
    for table in whole:
        pd.testing.assert_frame_equal(pieces[table], whole[table])
    assert pieces["tweets"].iloc[5]["tweet_full_text"] == 'line one of 5\nline "two" of 5'
