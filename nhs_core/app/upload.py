"""The Data page's helpers: reading uploads once, the uploader's key, the per-file reports, a replace or restore
behind the optional admin password and finishing it (the page's session keys are in `nhs_core.app.keys`)."""

from __future__ import annotations

import hmac
import math
import os
from collections.abc import Callable

import streamlit as st
from streamlit import runtime

from nhs_core.app import watch
from nhs_core.app.data import ActiveData, full_tables
from nhs_core.app.keys import (
    BUSY_KEY,
    FAILED_KEY,
    FLASH_KEY,
    NAME_KEY,
    PASSWORD_KEY,
    PREVIEW_MEMO_KEY,
    RESTORE_CHOICE_KEY,
    RESTORE_KEY,
    THROTTLE_KEY,
    UPLOAD_MEMO_KEY,
    UPLOAD_ROUND_KEY,
)
from nhs_core.app.throttle import Throttle
from nhs_core.frames import release_memory
from nhs_core.load.ingest import Ingested, ingest
from nhs_core.load.readers import Source
from nhs_core.load.sniff import is_data, sniff
from nhs_core.present.export import plain
from nhs_core.present.text import Markdown, prose
from nhs_core.store import StoreError, changes, describe
from nhs_core.store.describe import file_record

PASSWORD_VARIABLE = "NHS_EXPLORER_ADMIN_PASSWORD"


def upload_key() -> str:
    """The file uploader's key (a new one after each replace, which empties the uploader)."""
    return f"data_upload_{st.session_state.get(UPLOAD_ROUND_KEY, 0)}"


def read_upload(files: list) -> tuple[Ingested, list[dict]]:
    """Read uploaded files once (progress shown in a status box); later reruns reuse the result."""
    key = tuple(f.file_id for f in files)
    memo = st.session_state.get(UPLOAD_MEMO_KEY)
    if memo is None or memo[0] != key:
        sources = [_source(f) for f in files]
        with st.status(f"Reading {len(files)} file(s)…", expanded=True) as status:
            bar = st.progress(0.0, text="Starting")
            result = ingest(sources, progress=lambda done, text: bar.progress(min(done, 1.0), text=text))
            memo = (key, result, [file_record(source) for source in sources])
            status.update(
                label=_read_label(result, len(files)),
                state="error" if result.report.errors else "complete",
                expanded=False,
            )
        st.session_state[UPLOAD_MEMO_KEY] = memo
        del sources
        release_memory()  # the copies of a big (often rejected) upload go back to the OS, not just the heap
    else:
        st.status(_read_label(memo[1], len(files)), state="error" if memo[1].report.errors else "complete")
    return memo[1], memo[2]


def release_closed_uploads() -> None:
    """Free the uploaded files of sessions that have ended (the tab closed and did not come back within Streamlit's
    reconnect time). Streamlit forgets such a session without removing its files from its uploaded-file store, so
    each rejected 1.5 GB upload stayed resident until the server restarted (bench/rejected_upload_rss.py). Runs
    at the start of every page; a Streamlit without these internals is left as it is."""
    try:
        app = runtime.get_instance()
        sessions = app._session_mgr
        sessions._session_storage._cache.expire()  # reaped only on a write: a closed tab's session stays listed
        live = {info.session.id for info in sessions.list_sessions()}
        dropped = drop_orphaned_uploads(app.uploaded_file_mgr, live)
    except Exception:  # internals of another Streamlit version: never break a page for this
        return
    if dropped:
        release_memory()  # the freed bytes go back to the OS, not only to the heap


def drop_orphaned_uploads(files, live: set[str]) -> int:
    """Remove from Streamlit's uploaded-file store (`files`) the files of every session not in `live`; how many
    sessions had files."""
    gone = [session for session in list(files.file_storage) if session not in live]
    for session in gone:
        files.remove_session_files(session)
    return len(gone)


