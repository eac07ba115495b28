"""nhs_core.app.chartcache: a chart's spec is built once per chart and reused, and is what Streamlit would send."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from nhs_core import schema as s
from nhs_core.app import chartcache
from nhs_core.present import charts

ROOT = Path(__file__).resolve().parent.parent


def _frame(scale: int = 1) -> pd.DataFrame:
    months = pd.date_range("2021-01-01", periods=12, freq="MS")
    return pd.DataFrame(
        {
            s.MONTH: months.repeat(3),
            s.STATUS: ["Attended", "DNA", "Unknown"] * 12,
            s.COUNT: [scale * i for i in range(36)],
        }
    )


def _chart(frame: pd.DataFrame, title: str = "Appointments by status"):
    return charts.time_series(frame, s.COUNT, title, color=s.STATUS, color_order=["Attended", "DNA", "Unknown"])


def test_the_same_chart_built_twice_has_one_fingerprint():
    assert chartcache.fingerprint(_chart(_frame())) == chartcache.fingerprint(_chart(_frame()))


def test_a_change_in_the_data_or_the_settings_changes_the_fingerprint():
    first = chartcache.fingerprint(_chart(_frame()))
    assert chartcache.fingerprint(_chart(_frame(scale=2))) != first
    assert chartcache.fingerprint(_chart(_frame(), title="Another title")) != first


def test_an_unknown_value_is_drawn_the_ordinary_way():
    assert chartcache.fingerprint({"description": object()}) is None


def _specs(at: AppTest) -> list[dict]:
    return [json.loads(e.proto.spec) for e in at.get("vega_lite_chart")]


def test_a_rerun_with_the_same_selection_converts_no_chart_and_sends_the_same_specs():
    chartcache.clear()
    at = AppTest.from_file(str(ROOT / "pages" / "2_Attendance.py"), default_timeout=120).run()
    assert not at.exception
    before = chartcache.conversions
    first = _specs(at)
    at.run()
    assert chartcache.conversions == before  # every chart came from the cache
    assert first and _specs(at) == first


def test_the_cached_spec_is_the_spec_streamlit_builds_itself(tmp_path):
    script = tmp_path / "one_chart.py"
    script.write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        f"sys.path.insert(0, {str(ROOT / 'tests')!r})\n"
        "import streamlit as st\n"
        "from test_chartcache import _chart, _frame\n"
        "from nhs_core.app import chartcache\n"
        "st.altair_chart(_chart(_frame()), theme='streamlit', width='stretch', key='plain')\n"
        "chartcache.draw(_chart(_frame()), key='cached')\n"
        "chartcache.draw(_chart(_frame()), key='cached_again')\n",
        encoding="utf-8",
    )
    at = AppTest.from_file(str(script), default_timeout=60).run()
    assert not at.exception
    plain, cached, again = at.get("vega_lite_chart")
    assert json.loads(cached.proto.spec) == json.loads(plain.proto.spec) == json.loads(again.proto.spec)
    assert [d.data for d in cached.proto.datasets] == [d.data for d in plain.proto.datasets]


def test_the_unvalidated_spec_is_the_validated_one(monkeypatch):
    monkeypatch.setattr(chartcache, "validate", False)
    chart = _chart(_frame())
    assert chartcache._Unvalidated(chart).to_dict() == chart.to_dict()
    chartcache.clear()
    unvalidated = chartcache._spec(chart, "a")
    monkeypatch.setattr(chartcache, "validate", True)
    chartcache.clear()
    assert chartcache._spec(chart, "a") == unvalidated
