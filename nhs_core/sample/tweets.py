"""The synthetic tweets: invented health-related tweets from templates and word lists, some retweeted."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from nhs_core import schema as s

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


def tweets(seed: int, n: int) -> pd.DataFrame:
    """`n` synthetic tweets: originals, and about 20% retweets of the first 40 (so some duplicates)."""
    rng = np.random.default_rng([seed, 4])
    tags, weights = zip(*(t.split(":") for t in _TAGS.split()))
    users = {u: int(rng.integers(10**8, 10**10)) for u in _WORDS["user"]}
    texts = [_tweet(rng, tags, np.array(weights, dtype=float) / sum(map(float, weights))) for _ in range(n)]
    is_rt = rng.random(n) < 0.2
    src = (rng.zipf(1.6, n) - 1) % 40
    names = rng.choice(list(users), size=n)
    retweets = np.floor(rng.pareto(1.6, n) * 1.2).astype(int)
    is_rt[:40] = False
    popular_rts = np.sort(np.minimum(rng.pareto(1.5, 40) * 10, 300).astype(int) + 2)[::-1]
    for i in np.flatnonzero(is_rt):
        rt = f"RT @{names[i]}: {texts[src[i]]}"
        texts[i] = rt if len(rt) <= 140 else rt[: rt.rfind(" ", 0, 139)] + "…"
        retweets[i] = popular_rts[src[i]]
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
