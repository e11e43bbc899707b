"""What an exercise carries besides claims and links: the teacher's prompts and rubric, the
students' answers and the teacher's assessments, and whether links need a justification.

They travel from the assignment to each working copy, then to the submission (with the
student's answers) and into the class project, always with the same prompt and criterion
ids, so an answer or an assessment keeps pointing at its question wherever it is read.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any

from ..core.classroom_repo import Answer, Assessment, Criterion, Prompt
from ..core.errors import NotFoundError
from ..core.store import Project
from .errors import ClassroomError
from .roles import REQUIRE_JUSTIFICATION


@dataclass
class ExerciseParts:
    """Prompts and rubric of an assignment, with answers and assessments when present."""

    prompts: list[Prompt] = field(default_factory=list)
    criteria: list[Criterion] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)

    @classmethod
    def of(cls, project: Project) -> ExerciseParts:
        return cls(project.prompts(), project.criteria(), project.answers(),
                   project.assessments())

    def assessed(self, student: str) -> list[tuple[Criterion, Assessment | None]]:
        """Each criterion, in rubric order, with *student*'s assessment if there is one."""
        mine = {a.criterion_id: a for a in self.assessments if a.student == student}
        return [(c, mine.get(c.id)) for c in self.criteria]

    def answers_of(self, student: str) -> list[Answer]:
        return [a for a in self.answers if a.annotator == student]

    def record(self) -> dict[str, Any]:
        """Prompts and rubric as JSON for the key's record of an assignment."""
        return {"prompts": [p.to_json() for p in self.prompts],
                "rubric": [{"id": c.id, **c.to_json()} for c in self.criteria]}

    @classmethod
    def from_record(cls, entry: dict[str, Any]) -> ExerciseParts:
        """The prompts and rubric recorded in the key (see :meth:`record`)."""
        try:
            prompts = [Prompt(str(p["id"]), n, str(p["kind"]), str(p["text"]))
                       for n, p in enumerate(entry.get("prompts") or [])]
            criteria = [Criterion(str(c["id"]), str(c["name"]), tuple(map(str, c["levels"])), n)
                        for n, c in enumerate(entry.get("rubric") or [])]
        except (KeyError, TypeError) as exc:
            raise ClassroomError(f"the key's record of the assignment is damaged ({exc})"
                                 ) from None
        return cls(prompts, criteria)


def write_parts(project: Project, parts: ExerciseParts, *, answers_by: str | None = None,
                answers: bool = True) -> None:
    """Write the prompts and rubric of *parts* into *project* (a new file, in its build
    transaction), and with *answers* the answers too; assessments stay in the class project.

    *answers_by* attributes every answer to that student (a working copy's answers are its
    student's whatever the computer's user name); when two answers then collide, the newest
    wins. Answers whose prompt is not in *parts* are dropped.
    """
    for p in parts.prompts:
        project.add_prompt(p.text, kind=p.kind, prompt_id=p.id)
    for c in parts.criteria:
        project.add_criterion(c.name, c.levels, criterion_id=c.id)
    if answers:
        write_answers(project, parts.answers, {p.id for p in parts.prompts}, by=answers_by)


def write_answers(project: Project, answers: list[Answer], prompts: set[str], *,
                  by: str | None = None) -> None:
    """Write *answers* to the prompts in *prompts*, all attributed to *by* when given (the
    newest answer wins a collision); answers to other prompts or deleted claims are dropped."""
    newest: dict[tuple[str, str, str], Answer] = {}
    for a in sorted(answers, key=lambda a: a.updated_at):
        if a.prompt_id in prompts:
            newest[(a.prompt_id, a.subject, by or a.annotator)] = a
    for (prompt_id, subject, who), a in newest.items():
        with suppress(NotFoundError):  # its claim was deleted: the answer goes with it
            project.set_answer(prompt_id, subject, a.text, annotator=who)


def tasks_text(parts: ExerciseParts, require_justification: bool) -> str:
    """What the assignment asks besides its instructions, as a student reads it on opening:
    the questions, the justification rule and the rubric the teacher will assess by."""
    lines: list[str] = []
    if parts.prompts:
        lines.append("Questions (answer them in the Prompts panel):")
        asked = {"document": "each document", "proposition": "each proposition you form"}
        lines += [f"{p.position + 1}. {p.text} ({asked[p.kind]})" for p in parts.prompts]
    if require_justification:
        lines.append("Every link needs a justification: write it in the link's note.")
    if parts.criteria:
        lines.append("Your teacher will assess:")
        lines += [f"• {c.name}: {' < '.join(c.levels)}" for c in parts.criteria]
    return "\n".join(lines)


def requires_justification(project: Project) -> bool:
    return project.get_setting(REQUIRE_JUSTIFICATION) == "1"
