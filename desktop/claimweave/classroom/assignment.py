"""Making an assignment from the teacher's project (which becomes the answer key).

The assignment file holds the documents, the codebook (tags), the relation types and the
instructions, never the key's claims or links. It records a fresh assignment id and the
documents' fingerprint; the key records the same, so collection can check submissions
against either file.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from ..core.classroom_repo import PROMPT_KINDS
from ..core.clock import now
from ..core.store import Project
from .errors import ClassroomError
from .exercise import ExerciseParts
from .files import build_project, check_output, read_bundle, without_annotations
from .integrity import document_fingerprint
from .roles import (
    ASSIGNMENT,
    ASSIGNMENT_ID,
    ASSIGNMENTS,
    DOCUMENTS_LOCKED,
    FINGERPRINT,
    INSTRUCTIONS,
    REQUIRE_JUSTIFICATION,
    ROLE,
    TITLE,
    ClassroomInfo,
    key_assignments,
)
from .rubric import RubricSpec


@dataclass(frozen=True, slots=True)
class Assignment:
    path: Path
    assignment_id: str
    fingerprint: str
    title: str
    documents: int
    key_claims: int
    prompts: int = 0
    criteria: int = 0
    require_justification: bool = False

    def to_json(self) -> dict[str, object]:
        return {"path": str(self.path), "assignment_id": self.assignment_id,
                "fingerprint": self.fingerprint, "title": self.title,
                "documents": self.documents, "key_claims": self.key_claims,
                "prompts": self.prompts, "criteria": self.criteria,
                "require_justification": self.require_justification}


Prompts = Sequence[tuple[str, str]]
"""(kind, question) in the order the teacher gave them; kind 'document' or 'proposition'."""


def make_assignment(key_path: Path | Project, out: Path, *, title: str | None = None,
                    instructions: str = "", key_annotator: str | None = None,
                    prompts: Prompts = (), rubric: RubricSpec | None = None,
                    require_justification: bool = False) -> Assignment:
    """Write the assignment file *out* from the teacher's project (a path, or the project
    the window has open, so the record lands in its history and views).

    *key_annotator* names whose claims form the answer key (all claims when None). The
    assignment is also recorded in the key project, which is why it is opened for writing
    (and locked: never behind a running window).
    *prompts* are questions for the students (sourcing questions asked of each document,
    corroboration questions of each proposition), *rubric* the criteria the teacher will
    assess, each with its levels.
    """
    given = key_path if isinstance(key_path, Project) else None
    key_path = key_path.path if isinstance(key_path, Project) else Path(key_path)
    check_output(out, [key_path])
    for kind, text in prompts:
        if kind not in PROMPT_KINDS or not text.strip():
            raise ClassroomError(f"a prompt needs a question (got {kind} {text!r})")
    with nullcontext(given) if given else Project.open(key_path) as key:
        info = ClassroomInfo.of(key)
        if info.role:
            raise ClassroomError(f"{key_path}: is {info.describe()}; make an assignment from "
                                 "the teacher's own project (the answer key)")
        if not key.documents():
            raise ClassroomError(f"{key_path}: has no documents to assign")
        claims = key.claims(annotator=key_annotator)
        if key_annotator is not None and not claims:
            known = ", ".join(repr(a) for a in key.annotators()) or "none"
            raise ClassroomError(f"{key_path}: no claims by annotator {key_annotator!r} "
                                 f"(annotators: {known})")
        assignment_id = str(uuid.uuid4())
        fingerprint = document_fingerprint(key)
        name = (title or "").strip() or key.title
        bundle = without_annotations(read_bundle(key))
        settings = {ROLE: ASSIGNMENT, ASSIGNMENT_ID: assignment_id, FINGERPRINT: fingerprint,
                    TITLE: name, INSTRUCTIONS: instructions, DOCUMENTS_LOCKED: "1",
                    REQUIRE_JUSTIFICATION: "1" if require_justification else "0"}
        parts = ExerciseParts()

        def fill(project: Project) -> None:
            for kind, text in prompts:
                project.add_prompt(text, kind=kind)
            for criterion, levels in rubric or ():
                project.add_criterion(criterion, levels)
            made = ExerciseParts.of(project)
            parts.prompts, parts.criteria = made.prompts, made.criteria

        build_project(out, [bundle], settings, title=name, label="Make assignment",
                      fill=fill, portable=True, protected=[key_path])
        made = key_assignments(key)
        made[assignment_id] = {"fingerprint": fingerprint, "title": name,
                               "key_annotator": key_annotator, "file": out.name,
                               "created_at": now(),
                               "require_justification": require_justification,
                               **parts.record()}
        key.set_setting(ASSIGNMENTS, json.dumps(made, ensure_ascii=False, sort_keys=True),
                        label=f"Make assignment {name}")
        return Assignment(out, assignment_id, fingerprint, name, len(bundle.documents),
                          len(claims), len(parts.prompts), len(parts.criteria),
                          require_justification)
