"""The student's side: a working copy of an assignment, and the submission handed in.

A working copy is the assignment with the student's name recorded (the desktop program uses
it as the annotator of new claims). Handing in writes a separate submission file: the
student's claims and links, all attributed to the student, with the assignment id, the
documents' fingerprint and a content checksum, so collection can refuse a submission of
another assignment or one changed after hand-in.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from ..core.clock import now
from ..core.errors import ClaimWeaveError, ProjectFileError
from ..core.model import Link
from ..core.store import Project
from ..core.text import normalise_text
from ..exchange.datasets.bundle import Bundle
from .errors import ClassroomError, SubmissionRefusedError
from .exercise import ExerciseParts, write_parts
from .files import (
    as_annotator,
    build_project,
    check_output,
    read_bundle,
    without_annotations,
)
from .integrity import content_checksum, document_fingerprint
from .roles import (
    ASSIGNMENT,
    CHECKSUM,
    DOCUMENTS_LOCKED,
    HANDED_IN_AT,
    KEY_LAYER,
    ROLE,
    STUDENT,
    SUBMISSION,
    WORK,
    ClassroomInfo,
    identity_settings,
)


def clean_student(name: str) -> str:
    """A student name as stored: one line, spaces collapsed; 'key' is reserved."""
    cleaned = " ".join(normalise_text(name or "").split())
    if not cleaned:
        raise ClassroomError("a student name is needed")
    if cleaned.casefold() == KEY_LAYER:
        raise ClassroomError(f"{cleaned!r} is reserved for the answer key; choose another name")
    return cleaned


def _check_documents(project: Project, info: ClassroomInfo, path: Path) -> None:
    if document_fingerprint(project) != info.fingerprint:
        raise ClassroomError(f"{path}: its documents differ from the assignment's (one was "
                             "added, removed or changed); start again from the assignment")


def start_submission(assignment_path: Path, student: str, out_path: Path) -> Path:
    """Make the working copy *out_path* of an assignment for *student*."""
    student = clean_student(student)
    check_output(out_path, [assignment_path])
    with Project.open(assignment_path, read_only=True) as assignment:
        info = ClassroomInfo.of(assignment)
        if info.role != ASSIGNMENT:
            raise ClassroomError(f"{assignment_path}: is {info.describe()}, not an assignment")
        _check_documents(assignment, info, assignment_path)
        bundle = without_annotations(read_bundle(assignment))
        parts = ExerciseParts.of(assignment)
    settings = {**identity_settings(info), ROLE: WORK, STUDENT: student, DOCUMENTS_LOCKED: "1"}
    return build_project(out_path, [bundle], settings, title=f"{info.title}: {student}",
                         label="Start assignment", protected=[assignment_path],
                         fill=lambda p: write_parts(p, parts, answers=False))


def working_copy_for(assignment_path: Path, student: str) -> tuple[Path, bool]:
    """Where *student*'s working copy of the assignment is, beside it: (path, exists).

    'Flood.cwassign' + Ana -> 'Flood - Ana.claimweave'. An existing working copy of this
    assignment by this student (names compared ignoring case) is found whatever its exact
    file name; another student whose name makes the same file name gets
    'Flood - Ana (2).claimweave'.
    """
    student = clean_student(student)
    with Project.open(assignment_path, read_only=True) as assignment:
        wanted = ClassroomInfo.of(assignment).assignment_id
    prefix = f"{assignment_path.stem} - ".casefold()
    for path in sorted(assignment_path.parent.glob("*.claimweave")):
        if path.name.casefold().startswith(prefix) and _is_copy_of(path, wanted, student):
            return path, True
    safe = "".join(ch if ch.isalnum() or ch in " -_." else "_" for ch in student).strip()
    stem = f"{assignment_path.stem} - {safe}"
    for n in range(1, 100):
        path = assignment_path.with_name(f"{stem}{f' ({n})' if n > 1 else ''}.claimweave")
        if not path.exists():
            return path, False
    raise ClassroomError(f"{assignment_path.parent}: too many working copies named {stem}")


def _is_copy_of(path: Path, assignment_id: str, student: str) -> bool:
    try:
        with Project.open(path, read_only=True) as work:
            info = ClassroomInfo.of(work)
    except ClaimWeaveError:
        return False  # something else under that name: leave it alone
    return (info.role == WORK and info.assignment_id == assignment_id
            and info.student.casefold() == student.casefold())


def hand_in(work_path: Path, out_path: Path) -> Path:
    """Write the submission *out_path* from a working copy; the working copy is unchanged."""
    check_output(out_path, [work_path])
    with Project.open(work_path, read_only=True) as work:
        info = ClassroomInfo.of(work)
        if info.role != WORK:
            raise ClassroomError(f"{work_path}: is {info.describe()}, not a working copy made "
                                 "with 'claimweave classroom start'")
        _check_documents(work, info, work_path)
        student = clean_student(info.student)
        # Claims made in the program may carry the computer's user name: all are the student's.
        bundle = as_annotator(read_bundle(work), student)
        parts = ExerciseParts.of(work)
    settings = {**identity_settings(info), ROLE: SUBMISSION, STUDENT: student,
                HANDED_IN_AT: now(), DOCUMENTS_LOCKED: "1"}

    def checksum(project: Project) -> dict[str, str]:
        return {CHECKSUM: content_checksum(project, assignment_id=info.assignment_id,
                                           fingerprint=info.fingerprint, student=student)}

    return build_project(out_path, [bundle], settings, title=f"{info.title}: {student}",
                         label="Hand in", finish=checksum, portable=True,
                         protected=[work_path],
                         fill=lambda p: write_parts(p, parts, answers_by=student))


def unjustified_links(project: Project) -> list[Link]:
    """The links whose justification (note) is empty, in the store's order."""
    return [k for k in project.links() if not k.note.strip()]


