"""Versions that carry their own summaries: written at import, opened from them alone, and every figure the same
as from the facts (functions on the summaries against the full table, and every page run both ways)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import streamlit as st
from conftest import upload
from pagetest import PAGES, ROOT
from streamlit.testing.v1 import AppTest

from nhs_core import schema as s
from nhs_core.analysis import filters as flt
from nhs_core.analysis import metrics, practices, seasonality, sources
from nhs_core.app import data as app_data
from nhs_core.present import export
from nhs_core.store import Store
from nhs_core.store import versions as store_versions

SUBS = [  # (sub-ICB code, ONS code, name, ICB, region): real areas in two regions
    ("D4U1Y", "E38000252", "NHS Frimley ICB - D4U1Y", "E54000034", "E40000005"),
    ("15N", "E38000242", "NHS Somerset ICB - 11X", "E54000038", "E40000006"),
    ("99E", "E38000007", "NHS Mid and South Essex ICB - 99E", "E54000026", "E40000007"),
]
HEADER = (
    "SUB_ICB_LOCATION_CODE,SUB_ICB_LOCATION_ONS_CODE,SUB_ICB_LOCATION_NAME,ICB_ONS_CODE,REGION_ONS_CODE,"
    "Appointment_Date,APPT_STATUS,HCP_TYPE,APPT_MODE,TIME_BETWEEN_BOOK_AND_APPT,COUNT_OF_APPOINTMENTS\n"
)
QUERIES = [{}, {"mode": "Telephone"}, {"icb": "E54000034"}, {"status": "DNA", "region": "E40000006"}]


def daily_csv(seed: int = 7) -> bytes:
    """An official daily file: three sub-ICBs, 75 days over three months, a random part of every cell."""
    rng = np.random.default_rng(seed)
    lines = [HEADER]
    for day in pd.date_range("2025-01-01", "2025-03-16"):
        for sub in SUBS:
            for status in ("Attended", "DNA", "Unknown"):
                for hcp in ("GP", "Other Practice staff"):
                    for mode in ("Face-to-Face", "Telephone", "Video Conference/Online"):
                        for lead in ("Same Day", "1 Day", "8  to 14 Days"):
                            if rng.random() < 0.5:
                                count = int(rng.integers(1, 400))
                                lines.append(f"{','.join(sub)},{day:%d%b%Y},{status},{hcp},{mode},{lead},{count}\n")
    return "".join(lines).upper().replace("NHS ", "NHS ").encode()


def _store_of(file: tuple[str, bytes], tmp_path: Path, monkeypatch) -> Store:
    """A store whose active version is `file` imported, and the app pointed at it."""
    store = Store(tmp_path / "store", ROOT / "data")
    result = upload(file)
    assert not result.report.errors, [p.text() for p in result.report.errors]
    store.replace(result, [])
    monkeypatch.setenv("NHS_EXPLORER_STORE", str(store.root))
    return store


@pytest.fixture
def store(tmp_path: Path, monkeypatch) -> Store:
    return _store_of(("SUB_ICB_LOCATION_CSV_Mar_25.csv", daily_csv()), tmp_path, monkeypatch)


def test_import_writes_each_summary_beside_the_facts_and_a_version_opens_from_them(store: Store) -> None:
    entry = store.manifest("v0001")["tables"][s.DAILY]
    assert set(entry["summaries"]) == {"by_date_area", "dimensions"}
    lazy = store.open(lazy=True)
    full = store.open().tables[s.DAILY]
    summary = lazy.tables[s.DAILY]
    assert s.MODE not in summary and len(summary) < len(full) / 10
    assert summary[s.RECORDS].sum() == len(full) and summary[s.COUNT].sum() == full[s.COUNT].sum()
    assert lazy.facts[s.DAILY].rows == len(full)
    assert metrics.table_overview(lazy.tables)[s.DAILY] == metrics.table_overview({s.DAILY: full})[s.DAILY]


def test_a_version_written_before_summaries_derives_them_on_opening(store: Store) -> None:
    folder = store.root / "versions" / "v0001"
    written = store.open(lazy=True).summaries[s.DAILY]
    for path in folder.glob("daily.*.parquet"):
        path.unlink()
    manifest = store.manifest("v0001")
    del manifest["tables"][s.DAILY]["summaries"]
    (folder / "manifest.json").write_text(pd.io.json.ujson_dumps(manifest), encoding="utf-8")
    derived = store.open(lazy=True)
    assert derived.problem is None
    for name, frame in written.items():
        pd.testing.assert_frame_equal(derived.summaries[s.DAILY][name], frame)


def test_a_damaged_summary_falls_back_like_a_damaged_table(store: Store) -> None:
    (store.root / "versions" / "v0001" / "daily.by_date_area.parquet").write_bytes(b"not parquet")
    opened = store.open(lazy=True)
    assert opened.version == "sample" and "damaged" in opened.problem


@pytest.mark.parametrize("query", QUERIES)
def test_functions_on_the_summary_or_the_scan_equal_the_facts(store: Store, query: dict) -> None:
    lazy = store.open(lazy=True)
    full = store.open().tables[s.DAILY]
    filters, _ = flt.from_query(query)
    got = sources.rows(lazy.tables[s.DAILY], lazy.facts[s.DAILY], filters)
    want = flt.filter_frame(full, filters)
    assert sources.needs_facts(lazy.tables[s.DAILY], lazy.facts[s.DAILY], filters) == any(
        k in query for k in ("mode", "status")
    )
    for fn in (seasonality.weekday_profile, seasonality.month_weekday):
        pd.testing.assert_frame_equal(fn(got), fn(want))
    for level in (s.REGION, s.ICB, s.SUB_ICB):
        pd.testing.assert_frame_equal(metrics.by_area(got, level), metrics.by_area(want, level))
    for by in (s.RECORDS, s.COUNT):
        pd.testing.assert_frame_equal(metrics.top_locations(got, by=by), metrics.top_locations(want, by=by))


def test_the_daily_download_streams_the_facts_into_a_zip_equal_to_the_whole_csv(store: Store) -> None:
    lazy = store.open(lazy=True)
    archive = zipfile.ZipFile(io.BytesIO(export.csv_zip(lazy.facts[s.DAILY].parts(rows=1_000), "daily.csv")))
    assert archive.namelist() == ["daily.csv"]
    assert archive.read("daily.csv") == export.csv_bytes(store.open().tables[s.DAILY])


def test_the_data_page_downloads_the_daily_table_as_a_zip_and_the_others_as_csv(store, monkeypatch) -> None:
    monkeypatch.delenv(app_data.SAMPLE_DIR_ENV, raising=False)
    st.cache_resource.clear()
    data = app_data.active_data()
    daily = app_data.download(data, s.DAILY)
    assert (daily["label"], daily["file_name"]) == ("Daily appointments (zipped)", "daily_v0001.csv.zip")
    assert zipfile.ZipFile(io.BytesIO(daily["data"]())).namelist() == ["daily_v0001.csv"]
    assert app_data.download(data, s.APPOINTMENTS)["file_name"] == "appointments_v0001.csv"


def _figures(page: Path, query: dict) -> list:
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(page), default_timeout=90)
    at.query_params.update(query)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    shown = [(m.label, m.value) for m in at.metric]
    shown += [e.value.to_csv() for e in at.dataframe]
    shown += [e.value for e in (*at.markdown, *at.caption, *at.info, *at.warning)]
    return shown


@pytest.mark.parametrize("page", [ROOT / "streamlit_app.py", *PAGES], ids=lambda p: p.stem)
def test_every_page_shows_the_same_figures_from_summaries_as_from_the_facts(store, page, monkeypatch) -> None:
    monkeypatch.delenv(app_data.SAMPLE_DIR_ENV, raising=False)
    eager = store_versions.Store.open
    for query in ({}, {"icb": "E54000034", "from": "2025-02", "to": "2025-03"}):  # pages filter daily by these
        lazy = _figures(page, query)
        with monkeypatch.context() as patch:
            patch.setattr(store_versions.Store, "open", lambda self, pointer=None, lazy=False: eager(self, pointer))
            full = _figures(page, query)
        assert lazy == full


# --- the practice crosstab, summarised per practice and month -------------------------------------------

CROSSTAB_HEADER = (
    "APPOINTMENT_MONTH_START_DATE,GP_CODE,GP_NAME,SUPPLIER,PCN_CODE,PCN_NAME,SUB_ICB_LOCATION_CODE,"
    "SUB_ICB_LOCATION_NAME,HCP_TYPE,APPT_MODE,NATIONAL_CATEGORY,TIME_BETWEEN_BOOK_AND_APPT,"
    "COUNT_OF_APPOINTMENTS,APPT_STATUS\n"
)
PRACTICES = [  # (practice, PCN, sub-ICB code and name): two ICBs
    ("D81001", "U88254", "06H,NHS Cambridgeshire and Peterborough ICB - 06H"),
    ("D81002", "U88254", "06H,NHS Cambridgeshire and Peterborough ICB - 06H"),
    ("Y00056", "U71777", "06H,NHS Cambridgeshire and Peterborough ICB - 06H"),
    ("C83001", "U10001", "71E,NHS Lincolnshire ICB - 71E"),
]


def crosstab_csv(seed: int = 3) -> bytes:
    """An official crosstab: four practices, three months, a random part of every combination (some unknown)."""
    rng = np.random.default_rng(seed)
    lines = [CROSSTAB_HEADER]
    for month in ("01AUG2025", "01SEP2025", "01OCT2025"):
        for gp, pcn, area in PRACTICES:
            for status in ("Attended", "DNA", "Unknown"):
                for hcp in ("GP", "Other Practice staff", "Unknown"):
                    for mode in ("Face-to-Face", "Telephone", "Video Conference/Online", "Unknown"):
                        for lead in ("Same Day", "2 to 7 Days", "Unknown / Data Issue"):
                            if rng.random() < 0.6:
                                count = int(rng.integers(1, 300))
                                lines.append(
                                    f"{month},{gp},PRACTICE {gp},TPP,{pcn},PCN {pcn},{area},{hcp},{mode},"
                                    f"Clinical Triage,{lead},{count},{status}\n"
                                )
    return "".join(lines).encode()


@pytest.fixture
def practice_store(tmp_path: Path, monkeypatch) -> Store:
    return _store_of(("Practice_Level_Crosstab_Oct_25.csv", crosstab_csv()), tmp_path, monkeypatch)


def test_the_practice_comparison_from_the_summary_equals_the_facts(practice_store: Store) -> None:
    lazy = practice_store.open(lazy=True)
    summary, full = lazy.tables[s.PRACTICE_CROSSTAB], practice_store.open().tables[s.PRACTICE_CROSSTAB]
    assert s.MODE not in summary and len(summary) == 12 and summary[s.RECORDS].sum() == len(full)
    by_month = practices.practice_months(full).sort_values([s.GP_CODE, s.MONTH], ignore_index=True)
    pd.testing.assert_frame_equal(practices.practice_months(summary), by_month)
    for level in practices.NAMES:
        named = practices.names(summary, level)  # in another order: the summary's rows are sorted
        pd.testing.assert_frame_equal(named.sort_index(), practices.names(full, level).sort_index())
    for by in ("appointments", "records"):
        assert practices.top(summary, by) == practices.top(full, by)
    pd.testing.assert_frame_equal(practices.compare(summary, limits=None), practices.compare(full, limits=None))


@pytest.mark.parametrize("query", [{}, {"icb": "E54000013", "from": "2025-09"}])
def test_sums_by_a_dimension_from_the_facts_on_disk_equal_those_from_the_rows(practice_store, query) -> None:
    lazy = practice_store.open(lazy=True)
    full = practice_store.open().tables[s.PRACTICE_CROSSTAB]
    filters, _ = flt.from_query(query)
    groups = practices.profile_groups(practices.names(full), "D81001")
    for by in (s.MODE, s.STATUS, s.LEAD):
        from_disk = sources.sums_by(
            lazy.tables[s.PRACTICE_CROSSTAB], lazy.facts[s.PRACTICE_CROSSTAB], filters, by, groups
        )
        pd.testing.assert_frame_equal(from_disk, sources.sums_by(full, None, filters, by, groups))


def test_the_practices_page_shows_the_same_figures_from_the_summary_as_from_the_facts(practice_store, monkeypatch):
    monkeypatch.delenv(app_data.SAMPLE_DIR_ENV, raising=False)
    eager = store_versions.Store.open
    page = ROOT / "pages" / "1_Practices.py"
    for query in ({}, {"icb": "E54000056", "from": "2025-09"}):
        lazy = _figures(page, query)
        with monkeypatch.context() as patch:
            patch.setattr(store_versions.Store, "open", lambda self, pointer=None, lazy=False: eager(self, pointer))
            full = _figures(page, query)
        assert lazy == full
        assert any("Practice Y00056" in str(shown) for shown in lazy)  # the profile of the first practice, readable


def test_a_selections_filtered_rows_are_kept_for_its_other_metrics_and_the_kept_ones_are_bounded(store) -> None:
    from nhs_core.app import view

    lazy = store.open(lazy=True)
    key = ("test", lazy.version, id(lazy))
    filters, _ = flt.from_query({"icb": "E54000034"})
    first = view._rows(key, s.DAILY, filters, lazy)
    pd.testing.assert_frame_equal(first, sources.rows(lazy.tables[s.DAILY], lazy.facts[s.DAILY], filters))
    assert view._rows(key, s.DAILY, filters, lazy) is first  # the second metric of the selection filters nothing
    for day in range(view._rows_kept.size + 3):  # as many selections again, and more
        view._rows(key, s.DAILY, flt.Filters(pd.Timestamp("2025-01-01") + pd.Timedelta(days=day), None), lazy)
    assert len(view._rows_kept) == view._rows_kept.size
    assert view._rows(key, s.DAILY, filters, lazy) is not first  # the oldest went first
