"""``claimweave export``: write the project's annotations in a dataset format."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..exchange.datasets import EXPORTERS, ExportSelection, export
from .common import add_json_flag, add_project_arg, open_project, print_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="export annotations as a dataset")
    add_project_arg(p)
    p.add_argument("--format", required=True, choices=sorted(EXPORTERS), metavar="FORMAT",
                   help="one of: " + ", ".join(sorted(EXPORTERS)))
    p.add_argument("-o", "--output", required=True, type=Path, metavar="PATH")
    p.add_argument("--annotator", action="append", default=[], metavar="NAME",
                   help="only this annotator's claims (repeatable)")
    p.add_argument("--tag", action="append", default=[], metavar="NAME",
                   help="only claims with this tag (repeatable)")
    add_json_flag(p)
    p.set_defaults(func=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    selection = ExportSelection(tuple(args.annotator), tuple(args.tag))
    with open_project(args.project) as project:
        summary = export(project, args.format, args.output, selection)
    if args.json:
        print_json(summary.to_json())
    else:
        print(f"wrote {summary.path}: {summary.documents} documents, {summary.claims} claims, "
              f"{summary.links} links")
    return 0
