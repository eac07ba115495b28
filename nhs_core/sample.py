"""Deterministic generator of the bundled SYNTHETIC sample, in the four-file LSE layout.

Nothing here is real NHS data. Monthly totals per ICB come from a national profile; every table is
drawn from a full grid of expected counts by probability-proportional-to-size sampling, then rescaled
within each (ICB, month) so that durations sum to attended appointments and national categories sum
to all appointments, exactly. The same seed always gives the same files.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook

from nhs_core import geography
from nhs_core import schema as s

SEED = 2022
COMMAND = "python -m nhs_core sample --out data/"
APPOINTMENTS_FILE, DURATIONS_FILE = "appointments_regional.csv", "actual_duration.csv"
CATEGORIES_FILE, TWEETS_FILE = "national_categories.xlsx", "tweets.csv"
ROWS = {APPOINTMENTS_FILE: 45_000, DURATIONS_FILE: 12_000, CATEGORIES_FILE: 32_000}
N_TWEETS = 1_000
MONTHS = pd.period_range("2020-01", "2022-06", freq="M")
DURATION_DAYS = pd.date_range("2021-12-01", "2022-06-30", freq="D")
CATEGORY_DAYS = pd.date_range("2021-08-01", "2022-06-30", freq="D")
_FIXED_TIME = dt.datetime(2022, 7, 1)
_MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
# National appointments per month in millions, Jan 2020 to Jun 2022 (synthetic, realistic shape).
_NATIONAL = (27.0, 24.3, 24.0, 16.0, 16.4, 20.5, 22.4, 20.6, 26.2, 28.4, 25.3, 23.3,
             22.9, 22.7, 27.0, 24.0, 24.2, 26.9, 25.8, 23.8, 28.3, 29.8, 30.0, 25.0,
             25.5, 25.3, 29.3, 23.9, 27.4, 26.0)
_F2F_KNOTS = ((0, 2, 3, 6, 12, 20, 29), (0.79, 0.67, 0.47, 0.50, 0.53, 0.60, 0.64))
_HCP = (0.50, 0.46, 0.04)
_LEAD = (0.35, 0.10, 0.25, 0.13, 0.07, 0.05, 0.04, 0.01)
_SAME_DAY_BY_MODE = (0.8, 1.4, 1.45, 1.1, 1.0)  # Face-to-Face, Home Visit, Telephone, Video, Unknown
_DNA_BY_LEAD = (0.018, 0.035, 0.05, 0.064, 0.072, 0.078, 0.092, 0.045)
_DNA_BY_MODE = (1.15, 0.9, 0.55, 0.9, 1.0)
_DURATION = (0.19, 0.22, 0.17, 0.10, 0.09, 0.05, 0.18)
_SETTING = (0.895, 0.025, 0.015, 0.035, 0.03)
_CATEGORY = (0.3, 0.5, 6, 14, 20, 28, 0.1, 1, 0.3, 0.4, 9, 9, 2, 0.6, 2, 2, 0.5)  # the 17 real ones
_INCONSISTENT = 0.08
_WEEKDAY = (1.16, 1.05, 1.0, 1.0, 0.95, 0.075, 0.035)
_BANK_HOLIDAYS = pd.to_datetime(["2021-08-30", "2021-12-27", "2021-12-28", "2022-01-03", "2022-04-15",
                                 "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03"])


def _rng(seed: int, stream: int) -> np.random.Generator:
    return np.random.default_rng([seed, stream])


def _norm(a: np.ndarray, axis: int = -1) -> np.ndarray:
    return a / a.sum(axis=axis, keepdims=True)


def _jitter(rng: np.random.Generator, base, shape: tuple[int, ...], sigma: float) -> np.ndarray:
    """Probabilities `base` times log-normal noise of the given shape, renormalised on the last axis."""
    return _norm(np.asarray(base, dtype=float) * rng.lognormal(0.0, sigma, shape))


def _geo() -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """Sub-ICB lookup, the 42 ICB codes (sorted) and each sub-ICB's ICB index."""
    subs = geography.sub_icbs().sort_values(s.SUB_ICB).reset_index(drop=True)
    icb_codes = np.array(sorted(subs[s.ICB].unique()))
    return subs, icb_codes, np.searchsorted(icb_codes, subs[s.ICB].to_numpy())


