"""``claimweave relation`` and ``relations``: the relation types links can have.

Every project starts with agrees, contradicts, same_claim, elaborates and related; a
study may need its own (e.g. "cites", "exaggerates"). The polarity says on which side of
a proposition a link puts its claims: the comparison views group claims joined by
positive relations and set negative ones against each other.
"""

from __future__ import annotations

import argparse

from .common import command, command_group, emit_line, emit_table, open_project

POLARITIES = {"positive": 1, "negative": -1, "neutral": 0}
POLARITY_NAMES = {v: k for k, v in POLARITIES.items()}


def register(sub: argparse._SubParsersAction) -> None:
    actions = command_group(sub, "relation", "add a relation type for links",
                            dest="relation_command")
    with command(actions, "add", "add a relation type", cmd_relation_add, project=False) as add:
        add.add_argument("name", metavar="NAME")
        add.add_argument("--color", metavar="#RRGGBB", default="#8a8f98")
        add.add_argument("--polarity", choices=sorted(POLARITIES), default="neutral",
                         help="positive: the claims support each other (grouped as one "
                         "proposition); negative: they oppose; neutral: neither (default)")
        add.add_argument("--symmetric", action="store_true",
                         help="A-B means the same as B-A (agrees is; elaborates is not)")

    with command(sub, "relations", "list the relation types", cmd_relations):
        pass


def cmd_relation_add(args: argparse.Namespace) -> int:
    with open_project(args.project, write=True) as project:
        relation = project.add_relation_type(args.name, color=args.color,
                                             polarity=POLARITIES[args.polarity],
                                             symmetric=args.symmetric)
    emit_line(args, relation.to_json(),
              f"relation {relation.name!r} {relation.color} {args.polarity}")
    return 0


def cmd_relations(args: argparse.Namespace) -> int:
    with open_project(args.project) as project:
        relations = project.relation_types()
        counts = project.stats()["links_by_relation"]
    emit_table(args, ({**r.to_json(), "links": counts.get(r.name, 0)} for r in relations),
               ["name", "color", "polarity", "symmetric", "links"],
               ([r.name, r.color, POLARITY_NAMES.get(r.polarity, r.polarity),
                 "yes" if r.symmetric else "no", counts.get(r.name, 0)] for r in relations))
    return 0
