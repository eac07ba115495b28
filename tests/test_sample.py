"""nhs_core.sample: the committed synthetic sample regenerates exactly and keeps its cross-table constraints."""

from __future__ import annotations

import ast
import contextlib
import io
import re
from collections import Counter
from pathlib import Path

import fastexcel
import pandas as pd
import pytest

from nhs_core import cli
from nhs_core import geography as g
from nhs_core import schema as s
from nhs_core.sample import ROWS, SEED, write_categories_xlsx, write_sample
from nhs_core.tables import kind

DATA = Path(__file__).resolve().parents[1] / "data"
APPOINTMENTS, DURATIONS, CATEGORIES, TWEETS, PRACTICES, REGISTERED = list(ROWS)[
    :6
]  # file names (SDS, overview: test_workforce_tables)
HEADERS = {
    APPOINTMENTS: [s.ICB, s.MONTH, s.STATUS, s.HCP, s.MODE, s.LEAD, s.COUNT],
    DURATIONS: [s.SUB_ICB, s.SUB_ICB_ONS, s.SUB_ICB_NAME, s.ICB, s.REGION, s.DATE, s.DURATION, s.COUNT],
    CATEGORIES: [s.DATE, s.ICB, s.SUB_ICB_NAME, s.SETTING, s.CONTEXT, s.CATEGORY, s.COUNT, s.MONTH],
    TWEETS: list(kind(s.TWEETS).columns),
}


def _read_xlsx(path: Path) -> pd.DataFrame:
    return fastexcel.read_excel(path).load_sheet(0).to_pandas()


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> Path:
    """The sample as `python -m nhs_core sample --out DIR` writes it (the command the README gives)."""
    out = tmp_path_factory.mktemp("sample")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        assert cli.main(["sample", "--out", str(out), "--seed", str(SEED)]) == 0
    assert printed.getvalue().splitlines() == [f"wrote {out / name}" for name in [*ROWS, "README.md"]]
    return out


@pytest.fixture(scope="module")
def tables(regenerated) -> dict[str, pd.DataFrame]:
    appointments = pd.read_csv(regenerated / APPOINTMENTS)
    durations = pd.read_csv(regenerated / DURATIONS, keep_default_na=False)
    durations["date"] = pd.to_datetime(durations[s.DATE], format="%d-%b-%y")
    categories = _read_xlsx(regenerated / CATEGORIES)
    tweets = pd.read_csv(regenerated / TWEETS, keep_default_na=False)
    return {APPOINTMENTS: appointments, DURATIONS: durations, CATEGORIES: categories, TWEETS: tweets}


# --- the committed files are exactly what the generator makes --------------------------------------


@pytest.mark.parametrize("name", [APPOINTMENTS, DURATIONS, TWEETS, PRACTICES, REGISTERED, "README.md"])
def test_committed_text_files_regenerate_byte_for_byte(regenerated, name):
    committed = DATA / name
    assert committed.exists(), f"{committed} is missing: run `python -m nhs_core sample --out data/`"
    assert (regenerated / name).read_bytes() == committed.read_bytes()


def test_committed_workbook_regenerates_with_identical_content(regenerated):
    committed = _read_xlsx(DATA / CATEGORIES)
    pd.testing.assert_frame_equal(_read_xlsx(regenerated / CATEGORIES), committed)


def test_data_folder_is_at_most_8_mb():
    size = sum(p.stat().st_size for p in DATA.rglob("*") if p.is_file())
    assert 0 < size <= 8 * 1024 * 1024, f"data/ holds {size:,} bytes"


def test_readme_says_synthetic_and_how_it_was_made(regenerated):
    text = " ".join((regenerated / "README.md").read_text(encoding="utf-8").split())
    for phrase in (
        "SYNTHETIC",
        "not real NHS data",
        "python -m nhs_core sample --out data/",
        f"seed {SEED}",
        "Open Government Licence",
        "probability-proportional-to-size",
        f"{ROWS[APPOINTMENTS]:,}",
    ):
        assert phrase in text


