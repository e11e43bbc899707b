"""What a classroom file is: its role and identity, kept in the project's settings.

Every classroom file is an ordinary ClaimWeave project file; these settings say which part
of the exercise it plays, so any file can be recognised whatever its name or extension.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core import database
from ..core.store import DOCUMENTS_LOCKED as DOCUMENTS_LOCKED  # the store enforces it
from ..core.store import Project

ROLE = "classroom.role"
ASSIGNMENT_ID = "classroom.assignment_id"
FINGERPRINT = "classroom.fingerprint"
TITLE = "classroom.title"
INSTRUCTIONS = "classroom.instructions"
STUDENT = "classroom.student"
CHECKSUM = "classroom.checksum"
HANDED_IN_AT = "classroom.handed_in_at"
ASSIGNMENTS = "classroom.assignments"  # in the key: JSON {assignment id: {...}}
KEY_ANNOTATOR = "classroom.key_annotator"  # in a class project
STUDENTS = "classroom.students"  # in a class project: JSON list of names
REQUIRE_JUSTIFICATION = "classroom.require_justification"  # "1": every link needs a note
CURATION_REJECTED = "classroom.curation_rejected"  # in a class project: JSON list of items

# Roles. A teacher's own project (the key) has none.
ASSIGNMENT = "assignment"
WORK = "student_work"
SUBMISSION = "submission"
CLASS = "class"

KEY_LAYER = "key"
"""Annotator name of the key's claims in a class project; no student may take it."""

EXTENSIONS = {ASSIGNMENT: ".cwassign", WORK: ".claimweave", SUBMISSION: ".cwsubmit",
              CLASS: ".claimweave"}
"""Conventional file name endings; the role setting, not the name, is what counts."""


@dataclass(frozen=True, slots=True)
class ClassroomInfo:
    """The classroom settings of one project file."""

    role: str
    assignment_id: str
    fingerprint: str
    title: str
    instructions: str
    student: str
    checksum: str
    require_justification: bool = False

    @classmethod
    def of(cls, project: Project) -> ClassroomInfo:
        get = lambda key: project.get_setting(key) or ""  # noqa: E731
        return cls(get(ROLE), get(ASSIGNMENT_ID), get(FINGERPRINT), get(TITLE),
                   get(INSTRUCTIONS), get(STUDENT), get(CHECKSUM),
                   get(REQUIRE_JUSTIFICATION) == "1")

    def describe(self) -> str:
        """How a message names the file's role for a person."""
        return {ASSIGNMENT: "an assignment", WORK: "a student's working copy",
                SUBMISSION: "a submission", CLASS: "a class project"}.get(
                    self.role, "an ordinary project")


def identity_settings(info: ClassroomInfo) -> dict[str, str]:
    """The settings a file derived from *info*'s assignment carries over."""
    return {ASSIGNMENT_ID: info.assignment_id, FINGERPRINT: info.fingerprint,
            TITLE: info.title, INSTRUCTIONS: info.instructions,
            REQUIRE_JUSTIFICATION: "1" if info.require_justification else "0"}


def key_assignments(project: Project) -> dict[str, dict[str, Any]]:
    """Assignments made from this project (the key): id -> fingerprint, title, key annotator."""
    raw = project.get_setting(ASSIGNMENTS)
    try:
        data = json.loads(raw) if raw else {}
    except json.JSONDecodeError:
        return {}
    return data if isinstance(data, dict) else {}


def student_of(project: Project) -> str | None:
    """The student a working copy belongs to (the desktop uses it as the annotator)."""
    if project.get_setting(ROLE) in (WORK, SUBMISSION):
        return project.get_setting(STUDENT) or None
    return None


def role_of(path: Path) -> str:
    """The classroom role of the project file at *path* ("" for an ordinary project or a
    file that cannot be read: opening it properly reports why)."""
    return database.peek_setting(path, ROLE) or ""  # opening it checks it, once
