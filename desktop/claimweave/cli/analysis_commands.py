"""``claimweave compare`` (the proposition x source matrix) and ``claimweave report`` (HTML)."""

from __future__ import annotations

import argparse

from ..analysis.comparison import MIXED, SILENT, SUPPORTS, compare
from ..analysis.snapshot import Snapshot
from ..core.targets import check_output_target, write_text
from ..core.wording import counted
from .common import add_output_arg, command, open_project, print_json, print_table

MARKS = {SUPPORTS: "+", MIXED: "±", SILENT: "·"}  # anything else contradicts: "-"


def register(sub: argparse._SubParsersAction) -> None:
    with command(sub, "compare", "which source supports or contradicts each proposition",
                 cmd_compare) as p:
        p.add_argument("--by", metavar="ATTRIBUTE",
                       help="group the sources by a source-card attribute, or by kind")

    with command(sub, "report", "write a self-contained HTML report of the project", cmd_report,
                 json=False, description="Write the report: documents with their claims "
                 "highlighted, the comparison matrix, the links and the charts. Entity "
                 "frequencies appear when the documents were analysed (claimweave analyse, "
                 "or the desktop program).") as p:
        add_output_arg(p, "the HTML file to write")


def cmd_compare(args: argparse.Namespace) -> int:
    with open_project(args.project) as project:
        matrix = compare(Snapshot.of(project), by=args.by)
    if args.json:
        print_json(matrix.to_json())
        return 0
    headers = ["proposition", *(f"{j + 1}" for j in range(len(matrix.sources))), "sources"]
    rows = [[p.name, *(f"{MARKS.get(c.stance, '-')}{c.count or ''}" for c in cells),
             matrix.independence[p.key].summary()]
            for p, cells in zip(matrix.propositions, matrix.cells, strict=True)]
    print_table(headers, rows, widths={"proposition": 60})
    for j, s in enumerate(matrix.sources):
        members = f" ({counted(len(s.documents), 'source')})" if s.group else ""
        print(f"{j + 1}: {s.title}{members}" + (f" ({s.published})" if s.published else ""))
    for p in matrix.propositions:
        why = matrix.independence[p.key].explanation()
        if why:
            print(f"{p.name}:\n  " + why.replace("\n", "\n  "))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    check_output_target(args.output, args.project)
    with open_project(args.project) as project:
        from ..nlp.cache import cached_entities  # loaded by this command only
        from ..report import build_report  # networkx and numpy: 0.2 s

        html = build_report(project, entities=cached_entities(project) or None)
    write_text(args.output, html, protected=args.project)
    print(f"wrote {args.output}")
    return 0
