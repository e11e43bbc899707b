"""Classroom verbs of the project: prompts and answers, rubric criteria and assessments.

A mixin of :class:`~claimweave.core.store.Project`: every verb validates first, then writes
through the undoable row writer in one transaction, like the store's other verbs. What the
rows mean for an exercise (who asks, who answers, what a level is worth) is the classroom
package's business; here they are checked and kept.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .changelog import KEYS
from .claims_repo import ClaimsRepo
from .clock import new_id, now
from .errors import InvalidOperationError, NotFoundError
from .text import normalise_text

# Keys of the classroom tables for the undo writer (changelog.py stays as released).
KEYS.setdefault("prompts", ("id",))
KEYS.setdefault("answers", ("prompt_id", "subject", "annotator"))
KEYS.setdefault("rubric_criteria", ("id",))
KEYS.setdefault("assessments", ("student", "criterion_id"))

PROMPT_KINDS = ("document", "proposition")
"""A sourcing prompt is asked of every document, a corroboration prompt of every
proposition (a group of claims the student linked as stating the same thing)."""
MAX_LEVELS = 12


@dataclass(frozen=True, slots=True)
class Prompt:
    id: str
    position: int  # 0-based; people and the command line count from 1
    kind: str
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"number": self.position + 1, "id": self.id, "kind": self.kind,
                "text": self.text}


@dataclass(frozen=True, slots=True)
class Answer:
    prompt_id: str
    subject: str  # a document id, or a claim id of the proposition
    annotator: str
    text: str
    updated_at: str


@dataclass(frozen=True, slots=True)
class Criterion:
    id: str
    name: str
    levels: tuple[str, ...]
    position: int

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "levels": list(self.levels)}


@dataclass(frozen=True, slots=True)
class Assessment:
    student: str
    criterion_id: str
    level: str
    comment: str


def _one_line(text: str) -> str:
    return " ".join(normalise_text(text or "").split())


class ClassroomRepo(ClaimsRepo):
    """Prompts, answers, rubric and assessments (tables of the classroom migration)."""

    # ------------------------------------------------------------------ prompts
    def add_prompt(self, text: str, *, kind: str = "document",
                   prompt_id: str | None = None) -> Prompt:
        """Append a question for the students; *prompt_id* keeps the id of a copied one."""
        text = normalise_text(text or "").strip()
        if not text:
            raise InvalidOperationError("a prompt needs a question")
        if kind not in PROMPT_KINDS:
            raise InvalidOperationError(f"a prompt is asked of a document or a proposition, "
                                        f"not {kind!r}")
        if prompt_id and self.con.execute("SELECT 1 FROM prompts WHERE id = ?",
                                          (prompt_id,)).fetchone():
            raise InvalidOperationError(f"a prompt with id {prompt_id} already exists")
        position = self.con.execute("SELECT count(*) FROM prompts").fetchone()[0]
        prompt = Prompt(prompt_id or new_id(), position, kind, text)
        with self._transaction(f"Add prompt {position + 1}"):
            self._writer.insert("prompts", {"id": prompt.id, "position": position,
                                            "kind": kind, "text": text, "created_at": now()})
        return prompt

    def prompts(self) -> list[Prompt]:
        return [Prompt(*r) for r in self.con.execute(
            "SELECT id, position, kind, text FROM prompts ORDER BY position, id")]

    def prompt(self, number: int) -> Prompt:
        """The prompt numbered *number* (1-based, in the order the teacher gave them)."""
        prompts = self.prompts()
        if not 1 <= number <= len(prompts):
            have = f"1 to {len(prompts)}" if prompts else "none: the teacher asked no questions"
            raise NotFoundError(f"no prompt number {number} (prompts: {have})")
        return prompts[number - 1]

    def set_answer(self, prompt_id: str, subject: str, text: str, *,
                   annotator: str = "") -> None:
        """Answer a prompt for one document or proposition; empty text removes the answer.

        The subject of a document prompt is the document (id or unique prefix), that of a
        proposition prompt any claim of the proposition.
        """
        row = self.con.execute("SELECT kind, position FROM prompts WHERE id = ?",
                               (prompt_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no prompt with id {prompt_id!r}")
        kind, position = row
        subject = (self.resolve_document(subject) if kind == "document"
                   else self.resolve_claim(subject))
        text = normalise_text(text or "").strip()
        key = (("prompt_id", prompt_id), ("subject", subject), ("annotator", annotator))
        old = self._writer.fetch("answers", key)
        with self._transaction(f"Answer prompt {position + 1}"):
            if not text:
                if old is not None:
                    self._writer.delete("answers", key)
            elif old is None:
                self._writer.insert("answers", {"prompt_id": prompt_id, "subject": subject,
                                                "annotator": annotator, "text": text,
                                                "updated_at": now()})
            elif old["text"] != text:
                self._writer.update("answers", key, {"text": text, "updated_at": now()})

    def answers(self, *, annotator: str | None = None) -> list[Answer]:
        where, args = ("WHERE a.annotator = ?", [annotator]) if annotator is not None else ("", [])
        return [Answer(*r) for r in self.con.execute(
            "SELECT a.prompt_id, a.subject, a.annotator, a.text, a.updated_at FROM answers a "
            f"JOIN prompts p ON p.id = a.prompt_id {where} "
            "ORDER BY a.annotator, p.position, a.subject", args)]

    # ------------------------------------------------------------------ rubric
    def add_criterion(self, name: str, levels: Sequence[str], *,
                      criterion_id: str | None = None) -> Criterion:
        """Append a rubric criterion with its levels, lowest first."""
        name = _one_line(name)
        if not name:
            raise InvalidOperationError("a rubric criterion needs a name")
        cleaned = [_one_line(level) for level in levels]
        if not cleaned or not all(cleaned):
            raise InvalidOperationError(f"criterion {name!r} needs levels, each with a name")
        if len({level.casefold() for level in cleaned}) != len(cleaned):
            raise InvalidOperationError(f"criterion {name!r} names a level twice")
        if len(cleaned) > MAX_LEVELS:
            raise InvalidOperationError(f"criterion {name!r} has more than {MAX_LEVELS} levels")
        if self.con.execute("SELECT 1 FROM rubric_criteria WHERE name = ?", (name,)).fetchone():
            raise InvalidOperationError(f"the rubric already has a criterion {name!r}")
        position = self.con.execute("SELECT count(*) FROM rubric_criteria").fetchone()[0]
        criterion = Criterion(criterion_id or new_id(), name, tuple(cleaned), position)
        with self._transaction(f"Add criterion {name}"):
            self._writer.insert("rubric_criteria", {
                "id": criterion.id, "name": name, "position": position, "created_at": now(),
                "levels": json.dumps(cleaned, ensure_ascii=False)})
        return criterion

    def criteria(self) -> list[Criterion]:
        return [Criterion(i, n, tuple(json.loads(levels)), p) for i, n, levels, p in
                self.con.execute("SELECT id, name, levels, position FROM rubric_criteria "
                                 "ORDER BY position, id")]

    def criterion(self, name: str) -> Criterion:
        """The criterion called *name* (case ignored)."""
        wanted = _one_line(name).casefold()
        found = [c for c in self.criteria() if c.name.casefold() == wanted]
        if not found:
            have = ", ".join(repr(c.name) for c in self.criteria()) or "none"
            raise NotFoundError(f"no rubric criterion {name!r} (criteria: {have})")
        return found[0]

    def assess(self, student: str, criterion: str, level: str, *, comment: str = "") -> None:
        """Set *student*'s level (and the teacher's comment) on *criterion* (a name).

        An empty level with an empty comment removes the assessment.
        """
        student = _one_line(student)
        if not student:
            raise InvalidOperationError("name the student to assess")
        crit = self.criterion(criterion)
        level = _one_line(level)
        if level:
            levels = {lv.casefold(): lv for lv in crit.levels}
            if level.casefold() not in levels:
                raise InvalidOperationError(
                    f"{crit.name!r} has no level {level!r} (levels: {', '.join(crit.levels)})")
            level = levels[level.casefold()]
        comment = normalise_text(comment or "").strip()
        key = (("student", student), ("criterion_id", crit.id))
        old = self._writer.fetch("assessments", key)
        with self._transaction(f"Assess {student}: {crit.name}"):
            if not level and not comment:
                if old is not None:
                    self._writer.delete("assessments", key)
            elif old is None:
                self._writer.insert("assessments", {
                    "student": student, "criterion_id": crit.id, "level": level,
                    "comment": comment, "updated_at": now()})
            else:
                self._writer.update("assessments", key, {"level": level, "comment": comment,
                                                         "updated_at": now()})

    def assessments(self) -> list[Assessment]:
        return [Assessment(*r) for r in self.con.execute(
            "SELECT a.student, a.criterion_id, a.level, a.comment FROM assessments a "
            "JOIN rubric_criteria c ON c.id = a.criterion_id ORDER BY a.student, c.position")]

    # ------------------------------------------------------------------ files that travel
    def make_portable(self) -> None:
        """Fold the write-ahead log into the file and switch to a rollback journal.

        For files handed to someone (assignments, submissions): reading a WAL-mode file
        read-only makes SQLite leave ``-wal`` and ``-shm`` files beside it; a file in
        rollback-journal mode is read with none. Opening it for writing turns WAL on again.
        """
        if self.read_only:
            return
        self.con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.con.execute("PRAGMA journal_mode = DELETE")

