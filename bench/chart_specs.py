"""A page rerun with the same selection, with each chart's spec cached (as shipped) and converted every time
(the path before nhs_core.app.chartcache), in the same run, under AppTest on the bundled sample.

Usage: python -m bench.chart_specs [--runs 7]

Both columns keep the metrics cached (st.cache_data), so the difference is the charts' conversion to Vega-Lite.
AppTest leaves out the browser's drawing, so these are server-side milliseconds (medians).
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nhs_core.app import chartcache, navigation  # noqa: E402

PAGES = [ROOT / p.path for p in navigation.PAGES if p.explorer]


def _median_rerun(app: AppTest, runs: int, cached: bool) -> float:
    times = []
    for _ in range(runs):
        if not cached:
            chartcache.clear()
        start = time.perf_counter()
        app.run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    print(f"{'page':34} {'converted every time':>22} {'spec cached':>12}")
    for page in PAGES:
        app = AppTest.from_file(str(page), default_timeout=120)
        app.run()
        for name, logger in list(logging.Logger.manager.loggerDict.items()):
            if name.startswith("streamlit") and isinstance(logger, logging.Logger):
                logger.setLevel(logging.ERROR)
        app.run()
        plain = _median_rerun(app, args.runs, cached=False)
        cached = _median_rerun(app, args.runs, cached=True)
        print(f"{page.stem:34} {plain:>19.0f} ms {cached:>9.0f} ms")


if __name__ == "__main__":
    main()
