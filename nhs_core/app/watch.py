"""Telling an open session that someone changed the data: a toast as soon as it happens, a notice on the next run.

Every session remembers the version it last showed. A fragment re-runs on its own every `POLL_SECONDS` and reads
the store's ACTIVE pointer (a few bytes); when it names another version it shows a toast once. On the session's
next run, whatever triggers it, the page starts with a one-line notice naming the new version. The session that
made the change is not told: `seen` marks the version it made as shown.
"""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

from nhs_core.app.data import data_store
from nhs_core.app.keys import SEEN_VERSION_KEY, TOASTED_VERSION_KEY
from nhs_core.present.export import plain
from nhs_core.store.activity import last_switch, notice_text

POLL_SECONDS = 5


def seen(version: str) -> None:
    """Record that this session now shows `version` (after its own replace or restore: no notice for it)."""
    st.session_state[SEEN_VERSION_KEY] = version


def change_notice() -> None:
    """The one-line notice when the active data changed since this session's last run, then the watcher."""
    store = data_store()
    current = store.pointer()
    before = st.session_state.get(SEEN_VERSION_KEY)
    seen(current)
    if before is not None and before != current:
        st.info(plain(notice_text(last_switch(store))), icon=":material/published_with_changes:")
    with st.sidebar:  # the fragment draws nothing; in the sidebar its empty block moves no page content
        _watch()


@st.fragment(run_every=timedelta(seconds=POLL_SECONDS))
def _watch() -> None:
    store = data_store()
    current = store.pointer()
    showing = st.session_state.get(SEEN_VERSION_KEY)
    if current != showing and st.session_state.get(TOASTED_VERSION_KEY) != current:
        st.session_state[TOASTED_VERSION_KEY] = current
        st.toast(
            plain(notice_text(last_switch(store), shown=False)),
            icon=":material/published_with_changes:",
            duration="long",
        )
