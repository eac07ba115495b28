"""One simulated browser session over Streamlit's websocket, for `bench.sessions`: its own cookie jar (the sticky
`nhs_replica` cookie nginx sets, Streamlit's XSRF cookie), the page and widget it shows, and the change watcher's
timed fragment reruns, which a browser keeps sending while the page is open."""

from __future__ import annotations

import asyncio
import http.cookiejar
import time
import urllib.request
from collections import deque

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

from bench.st_protocol import Reader, Run, rerun_message

RUN_TIMEOUT = 120.0  # seconds; a run that takes longer counts as an error


def _open_http(base: str) -> tuple[dict[str, str], str]:
    """What a browser fetches before the websocket: the page (nginx sets the sticky cookie) and the health check
    (Streamlit sets its XSRF cookie). Returns the cookies and the replica nginx chose (empty without nginx)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(base + "/", timeout=30) as response:
        response.read()
        replica = response.headers.get("X-Replica", "")
    with opener.open(base + "/_stcore/health", timeout=30) as response:
        response.read()
    return {cookie.name: cookie.value for cookie in jar}, replica


class Session:
    """A browser tab: `visit` a page, `choose` options in a multiselect, each timed to its `script_finished`."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.reader = Reader()
        self.page_hash = ""
        self.widgets: dict[str, list[str]] = {}
        self.replica = ""
        self.trail: deque[str] = deque(maxlen=8)  # the last messages other than deltas, for a timeout's error
        self.failed: Exception | None = None  # why the websocket stopped, if it did
        self.last = Run("")  # the last full run, whose widgets a filter change uses
        self._socket = None
        self._waiting: asyncio.Future | None = None
        self._timers: dict[str, asyncio.Task] = {}
        self._tasks: list[asyncio.Task] = []

    async def open(self) -> None:
        cookies, self.replica = await asyncio.to_thread(_open_http, self.base)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()), "Origin": self.base}
        # Streamlit reads the XSRF token from the second subprotocol entry, as the frontend sends it.
        protocols = ["streamlit", cookies.get("_streamlit_xsrf", "")]
        self._socket = await connect(
            self.base.replace("http", "ws", 1) + "/_stcore/stream",
            additional_headers=headers,
            subprotocols=[p for p in protocols if p],
            max_size=None,
            open_timeout=60,
        )
        self._tasks.append(asyncio.create_task(self._receive()))

    async def visit(self, page: str) -> tuple[float, Run]:
        """A page link clicked (or, on the first run, the page's URL opened)."""
        self._stop_timers()  # as the frontend's onPageChange: the old page's fragment timers go
        self.widgets = {}  # and its widgets: the app restores its filters from session state
        self.page_hash = self.reader.pages.get(page, "")
        got = await self._rerun(page_hash=self.page_hash, page_name=page)
        self.page_hash = self.reader.pages.get(page, "")  # a first visit names its page by URL path only
        return got

    async def choose(self, label: str, options: list[str]) -> tuple[float, Run]:
        """A filter change: the multiselect labelled `label` (found in the last run) now holds `options`."""
        widget_id = self.last.multiselects[label][0]
        self.widgets[widget_id] = options
        return await self._rerun(page_hash=self.page_hash, widgets=self.widgets)

    async def close(self) -> None:
        self._stop_timers()
        for task in self._tasks:
            task.cancel()
        if self._socket is not None:
            await self._socket.close()

    async def _rerun(self, **fields) -> tuple[float, Run]:
        if self.failed is not None:
            raise self.failed
        self._waiting = asyncio.get_running_loop().create_future()
        start = time.perf_counter()
        await self._socket.send(rerun_message(cached=self.reader.cached(), **fields))
        try:
            self.last = await asyncio.wait_for(self._waiting, RUN_TIMEOUT)
        except TimeoutError:  # say what the session last heard, to tell a slow server from a lost message
            raise TimeoutError(f"no script_finished in {RUN_TIMEOUT:.0f} s; last heard: {list(self.trail)}") from None
        return time.perf_counter() - start, self.last

    async def _receive(self) -> None:
        try:
            async for raw in self._socket:
                run = self.reader.feed(raw)
                self._note(raw)
                self._start_timers()
                if run is not None and self._waiting is not None and not self._waiting.done():
                    self._waiting.set_result(run)
            error: Exception = ConnectionError("the server closed the websocket")
        except Exception as failed:  # a dropped socket or a bad message fails this run and every later one
            error = failed
        self.failed = error
        if self._waiting is not None and not self._waiting.done():
            self._waiting.set_exception(error)

    def _note(self, raw: bytes) -> None:
        msg = ForwardMsg.FromString(raw)
        kind = msg.WhichOneof("type")
        if kind != "delta":
            run = msg.metadata.run
            self.trail.append(f"{kind}:{msg.script_finished}:{run.script_run_id[:8]}:{','.join(run.fragment_ids)[:8]}")

    def _start_timers(self) -> None:
        for fragment_id, seconds in self.reader.timers.items():
            if fragment_id not in self._timers:
                self._timers[fragment_id] = asyncio.create_task(self._tick(fragment_id, seconds))
        for fragment_id in set(self._timers) - set(self.reader.timers):
            self._timers.pop(fragment_id).cancel()

    def _stop_timers(self) -> None:
        for task in self._timers.values():
            task.cancel()
        self._timers.clear()
        self.reader.timers.clear()

    async def _tick(self, fragment_id: str, seconds: float) -> None:
        """The browser's setInterval for an `st.fragment(run_every=...)`: a rerun of that fragment alone."""
        while True:
            await asyncio.sleep(seconds)
            message = rerun_message(page_hash=self.page_hash, widgets=self.widgets, fragment_id=fragment_id, auto=True)
            await self._socket.send(message)
