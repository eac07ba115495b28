"""`python -m nhs_core COMMAND`: validate files, summarise them, write the bundled sample.

Bad input prints the plain-English report and exits 1; it never prints a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from nhs_core import schema as s
from nhs_core.ingest import Ingested, ingest_paths


def _files_report(result: Ingested) -> str:
    lines = [f"- {f.file}: {f.description}" for f in result.files]
    return "\n".join(["Recognised:", *lines] if lines else ["Nothing was recognised."])


def cmd_validate(args: argparse.Namespace) -> int:
    result = ingest_paths(args.files)
    print(_files_report(result))
    print(result.report.to_text())
    errors, warnings = len(result.report.errors), len(result.report.warnings)
    print(f"\n{errors} error(s), {warnings} warning(s).", "Nothing can be imported until the errors are fixed."
          if errors else "These files can be imported.")
    return 1 if errors else 0


def cmd_summary(args: argparse.Namespace) -> int:
    from nhs_core.metrics import summary

    result = ingest_paths(args.paths)
    data = summary(result.tables)
    data["files"] = [f.description for f in result.files]
    data["problems"] = [p.text() for p in result.report.errors + result.report.warnings]
    if args.json:
        print(json.dumps(data, indent=2, allow_nan=False))
    else:
        print(_readable(data))
    if result.report.errors:
        print(result.report.to_text(), file=sys.stderr)
    return 1 if result.report.errors else 0


def _readable(data: dict) -> str:
    lines = ["Tables:"]
    for name, info in data["tables"].items():
        period = f", {info['first_month']} to {info['last_month']}" if "first_month" in info else ""
        total = f", {info['appointments']:,} appointments" if "appointments" in info else ""
        lines.append(f"  {s.TABLE_LABELS[name]}: {info['rows']:,} rows{total}{period}")
    if data["monthly_appointments"]:
        lines.append("\nMonth      appointments   per day")
        for month, count in data["monthly_appointments"].items():
            lines.append(f"  {month}  {count:>13,}  {data['appointments_per_day'][month]:>10,.0f}")
        lines.append("\nStatus: " + ", ".join(f"{k} {v:,}" for k, v in data["status_appointments"].items()))
        rate = data["dna_rate"]
        lines.append(f"DNA rate (DNA / (Attended + DNA)): {rate:.2%}" if rate is not None else
                     "DNA rate: not defined (no attended or DNA appointments)")
    if data["top_hashtags"]:
        lines.append("Top hashtags: " + ", ".join(f"#{t} ({c})" for t, c in data["top_hashtags"]))
    if data["top_locations_by_records"]:
        lines.append("Locations with most records: " + "; ".join(f"{n} ({r:,})" for n, r in
                                                                    data["top_locations_by_records"]))
    for problem in data["problems"]:
        lines.append(f"! {problem}")
    return "\n".join(lines)


def cmd_sample(args: argparse.Namespace) -> int:
    from nhs_core.sample import write_sample

    for path in write_sample(Path(args.out), seed=args.seed):
        print(f"wrote {path}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m nhs_core", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help="check files and print the validation report")
    p.add_argument("files", nargs="+", help="CSV, XLSX or ZIP files, or folders of them")
    p.set_defaults(run=cmd_validate)
    p = sub.add_parser("summary", help="headline figures of files or folders")
    p.add_argument("paths", nargs="+", help="CSV, XLSX or ZIP files, or folders of them")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(run=cmd_summary)
    p = sub.add_parser("sample", help="write the synthetic bundled sample")
    p.add_argument("--out", default="data", help="folder to write (default: data)")
    p.add_argument("--seed", type=int, default=2022)
    p.set_defaults(run=cmd_sample)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    missing = [p for p in getattr(args, "files", []) + getattr(args, "paths", []) if not Path(p).exists()]
    if missing:
        print(f"Not found: {', '.join(missing)}. Give paths to CSV, XLSX or ZIP files or folders.", file=sys.stderr)
        return 1
    return args.run(args)
