"""Keeping a project healthy: ``claimweave check`` and ``claimweave backup``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.backup import DEFAULT_KEEP, list_backups, make_backup
from ..core.errors import InvalidOperationError
from ..core.integrity import check
from ..core.repair import Repair, planned_repairs, repair
from ..core.wording import counted
from .common import command, emit_line, print_json


def register(sub: argparse._SubParsersAction) -> None:
    with command(
            sub, "check", "check a project file for damage", cmd_check,
            description="Run SQLite's integrity and foreign-key checks, the full-text index "
            "checks and ClaimWeave's own rules (every quote equals its document's text, hashes "
            "match, links join existing claims, tag parents form no cycle). Never changes the "
            "file (unless --repair). Exit status 0 when clean, 1 when problems were found. "
            "Triggers, views and indexes that ClaimWeave did not create are problems: they "
            "would run on ordinary edits.") as p:
        p.add_argument("--repair", action="store_true",
                       help="remove triggers, views and indexes ClaimWeave did not create, "
                       "after a backup (asks first)")
        p.add_argument("--yes", action="store_true",
                       help="with --repair: do not ask (for scripts; needed without a terminal)")

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
    if args.yes and not args.repair:
        raise InvalidOperationError("--yes goes with --repair")
    done = _repair(args) if args.repair else None
    report = check(args.project)
    if done is not None and args.json:
        print_json({**report.to_json(), "repair": done.to_json()})
        return 0 if report.ok else 1
    if args.json:
        print_json(report.to_json())
    elif report.ok:
        print(f"{args.project}: ok ({', '.join(report.checks)})")
    else:
        print(f"{args.project}: {counted(len(report.problems), 'problem')}")
        for problem in report.problems:
            print(f"  [{problem.check}] {problem.message}")
    return 0 if report.ok else 1


def _repair(args: argparse.Namespace) -> Repair:
    planned = planned_repairs(args.project)
    if not planned:
        if not args.json:
            print(f"{args.project}: nothing to repair (no foreign triggers, views or indexes, "
                  "none of ClaimWeave's own missing)")
        return Repair(None, ())
    if not args.yes:
        if not sys.stdin or not sys.stdin.isatty():
            raise InvalidOperationError("--repair asks before it changes the project; without "
                                        "a terminal, add --yes")
        foreign = "".join(f"\n  {o.describe()}" for o in planned if not o.missing)
        missing = "".join(f"\n  {o.describe()}" for o in planned if o.missing)
        if foreign:
            print(f"{args.project}: these were not created by ClaimWeave (removed):{foreign}")
        if missing:
            print(f"{args.project}: these of ClaimWeave's own were removed (made again):"
                  f"{missing}")
        answer = input(f"Back up the project, then repair it ({len(planned)})? [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            raise InvalidOperationError("nothing was changed")
    done = repair(args.project)
    if not args.json:
        parts = [f"{verb} {', '.join(o.describe() for o in objs)}"
                 for verb, objs in (("removed", done.removed), ("made again", done.restored))
                 if objs]
        print(f"{args.project}: backed up to {done.backup}; {'; '.join(parts)}")
    return done


def cmd_backup(args: argparse.Namespace) -> int:
    if args.keep < 1:
        raise InvalidOperationError("--keep must be at least 1")
    path = make_backup(args.project, keep=args.keep, folder=args.folder)
    kept = list_backups(args.project, args.folder)
    size = path.stat().st_size
    emit_line(args, {"backup": str(path), "bytes": size, "kept": [str(p) for p in kept]},
              f"{path} ({size:,} bytes; {counted(len(kept), 'backup')} kept)")
    return 0
