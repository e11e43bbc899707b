"""The annotator layers of a project, read once: what matching and statistics work on.

A class project holds the key's claims (annotator ``key``) and each student's claims
(annotator = the student). Any project with several annotators can be read the same way.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from ..core.store import Project
from .errors import ClassroomError
from .exercise import ExerciseParts, requires_justification
from .roles import KEY_ANNOTATOR, STUDENTS, TITLE


@dataclass(frozen=True, slots=True)
class Span:
    """One claim: a code-point range [start, end) of a document, with its tag names."""

    id: str
    document: str
    start: int
    end: int
    quote: str = ""
    tags: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Edge:
    """One link between two claims; *symmetric* relations have no direction."""

    id: str
    source: str
    target: str
    relation: str
    symmetric: bool
    note: str = ""  # the annotator's justification of the link


@dataclass(frozen=True, slots=True)
class DocInfo:
    id: str
    title: str
    length: int


@dataclass
class ClassData:
    """Documents, and claims and links per annotator; the key apart from the students."""

    documents: list[DocInfo]
    claims: dict[str, list[Span]]
    links: dict[str, list[Edge]]
    students: list[str]
    key: str | None = None
    title: str = ""
    parts: ExerciseParts = field(default_factory=ExerciseParts)  # prompts, rubric, answers
    require_justification: bool = False
    span_by_id: dict[str, Span] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.span_by_id = {s.id: s for spans in self.claims.values() for s in spans}

    def layer(self, annotator: str) -> list[Span]:
        return self.claims.get(annotator, [])

    def edges(self, annotator: str) -> list[Edge]:
        return self.links.get(annotator, [])

    @classmethod
    def of(cls, project: Project, key: str | None = None, *,
           recorded_key: bool = True) -> ClassData:
        """Read *project*; *key* names the answer key's annotator (default: the class
        project's recorded key if *recorded_key*, else none)."""
        claims: dict[str, list[Span]] = {}
        owner: dict[str, str] = {}
        for c in project.claims():
            claims.setdefault(c.annotator, []).append(
                Span(c.id, c.document_id, c.start, c.end, c.quote, frozenset(c.tags)))
            owner[c.id] = c.annotator
        symmetric = {r.id: r.symmetric for r in project.relation_types()}
        links: dict[str, list[Edge]] = {}
        for k in project.links():
            # A link belongs to the layer of its source claim, whatever its own annotator.
            links.setdefault(owner[k.source], []).append(
                Edge(k.id, k.source, k.target, k.relation, symmetric[k.relation_type_id],
                     k.note))
        recorded = project.get_setting(KEY_ANNOTATOR)
        if key is None and recorded_key and recorded in claims:
            key = recorded
        if key is not None and key not in claims:
            known = ", ".join(repr(a) for a in sorted(claims)) or "none"
            raise ClassroomError(f"{project.path}: no claims by the key annotator {key!r} "
                                 f"(annotators with claims: {known})")
        students = _students(project, claims, key)
        docs = [DocInfo(d.id, d.title, d.chars) for d in project.documents()]
        return cls(docs, claims, links, students, key, project.get_setting(TITLE) or project.title,
                   ExerciseParts.of(project), requires_justification(project))


def _students(project: Project, claims: dict[str, list[Span]], key: str | None) -> list[str]:
    """The class list recorded at collection (students who marked nothing included), else
    every annotator with claims except the key."""
    raw = project.get_setting(STUDENTS)
    try:
        recorded = json.loads(raw) if raw else None
    except json.JSONDecodeError:
        recorded = None
    if isinstance(recorded, list) and all(isinstance(s, str) for s in recorded):
        names = list(recorded)
        names += sorted(a for a in claims if a not in names and a != key)
    else:
        names = sorted(a for a in claims if a != key)
    return [n for n in names if n != key]
