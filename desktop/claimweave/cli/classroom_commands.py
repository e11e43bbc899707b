"""``claimweave classroom ...`` (assignments, submissions, collection, feedback, grades) and
``claimweave agreement`` (grades against a key and agreement among annotators)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..classroom.assignment import make_assignment
from ..classroom.collect import collect
from ..classroom.exercise import ExerciseParts, tasks_text
from ..classroom.explain import figure_lines
from ..classroom.feedback import write_feedback
from ..classroom.grades import write_grades
from ..classroom.layers import ClassData
from ..classroom.matching import THRESHOLD
from ..classroom.prompts import answer_in_working_copy
from ..classroom.roles import CLASS, ClassroomInfo
from ..classroom.rubric import load_rubric
from ..classroom.submission import describe_link, hand_in, start_submission, unjustified_links
from ..core.errors import ClaimWeaveError
from ..core.targets import check_output_target
from ..core.wording import counted

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
        p.add_argument("--rubric", type=Path, metavar="RUBRIC.json",
                       help='criteria and levels: {"criteria": [{"name": "Sourcing", '
                       '"levels": ["Basic", "Emergent", "Proficient"]}]}')
        p.add_argument("--prompt", action=_PromptAction, kind="document", metavar="TEXT",
                       dest="prompts", help="a sourcing question asked of every document "
                       "(repeat for more; prompts are numbered in the order given)")
        p.add_argument("--prop-prompt", action=_PromptAction, kind="proposition",
                       metavar="TEXT", dest="prompts", help="a corroboration question asked "
                       "of every proposition the student forms (repeat for more)")
        p.add_argument("--require-justification", action="store_true",
                       help="every link needs a justification (its note); hand-in names "
                       "the links that have none")

    with command(steps, "answer", "answer one of the teacher's prompts in your working copy",
                 cmd_answer, project=False, json=False) as p:
        p.add_argument("work", metavar="WORK", type=Path, help="your working copy")
        p.add_argument("subject", metavar="DOC", help="the document (title, number or id); "
                       "for a question about a proposition, the id of one of its claims")
        p.add_argument("--prompt", type=int, required=True, metavar="N",
                       help="the prompt's number (1-based, in the order the teacher gave)")
        p.add_argument("--text", required=True, help="your answer")

    with command(steps, "start", "make your working copy of an assignment", cmd_start,
                 project=False, json=False) as p:
        p.add_argument("assignment", metavar="ASSIGNMENT", type=Path)
        p.add_argument("--student", required=True, help="your name, as the teacher knows it")
        add_output_arg(p, "your working copy to write (e.g. NAME.claimweave)")

    with command(steps, "hand-in", "write the submission file from your working copy",
                 cmd_hand_in, project=False, json=False) as p:
        p.add_argument("work", metavar="WORK", type=Path, help="your working copy")
        add_output_arg(p, "the submission file to write (e.g. NAME.cwsubmit)")

    with command(steps, "collect", "gather submissions into one class project", cmd_collect,
                 project=False) as p:
        p.add_argument("source", metavar="ASSIGNMENT_OR_KEY", type=Path)
        p.add_argument("submissions", metavar="SUBMISSION", type=Path, nargs="+")
        add_output_arg(p, "the class project to write")

    with command(steps, "assess", "set a student's level on a rubric criterion", cmd_assess,
                 json=False) as p:
        p.add_argument("--student", required=True, metavar="NAME")
        p.add_argument("--criterion", required=True, metavar="NAME")
        p.add_argument("--level", required=True, metavar="LEVEL",
                       help="one of the criterion's levels ('' clears it)")
        p.add_argument("--comment", default="", metavar="TEXT",
                       help="your comment for the student on this criterion")

    with command(steps, "adjudicate", "make a new key of what enough students agree on",
                 cmd_adjudicate) as p:
        p.add_argument("--min-students", type=int, required=True, metavar="N",
                       help="keep claims and links found by at least N students")
        add_output_arg(p, "the new key project to write (e.g. NEWKEY.claimweave)")
        p.add_argument("--threshold", type=float, default=THRESHOLD, metavar="J",
                       help=f"overlap needed for two claims to match (default {THRESHOLD})")

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


class _PromptAction(argparse.Action):
    """--prompt and --prop-prompt into one list of (kind, text), in command-line order."""

    def __init__(self, option_strings: Sequence[str], dest: str, kind: str,
                 **kwargs: Any) -> None:
        super().__init__(option_strings, dest, default=[], **kwargs)
        self.kind = kind

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: Any, option_string: str | None = None) -> None:
        setattr(namespace, self.dest, [*getattr(namespace, self.dest, []),
                                       (self.kind, str(values))])


def _key(p: argparse.ArgumentParser) -> None:
    p.add_argument("--key", metavar="ANNOTATOR", help="the annotator whose claims are the "
                   "answer key (default: the class project's key layer)")
    p.add_argument("--threshold", type=float, default=THRESHOLD, metavar="J",
                   help=f"overlap needed for two claims to match (default {THRESHOLD})")


def _check_threshold(value: float) -> None:
    if not 0 < value <= 1:
        raise ClaimWeaveError(f"--threshold must be above 0 and at most 1, not {value}")


def _report(args: argparse.Namespace) -> ClassReport:
    _check_threshold(args.threshold)
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
    rubric = load_rubric(args.rubric) if args.rubric else None
    with open_project(args.project, write=True) as key:  # the assignment is recorded in it
        made = make_assignment(key, args.output, title=args.title,
                               instructions=instructions, key_annotator=args.key,
                               prompts=args.prompts, rubric=rubric,
                               require_justification=args.require_justification)
    extras = [f"{made.prompts} prompts" if made.prompts else "",
              f"{made.criteria} rubric criteria" if made.criteria else "",
              "justifications required" if made.require_justification else ""]
    emit_line(args, made.to_json(), f"wrote {made.path}: {made.title!r}, {made.documents} "
              f"documents, assignment id {made.assignment_id}; the key has {made.key_claims} "
              "claims" + "".join(f"; {e}" for e in extras if e))
    return 0


def cmd_answer(args: argparse.Namespace) -> int:
    with open_project(args.work, write=True) as project:
        what = answer_in_working_copy(project, args.subject, args.prompt, args.text)
    print(f"answered prompt {args.prompt} for {what}")
    return 0


def cmd_start(args: argparse.Namespace) -> int:
    path = start_submission(args.assignment, args.student, args.output)
    print(f"wrote {path}; annotate it, then: claimweave classroom hand-in {path} -o SUBMISSION")
    with open_project(path) as work:
        tasks = tasks_text(ExerciseParts.of(work), ClassroomInfo.of(work).require_justification)
    if tasks:
        print(tasks.replace("the Prompts panel", "the Prompts panel or with 'claimweave "
                            "classroom answer'"))
    return 0


def cmd_hand_in(args: argparse.Namespace) -> int:
    path = hand_in(args.work, args.output)
    with open_project(args.work) as work:
        if ClassroomInfo.of(work).require_justification:
            bare = unjustified_links(work)
            if bare:
                print(f"warning: {counted(len(bare), 'link', verb=('has', 'have'))} no "
                      "justification (the assignment asks for one on every link; write it "
                      "in the link's note):",
                      file=sys.stderr)
                for link in bare:
                    print(f"warning:   {describe_link(work, link)} ({link.id[:8]})",
                          file=sys.stderr)
    print(f"wrote {path}; give this file to your teacher")
    return 0


def cmd_collect(args: argparse.Namespace) -> int:
    done = collect(args.source, args.submissions, args.output)
    key = f"with the key as annotator {done.key!r}" if done.key else "without a key"
    emit_line(args, done.to_json(),
              f"wrote {done.path}: {counted(len(done.students), 'student')}, {key}")
    return 0


def cmd_assess(args: argparse.Namespace) -> int:
    with open_project(args.project, write=True) as project:
        if ClassroomInfo.of(project).role != CLASS:
            raise ClaimWeaveError(f"{args.project}: is not a class project (made with "
                                  "'claimweave classroom collect')")
        students = ClassData.of(project).students
        named = [s for s in students if s.casefold() == args.student.strip().casefold()]
        if not named:
            raise ClaimWeaveError(f"no student {args.student!r} in this class (students: "
                                  f"{', '.join(students) or 'none'})")
        project.assess(named[0], args.criterion, args.level, comment=args.comment)
        criterion = project.criterion(args.criterion)
        level = next((a.level for a in project.assessments() if a.student == named[0]
                      and a.criterion_id == criterion.id), "") or "(cleared)"
    print(f"{named[0]}: {criterion.name} = {level}")
    return 0


def cmd_adjudicate(args: argparse.Namespace) -> int:
    _check_threshold(args.threshold)
    from ..classroom.adjudicate import adjudicate

    made = adjudicate(args.project, args.min_students, args.output, threshold=args.threshold)
    emit_line(args, made.to_json(), f"wrote {made.path}: {made.claims} claims and "
              f"{made.links} links found by at least {made.min_students} of "
              f"{made.students} students")
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
    print(f"wrote {args.output}: {counted(len(report.results), 'student')}")
    return 0


def cmd_agreement(args: argparse.Namespace) -> int:
    report = _report(args)
    data = report.to_json()
    if args.json:
        print_json(data)
        return 0
    if report.results:
        print_table(["student", "claims F1", "tags F1", "links F1", "agreement with key"],
                    [[r["student"], r["claims"]["f1"], r["tags"]["f1"], r["links"]["f1"],
                      r["kappa_vs_key"]] for r in data["per_student"]],
                    widths={"student": 30})
    for label, value, why in figure_lines(report):
        print(f"{label}: {value}\n    {why}")
    for pair in data["pairwise_kappa"]:
        kappa = "undefined" if pair["kappa"] is None else pair["kappa"]
        print(f"{pair['a']} and {pair['b']} mark the same text (Cohen's kappa per "
              f"character, 1 = alike, 0 = as by chance): {kappa}")
    return 0
