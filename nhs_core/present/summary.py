"""The `summary` command's figures as a readable table (`python -m nhs_core summary` without --json).

Each measure is labelled, explained and written as its record in `nhs_core.definitions` says.
"""

from __future__ import annotations

from nhs_core import definitions as d
from nhs_core.tables import table_label


def _tables(data: dict) -> list[str]:
    lines = ["Tables:"]
    for name, info in data["tables"].items():
        period = f", {info['first_month']} to {info['last_month']}" if "first_month" in info else ""
        total = f", {d.APPOINTMENTS.fmt.exact(info['appointments'])} appointments" if "appointments" in info else ""
        lines.append(f"  {table_label(name)}: {d.RECORDS.show(info['rows'])} rows{total}{period}")
    return lines


def _months(data: dict) -> list[str]:
    lines = ["\nMonth      appointments   per day"]
    for month, count in data["monthly_appointments"].items():
        per_day = d.PER_DAY.fmt.exact(data["appointments_per_day"][month])
        lines.append(f"  {month}  {d.APPOINTMENTS.fmt.exact(count):>13}  {per_day:>10}")
    statuses = ", ".join(f"{k} {d.APPOINTMENTS.fmt.exact(v)}" for k, v in data["status_appointments"].items())
    rate = data["dna_rate"]
    dna = d.DNA_RATE
    return [
        *lines,
        f"\nStatus: {statuses}",
        f"{dna.label} ({dna.equation}): {dna.show(rate)}"
        if rate is not None
        else f"{dna.label}: not defined (no {dna.basis.text})",
    ]


def summary_text(data: dict) -> str:
    """`metrics.summary` (with the command's `problems` list) as lines of text for a terminal."""
    lines = _tables(data)
    if data["monthly_appointments"]:
        lines += _months(data)
    if data["top_hashtags"]:
        lines.append("Top hashtags: " + ", ".join(f"#{t} ({c})" for t, c in data["top_hashtags"]))
    if data["top_locations_by_records"]:
        lines.append(
            "Locations with most records: " + "; ".join(f"{n} ({r:,})" for n, r in data["top_locations_by_records"])
        )
    lines += [f"! {problem}" for problem in data["problems"]]
    return "\n".join(lines)
