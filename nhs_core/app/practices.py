"""The Practices page's comparisons, cached per selection: a rerun that changes nothing else (a chart's rate, the
profile's practice) reads them back instead of comparing thousands of practices again."""

from __future__ import annotations

import streamlit as st

from nhs_core import schema as s
from nhs_core.analysis import filters as flt
from nhs_core.analysis import practices as pr
from nhs_core.app.view import View, data_key


def compared(
    view: View,
    sizes: pr.ListSizes,
    level: str,
    limits: pr.Limits | None,
    filters: flt.Filters | None = None,
):
    """`practices.compare` of the crosstab under the selection (or `filters`), from the practice-months and
    names that `View.compute` caches once per selection."""
    chosen = view.filters if filters is None else filters
    return _compared(data_key(view.data), chosen, sizes, level, limits, _view=view)


@st.cache_data(max_entries=200, show_spinner=False)
def _compared(dataset_key: tuple, filters: flt.Filters, sizes, level: str, limits, _view: View):
    by_month, named = (_view.compute(fn, s.PRACTICE_CROSSTAB, filters=filters) for fn in pr.MONTHS_AND_NAMES)
    return pr.compare_months(by_month, named, sizes, level, limits)
