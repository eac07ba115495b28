"""Sections of the Attendance page kept out of the page itself: missed clinician time and the DNA rate by area."""

from __future__ import annotations

import streamlit as st

from nhs_core import schema as s
from nhs_core.analysis import metrics
from nhs_core.analysis.missed import missed_time
from nhs_core.app.explore import chart, kpis
from nhs_core.app.keys import Keys
from nhs_core.app.rates import per_thousand_by_area
from nhs_core.app.view import View
from nhs_core.present import charts, missed, timecharts
from nhs_core.present import headlines as h
from nhs_core.tables import table_words


def missed_time_section(view: View) -> None:
    """The estimated clinician hours booked for DNAs: KPIs, the caveat of what matched, the hours by month."""
    st.subheader("Clinician time booked for missed appointments (an estimate)")
    if not view.has(s.DURATIONS):
        st.info(
            f"Load the {table_words(s.DURATIONS)} table to estimate the clinician time booked for missed "
            "appointments: it gives the mean length of an attended appointment in each ICB and month.",
            icon=":material/inbox:",
        )
        return
    result = view.compute(missed_time, s.APPOINTMENTS, s.DURATIONS)
    if not result.dna_counted:
        st.info(
            "No DNA appointment in this selection falls in an ICB and month that the durations table also has, "
            "so there is no estimate. " + missed.matched_words(result),
            icon=":material/search_off:",
        )
        return
    kpis(missed.kpis(result))
    st.caption(missed.caveat(result))
    chart(
        timecharts.time_series(
            result.by_month,
            s.MISSED_HOURS,
            missed.headline(result),
            mark="bar",
            y_format=",.0f",
            extra_tooltips=(s.DNA_COUNT, s.MEAN_MINUTES),
            subtitle="DNA appointments x the estimated mean duration of attended ones, same ICB and month",
        ),
        result.by_month,
        key="missed_time_by_month",
        badge=view.badge(s.APPOINTMENTS, s.DURATIONS),
        file_name="estimated_clinician_hours_booked_for_dnas_by_month",
    )


def dna_by_area(view: View, overall: float) -> None:
    """The DNA rate of each region or ICB, at the level the user picks, then its DNAs per 1,000 patients."""
    st.subheader("DNA rate by area")
    levels = {s.REGION: "Region", s.ICB: "Integrated care board (ICB)"}
    level = st.radio(
        "Compare areas at the level of",
        list(levels),
        format_func=levels.get,
        horizontal=True,
        key=Keys.ATTENDANCE_LEVEL,
    )
    name = s.GEOGRAPHY_NAMES[level]
    areas = view.compute(metrics.dna_rate_by, s.APPOINTMENTS, dims=name)
    chart(
        charts.bar_chart(
            areas,
            name,
            s.DNA_RATE,
            h.highest_rate(areas, name, overall),
            value_format=".1~%",
            extra_tooltips=(s.DNA_COUNT,),
            shorten=True,
        ),
        areas,
        key="dna_by_area",
        badge=view.badge(s.APPOINTMENTS),
        file_name="dna_rate_by_area",
    )
    per_thousand_by_area(
        view,
        s.APPOINTMENTS,
        level,
        "missed (DNA) appointments",
        key="dna_per_1000_by_area",
        file_name="dna_appointments_per_1000_patients_by_area",
        status="DNA",
    )
