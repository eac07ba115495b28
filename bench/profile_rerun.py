"""Where one rerun's server time goes: cProfile of a page's rerun under AppTest on a store (py-spy is not
installed here), for the many-sessions benchmark (`bench.sessions`) to say what dominates.

Usage: python -m bench.profile_rerun --store DIR [--page pages/1_Engagement.py] [--icbs 3] [--top 25]
(--icbs 0: two reruns with nothing changed, what a seen-before selection costs)

The page runs once (data loaded, caches warm), then the ICB filter moves to `--icbs` ICBs in turn, each a
selection not seen before (as in the benchmark, where sessions pick different ICBs), and those reruns are
profiled together. AppTest runs the script without a websocket, so the figures leave out sending the messages.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import time
from collections import defaultdict
from pathlib import Path

from streamlit.runtime.scriptrunner.script_runner import ScriptRunner
from streamlit.testing.v1 import AppTest

from bench.page_reruns import _quiet
from nhs_core.app.keys import filter_key

ROOT = Path(__file__).resolve().parent.parent
# Where a function's own time is counted: the first prefix its file path contains.
AREAS = (
    ("altair", "altair (building charts)"),
    ("vl_convert", "vl-convert"),
    ("pandas", "pandas"),
    ("pyarrow", "pyarrow"),
    ("numpy", "numpy"),
    ("duckdb", "duckdb"),
    ("jsonschema", "jsonschema (Altair's validation)"),
    ("narwhals", "narwhals (Altair's dataframe layer)"),
    ("streamlit", "streamlit"),
    ("nhs_core", "nhs_core"),
    ("json", "json"),
)


def _area(path: str) -> str:
    for prefix, name in AREAS:
        if f"/{prefix}/" in path or f"/{prefix}." in path:
            return name
    return "other (stdlib, builtins)"


def by_area(stats: pstats.Stats) -> dict[str, float]:
    """Own (not cumulative) seconds per library, so the areas add up to the whole."""
    areas: dict[str, float] = defaultdict(float)
    for (path, _, _), (_, _, own, _, _) in stats.stats.items():
        areas[_area(path)] += own
    return dict(sorted(areas.items(), key=lambda item: -item[1]))


def _profiling(profile: cProfile.Profile) -> None:
    """Profile the script runner's thread (cProfile sees only the thread it is enabled in, and AppTest runs the
    page in a thread of its own)."""
    run = ScriptRunner._run_script

    def profiled(self, *args, **kwargs):
        profile.enable()
        try:
            return run(self, *args, **kwargs)
        finally:
            profile.disable()

    ScriptRunner._run_script = profiled


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--page", default="pages/1_Engagement.py")
    parser.add_argument("--icbs", type=int, default=3)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    os.environ["NHS_EXPLORER_STORE"] = str(args.store.resolve())
    app = AppTest.from_file(str(ROOT / args.page), default_timeout=120)
    app.run()
    _quiet()
    widget = app.multiselect(key=filter_key("icbs"))
    profile, start = cProfile.Profile(), time.perf_counter()
    _profiling(profile)
    picks = widget.options[1 : args.icbs + 1] or [None] * 2  # --icbs 0: two reruns of the same selection
    for icb in picks:
        if icb is not None:
            app.multiselect(key=filter_key("icbs")).set_value([icb])
        app.run()
    wall = time.perf_counter() - start
    stats = pstats.Stats(profile)
    what = "with a new ICB each" if args.icbs else "of the same selection (caches warm)"
    print(f"{len(picks)} reruns of {args.page} {what}: {wall:.2f} s wall ({wall / len(picks):.2f} s each)")
    for area, seconds in by_area(stats).items():
        print(f"  {area:38} {seconds:6.2f} s  {seconds / stats.total_tt:5.1%}")
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(args.top)
    print(out.getvalue())


if __name__ == "__main__":
    main()
