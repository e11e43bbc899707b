"""``claimweave relation`` and ``relations``: the relation types links can have.

Every project starts with agrees, contradicts, same_claim, elaborates and related; a
study may need its own (e.g. "cites", "exaggerates"). The polarity says on which side of
a proposition a link puts its claims: the comparison views group claims joined by
positive relations and set negative ones against each other.
"""

from __future__ import annotations

import argparse

from .common import add_json_flag, add_project_arg, open_project, print_json, print_table

POLARITIES = {"positive": 1, "negative": -1, "neutral": 0}
POLARITY_NAMES = {v: k for k, v in POLARITIES.items()}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("relation", help="add a relation type for links")
    add_project_arg(p)
    actions = p.add_subparsers(dest="relation_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add a relation type")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--color", metavar="#RRGGBB", default="#8a8f98")
    add.add_argument("--polarity", choices=sorted(POLARITIES), default="neutral",
                     help="positive: the claims support each other (grouped as one "
                     "proposition); negative: they oppose; neutral: neither (default)")
    add.add_argument("--symmetric", action="store_true",
                     help="A-B means the same as B-A (agrees is; elaborates is not)")
    add_json_flag(add)
    add.set_defaults(func=cmd_relation_add)

    p = sub.add_parser("relations", help="list the relation types")
    add_project_arg(p)
    add_json_flag(p)
    p.set_defaults(func=cmd_relations)


def cmd_relation_add(args: argparse.Namespace) -> int:
    with open_project(args.project, write=True) as project:
        relation = project.add_relation_type(args.name, color=args.color,
                                             polarity=POLARITIES[args.polarity],
                                             symmetric=args.symmetric)
    if args.json:
        print_json(relation.to_json())
    else:
        print(f"relation {relation.name!r} {relation.color} {args.polarity}")
    return 0


def cmd_relations(args: argparse.Namespace) -> int:
    with open_project(args.project) as project:
        relations = project.relation_types()
        counts = project.stats()["links_by_relation"]
    if args.json:
        print_json([{**r.to_json(), "links": counts.get(r.name, 0)} for r in relations])
        return 0
    print_table(["name", "color", "polarity", "symmetric", "links"],
                [[r.name, r.color, POLARITY_NAMES.get(r.polarity, r.polarity),
                  "yes" if r.symmetric else "no", counts.get(r.name, 0)] for r in relations])
    return 0
