"""``claimweave import-annotations`` and ``claimweave merge``: annotations into a project.

Both print what was added, what was already there and every conflict (same id, different
content: reported, never overwritten). A refused file leaves the project unchanged.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.backup import make_backup
from ..exchange.datasets.importers import IMPORTERS, apply_annotations, read_annotations
from ..exchange.datasets.ingest import ImportReport
from ..exchange.merge import check_sources, merge_projects
from .common import add_format_arg, command, open_project, print_json, terminal_safe


def register(sub: argparse._SubParsersAction) -> None:
    with command(sub, "import-annotations", "bring in annotations from a dataset ("
                 + ", ".join(IMPORTERS) + ")", cmd_import_annotations) as p:
        p.add_argument("file", metavar="FILE", type=Path,
                       help="the dataset file (for brat: the exported folder)")
        add_format_arg(p, IMPORTERS)

    with command(sub, "merge", "merge other project files into a project", cmd_merge,
                 project=False) as p:
        p.add_argument("target", metavar="TARGET", type=Path, help="the project to merge into")
        p.add_argument("sources", metavar="SOURCE", type=Path, nargs="+",
                       help="project files to merge from (left unchanged)")


def cmd_import_annotations(args: argparse.Namespace) -> int:
    bundle = read_annotations(args.file, args.format)  # a bad file touches nothing
    with open_project(args.project, write=True) as project:
        make_backup(project, unless_unchanged=True)  # the command's undo ends when it exits
        report = apply_annotations(project, bundle, args.file)
    _print([report], args.json)
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    with open_project(args.target, write=True) as project:
        check_sources(project, args.sources)  # before the backup: nothing is done
        make_backup(project, unless_unchanged=True)  # a wrong merge is undone from a backup
        reports = merge_projects(project, args.sources)
    _print(reports, args.json)
    return 0


def _print(reports: list[ImportReport], as_json: bool) -> None:
    if as_json:
        print_json([r.to_json() for r in reports])
        return
    for r in reports:
        print(terminal_safe(r.summary()))
        for note in r.notes:  # how the file was read, e.g. the unit of its positions
            print(terminal_safe(f"note: {note}"))
        for warning in r.warnings:
            print(terminal_safe(f"warning: {warning}"), file=sys.stderr)
        for conflict in r.conflicts:
            print(terminal_safe(f"conflict: {conflict}"), file=sys.stderr)
