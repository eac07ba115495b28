"""Plain words: caveats only for the months they concern, no "link" from a handful of points, one DNA figure on
the home page with the share under help, and no column names or course jargon in the definitions."""

from __future__ import annotations

import pandas as pd

from nhs_core import definitions as d
from nhs_core import schema as s
from nhs_core.present import headlines as h
from nhs_core.present import notes
from nhs_core.store import changes
from nhs_core.units import DAY_BASES


def _month(text: str) -> pd.Timestamp:
    return pd.Timestamp(f"{text}-01")


def test_caveats_about_some_months_are_shown_only_when_the_months_shown_reach_them():
    recent = (_month("2023-06"), _month("2025-11"))
    assert not notes.concerns(notes.COVID, *recent) and not notes.concerns(notes.DNA_2018, *recent)
    assert notes.concerns(notes.COVID, _month("2019-01"), _month("2020-04"))
    assert notes.concerns(notes.DNA_2018, _month("2018-12"), _month("2019-03"))
    assert notes.concerns(notes.UNKNOWN, *recent) and notes.concerns(notes.COVID, None, None)


def test_a_correlation_from_a_handful_of_points_is_not_called_a_link():
    few = h.association(-0.35, s.GP_SHARE, s.MEAN_MINUTES, "months", 7)
    assert few.startswith("Only 7 months: too few to tell") and "link" not in few and "r =" not in few
    many = h.association(0.45, s.GP_SHARE, s.MEAN_MINUTES, "ICBs", 42)
    assert many.startswith("Across 42 ICBs, a higher") and "tends to go with longer appointments" in many
    assert "do not clearly go together" in h.association(0.1, s.GP_SHARE, s.MEAN_MINUTES, "ICBs", 42)


def test_the_home_page_shows_the_dna_rate_and_keeps_the_share_under_its_help():
    frame = pd.DataFrame(
        {
            s.MONTH: pd.to_datetime(["2024-01-01"] * 3),
            s.STATUS: pd.Categorical(["Attended", "DNA", "Unknown"], categories=s.VOCABULARIES[s.STATUS]),
            s.COUNT: [90, 5, 5],
        }
    )
    figures = changes.headline({s.APPOINTMENTS: frame})
    assert d.DNA_RATE.label in figures and not any(label.startswith("DNA share") for label in figures)
    assert figures[d.DNA_RATE.label] == d.DNA_RATE.show(5 / 95)
    assert "The DNA share" in changes.headline_help({s.APPOINTMENTS: frame})[d.DNA_RATE.label]
    assert "5.0%" in changes.headline_help({s.APPOINTMENTS: frame})[d.DNA_RATE.label]


def test_definitions_name_no_column_and_no_course_notebooks():
    words = " ".join(m.help + m.about + m.label for m in d.MEASURES.values())
    words += " ".join(b.option + b.aside for b in DAY_BASES.values())
    for jargon in ("count_of_appointments", "midpoint", "course", "Records (rows)", "sum of counts"):
        assert jargon not in words, jargon
