"""The Data page's statement of whether the loaded tables agree month by month (`analysis.reconcile`)."""

from __future__ import annotations

import streamlit as st

from nhs_core.analysis.reconcile import run_checks
from nhs_core.app.data import ActiveData
from nhs_core.app.sidebar import unfiltered


def agreement(data: ActiveData) -> None:
    """One line per check of tables that should agree: a warning naming the months and gap when they do not."""
    outcomes = unfiltered(data).compute(run_checks, "*")
    if outcomes:
        st.markdown("**Do the loaded tables agree?** (monthly appointments; the Data quality page has the detail)")
    for outcome in outcomes:
        if outcome.material:
            st.warning(f"{outcome.text} {outcome.check.means}", icon=":material/warning:")
        else:
            icon = ":material/check_circle:" if outcome.compared else ":material/info:"
            st.markdown(f"{icon} {outcome.text}")
