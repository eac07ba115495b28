"""`python -m nhs_core import | history | restore`: the commands that work on the store of versions.

`import` validates and replaces the active data exactly as the Data page does; nothing changes on errors.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from nhs_core.load.ingest import ingest
from nhs_core.load.readers import Source

_STORE_HELP = "store folder (default: $NHS_EXPLORER_STORE, else .nhs_store in the working directory)"


def add_commands(sub, files_help: str) -> None:
    """import, history and restore: the commands that work on the store of versions."""
    p = sub.add_parser("import", help="validate files and make them the active data (as the Data page does)")
    p.add_argument("files", nargs="+", help=files_help)
    p.add_argument("--store", help=_STORE_HELP)
    p.add_argument(
        "--keep-months",
        action="store_true",
        help="keep the current months the upload does not cover (default: uploaded tables replace whole)",
    )
    p.add_argument("--by", help="who is importing, for the history (default: the login name)")
    p.set_defaults(run=cmd_import)
    p = sub.add_parser("history", help="list every version of the data, newest first")
    p.add_argument("--store", help=_STORE_HELP)
    p.set_defaults(run=cmd_history)
    p = sub.add_parser("restore", help="make an earlier version, or the bundled sample, the active data")
    p.add_argument("version", help='a version id from `history` (e.g. v0003 or 3), or "sample"')
    p.add_argument("--store", help=_STORE_HELP)
    p.add_argument("--by", help="who is restoring, for the history (default: the login name)")
    p.set_defaults(run=cmd_restore)


def cmd_import(args: argparse.Namespace) -> int:
    """Validate, then replace the active data exactly as the Data page does (nothing changes on errors)."""
    from nhs_core.store import StoreError, cautions, changes
    from nhs_core.store import describe as uploads

    store = _store(args)
    sources = [Source.from_path(p) for p in _data_files(args.files)]
    result = ingest(sources)
    print(uploads.reports_text(uploads.file_reports(result, [src.name for src in sources])))
    errors = len(result.report.errors)
    if errors or not result.tables:
        print(f"\n{errors} error(s): nothing was imported and the active data is unchanged.", file=sys.stderr)
        return 1
    current = store.open()
    preview = changes.preview(current.tables, current.manifest, result.tables, args.keep_months)
    print(uploads.preview_text(preview))
    for line in cautions.preview_cautions(
        current.tables, current.manifest, result.tables, preview.tables, args.keep_months
    ):
        print(f"Warning: {line.replace('*', '')}")
    try:
        version = store.replace(
            result, [uploads.file_record(src) for src in sources], keep_months=args.keep_months, by=args.by or _user()
        )
    except StoreError as exc:
        print(f"Not imported: {exc}.", file=sys.stderr)
        return 1
    print(f"\nImported as version {version}; it is now the active data (store: {store.root}).")
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    from nhs_core.store import describe as uploads

    store = _store(args)
    frame = uploads.history_frame(store.history())
    print(frame.to_string(index=False) if len(frame) else "No uploads yet: the bundled sample is active.")
    if store.pointer() == "sample" and len(frame):
        print("The bundled sample is active.")
    if len(changed := uploads.changes_frame(store.changes())):
        print("\nEvery replace and restore, newest first:\n" + changed.to_string(index=False))
    opened = store.open()
    if opened.problem:
        print(f"! {opened.problem}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from nhs_core.store import StoreError

    store = _store(args)
    try:
        version = store.restore(args.version, by=args.by or _user())
    except StoreError as exc:
        print(f"Not restored: {exc}.", file=sys.stderr)
        return 1
    print("The bundled sample is active again." if version == "sample" else f"Version {version} is active again.")
    return 0


def _store(args: argparse.Namespace):
    from nhs_core.store import ENV_VAR, Store

    return Store.from_env({ENV_VAR: args.store} if args.store else None)


def _data_files(paths: list[str]) -> list[Path]:
    from nhs_core.load.readers import iter_data_files

    return [f for p in map(Path, paths) for f in (iter_data_files(p) if p.is_dir() else [p])]


def _user() -> str | None:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return None