# --- layout ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [APPOINTMENTS, DURATIONS, TWEETS])
def test_csv_headers_encoding_and_line_ends(regenerated, name):
    raw = (regenerated / name).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    raw.decode("utf-8")
    ending = b"\r\n" if name == APPOINTMENTS else b"\n"
    assert raw.split(ending, 1)[0].decode() == ",".join(HEADERS[name])
    if name == APPOINTMENTS:
        assert raw.count(b"\n") == raw.count(b"\r\n") == ROWS[name] + 1


def test_table_sizes_and_headers(tables):
    for name, frame in tables.items():
        assert len(frame) == ROWS[name]
        assert list(frame.columns)[: len(HEADERS[name])] == HEADERS[name]


def test_integer_positive_counts(tables):
    for name in (APPOINTMENTS, DURATIONS, CATEGORIES):
        counts = tables[name][s.COUNT]
        assert (counts > 0).all() and (counts == counts.round()).all()


def test_formats_of_months_and_dates(tables):
    assert tables[APPOINTMENTS][s.MONTH].str.fullmatch(r"20\d\d-\d\d").all()
    assert tables[DURATIONS][s.DATE].str.fullmatch(r"\d\d-[A-Z][a-z]{2}-\d\d").all()
    categories = tables[CATEGORIES]
    assert pd.api.types.is_datetime64_any_dtype(categories[s.DATE])
    assert (categories[s.DATE].dt.strftime("%Y-%m") == categories[s.MONTH]).all()


# --- coverage ------------------------------------------------------------------------------------------


def test_thirty_months_and_all_42_icbs(tables):
    appointments = tables[APPOINTMENTS]
    months = pd.period_range("2020-01", "2022-06", freq="M").strftime("%Y-%m")
    assert sorted(appointments[s.MONTH].unique()) == list(months)
    assert set(appointments[s.ICB]) == set(g.sub_icbs()[s.ICB]) and appointments[s.ICB].nunique() == 42
    assert appointments.groupby([s.ICB, s.MONTH]).ngroups == 42 * 30


def test_daily_tables_cover_all_106_sub_icbs_and_every_day(tables):
    subs = g.sub_icbs()
    durations = tables[DURATIONS]
    categories = tables[CATEGORIES]
    assert set(durations[s.SUB_ICB]) == set(subs[s.SUB_ICB])
    assert set(categories[s.SUB_ICB_NAME]) == set(subs[s.SUB_ICB_NAME])
    lookup = subs.set_index(s.SUB_ICB)
    assert (durations[s.SUB_ICB_NAME] == lookup.loc[durations[s.SUB_ICB], s.SUB_ICB_NAME].to_numpy()).all()
    assert (durations[s.ICB] == lookup.loc[durations[s.SUB_ICB], s.ICB].to_numpy()).all()
    assert set(durations["date"]) == set(pd.date_range("2021-12-01", "2022-06-30"))
    assert set(categories[s.DATE]) == set(pd.date_range("2021-08-01", "2022-06-30"))


@pytest.mark.parametrize(
    ("name", "column"),
    [
        (APPOINTMENTS, s.STATUS),
        (APPOINTMENTS, s.HCP),
        (APPOINTMENTS, s.MODE),
        (APPOINTMENTS, s.LEAD),
        (DURATIONS, s.DURATION),
        (CATEGORIES, s.SETTING),
        (CATEGORIES, s.CONTEXT),
        (CATEGORIES, s.CATEGORY),
    ],
)
def test_every_vocabulary_value_appears_with_its_exact_spelling(tables, name, column):
    assert set(tables[name][column]) == set(s.VOCABULARIES[column])


def test_category_combinations_are_realistic(tables):
    categories = tables[CATEGORIES]
    pairs = set(zip(categories[s.CONTEXT], categories[s.CATEGORY]))
    real = set(s.VOCABULARIES[s.CATEGORY][:17])
    assert {cat for ctx, cat in pairs if ctx == "Care Related Encounter"} == real
    assert {cat for ctx, cat in pairs if ctx != "Care Related Encounter"} == {"Inconsistent Mapping", "Unmapped"}
    assert all(ctx == cat for ctx, cat in pairs if ctx != "Care Related Encounter")
    share = categories.groupby(s.SETTING)[s.COUNT].sum() / categories[s.COUNT].sum()
    assert 0.85 <= share["General Practice"] <= 0.95


