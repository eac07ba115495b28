"""A closed tab's upload is freed: Streamlit forgets an ended session without removing its uploaded files, so each
rejected 1.5 GB upload stayed resident until restart (issue 14; bench/rejected_upload_rss.py measures it)."""

from __future__ import annotations

from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.uploaded_file_manager import UploadedFileRec

from nhs_core.app.upload import drop_orphaned_uploads


def _store() -> MemoryUploadedFileManager:
    files = MemoryUploadedFileManager("/_stcore/upload_file")
    for session in ("open-tab", "closed-tab"):
        files.add_file(session, UploadedFileRec(f"{session}-file", "big.csv", "text/csv", b"x" * 1000))
    return files


def test_the_files_of_ended_sessions_are_removed_and_live_ones_kept():
    files = _store()
    assert drop_orphaned_uploads(files, {"open-tab"}) == 1
    assert files.get_files("closed-tab", ["closed-tab-file"]) == []
    assert [f.name for f in files.get_files("open-tab", ["open-tab-file"])] == ["big.csv"]
    assert drop_orphaned_uploads(files, {"open-tab"}) == 0


def test_every_page_run_frees_them_without_breaking_when_there_is_no_server(monkeypatch):
    from nhs_core.app import upload

    monkeypatch.setattr(upload.runtime, "get_instance", lambda: (_ for _ in ()).throw(RuntimeError("no runtime")))
    upload.release_closed_uploads()  # AppTest and bare scripts have no runtime: nothing happens, nothing raises


def test_a_page_run_frees_a_closed_tabs_upload_once_streamlit_has_let_its_session_go(monkeypatch):
    from types import SimpleNamespace as Fake

    from nhs_core.app import upload

    files = _store()
    reaped = []
    storage = Fake(_cache=Fake(expire=lambda: reaped.append(1)))
    sessions = Fake(_session_storage=storage, list_sessions=lambda: [Fake(session=Fake(id="open-tab"))])
    monkeypatch.setattr(upload.runtime, "get_instance", lambda: Fake(_session_mgr=sessions, uploaded_file_mgr=files))
    upload.release_closed_uploads()
    assert reaped and list(files.file_storage) == ["open-tab"]
