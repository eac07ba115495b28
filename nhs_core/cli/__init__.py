"""`python -m nhs_core COMMAND`: validate, summarise, import files; list and restore versions; write the sample;
write the stakeholder briefing.

The commands that work on the store of versions (import, history, restore) are in ``cli.versions``.

Bad input prints the plain-English report and exits 1; it never prints a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from nhs_core.cli import terminal, versions
from nhs_core.load.ingest import Ingested, ingest_paths


def _files_report(result: Ingested, shown: int = 10) -> str:
    """What each file was recognised as; past `shown` files one line counts the rest (a zip of 1,000 files)."""
    lines = [f"- {f.file}: {f.description}" for f in result.files[:shown]]
    if len(result.files) > shown:
        lines.append(f"- and {len(result.files) - shown:,} more files")
    return "\n".join(["Recognised:", *lines] if lines else ["Nothing was recognised."])


def cmd_validate(args: argparse.Namespace) -> int:
    """Print the validation report (or, with --json, one JSON object); exit 1 when any file has errors."""
    result = ingest_paths(args.files)
    if args.json:
        print(json.dumps(_validation(result), indent=2, allow_nan=False, default=str))
        return 1 if result.report.errors else 0
    print(_files_report(result))
    print(result.report.to_text())
    errors = len(result.report.errors)
    warnings = len(result.report.warnings)
    print(
        f"\n{errors} error(s), {warnings} warning(s).",
        "Nothing can be imported until the errors are fixed." if errors else "These files can be imported.",
    )
    return 1 if errors else 0


def _validation(result: Ingested) -> dict:
    """The files recognised and the report (every problem with its code, level, file, message and fields)."""
    files = [
        {
            "file": f.file,
            "table": f.table,
            "description": f.description,
            "rows": f.rows,
            "appointments": f.appointments,
            "first_month": f"{f.first_month:%Y-%m}" if f.first_month is not None else None,
            "last_month": f"{f.last_month:%Y-%m}" if f.last_month is not None else None,
        }
        for f in result.files
    ]
    return {"files": files, **result.report.to_dict()}


def cmd_summary(args: argparse.Namespace) -> int:
    from nhs_core.analysis.summary import summary
    from nhs_core.present.summary import summary_text

    result = ingest_paths(args.paths)
    data = summary(result.tables)
    data["files"] = [f.description for f in result.files]
    data["problems"] = [p.text() for p in result.report.errors + result.report.warnings]
    if args.json:
        print(json.dumps(data, indent=2, allow_nan=False))
    else:
        print(summary_text(data))
    if result.report.errors:
        print(result.report.to_text(), file=sys.stderr)
    return 1 if result.report.errors else 0


def cmd_report(args: argparse.Namespace) -> int:
    """Write the briefing of the files for the selection asked for (as the Findings page's download)."""
    from nhs_core.briefing.build import build_briefing, selection
    from nhs_core.briefing.html import render_html

    result = ingest_paths(args.paths)
    if result.report.errors or not result.tables:
        _explain_no_briefing(result)
        return 1
    try:
        capacity = _capacity(args.capacity)
        chosen = selection(
            result.tables, [c for v in args.icb for c in v.split(",") if c.strip()], args.start, args.end
        )
    except ValueError as exc:
        print(f"No briefing was written. {exc}", file=sys.stderr)
        return 1
    sample = _is_sample(args.paths)
    label = "the bundled synthetic sample in data/" if sample else _files_label(result)
    briefing = build_briefing(
        result.tables,
        chosen,
        capacity,
        label,
        sample=sample,
        quality=[p.text() for p in result.report.warnings],
        generated=_now(),
    )
    out = Path(args.out or briefing.file_name)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(render_html(briefing), encoding="utf-8")
    except OSError as exc:
        print(f"The briefing could not be written to {out} ({exc.strerror or exc}).", file=sys.stderr)
        return 1
    print(f"Wrote {out}: {briefing.title}, {briefing.period}; selection: {briefing.filters}.")
    return 0


def _explain_no_briefing(result: Ingested) -> None:
    """Why no briefing was written: the errors, or that nothing in the files is a table this app reads."""
    print(result.report.to_text() if result.report.errors else _files_report(result), file=sys.stderr)
    reason = (
        "fix the errors above first." if result.report.errors else "none of these files holds a table this app reads."
    )
    print("\nNo briefing was written: " + reason, file=sys.stderr)


def _is_sample(paths: list[str]) -> bool:
    from nhs_core.store import BUNDLED_DIR

    return all(Path(p).resolve() == BUNDLED_DIR or BUNDLED_DIR in Path(p).resolve().parents for p in paths)


def _files_label(result: Ingested) -> str:
    from nhs_core.store.describe import files_text

    return "files " + files_text([f.file for f in result.files])


def _now() -> str:
    from datetime import UTC, datetime

    from nhs_core.store.describe import when_text

    return when_text(datetime.now(UTC).isoformat())


def _capacity(text: str) -> float:
    try:
        value = float(str(text).replace(",", ""))
    except ValueError:
        value = 0.0
    if not 0 < value < float("inf"):
        raise ValueError(
            f"--capacity needs a positive number of appointments a working day, such as 1200000; it was given {text!r}."
        )
    return value


def cmd_sample(args: argparse.Namespace) -> int:
    from nhs_core.sample import write_sample

    for path in write_sample(Path(args.out), seed=args.seed):
        print(f"wrote {path}")
    return 0


_FILES_HELP = "CSV, XLSX or ZIP files, or folders of them"


def build_parser() -> argparse.ArgumentParser:
    """The command line: one subcommand per task, each with its own arguments."""
    parser = argparse.ArgumentParser(prog="python -m nhs_core", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help="check files and print the validation report")
    p.add_argument("files", nargs="+", help=_FILES_HELP)
    p.add_argument("--json", action="store_true", help="print one JSON object: the files and every problem's code")
    p.set_defaults(run=cmd_validate)
    p = sub.add_parser("summary", help="headline figures of files or folders")
    p.add_argument("paths", nargs="+", help=_FILES_HELP)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(run=cmd_summary)
    versions.add_commands(sub, _FILES_HELP)
    _add_report(sub)
    p = sub.add_parser("sample", help="write the synthetic bundled sample")
    p.add_argument("--out", default="data", help="folder to write (default: data)")
    p.add_argument("--seed", type=int, default=2022)
    p.set_defaults(run=cmd_sample)
    return parser


def _add_report(sub) -> None:
    p = sub.add_parser("report", help="write the stakeholder briefing: one HTML file that opens offline and prints")
    p.add_argument("paths", nargs="+", help=_FILES_HELP)
    p.add_argument(
        "--icb",
        action="append",
        default=[],
        metavar="CODE",
        help="an ICB code (or name) to report on; repeat it or separate codes by commas (default: England)",
    )
    p.add_argument("--from", dest="start", metavar="YYYY-MM", help="first month (default: the first in the files)")
    p.add_argument("--to", dest="end", metavar="YYYY-MM", help="last month (default: the last in the files)")
    p.add_argument("--capacity", default="1200000", help="planned appointments a day (default: 1,200,000)")
    p.add_argument("--out", help="the HTML file to write (default: briefing-<selection>.html here)")
    p.set_defaults(run=cmd_report)


def main(argv: list[str] | None = None) -> int:
    """Run one command. Every failure, an OS error (disk full, read-only, permission, missing file) or a bug,
    becomes one plain sentence on stderr and exit status 1, never a traceback; output is terminal-safe."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = terminal.Safe(out), terminal.Safe(err)
    try:
        return _run(argv)
    except OSError as exc:
        print(f"Stopped: {terminal.os_error_text(exc)}. The active data is unchanged.", file=sys.stderr)
    except (RecursionError, MemoryError) as exc:
        print(f"Stopped: the input needs more {terminal.resource(exc)} than this app allows.", file=sys.stderr)
    except Exception as exc:  # the last guard: a bug must still read as a sentence
        print(
            f"Stopped by an unexpected problem in this app ({type(exc).__name__}). The active data is unchanged; "
            "please report what you ran.",
            file=sys.stderr,
        )
    finally:
        sys.stdout, sys.stderr = out, err
    return 1


def _run(argv: list[str] | None) -> int:
    args = build_parser().parse_args(argv)
    missing = [p for p in getattr(args, "files", []) + getattr(args, "paths", []) if not Path(p).exists()]
    if missing:
        print(f"Not found: {', '.join(missing)}. Give paths to CSV, XLSX or ZIP files or folders.", file=sys.stderr)
        return 1
    return args.run(args)
