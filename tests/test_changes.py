"""The replacement rule and the preview."""

from __future__ import annotations

from conftest import ICBS, appointments_csv, upload

from nhs_core import definitions as d
from nhs_core.store import changes

CURRENT = upload(("old.csv", appointments_csv(["2024-01", "2024-02", "2024-03"], 10))).tables
UPLOAD = upload(("new.csv", appointments_csv(["2024-03", "2024-04"], 20))).tables
FROM_UPLOAD = {"tables": {"appointments": {"source": "upload"}}}
FROM_SAMPLE = {"tables": {"appointments": {"source": "sample"}}}


def months(frame) -> list[str]:
    return sorted(set(frame["appointment_month"].dt.strftime("%Y-%m")))


def test_an_uploaded_table_replaces_the_current_one_whole_by_default() -> None:
    tables, actions = changes.merge(CURRENT, set(), UPLOAD)
    assert actions == {"appointments": changes.REPLACED}
    assert months(tables["appointments"]) == ["2024-03", "2024-04"]


def test_keep_months_replaces_only_the_months_and_icbs_the_upload_covers() -> None:
    one_icb = upload(("new.csv", appointments_csv(["2024-03"], 20, icbs=ICBS[:1]))).tables
    tables, actions = changes.merge(CURRENT, set(), one_icb, keep_months=True)
    assert actions == {"appointments": changes.MERGED}
    frame = tables["appointments"]
    assert months(frame) == ["2024-01", "2024-02", "2024-03"]
    march = frame[frame["appointment_month"] == "2024-03-01"]
    assert march.groupby("icb_ons_code", observed=True)["count_of_appointments"].sum().to_dict() == {
        ICBS[0]: 200,
        ICBS[1]: 100,
    }


def test_keep_months_never_mixes_the_synthetic_sample_with_real_data() -> None:
    tables, actions = changes.merge(CURRENT, {"appointments"}, UPLOAD, keep_months=True)
    assert actions == {"appointments": changes.REPLACED}
    assert months(tables["appointments"]) == ["2024-03", "2024-04"]


def test_tables_not_in_the_upload_are_kept() -> None:
    tweets = upload(("t.csv", b"tweet_full_text\nhello #NHS\n")).tables
    tables, actions = changes.merge(CURRENT, set(), tweets)
    assert actions == {"appointments": changes.KEPT, "tweets": changes.REPLACED}
    assert tables["appointments"] is CURRENT["appointments"]


def test_the_preview_lists_new_changed_and_disappearing_months() -> None:
    preview = changes.preview(CURRENT, FROM_UPLOAD, UPLOAD)
    row = preview.summary.iloc[0]
    assert (row["Period now"], row["Period after"]) == ("Jan 2024 to Mar 2024", "Mar 2024 to Apr 2024")
    assert (row["New months"], row["Changed months"], row["Months that would disappear"]) == (1, 1, 2)
    assert (row["Appointments now"], row["Appointments after"]) == (600, 800)
    changed = preview.months.set_index("Month")
    assert changed.loc["Mar 2024", "Change"] == changes.CHANGED_MONTH
    assert (changed.loc["Mar 2024", "Appointments now"], changed.loc["Mar 2024", "Appointments after"]) == (200, 400)
    assert changed.loc["Jan 2024", "Change"] == changes.GONE_MONTH
    assert changed.loc["Apr 2024", "Change"] == changes.NEW_MONTH


def test_the_preview_with_keep_months_loses_no_month() -> None:
    preview = changes.preview(CURRENT, FROM_UPLOAD, UPLOAD, keep_months=True)
    assert preview.summary.iloc[0]["Months that would disappear"] == 0
    assert preview.summary.iloc[0]["Period after"] == "Jan 2024 to Apr 2024"


def test_the_preview_shows_the_home_page_headline_figures_now_and_after() -> None:
    figures = changes.preview(CURRENT, FROM_SAMPLE, UPLOAD).headline.set_index("Figure")
    assert figures.loc["Total appointments", "Now"] == "600"
    assert figures.loc["Total appointments", "After replacing"] == "800"
    assert figures.loc["Period", "After replacing"] == "March 2024 to April 2024"
    assert figures.loc["DNA rate", "After replacing"] == d.DNA_RATE.show(1 / 9)


def test_summary_view_has_one_column_per_table_with_now_and_after() -> None:
    view = changes.summary_view(changes.preview(CURRENT, FROM_UPLOAD, UPLOAD).summary).set_index("")
    assert view.loc["Period", "Appointments by month"] == "Jan 2024 to Mar 2024 → Mar 2024 to Apr 2024"
    assert view.loc["Appointments", "Appointments by month"] == "600 → 800"
    assert view.loc["Months", "Appointments by month"] == "1 new, 1 changed, 2 would disappear"


def test_provenance_records_files_and_the_notes_about_them() -> None:
    result = upload(("new.csv", appointments_csv(["2024-01", "2024-03"]).replace(b"Same Day", b"Same  day")))
    entry = changes.provenance(result, changes.SOURCE_UPLOAD, when="2025-01-01T00:00:00+00:00", by="me")["appointments"]
    assert entry["files"] == ["new.csv"] and entry["by"] == "me" and entry["rows"] == 12
    assert any("gaps" in note for note in entry["notes"])  # Feb 2024 is missing
