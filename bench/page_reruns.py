"""Time each page's rerun under AppTest, on the bundled sample and on the real LSE extract.

Usage: python -m bench.page_reruns [--runs 7] [--real ../shared/data/lse-extract] [--store DIR]

With --store, the pages are timed on that store's active version instead (for example the 26-million-row
daily extract imported with `python -m nhs_core import bench/out/Appointments_GP_Daily_CSV_Nov_25.zip
--store bench/out/big_store`; the target there is under 1.5 s).

A rerun is what happens on every widget change: the page script runs again against data that is
already loaded. "cached" is the app as shipped (metrics cached by their arguments with st.cache_data);
"uncached" clears st.cache_data before each rerun, so every metric is recomputed from the full tables
(the naive approach; the loaded data itself stays in st.cache_resource in both). Figures are medians
in milliseconds; the target is under 300 ms on the real extract.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nhs_core.app import SAMPLE_DIR_ENV, navigation  # noqa: E402

# The home page and every explorer page (the Data page only reads uploads), from the one list of pages.
PAGES = [ROOT / p.path for p in navigation.PAGES if p.path == navigation.HOME or p.explorer]


def _use(folder: Path | None) -> None:
    if folder is None:
        os.environ.pop(SAMPLE_DIR_ENV, None)
    else:
        os.environ[SAMPLE_DIR_ENV] = str(folder)


def _quiet() -> None:
    """Silence Streamlit's warnings about running without a server (each logger has its own level)."""
    for name, logger in list(logging.Logger.manager.loggerDict.items()):
        if name.startswith("streamlit") and isinstance(logger, logging.Logger):
            logger.setLevel(logging.ERROR)


def time_page(page: Path, folder: Path | None, runs: int, cached: bool) -> float:
    """Median milliseconds of `runs` reruns of `page` (after one warm-up run)."""
    _use(folder)
    app = AppTest.from_file(str(page), default_timeout=120)
    app.run()
    _quiet()
    if app.exception:
        raise RuntimeError(f"{page.name} failed: {app.exception[0].value}")
    times = []
    for _ in range(runs):
        if not cached:
            st.cache_data.clear()
        start = time.perf_counter()
        app.run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--real", type=Path, default=ROOT.parent / "shared" / "data" / "lse-extract")
    parser.add_argument("--store", type=Path, help="time the pages on this store's active version instead")
    args = parser.parse_args()
    os.environ["NHS_EXPLORER_STORE"] = str(args.store.resolve()) if args.store else tempfile.mkdtemp(prefix="nhs_")
    sources = {"bundled sample": None}
    if args.store:
        sources = {f"store {args.store.name}": None}
    elif args.real.exists():
        sources["real extract"] = args.real.resolve()
    else:
        print(f"(real extract not found at {args.real}; timing the bundled sample only)")
    header = f"{'page':<34}" + "".join(f"| {name:^36}" for name in sources)
    print(header)
    print(f"{'':<34}" + "| {:>10} {:>12} {:>11} ".format("cached", "uncached", "ratio") * len(sources))
    for page in PAGES:
        row = f"{page.stem:<34}"
        for folder in sources.values():
            fast = time_page(page, folder, args.runs, cached=True)
            slow = time_page(page, folder, args.runs, cached=False)
            row += f"| {fast:>7.0f} ms {slow:>9.0f} ms {slow / fast:>10.1f}x "
        print(row, flush=True)
    print(f"\nmedian of {args.runs} reruns after a warm-up run; AppTest in one process, {sys.platform}")


if __name__ == "__main__":
    main()
