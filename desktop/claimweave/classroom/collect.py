"""Collecting submissions into one class project: each student becomes an annotator layer.

The class project is built from the assignment (documents and codebook) or from the key
(the same, plus the key's claims and links as the annotator ``key``), then every submission
in turn. Nothing is written unless every submission passes: a submission of another
assignment, one changed after hand-in, a damaged file, a student handed in twice or a file
copied from another student's is refused with a message naming the file.

*progress* hears ``(done, total)`` for each submission read, then for each one written into
the class project; what it raises (the user cancelled) stops the collection and leaves no
file: the class project is written under a private name and renamed when complete.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..core.store import Project
from ..core.text import text_sha256
from ..exchange.datasets.bundle import Bundle
from .errors import ClassroomError, SubmissionRefusedError
from .exercise import ExerciseParts, write_answers, write_parts
from .files import as_annotator, build_project, check_output, read_bundle, without_annotations
from .integrity import document_fingerprint
from .roles import (
    ASSIGNMENT,
    CLASS,
    KEY_ANNOTATOR,
    KEY_LAYER,
    ROLE,
    STUDENTS,
    ClassroomInfo,
    identity_settings,
    key_assignments,
)
from .submission import Submission, read_submission


@dataclass(frozen=True, slots=True)
class Collection:
    path: Path
    title: str
    students: tuple[str, ...]
    key: str | None  # the key layer's annotator name, None when collected from the assignment

    def to_json(self) -> dict[str, object]:
        return {"path": str(self.path), "title": self.title, "students": list(self.students),
                "key": self.key}


@dataclass(slots=True)
class _Source:
    """The assignment or key a class project starts from."""

    info: ClassroomInfo
    bundle: Bundle
    key_claims: set[str] | None  # the key's claim ids; None: no key (assignment)
    parts: ExerciseParts  # prompts and rubric


def collect(source: Path, submissions: list[Path], out: Path, *,
            key_name: str = KEY_LAYER,
            progress: Callable[[int, int], None] | None = None) -> Collection:
    """Build the class project *out* from *source* (assignment or key) and *submissions*."""
    check_output(out, [source, *submissions])
    if not submissions:
        raise ClassroomError("no submissions to collect")
    total = 2 * len(submissions) + 2  # read each and the source; write the source and each
    step = _Steps(total, progress)
    handed = []
    for path in submissions:
        step()
        handed.append(read_submission(path))
    step()
    src = _read_source(source, handed)
    for sub in handed:
        _check_belongs(sub, src.info, source)
    _check_unique(handed, key_name)
    bundles = [src.bundle]
    if src.key_claims is not None:
        on_assigned = _keep_documents(src.bundle, handed[0].text_hashes, source)
        as_annotator(src.bundle, key_name, src.key_claims & on_assigned)
    else:
        without_annotations(src.bundle)
    bundles += [sub.bundle for sub in handed]
    students = tuple(sub.student for sub in handed)
    settings = {**identity_settings(src.info), ROLE: CLASS,
                STUDENTS: json.dumps(list(students), ensure_ascii=False)}
    key = key_name if src.key_claims is not None else None
    if key:
        settings[KEY_ANNOTATOR] = key

    def fill(project: Project) -> None:
        write_parts(project, src.parts, answers=False)
        prompts = {p.id for p in src.parts.prompts}
        for sub in handed:
            write_answers(project, sub.parts.answers, prompts, by=sub.student)

    build_project(out, bundles, settings, title=f"{src.info.title}: class",
                  label="Collect submissions", fill=fill, protected=[source, *submissions],
                  progress=step)
    step.finish()
    return Collection(out, src.info.title, students, key)


class _Steps:
    """Counts the steps of a collection for its *progress* callback (if any)."""

    def __init__(self, total: int, progress: Callable[[int, int], None] | None) -> None:
        self.done, self.total, self.progress = 0, total, progress

    def __call__(self) -> None:
        if self.progress is not None:
            self.progress(self.done, self.total)
        self.done += 1

    def finish(self) -> None:
        if self.progress is not None:
            self.progress(self.total, self.total)


def _read_source(path: Path, handed: list[Submission]) -> _Source:
    with Project.open(path, read_only=True) as project:
        info = ClassroomInfo.of(project)
        if info.role == ASSIGNMENT:
            if document_fingerprint(project) != info.fingerprint:
                raise ClassroomError(f"{path}: the assignment's documents were changed after "
                                     "it was made")
            return _Source(info, read_bundle(project), None, ExerciseParts.of(project))
        if info.role:
            raise ClassroomError(f"{path}: is {info.describe()}; collect with the assignment "
                                 "or with the teacher's project (the key)")
        made = key_assignments(project)
        if not made:
            raise ClassroomError(f"{path}: no assignment was made from this project; give "
                                 "the assignment file or the project it was made from")
        # The assignment most submissions belong to; the others are then refused by name.
        votes = Counter(s.info.assignment_id for s in handed if s.info.assignment_id in made)
        assignment_id = votes.most_common(1)[0][0] if votes else next(iter(made))
        entry = made[assignment_id]
        key_annotator = entry.get("key_annotator")
        claims = project.claims(annotator=key_annotator)
        info = ClassroomInfo(ASSIGNMENT, assignment_id, str(entry.get("fingerprint", "")),
                             str(entry.get("title", project.title)), "", "", "",
                             bool(entry.get("require_justification")))
        return _Source(info, read_bundle(project), {c.id for c in claims},
                       ExerciseParts.from_record(entry))


def _check_belongs(sub: Submission, expected: ClassroomInfo, source: Path) -> None:
    if sub.info.assignment_id != expected.assignment_id:
        raise SubmissionRefusedError(
            f"{sub.path}: a submission of another assignment ({sub.info.title!r}, id "
            f"{sub.info.assignment_id}), not of {expected.title!r} ({source.name})")
    if sub.info.fingerprint != expected.fingerprint:
        raise SubmissionRefusedError(
            f"{sub.path}: its documents are not those of {expected.title!r} ({source.name})")


def _check_unique(handed: list[Submission], key_name: str) -> None:
    """One submission per student, no student named like the key, no copied files."""
    names: dict[str, Path] = {key_name.casefold(): Path("the key")}
    owners: dict[str, Submission] = {}
    for sub in handed:
        seen = names.get(sub.student.casefold())
        if seen is not None:
            raise SubmissionRefusedError(
                f"{sub.path}: student {sub.student!r} is already collected (from {seen})")
        names[sub.student.casefold()] = sub.path
        for claim in sub.bundle.claims:
            other = owners.get(claim.key)
            if other is not None:
                raise SubmissionRefusedError(
                    f"{sub.path}: shares claims with {other.path} ({other.student}); one "
                    "submission was copied from the other")
            owners[claim.key] = sub


def _keep_documents(bundle: Bundle, hashes: frozenset[str], source: Path) -> set[str]:
    """Restrict the key to the assignment's documents (the teacher may have added more);
    returns the ids of the claims on them."""
    bundle.documents[:] = [d for d in bundle.documents if text_sha256(d.text) in hashes]
    if len(bundle.documents) != len(hashes):
        raise ClassroomError(f"{source}: no longer holds every document of the assignment; "
                             "collect with the assignment file instead")
    kept = {d.key for d in bundle.documents}
    return {c.key for c in bundle.claims if c.doc in kept}
