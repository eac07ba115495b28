"""The shares that practices are compared on: appointments with one value of a dimension, over those whose value
is known. One record each (`Share`), read by the practice comparison (``analysis.practices``), the funnel plot
and the practice crosstab's summary (``tables``), which stores each share's numerator and base per practice and
month so that a page never sums the crosstab's rows for them.
"""

from __future__ import annotations

from dataclasses import dataclass

from nhs_core import schema as s


@dataclass(frozen=True)
class Share:
    """One share per practice: appointments with `value` in `column`, over those whose `column` is known (not
    missing and not one of `unknown`).

    `rate` is the comparison's column holding it (its measure, so its format, is the column's in
    ``definitions``); `hits` and `known` name the columns holding its numerator and base.
    """

    name: str
    column: str
    value: str
    unknown: tuple[str, ...]
    rate: str

    @property
    def label(self) -> str:
        return s.label(self.rate)

    @property
    def hits(self) -> str:
        return f"{self.name}_appointments"

    @property
    def known(self) -> str:
        return f"{self.name}_known"

    @property
    def in_text(self) -> str:
        """The label inside a sentence ("the DNA rate", "the same-day share")."""
        return self.label if self.label[:3].isupper() else self.label[0].lower() + self.label[1:]


# The DNA rate's base is Attended + DNA (unknown status left out), as the DNA-rate definition says.
SHARES = (
    Share("dna", s.STATUS, s.STATUS_DNA, (s.STATUS_UNKNOWN,), s.DNA_RATE),
    Share("same_day", s.LEAD, "Same Day", (s.UNKNOWN_DQ,), s.SAME_DAY_SHARE),
    Share("face_to_face", s.MODE, "Face-to-Face", (s.UNKNOWN,), s.FACE_TO_FACE_SHARE),
    Share("gp", s.HCP, "GP", (s.UNKNOWN,), s.GP_SHARE_OF_KNOWN),
)
SHARE_BY_NAME = {share.name: share for share in SHARES}
SHARE_COLUMNS = tuple(column for share in SHARES for column in (share.hits, share.known))