def _base(seed: int) -> dict[str, np.ndarray]:
    """Monthly totals per ICB (ICB x month) and each sub-ICB's share of its ICB."""
    rng = _rng(seed, 0)
    subs, icb_codes, icb_of = _geo()
    n_sub = np.bincount(icb_of, minlength=len(icb_codes))
    icb_share = _norm((1.5 + n_sub) ** 0.8 * rng.lognormal(0.0, 0.3, len(icb_codes)))
    national = np.array(_NATIONAL) * 1e6 * rng.lognormal(0.0, 0.01, len(MONTHS))
    drift = rng.lognormal(0.0, 0.03, (len(icb_codes), len(MONTHS)))
    totals = np.rint(icb_share[:, None] * national[None, :] * drift).astype(np.int64)
    sub_w = rng.lognormal(0.0, 0.4, len(subs))
    sub_share = sub_w / np.bincount(icb_of, weights=sub_w)[icb_of]
    return {"totals": totals, "sub_share": sub_share, "icb_of": icb_of, "icb_codes": icb_codes}


def _threshold(expected: np.ndarray, rows: int) -> float:
    """Threshold t with sum(min(1, expected / t)) == rows (bisection on a log scale)."""
    lo, hi = np.log(expected.min() * 1e-3), np.log(expected.sum())
    for _ in range(60):
        mid = (lo + hi) / 2
        if np.minimum(1.0, expected / np.exp(mid)).sum() > rows:
            lo = mid
        else:
            hi = mid
    return float(np.exp(hi))


def _apportion(weight: np.ndarray, group: np.ndarray, totals: np.ndarray) -> np.ndarray:
    """Positive integers proportional to `weight` summing exactly to `totals[g]` in each group g."""
    n = np.bincount(group, minlength=len(totals))
    spare = totals - n
    if (spare < 0).any() or ((n == 0) & (totals > 0)).any():
        raise ValueError("a group has more kept cells than appointments, or no cell at all")
    wsum = np.bincount(group, weights=weight, minlength=len(totals))
    exact = spare[group] * weight / wsum[group]
    base = np.floor(exact).astype(np.int64)
    short = spare - np.bincount(group, weights=base, minlength=len(totals)).round().astype(np.int64)
    order = np.lexsort((-(exact - base), group))
    ranked = group[order]
    rank = np.arange(len(order)) - np.searchsorted(ranked, ranked)
    base[order[rank < short[ranked]]] += 1
    return base + 1


