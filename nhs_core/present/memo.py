"""Charts built once per set of arguments: a chart function decorated with `memoised` returns the chart it built
for equal arguments before, from one bounded cache shared by every session of the process.

Building a page's Altair charts (layers, bands, encodings) was a fifth of a filter change's server time
(``bench/README.md`` section 13), and a seen-before selection builds the same charts from the same tables. The
arguments are fingerprinted (tables hashed by content, records by their fields: about a millisecond), and a
value the fingerprint cannot read makes the call build as usual. The chart returned is shared, so callers derive
new charts from it (``.properties`` copies) and never change it in place.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import hashlib
import threading
from collections import OrderedDict

import altair as alt
import numpy as np
import pandas as pd


class Bounded:
    """A thread-safe dict of at most `size` entries that forgets the least recently used first, shared by every
    session of the process (charts here, chart specs in ``app.chartcache``, filtered rows in ``app.view``)."""

    def __init__(self, size: int, on_drop=None) -> None:
        self.size = size
        self._entries: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        self._on_drop = on_drop  # called with each value forgotten

    def get(self, key):
        """The value kept under `key` (now the most recently used), or None."""
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def put(self, key, value) -> None:
        with self._lock:
            self._entries[key] = value
            while len(self._entries) > self.size:
                dropped = self._entries.popitem(last=False)[1]
                if self._on_drop is not None:
                    self._on_drop(dropped)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


_keys: dict[int, str] = {}  # id of each chart kept -> its key (dropped with it, so an id is never stale)
_charts = Bounded(512, on_drop=lambda chart: _keys.pop(id(chart), None))  # a chart holds only its small table
builds = 0  # charts built by memoised functions since start (the tests count them)


class _Unknown(Exception):
    """A value the fingerprint does not know how to read."""


def _feed(digest, value) -> None:
    """Add `value` (arguments, or a chart's object tree) to `digest`."""
    if value is alt.Undefined or value is None or isinstance(value, bool | int | float | str):
        digest.update(repr(value).encode())
    elif isinstance(value, pd.DataFrame):
        digest.update(repr((list(value.columns), [str(t) for t in value.dtypes])).encode())
        digest.update(pd.util.hash_pandas_object(value, index=False).to_numpy().tobytes())
    elif isinstance(value, pd.Series):
        digest.update(repr((value.name, str(value.dtype))).encode())
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
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        digest.update(type(value).__qualname__.encode())
        _feed(digest, [getattr(value, field.name) for field in dataclasses.fields(value)])
    elif callable(value) and getattr(value, "__closure__", None) is None and hasattr(value, "__code__"):
        # A plain function (a record's formula): where it is defined. A closure's captured values are unknown.
        code = value.__code__
        digest.update(f"{value.__module__}.{value.__qualname__}:{code.co_filename}:{code.co_firstlineno}".encode())
    else:
        raise _Unknown(type(value).__name__)


def fingerprint(value) -> str | None:
    """A key that changes whenever `value` does (tables by content); None for a value it cannot read."""
    digest = hashlib.blake2b(digest_size=16)
    try:
        _feed(digest, value)
    except (_Unknown, TypeError):
        return None
    return digest.hexdigest()


def memoised(build):
    """`build` (a chart function), returning the chart it built before for equal arguments."""

    @functools.wraps(build)
    def cached(*args, **kwargs):
        global builds
        key = fingerprint((build.__module__, build.__qualname__, args, kwargs))
        found = None if key is None else _charts.get(key)
        if found is not None:
            return found
        chart = build(*args, **kwargs)
        builds += 1
        if key is not None:
            _keys[id(chart)] = key
            _charts.put(key, chart)
        return chart

    return cached


def key_of(chart) -> str | None:
    """The key a memoised function stored `chart` under (its arguments' fingerprint), so that whoever draws it can
    skip fingerprinting the chart's whole object tree; None for any other chart."""
    key = _keys.get(id(chart))
    return key if key is not None and _charts.get(key) is chart else None


def clear() -> None:
    """Forget every chart (the tests and the benchmark's "today's path")."""
    _charts.clear()
    _keys.clear()
