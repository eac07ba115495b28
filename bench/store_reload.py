"""Benchmark 3: loading the active version after a restart, against re-reading the original files.

Imports the real LSE extract (../shared/data/lse-extract: appointments_regional.csv.zip, 596,821 rows, and
tweets.csv) into a temporary store, then, in fresh Python processes (a restart), times
`Store.open()` (Parquet, checksums verified) against `ingest_paths` of the original files (what the app
would do without a store). Times exclude interpreter start-up and imports; best of several processes.

Usage: python -m bench.store_reload [--repeat 5]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from nhs_core import ingest_paths
from nhs_core.load.readers import Source
from nhs_core.store import Store
from nhs_core.store import describe as uploads

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "lse-extract"
FILES = [SHARED / "appointments_regional.csv.zip", SHARED / "tweets.csv"]
_TIMED = """
import sys, time
from pathlib import Path
from nhs_core import ingest_paths
from nhs_core.store import Store
start = time.perf_counter()
if sys.argv[1] == "store":
    tables = Store(Path(sys.argv[2])).open().tables
else:
    tables = ingest_paths(sys.argv[2:]).tables
print(time.perf_counter() - start, sum(len(t) for t in tables.values()))
"""


def fresh_process(*args: str) -> tuple[float, int]:
    """Seconds and total rows of one load in a new Python process."""
    out = subprocess.run(
        [sys.executable, "-c", _TIMED, *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[1],
        timeout=300,
    ).stdout.split()
    return float(out[0]), int(out[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if not all(f.exists() for f in FILES):
        sys.exit(f"The real extract is not at {SHARED}; nothing to measure.")
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "store", bundled=Path(folder) / "no-sample")  # only the extract's tables
        result = ingest_paths(FILES)
        version = store.replace(result, [uploads.file_record(Source.from_path(f)) for f in FILES])
        size = sum(p.stat().st_size for p in (store.root / "versions" / version).iterdir())
        reload = [fresh_process("store", str(store.root)) for _ in range(args.repeat)]
        reread = [fresh_process("files", *map(str, FILES)) for _ in range(args.repeat)]
    (best_reload, rows), (best_reread, rows_files) = min(reload), min(reread)
    assert rows == rows_files, "the store and the files must hold the same rows"
    print(f"Real LSE extract, {rows:,} rows in all; version {version} is {size / 1e6:.1f} MB of Parquet.")
    print(f"Reload the active version after a restart: {best_reload:.3f} s (best of {args.repeat} processes)")
    print(f"Re-read and validate the original files:   {best_reread:.3f} s (best of {args.repeat} processes)")
    print(f"Ratio: the store reloads {best_reread / best_reload:.1f} times faster.")


if __name__ == "__main__":
    main()
