"""The access section, shown on the Attendance and Engagement pages: how soon after booking appointments happen."""

from __future__ import annotations

import streamlit as st

from nhs_core import definitions as d
from nhs_core import schema as s
from nhs_core.analysis.access import access_measures
from nhs_core.app.explore import chart, kpis
from nhs_core.app.view import View
from nhs_core.present import access, timecharts


def access_section(view: View) -> None:
    """KPI row (same day, within 7 days, more than 28 days, estimated mean wait, unknown) and the shares by month.

    Shares are of appointments with a known lead time; the unknown band is its own KPI.
    """
    st.subheader("How soon after booking: access")
    overall = view.compute(access_measures, s.APPOINTMENTS)
    if not overall[s.KNOWN_LEAD_COUNT].iloc[0]:
        st.info("No appointment in this selection has a known booking lead time.", icon=":material/search_off:")
        return
    kpis(access.kpis(overall))
    by_month = view.compute(access_measures, s.APPOINTMENTS, by=(s.MONTH,))
    long = access.shares_long(by_month)
    chart(
        timecharts.time_series(
            long,
            s.SHARE,
            access.headline(by_month),
            color=s.SERIES,
            color_order=[m.label for m in access.SHARES],
            y_format=".0%",
            tooltip_fmt=".1%",
            subtitle=f"Shares of {d.SAME_DAY.basis.text}; {d.MEAN_WAIT.label.lower()} is an estimate",
        ),
        by_month,
        key="access_by_month",
        file_name="access_by_month",
    )
