"""How a class did: grades against the key and agreement among the students.

Agreement statistics (none of them needs a key unless said so):
- ``claims_character_nominal``: Krippendorff's alpha, nominal, with every code point of every
  document as a unit and each student's value "inside one of my claims" or not. This is a
  character-level approximation of unitizing alpha (u-alpha), not u-alpha itself: it
  ignores where units begin and end (two adjacent claims count like one long one) and
  treats neighbouring code points as independent units.
- ``tags_nominal`` (needs the key): Krippendorff's alpha, nominal; the units are the key's
  claims, a student's value is the set of tags on the claim matched to it, and a student who
  did not find the claim is missing data.
- ``links_nominal`` (also ``links.alpha``): Krippendorff's alpha, nominal, over the claim
  pairs some student linked; a student's value is the relation they gave the pair or
  "no link" (see :mod:`.link_agreement`).
- pairwise Cohen's kappa between students, per code point, claim / no claim; with a key,
  also each student's kappa against the key.
Long stretches nobody marks add agreement on "no claim" to all three character-level
figures; they compare students on the same texts, not across exercises.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import numpy as np

from .grading import StudentResult, grade_student, rounded
from .layers import ClassData, Edge, Span
from .link_agreement import LinkAgreement, link_agreement
from .matching import THRESHOLD
from .statistics import binary_alpha, binary_kappa, nominal_alpha
from .units import claim_units

TOP = 10
"""How many claims the most / least found lists hold."""


def coverage(data: ClassData, annotator: str) -> np.ndarray:
    """One boolean per code point of all documents (in order): inside a claim of *annotator*."""
    offsets, total = {}, 0
    for d in data.documents:
        offsets[d.id] = total
        total += d.length
    marks = np.zeros(total + 1, dtype=np.int32)
    for s in data.layer(annotator):
        base = offsets[s.document]
        marks[base + s.start] += 1
        marks[base + s.end] -= 1
    return np.cumsum(marks[:-1]) > 0


@dataclass(frozen=True, slots=True)
class ClaimFound:
    """A key claim and who found it."""

    claim: Span
    found_by: tuple[str, ...]
    students: int

    def to_json(self, titles: dict[str, str]) -> dict[str, Any]:
        return {"claim_id": self.claim.id, "document": titles.get(self.claim.document, ""),
                "start": self.claim.start, "end": self.claim.end, "quote": self.claim.quote,
                "found_by": len(self.found_by),
                "share": rounded(len(self.found_by) / self.students if self.students else None),
                "students": list(self.found_by)}


@dataclass(frozen=True, slots=True)
class LinkMissed:
    link: Edge
    missed_by: tuple[str, ...]

    def to_json(self, data: ClassData) -> dict[str, Any]:
        spans = data.span_by_id
        return {"link_id": self.link.id, "relation": self.link.relation,
                "source_quote": spans[self.link.source].quote,
                "target_quote": spans[self.link.target].quote,
                "missed_by": len(self.missed_by), "students": list(self.missed_by)}


@dataclass
class ClassReport:
    data: ClassData
    threshold: float
    results: list[StudentResult]
    pairwise_kappa: list[tuple[str, str, float | None]]
    alpha: dict[str, float | None]
    links: LinkAgreement
    found: list[ClaimFound] = field(default_factory=list)  # every key claim, most found first
    missed_links: list[LinkMissed] = field(default_factory=list)  # most missed first

    def to_json(self) -> dict[str, Any]:
        titles = {d.id: d.title for d in self.data.documents}
        least = sorted(self.found, key=lambda f: (len(f.found_by), _order(f.claim)))
        return {
            "title": self.data.title, "key": self.data.key,
            "students": list(self.data.students), "match_threshold": self.threshold,
            "per_student": [r.to_json() for r in self.results],
            "pairwise_kappa": [{"a": a, "b": b, "kappa": rounded(k)}
                               for a, b, k in self.pairwise_kappa],
            "alpha": {name: rounded(v) for name, v in self.alpha.items()},
            "links": self.links.to_json(),
            "claims_most_found": [f.to_json(titles) for f in self.found[:TOP]],
            "claims_least_found": [f.to_json(titles) for f in least[:TOP]],
            "missed_links": [m.to_json(self.data) for m in self.missed_links if m.missed_by],
        }


def _order(s: Span) -> tuple[str, int, int]:
    return (s.document, s.start, s.end)


def analyse_class(data: ClassData, *, threshold: float = THRESHOLD) -> ClassReport:
    """Grades (when *data* has a key) and agreement among the students."""
    students = data.students
    cover = {s: coverage(data, s) for s in students}
    pairs = [(a, b, binary_kappa(cover[a], cover[b])) for a, b in combinations(students, 2)]
    ones = (np.asarray(np.sum(list(cover.values()), axis=0, dtype=np.int64)) if cover
            else np.zeros(0, dtype=np.int64))
    units = claim_units(data, students, data.layer(data.key) if data.key else (),
                        threshold=threshold)
    links = link_agreement(data, units)
    alpha: dict[str, float | None] = {
        "claims_character_nominal": binary_alpha(ones, len(students)),
        "tags_nominal": None,
        "links_nominal": links.alpha,
    }
    report = ClassReport(data, threshold, [], pairs, alpha, links)
    if data.key is None:
        return report
    key_cover = coverage(data, data.key)
    for s in students:
        result = grade_student(data, s, threshold=threshold)
        result.kappa_vs_key = binary_kappa(key_cover, cover[s])
        report.results.append(result)
    alpha["tags_nominal"] = _tags_alpha(report.results)
    report.found = _claims_found(data, report.results)
    report.missed_links = _links_missed(data, report.results)
    return report


def _tags_alpha(results: list[StudentResult]) -> float | None:
    units: dict[str, dict[str, str]] = {}
    for r in results:
        for m in r.matches:
            units.setdefault(m.key.id, {})[r.student] = "|".join(
                sorted(t.casefold() for t in m.other.tags))
    return nominal_alpha(units.values())


def _claims_found(data: ClassData, results: list[StudentResult]) -> list[ClaimFound]:
    assert data.key is not None
    by_claim: dict[str, list[str]] = {s.id: [] for s in data.layer(data.key)}
    for r in results:
        for m in r.matches:
            by_claim[m.key.id].append(r.student)
    found = [ClaimFound(data.span_by_id[c], tuple(names), len(results))
             for c, names in by_claim.items()]
    found.sort(key=lambda f: (-len(f.found_by), _order(f.claim)))
    return found


def _links_missed(data: ClassData, results: list[StudentResult]) -> list[LinkMissed]:
    assert data.key is not None
    missed: dict[str, list[str]] = {k.id: [] for k in data.edges(data.key)}
    for r in results:
        found = {k.id for k in r.links_found}
        for k in data.edges(data.key):
            if k.id not in found:
                missed[k.id].append(r.student)
    edges = {k.id: k for k in data.edges(data.key)}
    out = [LinkMissed(edges[i], tuple(names)) for i, names in missed.items()]
    out.sort(key=lambda m: (-len(m.missed_by), m.link.relation, m.link.id))
    return out