def upload_preview(data: ActiveData, upload: Ingested, keep: bool) -> changes.Preview:
    """The preview of replacing `data` with the upload, once per data version, upload and choice (reading the
    current big tables whole for it only then)."""
    key = (data.version, st.session_state.get(UPLOAD_MEMO_KEY, (None,))[0], keep)
    memo = st.session_state.get(PREVIEW_MEMO_KEY)
    if memo is None or memo[0] != key:
        memo = (key, changes.preview(full_tables(data), data.manifest, upload.tables, keep))
        st.session_state[PREVIEW_MEMO_KEY] = memo
        release_memory()
    return memo[1]


def _source(uploaded) -> Source:
    """An uploaded file to read: only its first 4 KB when they already show it is not a data file (a 1.9 GB
    picture is refused without copying it), else all of it."""
    head = bytes(uploaded.getbuffer()[:4096])
    kind = sniff(head)
    whole = is_data(kind) or kind == "empty" or head.startswith(b"\xd0\xcf\x11\xe0")  # Office files: encrypted?
    return Source(uploaded.name, uploaded.getvalue() if whole else head)


def _read_label(result: Ingested, n_files: int) -> str:
    errors = len(result.report.errors)
    warnings = len(result.report.warnings)
    ready = "" if errors else f"; {len(result.tables)} table(s) ready to preview"
    return f"Read {n_files} file(s): {errors} error(s), {warnings} warning(s){ready}"


def finish_action(message: str, version: str | None = None) -> None:
    """After a replace or restore: forget the upload, empty the uploader, show `message` once, rerun.

    `version` is the one the action made active: this session shows it, so it gets no "data changed" notice.
    """
    st.session_state[FLASH_KEY] = message
    st.session_state.pop(UPLOAD_MEMO_KEY, None)
    st.session_state.pop(PREVIEW_MEMO_KEY, None)
    st.session_state[UPLOAD_ROUND_KEY] = st.session_state.get(UPLOAD_ROUND_KEY, 0) + 1
    if version is not None:
        watch.seen(version)
    st.rerun()


def flash() -> None:
    """The outcome of the last replace or restore, shown once at the top of the Data page."""
    if message := st.session_state.pop(FLASH_KEY, None):
        st.success(message, icon=":material/check_circle:")
    if message := st.session_state.pop(FAILED_KEY, None):
        st.error(message, icon=":material/error:")


def ask(action: str) -> None:
    """The on-click of a replace or restore button: the next run disables them all and runs `action`."""
    st.session_state[BUSY_KEY] = action


def busy() -> bool:
    """True while a replace or restore asked for by this session runs (its buttons are drawn disabled)."""
    return bool(st.session_state.get(BUSY_KEY))


def run_if_asked(name: str, action: Callable[[], str], done: str, required: str | None, doing: str) -> None:
    """Run the replace or restore `name` if its button was pressed, under a spinner saying `doing`."""
    if st.session_state.get(BUSY_KEY) != name:
        return
    with st.spinner(doing, show_time=True):
        guarded(action, done, required)


def admin_password() -> str | None:
    """The password that replacing and restoring need, from the environment or st.secrets (None: no password)."""
    if os.environ.get(PASSWORD_VARIABLE):
        return os.environ[PASSWORD_VARIABLE]
    try:
        return st.secrets.get(PASSWORD_VARIABLE) or None
    except FileNotFoundError:  # no secrets.toml
        return None


def who_changes(required: str | None) -> None:
    """Above everything that changes the data: the admin password field when one is set, else a notice that
    anyone can change the data and how to set one; then the name the history records for a replace or restore."""
    if required:
        st.text_input(
            "Admin password: needed to replace or restore the data on this shared server (checking files and "
            "previewing need none)",
            type="password",
            key=PASSWORD_KEY,
        )
    else:
        st.info(prose("data_open_server", variable=Markdown(PASSWORD_VARIABLE)), icon=":material/lock_open:")
    st.text_input("Your name (optional, shown in the history of replaces and restores)", key=NAME_KEY)


def password_ok(given: str | None, required: str | None) -> bool:
    """True when no password is set, or `given` matches it (compared in constant time)."""
    return required is None or hmac.compare_digest((given or "").encode(), required.encode())


