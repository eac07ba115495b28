"""Streamlit's websocket protocol as a browser speaks it, for `bench.sessions`: the rerun BackMsg the frontend
sends (a page visit, a widget change, a fragment's timed rerun) and a reader that follows one session's
ForwardMsgs to the end of each full run.

Read from the installed streamlit (1.67): `proto/BackMsg.proto`, `proto/ForwardMsg.proto` and the frontend's
`sendRerunBackMsg`, `onPageChange` and `handleAutoRerun` (static/js/index.*.js). Like the browser, the reader
keeps every cacheable message it was sent and names them in the next rerun (`cached_message_hashes`), so the
server sends a reference (`ref_hash`) instead of a chart it has already sent; the reader resolves references
from its cache, so counting charts stays honest.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

FINISHED = ForwardMsg.FINISHED_SUCCESSFULLY
COMPILE_ERROR = ForwardMsg.FINISHED_WITH_COMPILE_ERROR
INTERRUPTED = ForwardMsg.FINISHED_EARLY_FOR_RERUN
FRAGMENT_FINISHED = ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
CHART_TYPES = frozenset({"vega_lite_chart", "arrow_vega_lite_chart"})  # Altair charts arrive as Vega-Lite


def rerun_message(
    *,
    page_hash: str = "",
    page_name: str = "",
    widgets: dict[str, list[str]] | None = None,
    fragment_id: str = "",
    auto: bool = False,
    cached: tuple[str, ...] = (),
    query: str = "",
) -> bytes:
    """The serialised `BackMsg.rerun_script` the frontend sends.

    Parameters
    ----------
    page_hash, page_name : str
        The page to run. A first visit of a URL sends the page's URL path as `page_name` and no hash; a page link
        sends the hash the server listed in its `navigation` message.
    widgets : dict
        Multiselect states (widget id -> the chosen options as shown), sent as `string_array_value`.
    fragment_id, auto : str, bool
        A fragment's own rerun (`st.fragment(run_every=...)`): the browser's timer sends these.
    cached : tuple of str
        Hashes of the messages this client keeps, so the server may send references instead.
    """
    msg = BackMsg()
    state = msg.rerun_script
    state.query_string = query
    state.page_script_hash = page_hash
    state.page_name = page_name
    state.fragment_id = fragment_id
    state.is_auto_rerun = auto
    state.cached_message_hashes.extend(cached)
    state.context_info.timezone = "Europe/London"
    state.context_info.locale = "en-GB"
    state.widget_states.SetInParent()
    for widget_id, values in (widgets or {}).items():
        widget = state.widget_states.widgets.add()
        widget.id = widget_id
        widget.string_array_value.data.extend(values)
    return msg.SerializeToString()


@dataclass
class Run:
    """What one full run of the page script sent: its charts, KPI texts and multiselects."""

    run_id: str
    page_hash: str = ""  # the page script the server ran (its deltas' active script)
    charts: int = 0
    metrics: list[str] = field(default_factory=list)
    multiselects: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)  # label -> (id, options)
    status: int | None = None

    @property
    def ok(self) -> bool:
        return self.status == FINISHED

    @property
    def unfinished(self) -> bool:
        """It ended without a script_finished (status None): its content arrived, its end was not announced."""
        return self.status is None


@dataclass
class Reader:
    """Follows one session's ForwardMsgs. `feed` returns the full run a message finished, else None; fragment runs
    (the change watcher's timed rerun) are followed only to keep them apart from the full runs."""

    pages: dict[str, str] = field(default_factory=dict)  # URL path -> page script hash
    timers: dict[str, float] = field(default_factory=dict)  # fragment id -> seconds, as asked by auto_rerun
    cache: dict[str, ForwardMsg] = field(default_factory=dict)
    run: Run | None = None  # the full run in progress
    in_fragment: bool = False

    def cached(self) -> tuple[str, ...]:
        return tuple(self.cache)

    def feed(self, raw: bytes) -> Run | None:
        msg = ForwardMsg()
        msg.ParseFromString(raw)
        return self.follow(msg)

    def follow(self, msg: ForwardMsg) -> Run | None:
        if msg.HasField("ref_hash"):
            msg = self._resolve(msg)
        elif msg.metadata.cacheable and msg.hash:
            self.cache[msg.hash] = msg
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            return self._start(msg)
        elif kind == "navigation":
            self.pages = {p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages}
        elif kind == "auto_rerun":
            self.timers[msg.auto_rerun.fragment_id] = msg.auto_rerun.interval
        elif kind == "stop_auto_rerun":
            for fragment_id in msg.stop_auto_rerun.fragment_ids:
                self.timers.pop(fragment_id, None)
        elif kind == "delta" and self.run is not None and not self.in_fragment:
            _add_delta(self.run, msg)
        elif kind == "script_finished":
            return self._finish(msg)
        return None

    def _resolve(self, ref: ForwardMsg) -> ForwardMsg:
        if ref.ref_hash not in self.cache:
            raise KeyError(f"the server referred to message {ref.ref_hash}, which this client never received")
        msg = ForwardMsg()
        msg.CopyFrom(self.cache[ref.ref_hash])
        msg.metadata.CopyFrom(ref.metadata)
        return msg

    def _start(self, msg: ForwardMsg) -> Run | None:
        """A run starts. If a full run was still open, it ended without its script_finished: under load Streamlit
        drops it when a fragment's timed rerun arrives as the full run stops (its script runner is replaced before
        the runner's last events are sent; see `AppSession.request_rerun`). That run is returned, unfinished."""
        run_id = msg.metadata.run.script_run_id
        if self.run is not None and self.run.run_id == run_id:
            return None  # the same run announced again
        unfinished = self.run
        self.in_fragment = bool(msg.metadata.run.fragment_ids)
        self.run = None if self.in_fragment else Run(run_id)
        return unfinished

    def _finish(self, msg: ForwardMsg) -> Run | None:
        status, run_id = msg.script_finished, msg.metadata.run.script_run_id
        if status == FRAGMENT_FINISHED or (self.in_fragment and run_id != getattr(self.run, "run_id", None)):
            self.in_fragment = False
            return None
        done, self.run = self.run, None
        if done is not None:
            done.status = status
        return done


def _add_delta(run: Run, msg: ForwardMsg) -> None:
    run.page_hash = msg.metadata.active_script_hash or run.page_hash
    if msg.delta.WhichOneof("type") != "new_element":
        return
    element = msg.delta.new_element
    kind = element.WhichOneof("type")
    if kind in CHART_TYPES:
        run.charts += 1
    elif kind == "metric":
        run.metrics.append(f"{element.metric.label}={element.metric.body}")
    elif kind == "multiselect":
        widget = element.multiselect
        run.multiselects[widget.label] = (widget.id, tuple(widget.options))
