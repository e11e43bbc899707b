"""``claimweave export``: write the project's annotations in a dataset format."""

from __future__ import annotations

import argparse
from typing import Any

from ..analysis.groups import proposition_names
from ..exchange.datasets import EXPORTERS, ExportSelection, export
from .common import add_format_arg, add_output_arg, command, emit_line, open_project


def register(sub: argparse._SubParsersAction) -> None:
    with command(sub, "export", "export annotations as a dataset", cmd_export) as p:
        add_format_arg(p, EXPORTERS)
        add_output_arg(p)
        p.add_argument("--annotator", action="append", default=[], metavar="NAME",
                       help="only this annotator's claims (repeatable)")
        p.add_argument("--tag", action="append", default=[], metavar="NAME",
                       help="only claims with this tag (repeatable)")
        p.add_argument("--positions", choices=("codepoints", "utf16"), default=None,
                       help="qdpx: count positions in code points (the standard, default) or "
                       "in UTF-16 units (what NVivo reads)")
        p.add_argument("--excel", action="store_true",
                       help="csv: UTF-8 with a byte-order mark, so Excel on Windows reads "
                       "accents and curly quotes")


def cmd_export(args: argparse.Namespace) -> int:
    selection = ExportSelection(tuple(args.annotator), tuple(args.tag))
    options: dict[str, Any] = {}
    if args.positions is not None:
        options["positions"] = args.positions
    if args.excel:
        options["excel"] = True
    with open_project(args.project) as project:
        if args.format in ("graphml", "gexf"):
            options["propositions"] = proposition_names(project)
        summary = export(project, args.format, args.output, selection, **options)
    emit_line(args, summary.to_json(), f"wrote {summary.path}: {summary.documents} documents, "
              f"{summary.claims} claims, {summary.links} links")
    return 0