def describe_link(project: Project, link: Link, width: int = 50) -> str:
    """A link as a person reads it: “quote” relation “quote”."""
    def quote(claim_id: str) -> str:
        text = " ".join(project.claim(claim_id).quote.split())
        return f"“{text if len(text) <= width else text[:width - 1] + '…'}”"

    return f"{quote(link.source)} {link.relation} {quote(link.target)}"


@dataclass(slots=True)
class Submission:
    """A submission that passed its own checks, read into memory."""

    path: Path
    info: ClassroomInfo
    bundle: Bundle
    text_hashes: frozenset[str]
    parts: ExerciseParts

    @property
    def student(self) -> str:
        return self.info.student


def read_submission(path: Path) -> Submission:
    """Open and check one submission: readable, a submission, untouched since hand-in.

    Whether it belongs to the right assignment is for the caller to decide.
    """
    try:
        project = Project.open(path, read_only=True)
    except ProjectFileError as exc:
        raise SubmissionRefusedError(f"{exc} The submission was refused.") from None
    try:
        with project:
            return _check_submission(path, project)
    except sqlite3.DatabaseError as exc:
        raise SubmissionRefusedError(f"{path}: the file is damaged ({exc}); the submission "
                                     "was refused") from None


def _check_submission(path: Path, project: Project) -> Submission:
    info = ClassroomInfo.of(project)
    if info.role != SUBMISSION:
        raise SubmissionRefusedError(
            f"{path}: is {info.describe()}, not a submission (a student makes one with "
            "'claimweave classroom hand-in')")
    expected = content_checksum(project, assignment_id=info.assignment_id,
                                fingerprint=info.fingerprint, student=info.student)
    if expected != info.checksum:
        raise SubmissionRefusedError(
            f"{path}: was changed after it was handed in (its content checksum does not "
            f"match); ask {info.student or 'the student'} to hand it in again")
    if document_fingerprint(project) != info.fingerprint:
        raise SubmissionRefusedError(
            f"{path}: its documents differ from those it was handed in with")
    if not info.student:
        raise SubmissionRefusedError(f"{path}: names no student")
    hashes = frozenset(d.text_sha256 for d in project.documents())
    return Submission(path, info, read_bundle(project), hashes, ExerciseParts.of(project))
