"""nhs_core.definitions: each measure defined once (formula, label, help, About text, README line, format, basis),
and everything that states a measure reads it from there."""

from __future__ import annotations

import dataclasses
import math

import pandas as pd
import pytest

from nhs_core import definitions as d
from nhs_core import readme, units
from nhs_core import schema as s
from nhs_core.analysis import metrics
from nhs_core.analysis.summary import summary as headline_summary
from nhs_core.present import findings, kpis, notes
from nhs_core.present.summary import summary_text
from nhs_core.store import changes

STATUSES = [("Attended", 900), ("DNA", 60), ("Unknown", 40)]


def _appointments(rows=STATUSES, month="2024-02-01") -> pd.DataFrame:
    return pd.DataFrame(
        {
            s.MONTH: pd.to_datetime([month] * len(rows)),
            s.STATUS: pd.Categorical([r[0] for r in rows], categories=s.VOCABULARIES[s.STATUS]),
            s.COUNT: [r[1] for r in rows],
            s.ICB_NAME: ["ICB A"] * len(rows),
            s.LEAD: pd.Categorical(["Same Day"] * len(rows), categories=s.VOCABULARIES[s.LEAD]),
            s.MODE: pd.Categorical(["Telephone"] * len(rows), categories=s.VOCABULARIES[s.MODE]),
        }
    )


# --- the README ------------------------------------------------------------------------------------------
def test_the_readme_definitions_are_the_records():
    written = readme.written_lines(readme.README.read_text(encoding="utf-8"))
    assert written == readme.definition_lines(), (
        "README.md's Definitions section differs from nhs_core/definitions.py: run `python -m nhs_core.readme`."
    )


def test_the_readme_writer_replaces_only_the_block_and_can_run_twice(tmp_path):
    target = tmp_path / "README.md"
    target.write_text(f"# Title\n\n{readme.START}\n- stale\n{readme.END}\n\nAfter.\n", encoding="utf-8")
    readme.main([str(target)])
    once = target.read_text(encoding="utf-8")
    readme.main([str(target)])
    assert target.read_text(encoding="utf-8") == once
    assert once.startswith("# Title\n\n") and once.endswith("\n\nAfter.\n") and "stale" not in once
    assert readme.written_lines(once) == readme.definition_lines()
    assert f"- {d.DNA_RATE.about}" in once


def test_the_readme_writer_needs_its_markers():
    with pytest.raises(ValueError, match="definitions"):
        readme.with_definitions("# A README without the block\n")


# --- the records -----------------------------------------------------------------------------------------
def test_every_measure_is_complete_and_each_column_belongs_to_one():
    assert {"dna_rate", "appointments_per_day", "utilisation", "mean_duration", "hashtags"} <= set(d.MEASURES)
    for key, measure in d.MEASURES.items():
        assert measure.key == key and measure.label and measure.help, key
        assert measure.fmt.kind in (units.PERCENT, units.COUNT, units.INTEGER, units.DECIMAL), key
        assert not measure.about or measure.about.startswith("**"), key
    columns = [c for m in d.MEASURES.values() for c in m.columns]
    assert len(columns) == len(set(columns))
    assert d.of_column(s.DNA_RATE) is d.DNA_RATE and d.of_column(s.AREA) is None


def test_the_dna_rate_formula_pins_the_definition():
    assert d.DNA_RATE.formula(90, 10, 50) == pytest.approx(0.1)  # DNA / (Attended + DNA): unknown left out
    assert math.isnan(d.DNA_RATE.formula(0, 0, 5))
    rates = d.DNA_RATE.formula(pd.Series([90, 0]), pd.Series([10, 0]), pd.Series([5, 5]))
    assert rates.iloc[0] == pytest.approx(0.1) and math.isnan(rates.iloc[1])


def test_formulas_divide_safely_and_derive_their_words_from_schema():
    assert d.PER_DAY.formula(290, 29) == 10 and math.isnan(d.PER_DAY.formula(5, 0))
    assert d.GROWTH.formula(110, 100) == pytest.approx(0.1) and math.isnan(d.GROWTH.formula(5, 0))
    assert d.UTILISATION.formula(600_000, d.DEFAULT_CAPACITY) == 0.5
    assert d.HASHTAGS.formula("#Healthcare"[1:]) == d.HASHTAGS.formula("HEALTHCARE") == "healthcare"
    assert [d.SEASONS.formula(m) for m in (12, 3, 7, 10)] == ["Winter", "Spring", "Summer", "Autumn"]
    assert d.SEASONS.help.startswith("winter is December to February, spring March to May")
    assert "31-60 as 45.5" in d.MEAN_DURATION.equation  # from schema.DURATION_MIDPOINTS