def _sample(expected: np.ndarray, group: np.ndarray, totals: np.ndarray, rows: int,
            rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """PPS-sample `rows` cells of a grid, then rescale kept counts to the group totals.

    `expected` has one axis per dimension; every value of every axis is forced in (its largest
    cell), as is the largest cell of every group. Returns the kept flat indices and their counts.
    """
    flat, grp = expected.ravel(), group.ravel()
    if rows > flat.size:
        raise ValueError(f"at most {flat.size} rows are possible, {rows} were asked for")
    p = np.minimum(1.0, flat / _threshold(flat, rows))
    key = rng.random(flat.size) / p
    codes = [*np.unravel_index(np.arange(flat.size), expected.shape), grp]
    for code in codes:  # force in the largest cell of every value of every axis
        order = np.lexsort((-flat, code))
        key[order[np.unique(code[order], return_index=True)[1]]] = -1.0
    keep = np.sort(np.argpartition(key, rows - 1)[:rows])
    weight = flat[keep] / p[keep] * rng.lognormal(0.0, 0.1, rows)
    return keep, _apportion(weight, grp[keep], totals.ravel())


def _appointments(base: dict, seed: int, rows: int) -> pd.DataFrame:
    """The regional table: ICB x month x status x HCP x mode x lead time, PPS-sampled."""
    rng, totals = _rng(seed, 1), base["totals"]
    n_icb, n_m = totals.shape
    f2f = np.interp(np.arange(n_m), *_F2F_KNOTS)
    other = np.stack([np.full(n_m, 0.008), np.full(n_m, 0.007), np.linspace(0.048, 0.026, n_m)], 1)
    mode = np.column_stack([f2f, other[:, 0], 1 - f2f - other.sum(1), other[:, 1], other[:, 2]])
    mode = _norm(mode[None] * rng.lognormal(0.0, 0.1, (n_icb, 1, 5)))
    lead = _jitter(rng, np.outer(_SAME_DAY_BY_MODE, [1] + [0.93] * 7) * _LEAD, (n_icb, 5, 8), 0.1)
    hcp = _jitter(rng, _HCP, (n_icb, 3), 0.08)
    unknown = np.where((np.arange(n_m) >= 2) & (np.arange(n_m) <= 4), 0.08, 0.048)
    dna = np.outer(_DNA_BY_MODE, _DNA_BY_LEAD)[None] * rng.lognormal(0.0, 0.15, (n_icb, 1, 1))
    dna = dna[:, None] * (1 - unknown)[None, :, None, None]  # icb, month, mode, lead
    status = np.stack([1 - unknown[None, :, None, None] - dna, dna, np.broadcast_to(
        unknown[None, :, None, None], dna.shape)], axis=2)  # icb, month, status, mode, lead
    prob = (status[:, :, :, None] * hcp[:, None, None, :, None, None]
            * mode[:, :, None, None, :, None] * lead[:, None, None, None])
    group = np.arange(totals.size).reshape(n_icb, n_m)[:, :, None, None, None, None]
    keep, counts = _sample(totals[..., None, None, None, None] * prob,
                           np.broadcast_to(group, prob.shape), totals, rows, rng)
    idx = np.unravel_index(keep, prob.shape)
    dims = (s.STATUS, s.HCP, s.MODE, s.LEAD)
    out = {s.ICB: base["icb_codes"][idx[0]], s.MONTH: MONTHS.strftime("%Y-%m").to_numpy()[idx[1]]}
    out |= {d: np.array(s.VOCABULARIES[d])[i] for d, i in zip(dims, idx[2:])}
    return pd.DataFrame(out | {s.COUNT: counts})


def _month_totals(appointments: pd.DataFrame, base: dict, days: pd.DatetimeIndex,
                  attended: bool) -> np.ndarray:
    """ICB x month totals of the appointments table over the months that `days` cover."""
    frame = appointments[appointments[s.STATUS] == s.STATUS_ATTENDED] if attended else appointments
    table = frame.pivot_table(index=s.ICB, columns=s.MONTH, values=s.COUNT, aggfunc="sum")
    months = days.to_period("M").unique().strftime("%Y-%m")
    return table.reindex(index=base["icb_codes"], columns=months).fillna(0).to_numpy(np.int64)


def _daily(base: dict, totals: np.ndarray, days: pd.DatetimeIndex, mix: np.ndarray, rows: int,
           rng: np.random.Generator) -> tuple[tuple[np.ndarray, ...], np.ndarray]:
    """Sample a sub-ICB x day x `mix` grid; the counts of each (ICB, month) sum to `totals`."""
    month = np.asarray(days.month + 12 * days.year) - (days[0].month + 12 * days[0].year)
    weekday = np.array(_WEEKDAY)[days.weekday] * np.where(days.isin(_BANK_HOLIDAYS), 0.04, 1.0)
    day_w = weekday[None, :] * rng.lognormal(0.0, 0.05, (len(base["icb_of"]), len(days)))
    starts = np.flatnonzero(np.r_[True, np.diff(month) != 0])
    day_w /= np.add.reduceat(day_w, starts, axis=1)[:, month]
    sub_month = totals[base["icb_of"]] * base["sub_share"][:, None]
    expected = (sub_month[:, month] * day_w)[:, :, None] * mix[:, None, :]
    group = base["icb_of"][:, None] * totals.shape[1] + month[None, :]
    group = np.broadcast_to(group[:, :, None], expected.shape)
    keep, counts = _sample(expected, group, totals, rows, rng)
    return np.unravel_index(keep, expected.shape), counts


def _durations(base: dict, appointments: pd.DataFrame, seed: int, rows: int) -> pd.DataFrame:
    """Actual durations per sub-ICB and day; each (ICB, month) sums to its attended appointments."""
    rng, subs = _rng(seed, 2), _geo()[0]
    totals = _month_totals(appointments, base, DURATION_DAYS, attended=True)
    mix = _jitter(rng, _DURATION, (len(subs), len(_DURATION)), 0.15)
    (sub, day, dur), counts = _daily(base, totals, DURATION_DAYS, mix, rows, rng)
    dates = np.array([f"{d.day:02d}-{_MON[d.month - 1]}-{d.year % 100:02d}" for d in DURATION_DAYS])
    cols = [s.SUB_ICB, s.SUB_ICB_ONS, s.SUB_ICB_NAME, s.ICB, s.REGION]
    out = subs[cols].iloc[sub].reset_index(drop=True)
    out[s.DATE], out[s.DURATION] = dates[day], np.array(s.VOCABULARIES[s.DURATION])[dur]
    out[s.COUNT] = counts
    return out


def _combos() -> tuple[list[tuple[str, str, str]], np.ndarray]:
    """Realistic (setting, context, category) combinations and their national shares."""
    settings, (cre, incons, unmapped) = s.VOCABULARIES[s.SETTING], s.VOCABULARIES[s.CONTEXT]
    cats, cat_p = s.VOCABULARIES[s.CATEGORY][:17], _norm(np.array(_CATEGORY, dtype=float))
    combos, shares = [], []
    for setting, p in zip(settings[:4], _SETTING[:4]):
        combos += [(setting, cre, c) for c in cats] + [(setting, incons, incons)]
        shares += list(p * (1 - _INCONSISTENT) * cat_p) + [p * _INCONSISTENT]
    return combos + [(unmapped, unmapped, unmapped)], np.array(shares + [_SETTING[4]])


def _categories(base: dict, totals: np.ndarray, seed: int, rows: int) -> tuple[list, np.ndarray]:
    """National-category rows (as columns of Python values) and their counts."""
    rng, subs = _rng(seed, 3), _geo()[0]
    combos, shares = _combos()
    mix = _jitter(rng, shares, (len(subs), len(combos)), 0.15)
    (sub, day, combo), counts = _daily(base, totals, CATEGORY_DAYS, mix, rows, rng)
    dates = np.array([d.to_pydatetime() for d in CATEGORY_DAYS], dtype=object)
    combo_cols = [np.array(c, dtype=object)[combo].tolist() for c in zip(*combos)]
    return [dates[day].tolist(), base["icb_codes"][base["icb_of"][sub]].tolist(),
            subs[s.SUB_ICB_NAME].to_numpy()[sub].tolist(), *combo_cols, counts.tolist(),
            CATEGORY_DAYS.strftime("%Y-%m").to_numpy()[day].tolist()], counts


def _write_xlsx(path: Path, columns: list[list]) -> Path:
    """Write one sheet with openpyxl write_only, then fix the timestamps so the bytes repeat."""
    wb = Workbook(write_only=True)
    wb.properties.created = wb.properties.modified = _FIXED_TIME
    ws = wb.create_sheet("national_categories")
    ws.append([s.DATE, s.ICB, s.SUB_ICB_NAME, s.SETTING, s.CONTEXT, s.CATEGORY, s.COUNT, s.MONTH])
    for row in zip(*columns):
        ws.append(row)
    wb.save(path)
    with zipfile.ZipFile(path) as z:
        parts = [(name, z.read(name)) for name in z.namelist()]
    stamp = _FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, data)
            z.writestr(zipfile.ZipInfo(name, _FIXED_TIME.timetuple()[:6]), data, zipfile.ZIP_DEFLATED)
    return path


