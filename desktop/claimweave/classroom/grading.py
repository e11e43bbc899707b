"""Grading one student against the key: precision, recall and F1 for claims, tags and links.

- Claims: a student's claim is correct when it matches a key claim (see
  :mod:`.matching`). precision = matched / student's claims, recall = matched / key claims.
- Tags, on matched claims only: each (claim, tag) the student gave that the key also gave on
  the matched claim is correct; precision = correct / tags the student gave on matched
  claims, recall = correct / tags the key gave on them. A missed claim costs recall in
  claims, not in tags.
- Links: a student's link is correct when both its claims match the two claims of a key link
  and the relation is the same; for symmetric relations (agrees, contradicts, same_claim,
  related) the direction does not matter. Each key link is found at most once.
F1 = 2·matched / (student's + key's); it is undefined (None) only when both are zero.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .layers import ClassData, Edge, Span
from .matching import THRESHOLD, Match, match_spans

LinkSig = tuple[Any, ...]


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def rounded(x: float | None) -> float | None:
    """Four decimals for JSON and CSV: enough to rank, short enough to read."""
    return None if x is None else round(x, 4)


@dataclass(frozen=True, slots=True)
class Score:
    """Counts of one comparison with the key, and the rates they give."""

    matched: int
    student: int
    key: int

    @property
    def precision(self) -> float | None:
        return _ratio(self.matched, self.student)

    @property
    def recall(self) -> float | None:
        return _ratio(self.matched, self.key)

    @property
    def f1(self) -> float | None:
        return _ratio(2 * self.matched, self.student + self.key)

    def to_json(self) -> dict[str, Any]:
        return {"matched": self.matched, "student": self.student, "key": self.key,
                "precision": rounded(self.precision), "recall": rounded(self.recall),
                "f1": rounded(self.f1)}


@dataclass
class StudentResult:
    """How one student did against the key, with the details the feedback report lists."""

    student: str
    claims: Score
    tags: Score
    links: Score
    matches: list[Match]
    missed: list[Span]  # key claims the student did not find
    extra: list[Span]  # student claims that match no key claim
    links_found: list[Edge] = field(default_factory=list)  # key links
    links_missed: list[Edge] = field(default_factory=list)  # key links, not linked at all
    links_different: list[tuple[Edge, Edge]] = field(default_factory=list)  # (key, student)
    links_extra: list[Edge] = field(default_factory=list)  # student links
    kappa_vs_key: float | None = None
    links_unjustified: list[Edge] = field(default_factory=list)  # student links, no note

    @property
    def mean_f1(self) -> float | None:
        """The mean of the defined F1 scores: a suggestion for a grade, nothing more."""
        values = [s.f1 for s in (self.claims, self.tags, self.links) if s.f1 is not None]
        return sum(values) / len(values) if values else None

    def to_json(self) -> dict[str, Any]:
        return {"student": self.student, "claims": self.claims.to_json(),
                "tags": self.tags.to_json(), "links": self.links.to_json(),
                "mean_f1": rounded(self.mean_f1), "kappa_vs_key": rounded(self.kappa_vs_key),
                "claims_missed": len(self.missed), "claims_extra": len(self.extra),
                "links_linked_differently": len(self.links_different),
                "links_unjustified": len(self.links_unjustified)}


def link_signature(edge: Edge, source: str, target: str) -> LinkSig:
    """What must be equal for two links to match, given their claims' key ids."""
    if edge.symmetric:
        return (edge.relation.casefold(), frozenset((source, target)))
    return (edge.relation.casefold(), source, target)


def grade_student(data: ClassData, student: str, *, threshold: float = THRESHOLD
                  ) -> StudentResult:
    """Compare *student*'s layer of *data* with the key layer."""
    if data.key is None:
        raise ValueError("grading needs a key")
    key_spans, mine = data.layer(data.key), data.layer(student)
    matches = match_spans(key_spans, mine, threshold)
    to_key = {m.other.id: m.key.id for m in matches}
    found = {m.key.id for m in matches}
    correct_tags = sum(len(m.key.tags & m.other.tags) for m in matches)
    result = StudentResult(
        student,
        claims=Score(len(matches), len(mine), len(key_spans)),
        tags=Score(correct_tags, sum(len(m.other.tags) for m in matches),
                   sum(len(m.key.tags) for m in matches)),
        links=Score(0, 0, 0), matches=matches,
        missed=[s for s in key_spans if s.id not in found],
        extra=[s for s in mine if s.id not in to_key],
    )
    _grade_links(result, data.edges(data.key), data.edges(student), to_key)
    result.links_unjustified = [e for e in data.edges(student) if not e.note.strip()]
    return result


def _grade_links(result: StudentResult, key_links: list[Edge], mine: list[Edge],
                 to_key: dict[str, str]) -> None:
    """Fill in the link score and lists: found, linked differently, missed, extra."""
    available: Counter[LinkSig] = Counter()
    by_pair: dict[frozenset[str], list[Edge]] = {}
    mapped: dict[str, LinkSig] = {}
    for e in mine:
        a, b = to_key.get(e.source), to_key.get(e.target)
        if a is None or b is None:
            continue
        sig = link_signature(e, a, b)
        mapped[e.id] = sig
        available[sig] += 1
        by_pair.setdefault(frozenset((a, b)), []).append(e)
    used: Counter[LinkSig] = Counter()
    for k in key_links:
        sig = link_signature(k, k.source, k.target)
        if used[sig] < available[sig]:
            used[sig] += 1
            result.links_found.append(k)
            continue
        other = by_pair.get(frozenset((k.source, k.target)))
        if other:
            result.links_different.append((k, other[0]))
        else:
            result.links_missed.append(k)
    spare = Counter(used)
    for e in mine:
        mine_sig = mapped.get(e.id)
        if mine_sig is not None and spare[mine_sig] > 0:
            spare[mine_sig] -= 1
            continue
        result.links_extra.append(e)
    result.links = Score(len(result.links_found), len(mine), len(key_links))
