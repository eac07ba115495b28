"""Sample and real never mix silently: the rule, its badge, the upload cautions, and the pages over a store that
holds a real upload beside the synthetic sample."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT, appointments_csv, upload
from streamlit.testing.v1 import AppTest

from nhs_core import app
from nhs_core import schema as s
from nhs_core.analysis.provenance import SYNTHETIC_BADGE, shown_tables
from nhs_core.analysis.tweets import hashtag_counts
from nhs_core.app import navigation
from nhs_core.present import chartkit
from nhs_core.present import charts as ch
from nhs_core.store import Store, cautions
from nhs_core.store.changes import is_synthetic
from nhs_core.store.versions import synthetic_folder

TABLES = {"appointments": pd.DataFrame({"a": [1]}), "tweets": pd.DataFrame({"b": [2]})}


def test_synthetic_tables_are_left_out_once_any_table_is_real():
    shown = shown_tables(TABLES, ["tweets"])
    assert list(shown.tables) == ["appointments"] and shown.left_out == ("tweets",) and not shown.synthetic
    switched = shown_tables(TABLES, ["tweets"], show_sample=True)
    assert list(switched.tables) == ["appointments", "tweets"] and switched.synthetic == ("tweets",)
    assert switched.mixed and not shown.mixed
    everything_sample = shown_tables(TABLES, ["appointments", "tweets"])
    assert len(everything_sample.tables) == 2 and not everything_sample.left_out and not everything_sample.mixed


def test_the_badge_heads_the_chart_title_so_pictures_carry_it():
    frame = pd.DataFrame({"x": ["a"], s.COUNT: [1]})
    chart = chartkit.with_badge(ch.bar_chart(frame, "x", s.COUNT, "A title", subtitle="A subtitle"), SYNTHETIC_BADGE)
    title = chart.to_dict()["title"]
    assert title["text"][0] == f"[{SYNTHETIC_BADGE}]" and "A title" in title["text"]
    assert title["subtitle"] == "A subtitle"
    plain = ch.bar_chart(frame, "x", s.COUNT, "A title")
    assert chartkit.with_badge(plain, None) is plain


def test_a_folder_is_synthetic_only_when_it_is_the_bundled_sample_or_says_so(tmp_path):
    assert synthetic_folder(ROOT / "data")
    assert not synthetic_folder(tmp_path)  # a folder of real files (NHS_EXPLORER_SAMPLE_DIR)
    (tmp_path / "README.md").write_text("A synthetic sample.", encoding="utf-8")
    assert synthetic_folder(tmp_path)
    assert is_synthetic({"source": "sample"}) and not is_synthetic({"source": "sample", "synthetic": False})
    assert not is_synthetic({"source": "upload"})


def test_an_upload_narrower_than_the_real_table_warns_before_replace():
    icbs = tuple(f"E5400{n:04d}" for n in range(42))
    now = upload(("all.csv", appointments_csv(["2024-01", "2024-02"], icbs=icbs))).tables
    one = upload(("one.csv", appointments_csv(["2024-02"], icbs=icbs[:1]))).tables
    manifest = {"tables": {"appointments": {"source": "upload"}}}
    lines = cautions.preview_cautions(now, manifest, one, one)
    assert "covers 1 of the 42 ICBs and 1 of the 2 months now loaded" in lines[0]
    assert "*Keep the months the upload does not cover*" in lines[0]
    assert cautions.preview_cautions(now, manifest, one, one, keep_months=True) == []
    sample = {"tables": {"appointments": {"source": "sample"}}}
    assert cautions.preview_cautions(now, sample, one, one) == []  # the sample is always replaced whole


def test_the_preview_names_tables_staying_synthetic_and_different_periods():
    manifest = {"tables": {"appointments": {"source": "sample"}, "tweets": {"source": "sample"}}}
    new = upload(("new.csv", appointments_csv(["2024-01"]))).tables
    lines = cautions.preview_cautions({}, manifest, new, new)
    assert any("would stay the synthetic sample: tweets" in line for line in lines)
    days = pd.DataFrame({s.DATE: pd.to_datetime(["2023-06-01"]), s.COUNT: [1]})
    differ = cautions.periods_differ({**new, s.DURATIONS: days})
    assert differ and "Jan 2024 to Jan 2024" in differ and "Jun 2023 to Jun 2023" in differ
    assert cautions.periods_differ({**new, s.DURATIONS: days}, leave_out=(s.DURATIONS,)) is None


# --- the pages over a real upload beside the bundled synthetic sample ------------------------------------------
@pytest.fixture
def mixed(tmp_path: Path, monkeypatch) -> Store:
    """A store whose active version holds a real-looking appointments upload; every other table is the bundled
    synthetic sample (data/)."""
    monkeypatch.setenv("NHS_EXPLORER_STORE", str(tmp_path / "store"))
    monkeypatch.delenv(app.SAMPLE_DIR_ENV, raising=False)
    monkeypatch.delenv("NHS_EXPLORER_ADMIN_PASSWORD", raising=False)
    store = Store(tmp_path / "store", ROOT / "data")
    store.replace(upload(("real.csv", appointments_csv(["2024-01", "2024-02"], 1000))), [])
    return store


def _page(name: str, query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / navigation.page(name).path), default_timeout=90)
    at.query_params.update(query or {})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _text(at: AppTest) -> str:
    parts = [e.value for kind in ("markdown", "caption", "warning", "info", "subheader") for e in at.get(kind)]
    return "\n".join(str(p) for p in parts).replace("\\", "")


def _specs(at: AppTest) -> str:
    return json.dumps([json.loads(c.proto.spec) for c in at.get("vega_lite_chart")])


def test_pages_leave_the_sample_out_and_say_which_file_to_upload(mixed):
    social = _page("Social media")
    assert "No tweets data is loaded" in _text(social) and "tweets.csv" in _text(social)
    assert not social.get("vega_lite_chart") and not [m for m in social.metric]
    durations = _page("Durations")
    assert "Actual_Duration_CSV_" in _text(durations) and not durations.get("vega_lite_chart")
    capacity = _page("Capacity and seasonality")
    assert capacity.select_slider(key=app.Keys.PERIOD).value == ("2024-01", "2024-02")  # real months only
    assert SYNTHETIC_BADGE not in _specs(capacity)
    findings = _page("Findings")
    sample_tag = hashtag_counts(pd.read_csv(ROOT / "data" / "tweets.csv"))[s.HASHTAG].iloc[0]
    assert f"#{sample_tag} leads" not in _text(findings) and "Top hashtag" not in [m.label for m in findings.metric]
    assert "Top hashtags" not in _text(findings)


def test_the_switch_brings_the_sample_back_badged_and_is_in_the_url(mixed):
    social = _page("Social media", {"sample": "show"})
    assert social.toggle(key=app.Keys.SHOW_SAMPLE).value is True
    assert "Synthetic sample." in _text(social)
    assert f"[{SYNTHETIC_BADGE}]" in _specs(social)
    capacity = _page("Capacity and seasonality")
    capacity.toggle(key=app.Keys.SHOW_SAMPLE).set_value(True).run()
    assert capacity.query_params["sample"] == "show"
    specs = [json.loads(c.proto.spec) for c in capacity.get("vega_lite_chart")]
    weekday = [c for c in specs if "weekday" in json.dumps(c.get("encoding", {})) or "Weekday" in json.dumps(c)]
    monthly = specs[0]
    assert f"[{SYNTHETIC_BADGE}]" not in json.dumps(monthly["title"])  # drawn from the real upload
    assert weekday and all(f"[{SYNTHETIC_BADGE}]" in json.dumps(c["title"]) for c in weekday)
