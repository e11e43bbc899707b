"""Keeping a project healthy: ``claimweave check`` and ``claimweave backup``."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core.backup import DEFAULT_KEEP, list_backups, make_backup
from ..core.errors import InvalidOperationError
from ..core.integrity import check
from .common import command, emit_line, print_json


def register(sub: argparse._SubParsersAction) -> None:
    with command(
            sub, "check", "check a project file for damage", cmd_check,
            description="Run SQLite's integrity and foreign-key checks, the full-text index "
            "checks and ClaimWeave's own rules (every quote equals its document's text, hashes "
            "match, links join existing claims, tag parents form no cycle). Never changes the "
            "file. Exit status 0 when clean, 1 when problems were found."):
        pass

    with command(
            sub, "backup", "make a backup copy of a project", cmd_backup,
            description="Copy the project with SQLite's backup API into <name>.backups/ beside "
            "it and keep the newest N copies. A backup is a complete project: to restore, open "
            "it.") as p:
        p.add_argument("--keep", type=int, default=DEFAULT_KEEP, metavar="N",
                       help=f"how many backups to keep (default {DEFAULT_KEEP})")
        p.add_argument("--folder", type=Path, metavar="DIR",
                       help="where to put backups (default: <name>.backups beside the project)")


def cmd_check(args: argparse.Namespace) -> int:
    report = check(args.project)
    if args.json:
        print_json(report.to_json())
    elif report.ok:
        print(f"{args.project}: ok ({', '.join(report.checks)})")
    else:
        print(f"{args.project}: {len(report.problems)} problem(s)")
        for problem in report.problems:
            print(f"  [{problem.check}] {problem.message}")
    return 0 if report.ok else 1


def cmd_backup(args: argparse.Namespace) -> int:
    if args.keep < 1:
        raise InvalidOperationError("--keep must be at least 1")
    path = make_backup(args.project, keep=args.keep, folder=args.folder)
    kept = list_backups(args.project, args.folder)
    size = path.stat().st_size
    emit_line(args, {"backup": str(path), "bytes": size, "kept": [str(p) for p in kept]},
              f"{path} ({size:,} bytes; {len(kept)} backup(s) kept)")
    return 0
