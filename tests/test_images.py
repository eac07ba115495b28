"""nhs_core.images: charts rendered to PNG and SVG without a browser, at print width in the app's colours, without
changing the page's chart; safe download names that carry the selection."""

from __future__ import annotations

import re
import struct
import tomllib
from pathlib import Path

import pandas as pd

from nhs_core import schema as s
from nhs_core.analysis import filters as flt
from nhs_core.present import images, keycharts

ROOT = Path(__file__).resolve().parent.parent
MONTHLY = pd.DataFrame({s.MONTH: pd.date_range("2021-01-01", periods=6, freq="MS"), s.COUNT: [5, 6, 7, 6, 8, 9]})
CHART = keycharts.appointments_per_month(MONTHLY.assign(**{s.PER_DAY: MONTHLY[s.COUNT] / 30}), "England").chart


def test_png_is_a_png_at_twice_the_print_width():
    png = images.chart_png(CHART)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, _ = struct.unpack(">II", png[16:24])
    assert width == 2 * images.PRINT_WIDTH


def test_svg_is_text_with_the_title_unless_left_out():
    svg = images.chart_svg(CHART)
    assert svg.startswith("<svg") and f'width="{images.PRINT_WIDTH}"' in svg
    assert "Appointments in England peaked in Jun 2021" in svg and "England: appointments per month" in svg
    bare = images.chart_svg(CHART, titled=False)
    assert "peaked in" not in bare and "England: appointments per month" in bare


def test_print_styling_uses_the_app_theme_and_leaves_the_page_chart_alone():
    before = CHART.to_dict()
    spec = images.for_print(CHART).to_dict()
    assert CHART.to_dict() == before
    theme = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]
    assert spec["config"]["range"]["category"] == theme["chartCategoricalColors"]
    assert spec["config"]["mark"]["color"] == theme["primaryColor"]
    assert spec["width"] == images.PRINT_WIDTH


def test_file_names_are_safe_and_carry_the_selection():
    assert images.file_stem("DNA rate by lead time", "../../etc/passwd <x>") == "dna-rate-by-lead-time-etc-passwd-x"
    assert images.file_stem("", "") == "chart"
    months = list(pd.date_range("2020-01-01", periods=30, freq="MS"))
    assert images.selection_stem(flt.Filters(), {}, months) == "england-2020-01-2022-06"
    names = {"E54000032": "NHS Kent and Medway Integrated Care Board"}
    chosen = flt.Filters(start=pd.Timestamp("2021-01-01"), end=pd.Timestamp("2021-12-01"), icbs=("E54000032",))
    assert images.selection_stem(chosen, names, months) == "kent-and-medway-icb-2021-01-2021-12"
    long = {"X": "NHS Bristol, North Somerset and South Gloucestershire Integrated Care Board"}
    stem = images.selection_stem(flt.Filters(icbs=("X",)), long, months)
    assert stem.endswith("-2020-01-2022-06") and re.fullmatch(r"[a-z0-9-]+", stem) and len(stem) <= 60
