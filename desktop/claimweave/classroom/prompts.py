"""Answering the teacher's prompts: which document or proposition an answer is about.

A sourcing prompt is answered once per document; a corroboration prompt once per
proposition, the group of claims the student linked as stating the same thing (see
:mod:`claimweave.analysis.groups`). An answer to a proposition is stored on one of its
claims, so it follows the proposition as claims join it; when two answered groups merge,
the answer on the smallest claim id is the group's.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..analysis.groups import find_groups
from ..analysis.snapshot import Snapshot
from ..core.classroom_repo import Answer, Prompt
from ..core.errors import NotFoundError
from ..core.store import Project
from ..core.wording import counted
from .errors import ClassroomError
from .roles import WORK, ClassroomInfo


def resolve_document(project: Project, ref: str) -> str:
    """A document from its id (or a unique prefix), its title (case ignored) or its
    1-based number in the documents list."""
    docs = project.documents()
    wanted = (ref or "").strip()
    by_title = [d.id for d in docs if d.title.casefold() == wanted.casefold()]
    if len(by_title) == 1:
        return by_title[0]
    if wanted.isdigit() and 1 <= int(wanted) <= len(docs):
        return docs[int(wanted) - 1].id
    try:
        return project.resolve_document(wanted)
    except NotFoundError:
        titles = "; ".join(f"{n}. {d.title}" for n, d in enumerate(docs, start=1))
        raise NotFoundError(f"no document {ref!r} (documents: {titles})") from None


def proposition_of(project: Project, claim_id: str) -> tuple[str, ...]:
    """The claims of the proposition *claim_id* belongs to (itself alone when unlinked)."""
    claim_id = project.resolve_claim(claim_id)
    groups = find_groups(Snapshot.of(project, reuse=False), include_unlinked=True)
    key = groups.group_of.get(claim_id, claim_id)
    for p in groups.propositions:
        if p.key == key:
            return p.claim_ids
    return (claim_id,)


@dataclass(frozen=True, slots=True)
class Subject:
    """What one answer is about: a document, or a proposition (its claims)."""

    store_as: str  # the subject id the answer is stored under
    members: tuple[str, ...]  # every id an existing answer may be stored under


def subject_for(project: Project, prompt: Prompt, ref: str) -> Subject:
    """Where an answer to *prompt* about *ref* (a document, or a claim) belongs."""
    if prompt.kind == "document":
        doc = resolve_document(project, ref)
        return Subject(doc, (doc,))
    try:
        members = proposition_of(project, ref)
    except NotFoundError as exc:
        raise NotFoundError(f"prompt {prompt.position + 1} asks about a proposition: give the "
                            f"id of one of its claims ({exc})") from None
    return Subject(min(members), members)


def find_answer(answers: list[Answer], prompt: Prompt, subject: Subject,
                annotator: str) -> Answer | None:
    """The answer already given to *prompt* about *subject*, if any (smallest id first)."""
    found = sorted((a for a in answers if a.prompt_id == prompt.id
                    and a.annotator == annotator and a.subject in subject.members),
                   key=lambda a: a.subject)
    return found[0] if found else None


def save_answer(project: Project, prompt: Prompt, subject: Subject, text: str,
                annotator: str) -> None:
    """Answer *prompt* about *subject* (replacing an earlier answer) in one undo step."""
    old = find_answer(project.answers(annotator=annotator), prompt, subject, annotator)
    where = old.subject if old else subject.store_as
    project.set_answer(prompt.id, where, text, annotator=annotator)


def answer_in_working_copy(project: Project, ref: str, number: int, text: str) -> str:
    """The command line's ``classroom answer``: answer prompt *number* about *ref* in a
    student's working copy; returns what was answered, for the message."""
    info = ClassroomInfo.of(project)
    if info.role != WORK:
        raise ClassroomError(f"{project.path}: is {info.describe()}; answers are written in "
                             "your working copy (made with 'claimweave classroom start')")
    prompt = project.prompt(number)
    subject = subject_for(project, prompt, ref)
    if not text.strip():
        raise ClassroomError("the answer is empty (give --text)")
    save_answer(project, prompt, subject, text, info.student)
    if prompt.kind == "document":
        return project.document(subject.store_as).title
    return (f"the proposition of {counted(len(subject.members), 'claim')} with claim "
            f"{subject.store_as[:8]}")
