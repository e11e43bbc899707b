"""``claimweave classroom ...`` (assignments, submissions, collection, feedback, grades) and
``claimweave agreement`` (grades against a key and agreement among annotators)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from ..classroom.assignment import make_assignment
from ..classroom.collect import collect
from ..classroom.feedback import write_feedback
from ..classroom.grades import write_grades
from ..classroom.layers import ClassData
from ..classroom.matching import THRESHOLD
from ..classroom.submission import hand_in, start_submission
from ..core.errors import ClaimWeaveError
from ..core.targets import check_output_target

if TYPE_CHECKING:
    from ..classroom.agreement import ClassReport
from .common import (
    add_output_arg,
    command,
    command_group,
    emit_line,
    open_project,
    print_json,
    print_table,
)


def register(sub: argparse._SubParsersAction) -> None:
    steps = command_group(sub, "classroom", "exercises: assign, start, hand in, collect, "
                          "feedback, grades", dest="step", metavar="STEP", project=False)

    with command(steps, "assign", "make an assignment file from your project (the key)",
                 cmd_assign) as p:
        add_output_arg(p, "the assignment file to write (e.g. NAME.cwassign)")
        p.add_argument("--instructions", type=Path, metavar="FILE",
                       help="a UTF-8 text file with the instructions for the students")
        p.add_argument("--title", help="the assignment's title (default: the project's)")
        p.add_argument("--key", metavar="ANNOTATOR",
                       help="only this annotator's claims form the answer key (default: all)")

    with command(steps, "start", "make your working copy of an assignment", cmd_start,
                 project=False, json=False) as p:
        p.add_argument("assignment", metavar="ASSIGNMENT", type=Path)
        p.add_argument("--student", required=True, help="your name, as the teacher knows it")
        add_output_arg(p, "your working copy to write (e.g. NAME.claimweave)")

    with command(steps, "hand-in", "write the submission file from your working copy",
                 cmd_hand_in, project=False, json=False) as p:
        p.add_argument("work", metavar="MYWORK", type=Path)
        add_output_arg(p, "the submission file to write (e.g. NAME.cwsubmit)")

    with command(steps, "collect", "gather submissions into one class project", cmd_collect,
                 project=False) as p:
        p.add_argument("source", metavar="ASSIGNMENT_OR_KEY", type=Path)
        p.add_argument("submissions", metavar="SUBMISSION", type=Path, nargs="+")
        add_output_arg(p, "the class project to write")

    with command(steps, "feedback", "write one HTML feedback page per student", cmd_feedback,
                 json=False) as p:
        add_output_arg(p, "the folder to write the pages into")
        _key(p)

    with command(steps, "grades", "write the grade sheet (CSV)", cmd_grades, json=False) as p:
        add_output_arg(p, "the CSV file to write")
        _key(p)

    with command(sub, "agreement", "scores against a key and agreement among annotators",
                 cmd_agreement) as p:
        _key(p)


def _key(p: argparse.ArgumentParser) -> None:
    p.add_argument("--key", metavar="ANNOTATOR", help="the annotator whose claims are the "
                   "answer key (default: the class project's key layer)")
    p.add_argument("--threshold", type=float, default=THRESHOLD, metavar="J",
                   help=f"overlap needed for two claims to match (default {THRESHOLD})")


def _report(args: argparse.Namespace) -> ClassReport:
    if not 0 < args.threshold <= 1:
        raise ClaimWeaveError(f"--threshold must be above 0 and at most 1, not {args.threshold}")
    from ..classroom.agreement import analyse_class  # numpy: only for the commands that grade

    with open_project(args.project) as project:
        data = ClassData.of(project, key=args.key)
    return analyse_class(data, threshold=args.threshold)


def cmd_assign(args: argparse.Namespace) -> int:
    instructions = ""
    if args.instructions:
        try:
            instructions = args.instructions.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ClaimWeaveError(f"{args.instructions}: cannot be read ({exc})") from None
    with open_project(args.project, write=True) as key:  # the assignment is recorded in it
        made = make_assignment(key, args.output, title=args.title,
                               instructions=instructions, key_annotator=args.key)
    emit_line(args, made.to_json(), f"wrote {made.path}: {made.title!r}, {made.documents} "
              f"documents, assignment id {made.assignment_id}; the key has {made.key_claims} "
              "claims")
    return 0


def cmd_start(args: argparse.Namespace) -> int:
    path = start_submission(args.assignment, args.student, args.output)
    print(f"wrote {path}; annotate it, then: claimweave classroom hand-in {path} -o SUBMISSION")
    return 0


def cmd_hand_in(args: argparse.Namespace) -> int:
    path = hand_in(args.work, args.output)
    print(f"wrote {path}; give this file to your teacher")
    return 0


def cmd_collect(args: argparse.Namespace) -> int:
    done = collect(args.source, args.submissions, args.output)
    key = f"with the key as annotator {done.key!r}" if done.key else "without a key"
    emit_line(args, done.to_json(), f"wrote {done.path}: {len(done.students)} students, {key}")
    return 0


def cmd_feedback(args: argparse.Namespace) -> int:
    check_output_target(args.output, args.project, kind="folder")
    pages = write_feedback(_report(args), args.output)
    print(f"wrote {len(pages)} feedback pages and index.html into {args.output}")
    return 0


def cmd_grades(args: argparse.Namespace) -> int:
    check_output_target(args.output, args.project)
    report = _report(args)
    if report.data.key is None:
        raise ClaimWeaveError(f"{args.project}: grades need an answer key; name its annotator "
                              "with --key")
    write_grades(report, args.output)
    print(f"wrote {args.output}: {len(report.results)} students")
    return 0


def cmd_agreement(args: argparse.Namespace) -> int:
    report = _report(args)
    data = report.to_json()
    if args.json:
        print_json(data)
        return 0
    if report.results:
        print_table(["student", "claims F1", "tags F1", "links F1", "kappa vs key"],
                    [[r["student"], r["claims"]["f1"], r["tags"]["f1"], r["links"]["f1"],
                      r["kappa_vs_key"]] for r in data["per_student"]],
                    widths={"student": 30})
    for name, value in data["alpha"].items():
        print(f"alpha {name}: {'undefined' if value is None else value}")
    for pair in data["pairwise_kappa"]:
        print(f"kappa {pair['a']} / {pair['b']}: {pair['kappa']}")
    return 0
