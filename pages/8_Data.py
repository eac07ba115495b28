"""Data: what every page shows, and replacing it with newer files safely (check, preview, replace, undo)."""

import streamlit as st

from nhs_core import app
from nhs_core.load.readers import Limits
from nhs_core.present.text import prose
from nhs_core.store import SAMPLE, cautions, changes, templates
from nhs_core.store import describe as uploads

app.page_setup("Data")
st.title("Data")
st.caption(prose("data_intro"))
data = app.active_data(every_table=True)  # the Data page lists and replaces every table, the sample too
app.data_banner(data)
store = app.data_store()
required = app.admin_password()
app.flash()
busy = app.busy()  # a replace or restore is running: every button that changes the data is drawn disabled
app.who_changes(required)  # the admin password, or a notice that anyone can change the data; who you are


st.header("What is loaded now")
st.table(app.plain_table(uploads.loaded_frame(data.manifest)), hide_index=True)
notes = uploads.quality_notes(data.manifest)
with st.expander(f"Data-quality notes ({sum(len(n) for n in notes.values())})"):
    for label, items in notes.items():
        st.markdown(f"**{label}**\n" + "\n".join(f"- {app.plain(note)}" for note in items))
    if not notes:
        st.write("No warnings or notes were recorded when this data was read.")
app.agreement(data)
st.markdown("**Download the current data** (CSV; cells that a spreadsheet would run as formulas are neutralised)")
for column, table in app.in_rows(list(data.tables)):
    column.download_button(**app.table_download(data, table), key=f"data_download_{table}", icon=":material/download:")

st.header("Upload newer files")
st.markdown(prose("data_upload", replaced=changes.ACTION_TEXT[changes.REPLACED].lower()))
st.caption(uploads.limits_text(Limits(), st.get_option("server.maxUploadSize")))
with st.expander("Templates: the columns each table needs (LSE layout, a few made-up rows)"):
    for column, table in app.in_rows(list(templates.available())):
        name, payload = templates.template_csv(table)
        column.download_button(name, payload, file_name=name, mime="text/csv", key=f"data_template_{table}")
files = st.file_uploader(
    "Choose CSV, Excel (.xlsx) or ZIP files",
    type=["csv", "xlsx", "zip"],
    accept_multiple_files=True,
    key=app.upload_key(),
)

if files:
    upload, records = app.read_upload(files)
    st.subheader("What each file is")
    app.file_reports(upload, [f.name for f in files])
    errors = upload.report.errors
    if errors:
        st.error(
            f"**{len(errors)} error(s) must be fixed before these files can replace the data.** "
            "The data everyone sees has not changed.",
            icon=":material/error:",
        )
    elif not upload.tables:
        st.warning("None of these files holds a table this app reads, so there is nothing to replace.")
    else:
        st.subheader("Preview: what would change")
        keep = st.checkbox(
            "Keep the months the upload does not cover (build a longer history from several releases)",
            key=app.KEEP_KEY,
            help=changes.ACTION_TEXT[changes.MERGED] + ". A table "
            "that is still the synthetic sample is always replaced whole.",
        )
        preview = app.upload_preview(data, upload, keep)
        app.cautions(cautions.preview_cautions(data.tables, data.manifest, upload.tables, preview.tables, keep))
        st.table(app.plain_table(changes.summary_view(preview.summary)), hide_index=True)
        if len(preview.headline):
            st.markdown("**Headline figures of the home page, now and after replacing**")
            st.table(app.plain_table(preview.headline), hide_index=True)
        with st.expander(f"Month by month: {len(preview.months)} month(s) new, changed or disappearing"):
            st.dataframe(preview.months, hide_index=True)
    st.button(
        "Replace data",
        type="primary",
        disabled=bool(errors) or not upload.tables or busy,
        key=app.REPLACE_KEY,
        help="Fix the errors above first." if errors else "Make these files the data every page shows.",
        on_click=app.ask,
        args=(app.REPLACE_KEY,),
    )
    app.run_if_asked(
        app.REPLACE_KEY,
        lambda: store.replace(
            upload,
            records,
            keep_months=st.session_state.get(app.KEEP_KEY, False),
            by=st.session_state.get(app.NAME_KEY) or None,
            expected=data.version,
        ),
        "Replaced: version {version} is now the data every page shows.",
        required,
        "Replacing the data: writing the new version and checking it reads back…",
    )

st.header("History")
history = store.history()
if history:
    st.table(app.plain_table(uploads.history_frame(history)), hide_index=True)
    st.markdown("**Every replace and restore**, newest first")
    st.table(app.plain_table(uploads.changes_frame(store.changes())), hide_index=True)
else:
    st.markdown("No uploads yet: every page shows the bundled sample.")
if history:
    choice = app.version_to_restore(history, busy)
    app.run_if_asked(
        app.RESTORE_KEY,
        lambda: store.restore(choice, by=st.session_state.get(app.NAME_KEY) or None),
        "Restored: version {version} is now the data every page shows.",
        required,
        "Restoring: checking the version reads, then making it active…",
    )
st.button(
    "Restore the bundled sample",
    key=app.RESTORE_SAMPLE_KEY,
    help="Go back to the synthetic sample that comes with the app; uploaded versions stay in the history.",
    disabled=busy or (data.version == SAMPLE and store.pointer() == SAMPLE),
    on_click=app.ask,
    args=(app.RESTORE_SAMPLE_KEY,),
)
app.run_if_asked(
    app.RESTORE_SAMPLE_KEY,
    lambda: store.restore(SAMPLE, by=st.session_state.get(app.NAME_KEY) or None),
    "Restored: the bundled sample is now the data every page shows.",
    required,
    "Restoring the bundled sample…",
)