def write_categories_xlsx(path: Path | str, rows: int, seed: int = SEED) -> Path:
    """Write a national-categories workbook of exactly `rows` data rows (e.g. for a benchmark).

    Parameters
    ----------
    path : Path or str
        Output `.xlsx` file.
    rows : int
        Number of data rows, at most the full grid (106 sub-ICBs x 334 days x 73 combinations).
    seed : int
        Random seed; ICB-month totals match the sample's appointments table for the same seed.

    Returns
    -------
    Path
        The file written.
    """
    base = _base(seed)
    totals = base["totals"][:, -len(CATEGORY_DAYS.to_period("M").unique()):]
    columns, _ = _categories(base, totals, seed, rows)
    return _write_xlsx(Path(path), columns)


_WORDS = {
    "tag": "healthcare:100 health:34 medicine:20 AI:17 job:15 nurse:12 hiring:11 NHS:9 nursing:8 "
           "digitalhealth:7 healthtech:6 jobs:6 pharma:5 mentalhealth:5 wellness:4 covid19:4 research:4 "
           "doctor:3 medtech:3 publichealth:3 primarycare:3 careers:2 telehealth:2 innovation:2 cancer:2 "
           "science:2 biotech:2 meded:2 hospital:1 data:1 fitness:1 nutrition:1 diabetes:1 radiology:1 "
           "caregiving:1 vaccine:1 patientsafety:1 machinelearning:1 strategy:1 marketing:1 pharmacy:1",
    "user": "HealthJobsHub MedTechDaily NurseNetwork CareCareersNow DigitalCareNews PharmaInsight "
            "ClinicDataLab WellbeingToday PrimaryCareVoice HealthPolicyWatch RadiologyRounds GPTrainee",
    "role": "Registered Nurse|Practice Nurse|Salaried GP|Clinical Pharmacist|Care Assistant|Paramedic|"
            "Physiotherapist|Data Analyst|Healthcare Assistant|Medical Receptionist|Nurse Practitioner",
    "place": "Leeds|Manchester|Bristol|London|Birmingham|Sheffield|Norwich|Exeter|Newcastle|Leicester|York",
    "tech": "AI|machine learning|remote monitoring|telehealth|wearables|digital triage|virtual wards|"
            "online booking|genomics|robotic surgery",
    "field": "primary care|cancer care|mental health services|diabetes care|emergency medicine|radiology|"
             "community nursing|pharmacy|maternity care|care homes",
    "day": "Monday|Tuesday|Wednesday|Thursday",
    "site": "jobs.example.org|news.example.com|research.example.net|events.example.org",
}
_TEMPLATES = (
    "We're hiring! Join our team as a {role} in {place}. Apply today: {url}",
    "New role: {role}, {place}. Flexible hours, great training and a supportive team. {url}",
    "How {tech} is transforming {field}: {url}",
    "{n} ways {tech} could cut waiting times in {field} {url}",
    "New research links {tech} with better outcomes in {field}. Read the study 👉 {url}",
    "Our {field} team saw {n}% fewer missed appointments after introducing {tech}.",
    "Reminder: if you can't make your appointment, please cancel it so someone else can be seen.",
    "Thank you to every {role} working this weekend in {place}!",
    "Webinar on {day}: what {tech} means for {field}. Register here {url}",
    "Is {tech} overhyped in {field}? Our latest episode asks the experts. {url}",
    "Looking for a {role} job in {place}? We are recruiting now. Visit {url}",
    "Proud of our {role}s in {place}: {n} years of outstanding {field}.",
)


