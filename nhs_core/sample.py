"""Deterministic generator of the bundled SYNTHETIC sample (not real NHS data); `_README` describes the method."""

import datetime as dt
import re
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

from nhs_core import geography
from nhs_core import schema as s

SEED = 2022
ROWS = {
    "appointments_regional.csv": 45_000,
    "actual_duration.csv": 12_000,
    "national_categories.xlsx": 32_000,
    "tweets.csv": 1_000,
}  # data rows of each sample file
MONTHS = pd.period_range("2020-01", "2022-06", freq="M")
DURATION_DAYS, CATEGORY_DAYS = pd.date_range("2021-12-01", "2022-06-30"), pd.date_range("2021-08-01", "2022-06-30")
_FIXED_TIME = dt.datetime(2022, 7, 1)  # workbook timestamps, so that its bytes repeat
_NATIONAL = (
    27.0,
    24.3,
    24.0,
    16.0,
    16.4,
    20.5,
    22.4,
    20.6,
    26.2,
    28.4,
    25.3,
    23.3,
    22.9,
    22.7,
    27.0,  # millions
    24.0,
    24.2,
    26.9,
    25.8,
    23.8,
    28.3,
    29.8,
    30.0,
    25.0,
    25.5,
    25.3,
    29.3,
    23.9,
    27.4,
    26.0,
)
_F2F_KNOTS = ((0, 2, 3, 6, 12, 20, 29), (0.79, 0.67, 0.47, 0.50, 0.53, 0.60, 0.64))  # month index, share
_HCP, _LEAD = (0.50, 0.46, 0.04), (0.35, 0.10, 0.25, 0.13, 0.07, 0.05, 0.04, 0.01)
_SAME_DAY_BY_MODE = (0.8, 1.4, 1.45, 1.1, 1.0)  # Face-to-Face, Home Visit, Telephone, Video/Online, Unknown
_DNA_BY_MODE, _DNA_BY_LEAD = (1.15, 0.9, 0.55, 0.9, 1.0), (0.018, 0.035, 0.05, 0.064, 0.078, 0.09, 0.105, 0.05)
_DURATION, _SETTING = (0.19, 0.22, 0.17, 0.10, 0.09, 0.05, 0.18), (0.895, 0.025, 0.015, 0.035, 0.03)
_CATEGORY = (0.3, 0.5, 6, 14, 20, 28, 0.1, 1, 0.3, 0.4, 9, 9, 2, 0.6, 2, 2, 0.5)  # the 17 real categories, %
_INCONSISTENT, _WEEKDAY = 0.08, (1.16, 1.05, 1.0, 1.0, 0.95, 0.075, 0.035)
_BANK_HOLIDAYS = pd.to_datetime(
    [
        "2021-08-30",
        "2021-12-27",
        "2021-12-28",
        "2022-01-03",
        "2022-04-15",
        "2022-04-18",
        "2022-05-02",
        "2022-06-02",
        "2022-06-03",
    ]
)


def _jitter(rng: np.random.Generator, base, shape: tuple[int, ...], sigma: float) -> np.ndarray:
    """Probabilities `base` times log-normal noise of the given shape, normalised on the last axis."""
    w = np.asarray(base, dtype=float) * rng.lognormal(0.0, sigma, shape)
    return w / w.sum(axis=-1, keepdims=True)


def _base(seed: int) -> dict:
    """Sub-ICBs, the 42 ICB codes, monthly totals per ICB (ICB x month) and each sub-ICB's share of its ICB."""
    rng = np.random.default_rng([seed, 0])
    subs = geography.sub_icbs().sort_values(s.SUB_ICB).reset_index(drop=True)
    icb_codes = np.array(sorted(subs[s.ICB].unique()))  # only ICBs that have sub-ICB locations
    icb_of = np.searchsorted(icb_codes, subs[s.ICB].to_numpy())
    icb_share = _jitter(rng, (1.5 + np.bincount(icb_of)) ** 0.8, (len(icb_codes),), 0.3)
    national = np.array(_NATIONAL) * 1e6 * rng.lognormal(0.0, 0.01, len(MONTHS))
    totals = icb_share[:, None] * national[None, :] * rng.lognormal(0.0, 0.03, (len(icb_codes), len(MONTHS)))
    sub_w = rng.lognormal(0.0, 0.4, len(subs))
    return {
        "subs": subs,
        "icb_codes": icb_codes,
        "icb_of": icb_of,
        "totals": np.rint(totals).astype(np.int64),
        "sub_share": sub_w / np.bincount(icb_of, weights=sub_w)[icb_of],
    }


