"""Each chart's Vega-Lite spec built once and reused, so a rerun with the same selection pays only for drawing.

Turning an Altair chart into the spec Streamlit sends (`to_dict`, with its schema validation and the data turned
into Arrow) is about 40% of a page's rerun on the server. The spec depends only on the chart object, which is built
from the page's tables and settings, so the chart is fingerprinted (its whole object tree, with each table hashed by
content: about 1 ms) and the spec kept under that fingerprint, in one bounded cache shared by every session of the
process: the same selection seen again, by this session or another one, is drawn without converting it again.

Altair 6 names selections by a hash of their content, so the same chart built twice has the same fingerprint.
A chart that cannot be fingerprinted (a value this module does not know) is drawn the ordinary way.
"""

from __future__ import annotations

import copy
import datetime
import hashlib
import threading
from collections import OrderedDict

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

try:  # Streamlit's own Altair-to-spec conversion (private; pinned in requirements.txt)
    from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec as _to_spec
except ImportError:  # another Streamlit: draw every chart the ordinary way
    _to_spec = None

MAX_SPECS = 512  # a few pages x selections; a spec holds only its chart's small table
# Altair's schema validation is a fifth of a filter change's server time with many sessions (bench.profile_rerun).
# The charts come from the app's own chart functions, so the tests validate every one they draw (conftest sets
# this) and the running app skips it.
validate = False

_specs: OrderedDict[str, dict] = OrderedDict()
_lock = threading.Lock()
conversions = 0  # specs built since start (the tests count them)


class _Unvalidated:
    """`chart` as Streamlit's conversion sees it (it calls only `to_dict`), converted without schema validation."""

    def __init__(self, chart) -> None:
        self._chart = chart

    def to_dict(self) -> dict:
        return self._chart.to_dict(validate=False)


class _Unknown(Exception):
    """A value the fingerprint does not know how to read."""


def _feed(digest, value) -> None:
    """Add `value` (a chart's object tree) to `digest`."""
    if value is alt.Undefined or value is None or isinstance(value, bool | int | float | str):
        digest.update(repr(value).encode())
    elif isinstance(value, pd.DataFrame):
        digest.update(repr((list(value.columns), [str(t) for t in value.dtypes])).encode())
        digest.update(pd.util.hash_pandas_object(value, index=False).to_numpy().tobytes())
    elif isinstance(value, alt.utils.SchemaBase):
        digest.update(type(value).__name__.encode())
        _feed(digest, list(value._args))
        _feed(digest, value._kwds)
    elif isinstance(value, alt.Parameter):
        _feed(digest, [value.name, value.param_type, value.param, value.empty])
    elif isinstance(value, dict):
        for key in sorted(value, key=str):
            digest.update(b"k" + str(key).encode())
            _feed(digest, value[key])
    elif isinstance(value, list | tuple):
        digest.update(b"[%d" % len(value))
        for item in value:
            _feed(digest, item)
    elif isinstance(value, np.generic | pd.Timestamp | datetime.date):
        digest.update(repr(value).encode())
    else:
        raise _Unknown(type(value).__name__)


def fingerprint(chart) -> str | None:
    """A key that changes whenever the chart's spec would: its object tree, tables by content (None: unknown)."""
    digest = hashlib.blake2b(digest_size=16)
    try:
        _feed(digest, chart)
    except (_Unknown, TypeError):
        return None
    return digest.hexdigest()


def _spec(chart, key: str) -> dict:
    global conversions
    with _lock:
        found = _specs.get(key)
        if found is not None:
            _specs.move_to_end(key)
            return found
    spec = _to_spec(chart if validate else _Unvalidated(chart))
    with _lock:
        conversions += 1
        _specs[key] = spec
        while len(_specs) > MAX_SPECS:
            _specs.popitem(last=False)
    return spec


def draw(chart, key: str) -> None:
    """`chart`, themed by Streamlit and as wide as its column, from its cached spec when it has one."""
    found = fingerprint(chart) if _to_spec is not None else None
    if found is None:
        st.altair_chart(chart, theme="streamlit", width="stretch", key=key)
        return
    # Streamlit moves the data out of the spec it is given, so it gets a copy (the tables are bytes, not copied).
    st.vega_lite_chart(copy.deepcopy(_spec(chart, found)), theme="streamlit", width="stretch", key=key)


def clear() -> None:
    """Forget every spec (the tests and the benchmark's "today's path")."""
    with _lock:
        _specs.clear()