def _tweet(rng: np.random.Generator, tags: list[str], tag_p: np.ndarray) -> str:
    """One synthetic original tweet: a filled template plus a long-tailed number of hashtags."""
    words = {k: v.split("|") for k, v in _WORDS.items() if "|" in v}
    text = str(rng.choice(_TEMPLATES))
    for slot in re.findall(r"{(\w+)}", text):
        value = str(rng.choice(words[slot])) if slot in words else str(rng.integers(3, 40))
        if slot == "url":
            code = "".join(rng.choice(list("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"), 10))
            value = f"https://t.co/{code}"
        text = text.replace("{" + slot + "}", value, 1)
    k = int(rng.choice([0, 1, 2, 3, 4, 6, 9], p=[0.12, 0.38, 0.2, 0.12, 0.1, 0.05, 0.03]))
    picked = [str(t) for t in rng.choice(tags, size=k, replace=False, p=tag_p)]
    picked = [t.capitalize() if t.islower() and rng.random() < 0.25 else t for t in picked]
    if picked:
        end = str(rng.choice(["", ".", "!", ","], p=[0.9, 0.05, 0.03, 0.02]))
        text += " " + " ".join("#" + t for t in picked) + end
    return text


def _entities(text: str, users: dict[str, int]) -> tuple[str, str]:
    """The `tweet_entities` repr (with code-point indices) and the `tweet_entities_hashtags` list."""
    hashtags = [{"text": m[1], "indices": [m.start(), m.end()]} for m in re.finditer(r"#(\w+)", text)]
    mentions = [{"screen_name": m[1], "name": m[1], "id": users[m[1]], "id_str": str(users[m[1]]),
                 "indices": [m.start(), m.end()]} for m in re.finditer(r"@(\w+)", text)]
    urls = [{"url": m[0], "expanded_url": f"https://{_site(m[0])}/{m[1].lower()}",
             "display_url": f"{_site(m[0])}/{m[1].lower()}", "indices": [m.start(), m.end()]}
            for m in re.finditer(r"https://t\.co/(\w+)", text)]
    ent = {"hashtags": hashtags, "symbols": [], "user_mentions": mentions, "urls": urls}
    return repr(ent), ", ".join("#" + h["text"] for h in hashtags)