# --- exact cross-table constraints ------------------------------------------------------------------


def test_durations_sum_to_attended_appointments_per_icb_and_month(tables):
    appointments = tables[APPOINTMENTS]
    durations = tables[DURATIONS]
    attended = appointments[appointments[s.STATUS] == s.STATUS_ATTENDED].groupby([s.ICB, s.MONTH])[s.COUNT].sum()
    by_month = durations.groupby([s.ICB, durations["date"].dt.strftime("%Y-%m")])[s.COUNT].sum()
    assert len(by_month) == 42 * 7
    assert (by_month == attended.reindex(by_month.index)).all()


def test_categories_sum_to_all_appointments_per_icb_and_month(tables):
    appointments = tables[APPOINTMENTS]
    categories = tables[CATEGORIES]
    totals = appointments.groupby([s.ICB, s.MONTH])[s.COUNT].sum()
    by_month = categories.groupby([s.ICB, s.MONTH])[s.COUNT].sum().astype("int64")
    assert len(by_month) == 42 * 11
    assert (by_month == totals.reindex(by_month.index)).all()


# --- realistic shape ---------------------------------------------------------------------------------


def test_national_monthly_totals_have_a_realistic_shape(tables):
    national = tables[APPOINTMENTS].groupby(s.MONTH)[s.COUNT].sum()
    assert national.between(15e6, 31e6).all()
    assert national["2020-04"] < 18e6 and national["2020-05"] < 18e6  # first lockdown
    assert national["2021-11"] > 28e6 and national["2021-12"] < national["2021-11"]


def test_status_shares_and_dna_pattern(tables):
    appointments = tables[APPOINTMENTS]
    share = appointments.groupby(s.STATUS)[s.COUNT].sum() / appointments[s.COUNT].sum()
    assert 0.03 <= share["DNA"] <= 0.05 and 0.04 <= share["Unknown"] <= 0.06
    known = appointments[appointments[s.STATUS] != "Unknown"]
    by_lead = known.pivot_table(index=s.LEAD, columns=s.STATUS, values=s.COUNT, aggfunc="sum")
    dna_rate = (by_lead["DNA"] / by_lead.sum(axis=1)).reindex(s.VOCABULARIES[s.LEAD][:7])
    assert dna_rate.is_monotonic_increasing and dna_rate.iloc[0] < 0.03 and dna_rate.iloc[-1] > 0.07
    by_mode = known.pivot_table(index=s.MODE, columns=s.STATUS, values=s.COUNT, aggfunc="sum")
    dna_by_mode = by_mode["DNA"] / by_mode.sum(axis=1)
    assert dna_by_mode["Face-to-Face"] > dna_by_mode["Telephone"]


def test_telephone_rises_from_march_2020(tables):
    appointments = tables[APPOINTMENTS]
    mode = appointments.pivot_table(index=s.MONTH, columns=s.MODE, values=s.COUNT, aggfunc="sum")
    mode = mode.div(mode.sum(axis=1), axis=0)
    assert mode.loc["2020-01", "Telephone"] < 0.2 and mode.loc["2020-05", "Telephone"] > 0.35


@pytest.mark.parametrize("name", [DURATIONS, CATEGORIES])
def test_weekends_are_far_quieter_than_weekdays(tables, name):
    frame = tables[name]
    dates = frame["date"] if name == DURATIONS else frame[s.DATE]
    daily = frame.groupby(dates)[s.COUNT].sum()
    weekend = daily.index.day_of_week >= 5
    assert daily[weekend].mean() < 0.3 * daily[~weekend].mean()


# --- tweets ----------------------------------------------------------------------------------------------


