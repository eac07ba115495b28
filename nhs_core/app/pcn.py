"""The Engagement page's section on appointments delivered by primary care networks outside their practices
(`PCN_GRANULAR.csv`): how far the practices' files run below NHS England's headline totals, and where."""

from __future__ import annotations

import streamlit as st

from nhs_core import definitions as d
from nhs_core import schema as s
from nhs_core.analysis import metrics, pcn
from nhs_core.app.explore import chart, kpis
from nhs_core.app.view import View
from nhs_core.present import charts, notes, rates, timecharts
from nhs_core.present import headlines as h


def pcn_section(view: View) -> None:
    """PCN appointments beside the practices' by month (their share of the two), then by ICB."""
    st.subheader("Appointments delivered by PCNs, outside their practices")
    if not view.has(s.PCN_APPOINTMENTS):
        st.caption(notes.PCN_NOT_LOADED)
        return
    if not view.data.same_source(s.APPOINTMENTS, s.PCN_APPOINTMENTS):
        st.caption(notes.PCN_OTHER_SOURCE)
        return
    by_month = view.compute(pcn.pcn_against_practices, s.APPOINTMENTS, s.PCN_APPOINTMENTS)
    if by_month.empty:
        st.info(
            "The PCN and the monthly appointments tables share no month in this selection.",
            icon=":material/search_off:",
        )
        return
    overall = pcn.overall_share(by_month)
    kpis(
        [
            {
                "label": "Appointments delivered by PCNs",
                "value": d.APPOINTMENTS.show(by_month[s.PCN_COUNT].sum()),
                "help": "In the months the PCN file and the monthly appointments table both have.",
            },
            {"label": d.PCN_SHARE.label, "value": d.PCN_SHARE.show(overall), "help": d.PCN_SHARE.help},
        ]
    )
    chart(
        timecharts.time_series(
            by_month,
            s.PCN_SHARE,
            rates.pcn_share(by_month, overall),
            y_format=".1%",
            extra_tooltips=(s.PCN_COUNT, s.PRACTICE_COUNT),
            subtitle="PCN appointments / (practices' + PCNs'), by month",
        ),
        by_month,
        key="pcn_share_by_month",
        badge=view.badge(s.APPOINTMENTS, s.PCN_APPOINTMENTS),
        file_name="pcn_share_of_appointments_by_month",
    )
    areas = view.compute(metrics.by_area, s.PCN_APPOINTMENTS, level=s.ICB, days=view.days)
    chart(
        charts.bar_chart(
            areas,
            s.AREA,
            s.COUNT,
            h.leading_area(areas, s.ICB, "PCN appointments"),
            extra_tooltips=(s.SHARE,),
            shorten=True,
            top=30,
            subtitle="PCN appointments by ICB; UNMAPPED: PCNs the file maps to no area",
        ),
        areas,
        key="pcn_by_icb",
        badge=view.badge(s.PCN_APPOINTMENTS),
        file_name="pcn_appointments_by_icb",
    )