def _site(url: str) -> str:
    sites = _WORDS["site"].split("|")
    return sites[sum(map(ord, url)) % len(sites)]


def _tweets(seed: int, n: int = N_TWEETS) -> pd.DataFrame:
    """About `n` synthetic tweets: originals plus retweets of a few popular ones (some duplicated)."""
    rng = _rng(seed, 4)
    pairs = [t.split(":") for t in _WORDS["tag"].split()]
    tags, tag_p = [t for t, _ in pairs], _norm(np.array([float(w) for _, w in pairs]))
    users = {u: int(rng.integers(10**8, 10**10)) for u in _WORDS["user"].split()}
    texts = [_tweet(rng, tags, tag_p) for _ in range(n)]
    popular = texts[:40]
    is_rt = rng.random(n) < 0.2
    retweets = np.floor(rng.pareto(1.4, n) * 1.5).astype(int)
    favourites = np.where(is_rt, 0, np.floor(rng.pareto(2.0, n) * 0.6)).astype(int)
    src = rng.choice(len(popular), size=n, p=_norm(1.0 / np.arange(1, len(popular) + 1)))
    names = rng.choice(list(users), size=n)
    for i in np.flatnonzero(is_rt):
        rt = f"RT @{names[i]}: {popular[src[i]]}"
        texts[i] = rt if len(rt) <= 140 else rt[: rt.rfind(" ", 0, 139)] + "…"
        retweets[i] = 5 + 7 * (40 - src[i])
    ids = 1_567_630_000_000_000_000 - np.cumsum(rng.integers(10**12, 6 * 10**13, n))
    ents = [_entities(t, users) for t in texts]
    return pd.DataFrame({
        s.TWEET_ID: ids, s.TWEET_TEXT: texts, s.TWEET_ENTITIES: [e for e, _ in ents],
        s.TWEET_HASHTAGS: [h for _, h in ents],
        s.TWEET_METADATA: repr({"iso_language_code": "en", "result_type": "recent"}),
        s.TWEET_RETWEETS: retweets, s.TWEET_FAVOURITES: favourites, s.TWEET_FAVORITED: False,
        s.TWEET_RETWEETED: False, s.TWEET_LANG: "en"})


