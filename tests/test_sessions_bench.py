"""The protocol helpers of `bench.sessions` (no server): the rerun BackMsg a browser sends, and the reader that
tells a full run's script_finished from the change watcher's fragment runs and counts what the run drew."""

from __future__ import annotations

import os

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench import app_servers, sessions
from bench.st_protocol import FINISHED, FRAGMENT_FINISHED, INTERRUPTED, Reader, rerun_message


def _new_session(run_id: str, fragments: tuple[str, ...] = ()) -> ForwardMsg:
    msg = ForwardMsg()
    msg.new_session.page_script_hash = "main"
    msg.metadata.run.script_run_id = run_id
    msg.metadata.run.fragment_ids.extend(fragments)
    return msg


def _finished(run_id: str, status: int) -> ForwardMsg:
    msg = ForwardMsg()
    msg.script_finished = status
    msg.metadata.run.script_run_id = run_id
    return msg


def _chart(hash_: str = "", page: str = "page-a") -> ForwardMsg:
    msg = ForwardMsg()
    msg.delta.new_element.vega_lite_chart.spec = '{"mark": "bar"}'
    msg.metadata.active_script_hash = page
    if hash_:
        msg.hash, msg.metadata.cacheable = hash_, True
    return msg


def _metric(label: str, body: str) -> ForwardMsg:
    msg = ForwardMsg()
    msg.delta.new_element.metric.label, msg.delta.new_element.metric.body = label, body
    return msg


def _multiselect() -> ForwardMsg:
    msg = ForwardMsg()
    widget = msg.delta.new_element.multiselect
    widget.id, widget.label = "$$ID-abc-filter_icb", sessions.ICB
    widget.options.extend(["NHS Kent", "NHS Devon"])
    return msg


def _feed(reader: Reader, *msgs: ForwardMsg) -> list:
    return [reader.feed(m.SerializeToString()) for m in msgs]


def test_the_rerun_message_is_the_frontends_rerun_script() -> None:
    raw = rerun_message(page_hash="h1", page_name="Engagement", widgets={"w1": ["NHS Kent"]}, cached=("c1",))
    state = BackMsg.FromString(raw).rerun_script
    assert BackMsg.FromString(raw).WhichOneof("type") == "rerun_script"
    assert (state.page_script_hash, state.page_name, list(state.cached_message_hashes)) == ("h1", "Engagement", ["c1"])
    (widget,) = state.widget_states.widgets
    assert (widget.id, list(widget.string_array_value.data)) == ("w1", ["NHS Kent"])
    assert not state.is_auto_rerun and not state.fragment_id
    timed = BackMsg.FromString(rerun_message(page_hash="h1", fragment_id="f1", auto=True)).rerun_script
    assert (timed.fragment_id, timed.is_auto_rerun, timed.page_script_hash) == ("f1", True, "h1")


def test_a_full_run_ends_at_its_own_script_finished_not_at_a_fragments() -> None:
    reader = Reader()
    # the watcher's timed rerun, before the full run: its script_finished ends nothing
    assert _feed(reader, _new_session("frag-1", ("watch",)), _finished("frag-1", FRAGMENT_FINISHED)) == [None, None]
    nav = ForwardMsg()
    page = nav.navigation.app_pages.add()
    page.url_pathname, page.page_script_hash = "Engagement", "page-a"
    timer = ForwardMsg()
    timer.auto_rerun.fragment_id, timer.auto_rerun.interval = "watch", 5.0
    got = _feed(reader, _new_session("run-1"), nav, timer, _chart(), _metric("DNA rate", "4.4%"), _multiselect())
    assert got == [None] * 6
    assert reader.run is not None and reader.timers == {"watch": 5.0} and reader.pages == {"Engagement": "page-a"}
    (done,) = _feed(reader, _finished("run-1", FINISHED))
    assert done.ok and done.charts == 1 and done.metrics == ["DNA rate=4.4%"] and done.page_hash == "page-a"
    assert done.multiselects[sessions.ICB] == ("$$ID-abc-filter_icb", ("NHS Kent", "NHS Devon"))


def test_an_interrupted_fragment_does_not_end_the_full_run_after_it() -> None:
    reader = Reader()
    # the browser's timer fired just before a filter change: the fragment is cut short, then the full run runs
    got = _feed(reader, _new_session("frag-1", ("watch",)), _finished("frag-1", INTERRUPTED), _new_session("run-2"))
    assert got == [None, None, None]
    (done,) = _feed(reader, _chart(), _finished("run-2", FINISHED))[1:]
    assert done.run_id == "run-2" and done.ok and done.charts == 1


def test_a_full_run_cut_short_is_not_ok() -> None:
    reader = Reader()
    (done,) = _feed(reader, _new_session("run-1"), _finished("run-1", INTERRUPTED))[1:]
    assert not done.ok


def test_referenced_messages_are_resolved_from_the_clients_cache() -> None:
    reader = Reader()
    _feed(reader, _new_session("run-1"), _chart("hash-1"), _finished("run-1", FINISHED))
    assert reader.cached() == ("hash-1",)  # named in the next rerun, so the server may send a reference
    ref = ForwardMsg()
    ref.ref_hash = "hash-1"
    (done,) = _feed(reader, _new_session("run-2"), ref, _finished("run-2", FINISHED))[2:]
    assert done.charts == 1
    unknown = ForwardMsg()
    unknown.ref_hash = "never-sent"
    with pytest.raises(KeyError, match="never received"):
        reader.feed(unknown.SerializeToString())


def test_the_summary_counts_errors_apart_from_the_timed_runs() -> None:
    actions = [sessions.Action("visit", s, True, 3) for s in (0.1, 0.2, 0.3, 0.4)]
    actions += [sessions.Action("filter", None, False, 0, "TimeoutError()"), sessions.Action("filter", 0.5, True, 0)]
    got = sessions._summary(actions)
    assert (got["runs"], got["errors"], got["runs_without_charts"], got["max"]) == (5, 1, 1, 0.5)
    assert got["p50"] == pytest.approx(0.3) and got["filter_p95"] == 0.5 and got["error_examples"] == ["TimeoutError()"]


def test_cpu_is_read_for_every_process_given() -> None:
    own = app_servers.cpu_seconds([os.getpid()])
    assert own > 0
    assert app_servers.cpu_seconds([os.getpid(), 2**22 + 7]) == pytest.approx(own, abs=0.05)  # gone: skipped


def test_a_full_run_whose_script_finished_never_comes_ends_when_the_next_run_starts() -> None:
    reader = Reader()
    # Streamlit under load: the full run's script_finished is dropped as the watcher's timed rerun replaces the
    # script runner; without this the session would wait for ever
    got = _feed(reader, _new_session("run-1"), _chart(), _new_session("frag-1", ("watch",)))
    assert got[:2] == [None, None]
    assert got[2].run_id == "run-1" and got[2].unfinished and not got[2].ok and got[2].charts == 1
    assert _feed(reader, _finished("frag-1", FRAGMENT_FINISHED)) == [None]
    assert _feed(reader, _new_session("run-2"), _new_session("run-2"), _finished("run-2", FINISHED))[2].ok
