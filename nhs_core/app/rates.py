"""Counts by area shown per 1,000 registered patients a month (`population.per_thousand`, denominators from the
coverage file), beside the pages' counts and rates by area; or a line saying why they cannot be."""

from __future__ import annotations

import streamlit as st

from nhs_core import schema as s
from nhs_core.analysis import population
from nhs_core.app.explore import chart
from nhs_core.app.view import View
from nhs_core.present import charts, notes, rates
from nhs_core.tables import table_words

_SUBTITLE = "Only the areas and months the coverage file also has; patients of the practices included each month"


def per_thousand_by_area(
    view: View,
    table: str,
    level: str,
    what: str,
    *,
    key: str,
    file_name: str,
    status: str | None = None,
    stacked: str | None = None,
    color_order: list[str] | None = None,
) -> None:
    """`table`'s appointments (of one `status`, or split by `stacked`) per 1,000 registered patients a month by
    area at `level`, ranked, the top 30 drawn."""
    if not (view.has(s.COVERAGE) and view.data.same_source(table, s.COVERAGE)):
        st.caption(notes.rates_unavailable(table, view.has(s.COVERAGE)))
        return
    by = (s.STATUS,) if status else (stacked,) if stacked else ()
    per_1000 = view.compute(population.per_thousand, table, s.COVERAGE, level=level, by=by)
    if status:
        per_1000 = per_1000[per_1000[s.STATUS] == status].drop(columns=s.STATUS).reset_index(drop=True)
    if per_1000.empty:
        st.info(
            f"No area and month of this selection is in both the {table_words(table)} and the coverage "
            "tables, so there is no rate per 1,000 registered patients.",
            icon=":material/search_off:",
        )
        return
    areas = per_1000[s.AREA].nunique()
    chart(
        charts.bar_chart(
            per_1000,
            s.AREA,
            s.PER_THOUSAND,
            rates.most_per_thousand(per_1000, what),
            color=stacked,
            color_order=color_order,
            value_format=",.0f",
            value_title=f"{what[0].upper() + what[1:]} a month per 1,000 registered patients",
            extra_tooltips=(*((stacked,) if stacked else ()), s.COUNT, s.PATIENTS_INCLUDED),
            subtitle=_SUBTITLE + ("; top 30 shown, the table holds every area" if areas > 30 and not stacked else ""),
            shorten=True,
            top=None if stacked else 30,
        ),
        per_1000,
        key=key,
        badge=view.badge(table, s.COVERAGE),
        file_name=file_name,
    )