def _readme(seed: int, counts: dict[str, int]) -> str:
    """The README that travels with the sample."""
    rows = "\n".join(f"| `{name}` | {period} | {counts[name]:,} |" for name, period in (
        (APPOINTMENTS_FILE, "Jan 2020 to Jun 2022, monthly, 42 ICBs"),
        (DURATIONS_FILE, "1 Dec 2021 to 30 Jun 2022, daily, 106 sub-ICB locations"),
        (CATEGORIES_FILE, "1 Aug 2021 to 30 Jun 2022, daily, 106 sub-ICB locations"),
        (TWEETS_FILE, "synthetic tweets")))
    return f"""# SYNTHETIC sample data

**These files are SYNTHETIC: generated by a program, not real NHS data.** They copy the layout,
column names and vocabularies of the four-file "LSE" extract of NHS England's *Appointments in
General Practice*, so the app can run without downloads. Do not use them for any analysis.

Made by `{COMMAND}` (module `nhs_core.sample`) with seed {seed}; the same seed gives the same files.

| file | period and grain | data rows |
|---|---|---|
{rows}

How they were made:
- Monthly totals per ICB follow a synthetic national profile (about 16 to 30 million a month, with the
  spring 2020 dip and winter peaks) split over the 42 real ICBs by random weights. Status, HCP type,
  mode (face-to-face falling and telephone rising from March 2020) and booking lead time follow
  plausible shares; the DNA rate rises with lead time and is higher face-to-face than by telephone.
- Each table is drawn from the full grid of expected counts by probability-proportional-to-size
  sampling (a cell is kept with probability min(1, expected / threshold) and its count scaled by the
  inverse), then rescaled within each (ICB, month) by largest-remainder rounding. Every ICB, sub-ICB
  location, day and vocabulary value appears; all counts are positive integers.
- Exact constraints: for each ICB and month, `{DURATIONS_FILE}` sums to the Attended appointments of
  `{APPOINTMENTS_FILE}`, and `{CATEGORIES_FILE}` sums to all its appointments.
- Weekdays are busy, weekends and bank holidays quiet. Tweets are built from templates and word lists;
  users, links and identifiers are invented.

The real data are published by NHS England ("Appointments in General Practice") under the Open
Government Licence v3.0.
"""


def write_sample(out_dir: Path | str, seed: int = SEED) -> list[Path]:
    """Write the synthetic sample (four LSE-layout files and a README) into `out_dir`.

    Parameters
    ----------
    out_dir : Path or str
        Folder to write into (created if needed); existing files of the same names are replaced.
    seed : int
        Random seed; the same seed gives byte-identical CSVs and identical workbook content.

    Returns
    -------
    list of Path
        The four data files, then the README.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    base = _base(seed)
    appointments = _appointments(base, seed, ROWS[APPOINTMENTS_FILE])
    durations = _durations(base, appointments, seed, ROWS[DURATIONS_FILE])
    totals = _month_totals(appointments, base, CATEGORY_DAYS, attended=False)
    columns, counts = _categories(base, totals, seed, ROWS[CATEGORIES_FILE])
    tweets = _tweets(seed)
    paths = [out / name for name in (APPOINTMENTS_FILE, DURATIONS_FILE, CATEGORIES_FILE, TWEETS_FILE)]
    appointments.to_csv(paths[0], index=False, lineterminator="\r\n")
    durations.to_csv(paths[1], index=False, lineterminator="\n")
    _write_xlsx(paths[2], columns)
    tweets.to_csv(paths[3], index=False, lineterminator="\n")
    sizes = dict(zip([p.name for p in paths], [len(appointments), len(durations), len(counts), len(tweets)]))
    readme = out / "README.md"
    readme.write_text(_readme(seed, sizes), encoding="utf-8")
    return [*paths, readme]
