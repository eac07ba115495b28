"""The selection a command line asks for (`python -m nhs_core report --icb ... --from ... --to ...`), checked
against the data, with plain-English messages and a "did you mean" for ICBs."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

import pandas as pd

from nhs_core import schema as s
from nhs_core.analysis import filters as flt
from nhs_core.present import headlines as h
from nhs_core.present import images


def selection(
    tables: dict[str, pd.DataFrame], icbs: Iterable[str] = (), start: str | None = None, end: str | None = None
) -> flt.Filters:
    """The selection a command line asks for: ICBs (codes, or names) and a period of YYYY-MM months.

    Raises
    ------
    ValueError
        In plain English, when a month is not YYYY-MM, the period is backwards or outside the data, or an
        ICB is not in the data (with the nearest codes and names).
    """
    options = flt.options(tables)
    first = _month_text(start, "--from")
    last = _month_text(end, "--to")
    if first is not None and last is not None and first > last:
        raise ValueError(f"The period starts ({h.month(first)}) after it ends ({h.month(last)}).")
    if options.months and (first is not None or last is not None):
        covered = options.months[0], options.months[-1]
        words = (("from", first), ("to" if first is not None else "up to", last))
        asked = " ".join(f"{word} {h.month(m)}" for word, m in words if m is not None)
        first = first or covered[0]
        last = last or covered[1]
        if last < covered[0] or first > covered[1] or first > last:
            raise ValueError(
                f"The data has no months {asked}: it covers {h.month(covered[0])} to {h.month(covered[1])}."
            )
    known = flt.choices(options.areas, s.ICB, {})
    return flt.Filters(start=first, end=last, icbs=tuple(dict.fromkeys(_icb(v, known) for v in icbs)))


def _month_text(text: str | None, flag: str) -> pd.Timestamp | None:
    if text is None:
        return None
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text.strip()):
        raise ValueError(f"{flag} needs a month written YYYY-MM, such as 2021-01; it was given {text!r}.")
    return pd.Timestamp(f"{text.strip()}-01")


def _icb(text: str, known: dict[str, str]) -> str:
    """The ICB code for `text`: a code in the data, or a name (case-insensitive; "ICB" or "NHS" may be left off)."""
    wanted = text.strip()
    if wanted.upper() in known:
        return wanted.upper()
    by_name = {key.casefold(): code for code, name in known.items() for key in (name, images.short_area(name))}
    for key in (wanted.casefold(), f"{wanted} ICB".casefold()):
        if key in by_name:
            return by_name[key]
    if not known:
        raise ValueError(f"No loaded table has ICBs, so --icb {wanted} cannot apply.")
    looks_like_code = re.fullmatch(r"[A-Za-z]\d{4,}", wanted) is not None
    candidates = {code.casefold(): code for code in known} if looks_like_code else by_name
    containing = [key for key in candidates if wanted.casefold() in key]
    close = difflib.get_close_matches(wanted.casefold(), candidates, n=3, cutoff=0.6)
    near = list(dict.fromkeys(candidates[key] for key in [*containing, *close]))[:3]
    if near:
        hint = "did you mean " + " or ".join(f"{code} ({known[code]})" for code in near) + "?"
    else:
        hint = f"give one of the {len(known)} ICB codes in the data, such as {next(iter(known))}."
    raise ValueError(f"The ICB {wanted!r} is not in the data; {hint}")
