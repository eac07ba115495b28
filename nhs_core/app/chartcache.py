"""Each chart's Vega-Lite spec built once and reused, so a rerun with the same selection pays only for drawing.

Turning an Altair chart into the spec Streamlit sends (`to_dict`, with its schema validation and the data turned
into Arrow) is about 40% of a page's rerun on the server. The spec depends only on the chart object, which is built
from the page's tables and settings, so the chart is fingerprinted (its whole object tree, with each table hashed by
content: about 1 ms, ``present.memo.fingerprint``) and the spec kept under that fingerprint, in one bounded cache
shared by every session of the process: the same selection seen again, by this session or another one, is drawn
without converting it again (and its chart is not even rebuilt: the chart functions are ``present.memo.memoised``).

Altair 6 names selections by a hash of their content, so the same chart built twice has the same fingerprint.
A chart that cannot be fingerprinted (a value this module does not know) is drawn the ordinary way.
"""

from __future__ import annotations

import copy

import streamlit as st

from nhs_core.present.memo import Bounded, fingerprint

try:  # Streamlit's own Altair-to-spec conversion (private; pinned in requirements.txt)
    from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec as _to_spec
except ImportError:  # another Streamlit: draw every chart the ordinary way
    _to_spec = None

# Altair's schema validation is a fifth of a filter change's server time with many sessions (bench.profile_rerun).
# The charts come from the app's own chart functions, so the tests validate every one they draw (conftest sets
# this) and the running app skips it.
validate = False

_specs = Bounded(512)  # a few pages x selections; a spec holds only its chart's small table
conversions = 0  # specs built since start (the tests count them)


class _Unvalidated:
    """`chart` as Streamlit's conversion sees it (it calls only `to_dict`), converted without schema validation."""

    def __init__(self, chart) -> None:
        self._chart = chart

    def to_dict(self) -> dict:
        return self._chart.to_dict(validate=False)


def _spec(chart, key: str) -> dict:
    global conversions
    found = _specs.get(key)
    if found is not None:
        return found
    spec = _to_spec(chart if validate else _Unvalidated(chart))
    conversions += 1
    _specs.put(key, spec)
    return spec


def draw(chart, key: str, known: str | None = None) -> None:
    """`chart`, themed by Streamlit and as wide as its column, from its cached spec when it has one. `known`: a key
    that already identifies the chart (``present.memo.key_of``), so its object tree need not be fingerprinted."""
    found = (known or fingerprint(chart)) if _to_spec is not None else None
    if found is None:
        st.altair_chart(chart, theme="streamlit", width="stretch", key=key)
        return
    # Streamlit moves the data out of the spec it is given, so it gets a copy (the tables are bytes, not copied).
    st.vega_lite_chart(copy.deepcopy(_spec(chart, found)), theme="streamlit", width="stretch", key=key)


def clear() -> None:
    """Forget every spec (the tests and the benchmark's "today's path")."""
    _specs.clear()