def guarded(action: Callable[[], str], done: str, required: str | None) -> None:
    """Run a replace or restore if the password (when one is set) is right, then rerun with the outcome shown.

    Parameters
    ----------
    action : callable
        Does the change and returns the version id it made active.
    done : str
        The message shown after the rerun, with ``{version}`` filled in.
    required : str or None
        The admin password, or None when the server has none.
    """
    st.session_state.pop(BUSY_KEY, None)
    if required is not None:
        _check_password(st.session_state.get(PASSWORD_KEY), required)
    try:
        version = action()
    except StoreError as exc:
        _failed(f"Nothing was changed: {exc}.")
    except OSError as exc:
        _failed(f"The new version could not be written ({exc.strerror or exc}); nothing was changed.")
    finish_action(done.format(version=version), version)


@st.cache_resource
def _server_throttle() -> Throttle:
    """One throttle for the whole server, shared by every session (new tabs do not help a guesser)."""
    return Throttle()


def _check_password(given: str | None, required: str) -> None:
    """Return when `given` is right and no back-off is running; else say why and stop (does not return)."""
    throttles = (_server_throttle(), st.session_state.setdefault(THROTTLE_KEY, Throttle()))
    wait = max(t.wait() for t in throttles)
    if wait > 0:
        _failed(f"Too many wrong passwords: try again in {math.ceil(wait):,} seconds. Nothing was changed.")
    if not password_ok(given, required):
        for throttle in throttles:
            throttle.failed()
        _failed("The admin password is not right, so nothing was changed.")
    for throttle in throttles:
        throttle.succeeded()


def _failed(message: str) -> None:
    """Show why nothing changed after a rerun (which draws the buttons enabled again); does not return."""
    st.session_state[FAILED_KEY] = message
    st.rerun()


def file_reports(upload: Ingested, names: list[str]) -> None:
    """The upload in one line, every error and warning always in sight, then each file's detail (its full name,
    what it was recognised as, its notes) folded away: a 42-file zip no longer pushes the preview screens down."""
    reports = describe.file_reports(upload, names)
    st.markdown(f"**{len(names)} file(s) uploaded.** {plain(describe.upload_summary(upload))}.")
    for report in reports:
        for problem in report.errors:
            st.error(plain(problem.text()), icon=":material/error:")
        for problem in report.warnings:
            st.warning(plain(problem.text()), icon=":material/warning:")
    parts = sum(len(r.recognised) for r in reports)
    with st.expander(f"Each file: what it was recognised as ({parts} table part(s) in {len(names)} file(s))"):
        for report in reports:
            with st.container(border=True):
                st.markdown(f"**{plain(report.name)}**")
                for what in report.recognised:
                    st.markdown(f"Recognised as: {plain(what)}")
                if not report.recognised and report.name != describe.ALL_FILES:
                    st.markdown("Not used: see the errors above." if report.errors else "Nothing in it was used.")
                if report.errors or report.warnings:
                    st.markdown(f"{len(report.errors)} error(s) and {len(report.warnings)} warning(s), shown above.")
                if report.notes:
                    st.markdown("\n".join(f"- {plain(p.text())}" for p in report.notes))


def cautions(lines: list[str]) -> None:
    """The preview's warnings (narrower upload, tables staying synthetic, different periods), one box each."""
    for line in lines:
        st.warning(line, icon=":material/warning:")


def version_to_restore(history: list[dict], busy: bool) -> str:
    """The History's picker and its "Restore this version" button; returns the version picked. A new visit
    offers the newest version not shown now; the button is disabled for the one every page already shows."""
    left, _ = st.columns(2)
    labels = {entry["version"]: describe.version_label(entry) for entry in history}
    active = next((entry["version"] for entry in history if entry.get("active")), None)
    others = [version for version in labels if version != active]
    choice = left.selectbox(
        "Version to restore",
        list(labels),
        index=list(labels).index(others[0]) if others else 0,
        format_func=labels.get,
        key=RESTORE_CHOICE_KEY,
    )
    left.button(
        "Restore this version",
        key=RESTORE_KEY,
        disabled=busy or choice == active,  # restoring the version every page shows would change nothing
        help="This version is already the data every page shows." if choice == active else None,
        on_click=ask,
        args=(RESTORE_KEY,),
    )
    return choice