def test_about_a_thousand_plausible_tweets(tables):
    tweets = tables[TWEETS]
    assert 900 <= len(tweets) <= 1100
    assert tweets[s.TWEET_ID].astype(str).str.fullmatch(r"\d{19}").all() and tweets[s.TWEET_ID].is_unique
    retweets = tweets[s.TWEET_TEXT].str.startswith("RT @")
    assert 0.15 <= retweets.mean() <= 0.25
    assert tweets.loc[retweets, s.TWEET_TEXT].duplicated().any()
    assert (tweets[s.TWEET_LANG] == "en").all()
    assert not tweets[s.TWEET_FAVORITED].astype(bool).any() and not tweets[s.TWEET_RETWEETED].astype(bool).any()
    assert (tweets[s.TWEET_RETWEETS] >= 0).all() and tweets[s.TWEET_RETWEETS].max() > 20


def test_most_common_hashtag_is_healthcare_with_mixed_case_and_punctuation(tables):
    tweets = tables[TWEETS]
    tags = [tag for text in tweets[s.TWEET_TEXT] for tag in re.findall(r"#(\w+)", text)]
    assert Counter(tag.casefold() for tag in tags).most_common(1)[0][0] == "healthcare"
    assert {"healthcare", "Healthcare"} <= set(tags)
    assert tweets[s.TWEET_TEXT].str.contains(r"#\w+[.!,]", regex=True).any()


def test_tweet_entities_match_the_text(tables):
    for row in tables[TWEETS].itertuples(index=False):
        text = getattr(row, s.TWEET_TEXT)
        entities = ast.literal_eval(getattr(row, s.TWEET_ENTITIES))
        assert list(entities) == ["hashtags", "symbols", "user_mentions", "urls"]
        for tag in entities["hashtags"]:
            start, end = tag["indices"]
            assert text[start:end] == "#" + tag["text"]
        for mention in entities["user_mentions"]:
            assert text[slice(*mention["indices"])] == "@" + mention["screen_name"]
        for url in entities["urls"]:
            assert text[slice(*url["indices"])] == url["url"]
        listed = ", ".join("#" + tag["text"] for tag in entities["hashtags"])
        assert getattr(row, s.TWEET_HASHTAGS) == listed
        assert ast.literal_eval(getattr(row, s.TWEET_METADATA)) == {"iso_language_code": "en", "result_type": "recent"}


# --- write_categories_xlsx at other sizes ------------------------------------------------------------


def test_write_categories_xlsx_writes_exactly_the_rows_asked_for_with_repeatable_bytes(tmp_path):
    path = write_categories_xlsx(tmp_path / "nc.xlsx", rows=5_000, seed=7)
    assert write_categories_xlsx(tmp_path / "again.xlsx", rows=5_000, seed=7).read_bytes() == path.read_bytes()
    frame = _read_xlsx(path)
    assert len(frame) == 5_000 and list(frame.columns) == HEADERS[CATEGORIES]
    assert frame[s.SUB_ICB_NAME].nunique() == 106 and frame[s.DATE].nunique() == 334
    assert set(frame[s.CATEGORY]) == set(s.VOCABULARIES[s.CATEGORY])


def test_write_categories_xlsx_refuses_more_rows_than_the_grid(tmp_path):
    with pytest.raises(ValueError, match="rows are possible"):
        write_categories_xlsx(tmp_path / "nc.xlsx", rows=10**8)


def test_another_seed_gives_other_numbers_with_the_same_constraints(tmp_path, tables):
    write_sample(tmp_path, seed=1)
    other = pd.read_csv(tmp_path / APPOINTMENTS)
    assert not other[s.COUNT].equals(tables[APPOINTMENTS][s.COUNT])
    categories = _read_xlsx(tmp_path / CATEGORIES)
    totals = other.groupby([s.ICB, s.MONTH])[s.COUNT].sum()
    by_month = categories.groupby([s.ICB, s.MONTH])[s.COUNT].sum().astype("int64")
    assert (by_month == totals.reindex(by_month.index)).all()