def test_each_measure_has_one_format():
    assert d.DNA_RATE.show(0.0470) == "4.70%" and d.DNA_RATE.fmt.d3 == ".2%"
    assert d.UTILISATION.show(0.828) == "83%" and d.UTILISATION.fmt.d3 == ".1%"
    assert d.STATUS_SHARE.show(0.0441) == "4.4%" and d.GROWTH.show(0.123) == "+12.3%"
    assert d.PER_DAY.show(30_012_345) == "30.0 million" and d.PER_DAY.fmt.exact(30_012_345) == "30,012,345"
    assert d.MEAN_DURATION.show(12.345) == "12.3 min" and d.MEAN_DURATION.fmt.figure(12.345) == "12.3"
    assert d.CAPACITY.show(1_200_000) == "1,200,000" and d.DNA_RATE.show(float("nan")) == "n/a"


def test_formats_write_tables_and_tooltips():
    rate = units.Format("percent", 0, detail=1)
    assert rate.text(0.8284) == "83%" and rate.detailed(0.8284) == "82.8%" and rate.d3 == ".1%"
    assert units.Format("decimal", 1, unit=" min").detailed(float("nan")) == ""
    assert units.Format("count").d3 == ",.0f" and units.Format("percent", 1, signed=True).d3 == "+.1%"
    assert units.readable_count(1_234_567) == "1.23 million" and units.percent(None) == "n/a"


def test_a_new_per_day_basis_is_one_record(monkeypatch):
    weekdays = units.Basis(
        "weekday", "weekdays", "weekday", lambda months: pd.Series(20, index=months.index), aside=" (Mon to Fri)"
    )
    monkeypatch.setitem(units.DAY_BASES, weekdays.key, weekdays)
    measure = d.per_day_measure(weekdays)
    assert measure.help == "Monthly total / weekdays in the month (Mon to Fri)." and "(Mon to Fri)" in measure.about
    monthly = metrics.monthly_totals(_appointments())
    assert metrics.per_day(monthly, days="weekday")[s.PER_DAY].iloc[0] == 1000 / 20
    assert metrics.per_day(monthly)[s.PER_DAY].iloc[0] == 1000 / 21  # working days of Feb 2024


# --- everything reads the records ---------------------------------------------------------------------------
def test_the_texts_of_a_measure_are_read_from_its_record():
    assert notes.DNA_RATE is d.DNA_RATE.about and notes.PER_DAY is d.PER_DAY.about  # derived, not copied
    assert changes.HEADLINE_HELP[d.DNA_RATE.label] == d.DNA_RATE.help
    status = metrics.status_totals(_appointments())
    by_month = metrics.dna_rate_by(_appointments(), s.MONTH)
    items = kpis.attendance(status, by_month, metrics.dna_rate(_appointments()))
    rate = d.DNA_RATE.show(metrics.dna_rate(_appointments()))
    assert items[0] == {"label": d.DNA_RATE.label, "value": rate, "help": d.DNA_RATE.help}


def test_changing_the_dna_rate_record_changes_every_figure_and_text(monkeypatch):
    """The change walk: a new definition (unknown status in the denominator) is one record."""
    changed = dataclasses.replace(
        d.DNA_RATE,
        formula=lambda attended, dna, unknown=0: units.ratio(dna, attended + dna + unknown),
        basis=units.ALL_APPOINTMENTS,
        help="DNA / all appointments.",
        equation="DNA / all appointments",
    )
    monkeypatch.setattr(d, "DNA_RATE", changed)
    frame = _appointments()
    assert metrics.dna_rate(frame) == pytest.approx(0.06)
    assert metrics.dna_rate_by(frame, s.MONTH)[s.DNA_RATE].iloc[0] == pytest.approx(0.06)
    assert changes.headline({s.APPOINTMENTS: frame})["DNA rate"] == "6.00%"
    found = {f.topic: f for f in findings.findings({s.APPOINTMENTS: frame})}
    assert found["DNA rate"].text == "6.00% of all appointments were missed (did not attend, DNA)."
    text = summary_text({**headline_summary({s.APPOINTMENTS: frame}), "problems": []})
    assert "DNA rate (DNA / all appointments): 6.00%" in text
