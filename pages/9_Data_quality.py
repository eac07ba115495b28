"""Data quality: unknown values, mapping progress, coverage, gaps and tables that should agree, for whatever is
loaded, each with what it means for the other pages' figures."""

import streamlit as st

from nhs_core import app
from nhs_core import definitions as d
from nhs_core import schema as s
from nhs_core.analysis import quality, reconcile
from nhs_core.present import notes
from nhs_core.present import quality as charts
from nhs_core.present.text import Markdown, prose
from nhs_core.tables import table_label, table_words

app.page_setup("Data quality")
data = app.active_data()
view = app.unfiltered(data)
app.header("Data quality", prose("quality_intro"), view)
st.sidebar.caption("This page checks everything loaded: it is not filtered by period or area.")
shares = view.compute(quality.unknown_shares, "*")
summary = quality.unknown_summary(shares)
gaps = view.compute(quality.gaps, "*")
outcomes = view.compute(reconcile.run_checks, "*")
app.kpis(charts.kpis(summary, gaps, outcomes))
if (sample := data.synthetic or data.left_out) and not data.is_sample:  # never mix the sample silently
    st.warning(
        prose(
            "quality_sample_tables",
            tables=", ".join(map(table_label, sample)),
            shown=Markdown(notes.SAMPLE_ROWS[bool(data.synthetic)]),
        ),
        icon=":material/science:",
    )


def one_table_chart(table: str, metric, draw, name: str, hint: str) -> None:
    """`draw(metric(table))` with its picture and table, or what to upload when `table` is not loaded."""
    if not view.has(table):
        st.info(prose("quality_not_loaded", table=table_words(table), hint=hint), icon=":material/inbox:")
        return
    drawn = draw(view.compute(metric, table))
    app.chart(drawn.chart, drawn.table, key=f"quality_{name}", file_name=name)


st.header("Unknown values")
st.markdown(prose("quality_unknown"))
app.table(summary, key="quality_unknown_summary", file_name="unknown_shares_by_table")
for number, table in enumerate(quality.tables_in(shares)):
    st.subheader(table)
    unknown = charts.unknown_over_time(shares, table)
    app.chart(unknown.chart, unknown.table, key=f"quality_unknown_{number}", file_name=f"unknown_shares_{number}")

st.header("National categories not yet mapped")
st.markdown(prose("quality_mapping"))
one_table_chart(
    s.CATEGORIES,
    quality.mapping_shares,
    charts.mapping_over_time,
    "national_categories_not_mapped",
    "Upload the national categories file of the release to see its mapping progress.",
)

st.header("Coverage: practices included against open")
st.markdown(prose("quality_coverage"))
one_table_chart(
    s.COVERAGE,
    quality.coverage,
    charts.coverage_over_time,
    "practice_coverage",
    "Upload APPOINTMENTS_GP_COVERAGE.csv from the release to see coverage.",
)

st.header("Months or areas missing from a table")
st.markdown(prose("quality_gaps"))
app.table(gaps, key="quality_gaps", file_name="months_and_areas_missing")

st.header("Tables that should agree")
st.markdown(prose("quality_reconcile", threshold=f"{d.MATERIAL_GAP:.1%}"))
for number, outcome in enumerate(outcomes):
    st.subheader(outcome.check.name)
    shown = st.warning if outcome.material else st.success if outcome.compared else st.info
    shown(outcome.text, icon=":material/rule:")
    st.markdown(f"**What a gap means for the other pages:** {outcome.check.means}")
    check = charts.reconciliation(outcome)
    if check.chart is None:
        app.table_behind(check.table, f"quality_check_{number}", f"reconciliation_{number}", "The months compared")
    else:
        app.chart(check.chart, check.table, key=f"quality_check_{number}", file_name=f"reconciliation_{number}")
if not outcomes:
    st.info("No two tables that should agree are both loaded, so there is nothing to compare.")

app.about(notes.UNKNOWN, d.UNKNOWN_VALUE.about, d.COVERAGE.about, d.RECONCILIATION_GAP.about, synthetic=data.is_sample)
