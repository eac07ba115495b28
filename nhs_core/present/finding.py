"""One finding (`Finding`) and the pages findings are shown on, named as the pages' titles; `findings` computes
them and re-exports both, so `findings.Finding` and `findings.ENGAGEMENT` work everywhere."""

from __future__ import annotations

from dataclasses import dataclass, field

ENGAGEMENT = "Engagement"
ATTENDANCE = "Attendance"
SERVICES = "Services and workforce"
DURATIONS = "Durations"
CAPACITY = "Capacity and seasonality"
SOCIAL = "Social media"
PRACTICES = "Practices"
DATA_QUALITY = "Data quality"
WORKFORCE = "Workforce and national overview"


@dataclass(frozen=True)
class Finding:
    """One finding: a short topic, a sentence with its number, the number alone, and where it is shown."""

    topic: str
    text: str
    value: str
    page: str
    facts: dict = field(default_factory=dict, compare=False)