def _apportion(weight: np.ndarray, group: np.ndarray, totals: np.ndarray) -> np.ndarray:
    """Positive integers proportional to `weight` summing exactly to `totals[g]` in each group g."""
    spare, wsum = totals - np.bincount(group, minlength=len(totals)), np.bincount(group, weight, len(totals))
    if (spare < 0).any() or ((spare == totals) & (totals > 0)).any():
        raise ValueError("a group has more kept cells than appointments, or no kept cell at all")
    exact = spare[group] * weight / wsum[group]
    base = np.floor(exact).astype(np.int64)
    short = spare - np.bincount(group, weights=base, minlength=len(totals)).round().astype(np.int64)
    order = np.lexsort((-(exact - base), group))  # largest remainders first within each group
    ranked = group[order]
    rank = np.arange(len(order)) - np.searchsorted(ranked, ranked)
    base[order[rank < short[ranked]]] += 1
    return base + 1


def _sample(
    expected: np.ndarray, group: np.ndarray, totals: np.ndarray, rows: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Sequential Poisson PPS sample of `rows` grid cells, rescaled to the group totals: (flat indices, counts)."""
    flat, grp = expected.ravel(), np.broadcast_to(group, expected.shape).ravel()
    if rows > flat.size:
        raise ValueError(f"at most {flat.size:,} rows are possible, {rows:,} were asked for")
    lo, hi = np.log(flat.min() * 1e-3), np.log(flat.sum())  # bisect for t: sum(min(1, expected / t)) == rows
    for _ in range(45):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if np.minimum(1.0, flat / np.exp(mid)).sum() > rows else (lo, mid)
    p = np.minimum(1.0, flat / np.exp(hi))
    key = rng.random(flat.size) / p
    desc = np.argsort(-flat, kind="stable")
    for code in [*np.unravel_index(np.arange(flat.size), expected.shape), grp]:  # keep every value's largest cell
        key[desc[np.unique(code[desc], return_index=True)[1]]] = -1.0
    keep = np.sort(np.argpartition(key, rows - 1)[:rows])
    noise = np.where(p[keep] < 1, rng.gamma(1.2, 1 / 1.2, rows), rng.lognormal(0.0, 0.05, rows))
    return keep, _apportion(flat[keep] / p[keep] * noise, grp[keep], totals.ravel())  # weight: expected / p x noise


def _appointments(base: dict, seed: int, rows: int) -> tuple[pd.DataFrame, np.ndarray]:
    """The regional table (ICB x month x status x HCP x mode x lead time) and its attended totals (ICB x month)."""
    rng, totals, (n_icb, n_m) = np.random.default_rng([seed, 1]), base["totals"], base["totals"].shape
    f2f, unk = np.interp(np.arange(n_m), *_F2F_KNOTS), np.linspace(0.048, 0.026, n_m)
    mode = np.column_stack([f2f, np.full(n_m, 0.008), 1 - f2f - unk - 0.015, np.full(n_m, 0.007), unk])
    mode = _jitter(rng, mode[None], (n_icb, 1, 5), 0.1)  # icb, month, mode
    lead = _jitter(rng, np.outer(_SAME_DAY_BY_MODE, [1] + [0.93] * 7) * _LEAD, (n_icb, 5, 8), 0.1)
    hcp = _jitter(rng, _HCP, (n_icb, 3), 0.08)
    unknown = np.where((np.arange(n_m) >= 2) & (np.arange(n_m) <= 4), 0.08, 0.048)[None, :, None, None]
    dna = np.outer(_DNA_BY_MODE, _DNA_BY_LEAD) * rng.lognormal(0.0, 0.15, (n_icb, 1, 1, 1)) * (1 - unknown)
    status = np.stack([1 - unknown - dna, dna, np.broadcast_to(unknown, dna.shape)], axis=2)
    prob = (
        status[:, :, :, None]
        * hcp[:, None, None, :, None, None]
        * mode[:, :, None, None, :, None]
        * lead[:, None, None, None]
    )
    group = np.arange(totals.size).reshape(n_icb, n_m, 1, 1, 1, 1)
    keep, counts = _sample(totals[..., None, None, None, None] * prob, group, totals, rows, rng)
    idx = np.unravel_index(keep, prob.shape)
    out = {s.ICB: base["icb_codes"][idx[0]], s.MONTH: MONTHS.strftime("%Y-%m").to_numpy()[idx[1]]}
    out |= {dim: np.array(s.VOCABULARIES[dim])[i] for dim, i in zip((s.STATUS, s.HCP, s.MODE, s.LEAD), idx[2:])}
    attended = np.bincount((idx[0] * n_m + idx[1])[idx[2] == 0], counts[idx[2] == 0], totals.size)
    return pd.DataFrame(out | {s.COUNT: counts}), attended.round().astype(np.int64).reshape(totals.shape)


def _daily(
    base: dict, totals: np.ndarray, days: pd.DatetimeIndex, mix: np.ndarray, rows: int, rng: np.random.Generator
) -> tuple[tuple[np.ndarray, ...], np.ndarray]:
    """Sample a sub-ICB x day x `mix` grid whose counts in each (ICB, month) sum to the last months of `totals`."""
    month = np.asarray(days.month + 12 * days.year) - (days[0].month + 12 * days[0].year)
    totals = totals[:, -(month[-1] + 1) :]
    weekday = np.array(_WEEKDAY)[days.day_of_week] * np.where(days.isin(_BANK_HOLIDAYS), 0.04, 1.0)
    day_w = weekday[None, :] * rng.lognormal(0.0, 0.05, (len(base["icb_of"]), len(days)))
    day_w /= np.add.reduceat(day_w, np.flatnonzero(np.r_[True, np.diff(month) != 0]), axis=1)[:, month]
    sub_month = totals[base["icb_of"]] * base["sub_share"][:, None]
    expected = (sub_month[:, month] * day_w)[:, :, None] * mix[:, None, :]
    group = (base["icb_of"][:, None] * totals.shape[1] + month[None, :])[:, :, None]
    keep, counts = _sample(expected, group, totals, rows, rng)
    return np.unravel_index(keep, expected.shape), counts


def _durations(base: dict, attended: np.ndarray, seed: int, rows: int) -> pd.DataFrame:
    """Actual durations per sub-ICB and day; each (ICB, month) sums to its attended appointments."""
    rng, subs = np.random.default_rng([seed, 2]), base["subs"]
    mix = _jitter(rng, _DURATION, (len(subs), len(_DURATION)), 0.15)
    (sub, day, dur), counts = _daily(base, attended, DURATION_DAYS, mix, rows, rng)
    out = subs[[s.SUB_ICB, s.SUB_ICB_ONS, s.SUB_ICB_NAME, s.ICB, s.REGION]].iloc[sub].reset_index(drop=True)
    out[s.DATE] = DURATION_DAYS.strftime("%d-%b-%y").to_numpy()[day]  # 01-Dec-21
    return out.assign(**{s.DURATION: np.array(s.VOCABULARIES[s.DURATION])[dur], s.COUNT: counts})


def _categories(base: dict, seed: int, rows: int) -> list[list]:
    """National-category rows (one list of Python values per column, LSE order); (ICB, month) sums = totals."""
    rng, subs = np.random.default_rng([seed, 3]), base["subs"]
    settings, (cre, incons, unmapped) = s.VOCABULARIES[s.SETTING], s.VOCABULARIES[s.CONTEXT]
    combos, shares = [(unmapped, unmapped, unmapped)], [_SETTING[4]]  # only realistic combinations
    for setting, p in zip(settings[:4], _SETTING[:4]):
        combos += [(setting, cre, c) for c in s.VOCABULARIES[s.CATEGORY][:17]] + [(setting, incons, incons)]
        shares += [p * (1 - _INCONSISTENT) * c / sum(_CATEGORY) for c in _CATEGORY] + [p * _INCONSISTENT]
    mix = _jitter(rng, shares, (len(subs), len(combos)), 0.15)
    (sub, day, combo), counts = _daily(base, base["totals"], CATEGORY_DAYS, mix, rows, rng)
    combo_cols = [np.array(c, dtype=object)[combo].tolist() for c in zip(*combos)]
    return [
        CATEGORY_DAYS.to_pydatetime()[day].tolist(),
        base["icb_codes"][base["icb_of"][sub]].tolist(),
        subs[s.SUB_ICB_NAME].to_numpy()[sub].tolist(),
        *combo_cols,
        counts.tolist(),
        CATEGORY_DAYS.strftime("%Y-%m").to_numpy()[day].tolist(),
    ]


class _PinnedZip(zipfile.ZipFile):
    """A zip file whose entries all carry one fixed timestamp, so that openpyxl's output repeats byte for byte."""

    def open(self, name, mode="r", pwd=None, *, force_zip64=False):  # used by both `write` and `writestr`
        if mode == "w" and isinstance(name, zipfile.ZipInfo):
            name.date_time = _FIXED_TIME.timetuple()[:6]
        return super().open(name, mode, pwd, force_zip64=force_zip64)


def write_categories_xlsx(path: Path | str, rows: int, seed: int = SEED) -> Path:
    """Write a synthetic national-categories workbook in the LSE layout with exactly `rows` data rows.

    Parameters
    ----------
    path : Path or str
        Output `.xlsx` file, written with openpyxl in write_only mode and with fixed timestamps.
    rows : int
        Data rows (the real file has 817,394); at most 106 sub-ICBs x 334 days x 73 combinations.
    seed : int
        Random seed; the (ICB, month) totals equal the sample's appointments totals for the same seed.

    Returns
    -------
    Path
        The file written.
    """
    columns, wb = _categories(_base(seed), seed, rows), Workbook(write_only=True)
    wb.properties.created = wb.properties.modified = _FIXED_TIME
    ws = wb.create_sheet("national_categories")
    ws.append([s.DATE, s.ICB, s.SUB_ICB_NAME, s.SETTING, s.CONTEXT, s.CATEGORY, s.COUNT, s.MONTH])
    for row in zip(*columns):
        ws.append(row)
    with _PinnedZip(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).save()  # as `wb.save`, without stamping the save time
    return Path(path)


_TAGS = (
    "healthcare:260 health:40 medicine:22 AI:19 job:16 nurse:13 hiring:11 NHS:9 nursing:8 digitalhealth:7 "
    "healthtech:6 jobs:6 pharma:5 mentalhealth:5 wellness:4 covid19:4 research:4 doctor:3 medtech:3 meded:2 "
    "publichealth:3 primarycare:3 careers:2 telehealth:2 innovation:2 cancer:2 biotech:2 vaccine:1 diabetes:1"
)
_WORDS = {
    k: v.split("|")
    for k, v in {
        "user": "HealthJobsHub|MedTechDaily|NurseNetwork|CareCareersNow|DigitalCareNews|PharmaInsight|GPTrainee",
        "role": "Registered Nurse|Practice Nurse|Salaried GP|Clinical Pharmacist|Care Assistant|Paramedic|Data Analyst",
        "place": "Leeds|Manchester|Bristol|London|Birmingham|Sheffield|Norwich|Exeter|Newcastle|Leicester|York",
        "tech": "AI|machine learning|remote monitoring|telehealth|wearables|digital triage|virtual wards|"
        "online booking",
        "field": "primary care|cancer care|mental health services|diabetes care|emergency medicine|radiology|pharmacy",
        "day": "Monday|Tuesday|Wednesday|Thursday",
        "code": "|".join("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMN23456789"),
        "template": "|".join(
            (
                "We're hiring! Join our team as a {role} in {place}. Apply today: {url}",
                "How {tech} is transforming {field}: {url}",
                "New role: {role}, {place}. Flexible hours, great training and a supportive team. {url}",
                "{n} ways {tech} could cut waiting times in {field} {url}",
                "New research links {tech} with better outcomes in {field}. Read the study 👉 {url}",
                "Our {field} team saw {n}% fewer missed appointments after introducing {tech}.",
                "Reminder: if you can't make your appointment, please cancel it so someone else can be seen.",
                "Thank you to every {role} working this weekend in {place}!",
                "Webinar on {day}: what {tech} means for {field}. Register here {url}",
                "Proud of our {role}s in {place}: {n} years of outstanding {field}.",
                "Is {tech} overhyped in {field}? A thread for {day}.",
            )
        ),
    }.items()
}


def _tweet(rng: np.random.Generator, tags: tuple[str, ...], tag_p: np.ndarray) -> str:
    """One synthetic original tweet: a filled template plus a long-tailed number of hashtags."""
    text = str(rng.choice(_WORDS["template"]))
    for slot in re.findall(r"{(\w+)}", text):
        value = str(rng.choice(_WORDS[slot])) if slot in _WORDS else str(rng.integers(3, 40))
        value = "https://t.co/" + "".join(rng.choice(_WORDS["code"], 10)) if slot == "url" else value
        text = text.replace("{" + slot + "}", value, 1)
    k = int(rng.choice([0, 1, 2, 3, 4, 6, 9], p=[0.12, 0.38, 0.2, 0.12, 0.1, 0.05, 0.03]))
    picked = [t.capitalize() if t.islower() and rng.random() < 0.25 else t for t in rng.choice(tags, k, False, tag_p)]
    end = str(rng.choice(["", ".", "!", ","], p=[0.9, 0.05, 0.03, 0.02]))  # e.g. "#NHS."
    return text + (" " + " ".join("#" + t for t in picked) + end if picked else "")


def _entities(text: str, users: dict[str, int]) -> tuple[str, str]:
    """The `tweet_entities` repr (code-point indices) and the `tweet_entities_hashtags` list of a text."""
    tags = list(re.finditer(r"#(\w+)", text))
    ent = {
        "hashtags": [{"text": m[1], "indices": [m.start(), m.end()]} for m in tags],
        "symbols": [],
        "user_mentions": [
            {
                "screen_name": m[1],
                "name": m[1],
                "id": users[m[1]],
                "id_str": str(users[m[1]]),
                "indices": [m.start(), m.end()],
            }
            for m in re.finditer(r"@(\w+)", text)
        ],
        "urls": [
            {
                "url": m[0],
                "expanded_url": f"https://example.org/{m[1]}",
                "display_url": f"example.org/{m[1]}",
                "indices": [m.start(), m.end()],
            }
            for m in re.finditer(r"https://t\.co/(\w+)", text)
        ],
    }
    return repr(ent), ", ".join("#" + m[1] for m in tags)


def _tweets(seed: int, n: int) -> pd.DataFrame:
    """`n` synthetic tweets: originals, and about 20% retweets of the first 40 (so some duplicates)."""
    rng = np.random.default_rng([seed, 4])
    tags, weights = zip(*(t.split(":") for t in _TAGS.split()))
    users = {u: int(rng.integers(10**8, 10**10)) for u in _WORDS["user"]}
    texts = [_tweet(rng, tags, np.array(weights, dtype=float) / sum(map(float, weights))) for _ in range(n)]
    is_rt, src, names = rng.random(n) < 0.2, (rng.zipf(1.6, n) - 1) % 40, rng.choice(list(users), size=n)
    retweets, is_rt[:40] = np.floor(rng.pareto(1.6, n) * 1.2).astype(int), False
    popular_rts = np.sort(np.minimum(rng.pareto(1.5, 40) * 10, 300).astype(int) + 2)[::-1]
    for i in np.flatnonzero(is_rt):
        rt = f"RT @{names[i]}: {texts[src[i]]}"
        texts[i], retweets[i] = rt if len(rt) <= 140 else rt[: rt.rfind(" ", 0, 139)] + "…", popular_rts[src[i]]
    ents = [_entities(t, users) for t in texts]
    return pd.DataFrame(
        {
            s.TWEET_ID: 1_567_630_000_000_000_000 - np.cumsum(rng.integers(10**12, 6 * 10**13, n)),
            s.TWEET_TEXT: texts,
            s.TWEET_ENTITIES: [e for e, _ in ents],
            s.TWEET_HASHTAGS: [h for _, h in ents],
            s.TWEET_METADATA: repr({"iso_language_code": "en", "result_type": "recent"}),
            s.TWEET_RETWEETS: retweets,
            s.TWEET_FAVOURITES: np.where(is_rt, 0, np.floor(rng.pareto(2.0, n) * 0.6)).astype(int),
            s.TWEET_FAVORITED: False,
            s.TWEET_RETWEETED: False,
            s.TWEET_LANG: "en",
        }
    )


_README = """# SYNTHETIC sample data

**These files are SYNTHETIC: generated by a program, not real NHS data.** They copy the layout of the four-file "LSE"
extract of NHS England's *Appointments in General Practice* (published by NHS England under the Open Government
Licence v3.0). Made by `python -m nhs_core sample --out data/` with seed {seed}; the same seed gives the same files.

| file | period and grain | data rows |
|---|---|---|
| `{f[0]}` | Jan 2020 to Jun 2022 (30 months), 42 ICBs; CRLF line ends | {n[0]:,} |
| `{f[1]}` | 1 Dec 2021 to 30 Jun 2022, daily, 106 sub-ICB locations | {n[1]:,} |
| `{f[2]}` | 1 Aug 2021 to 30 Jun 2022, daily, 106 sub-ICB locations | {n[2]:,} |
| `{f[3]}` | invented health-related tweets built from templates and word lists | {n[3]:,} |

How: invented national monthly totals (16 to 30 million, spring-2020 dip, winter peaks) are split over the 42 ICBs,
then by plausible shares. Each table is drawn from its full grid of expected counts by probability-proportional-to-size
sampling (keep a cell with probability p = min(1, expected / threshold), weight it by 1 / p with noise) and rescaled
within each (ICB, month) by largest-remainder rounding to positive integers; every ICB, sub-ICB, day and vocabulary
value appears. Exact, for every ICB and month: `{f[1]}` sums to the Attended appointments of
`{f[0]}`, and `{f[2]}` sums to all of its appointments.
"""


def write_sample(out_dir: Path | str, seed: int = SEED) -> list[Path]:
    """Write the synthetic sample (four LSE-layout files and a README) into `out_dir`.

    Parameters
    ----------
    out_dir : Path or str
        Folder to write into (created if needed); files of the same names are replaced.
    seed : int
        Random seed; the same seed gives byte-identical files.

    Returns
    -------
    list of Path
        The appointments, durations, categories and tweets files, then the README.
    """
    base, rows, paths = _base(seed), list(ROWS.values()), [Path(out_dir) / name for name in [*ROWS, "README.md"]]
    paths[0].parent.mkdir(parents=True, exist_ok=True)
    appointments, attended = _appointments(base, seed, rows[0])
    appointments.to_csv(paths[0], index=False, lineterminator="\r\n")
    _durations(base, attended, seed, rows[1]).to_csv(paths[1], index=False, lineterminator="\n")
    write_categories_xlsx(paths[2], rows[2], seed)
    _tweets(seed, rows[3]).to_csv(paths[3], index=False, lineterminator="\n")
    paths[4].write_text(_README.format(seed=seed, f=list(ROWS), n=rows), encoding="utf-8")
    return paths
