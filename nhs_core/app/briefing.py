"""The briefing's two buttons: "Prepare briefing", then "Download briefing" (Streamlit glue for
`nhs_core.briefing` and `nhs_core.report`).

Preparing renders every key chart (a second or two), so it happens only when asked, under a spinner. The
prepared file is kept in the session until the data, the selection or the capacity changes.
"""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from nhs_core.app.keys import Keys
from nhs_core.app.view import View, data_key
from nhs_core.briefing.build import build_briefing
from nhs_core.briefing.html import render_html
from nhs_core.store import SAMPLE
from nhs_core.store.describe import quality_notes, when_text


def _build(view: View) -> tuple[str, bytes]:
    """(file name, HTML bytes) of the briefing of `view`."""
    data = view.data
    quality = [f"{label}: {note}" for label, items in quality_notes(data.manifest).items() for note in items]
    briefing = build_briefing(
        data.tables,
        view.filters,
        view.capacity,
        f"{data.banner}: {data.source}",
        "" if data.version == SAMPLE else data.version,
        names=view.names,
        sample=data.is_sample,
        quality=quality,
        generated=when_text(datetime.now(UTC).isoformat()),
        synthetic=data.synthetic if data.mixed else (),  # badged beside real data, as on the Findings page
    )
    return briefing.file_name, render_html(briefing).encode("utf-8")


def briefing_download(view: View) -> None:
    """Offer the briefing of `view`: a "Prepare briefing" button, then the download of the file it made."""
    wanted = (data_key(view.data), view.filters, view.capacity)
    ready = st.session_state.get(Keys.BRIEFING_READY)
    if ready is None or ready[0] != wanted:
        if not st.button(
            "Prepare briefing",
            key=Keys.BRIEFING_PREPARE,
            icon=":material/description:",
            help="Build the briefing of the selection in the sidebar (a second or two).",
        ):
            return
        with st.spinner("Preparing the briefing: drawing the key chart of every page…"):
            ready = (wanted, *_build(view))
        st.session_state[Keys.BRIEFING_READY] = ready
    st.download_button(
        "Download briefing",
        ready[2],
        file_name=ready[1],
        mime="text/html",
        key=Keys.BRIEFING_DOWNLOAD,
        type="primary",
        icon=":material/download:",
        on_click="ignore",
        help=f"{ready[1]}: opens in any browser, offline; print it or save it as PDF from there.",
    )
