"""A new key from the class: the claims and links enough students agree on.

Claims are grouped into units by the grading's overlap rule (:mod:`.units`). A unit found
by at least N students becomes a claim of the new key: the span of the member that overlaps
the others most (the medoid), with the tag most of its finders gave (ties: the first in
name order; none when nobody tagged it). A link joins two such claims when at least N
students linked their units with the same relation (and, for a directed relation, the
same direction). The curation view in the window walks the same proposals one by one.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.store import Project
from ..exchange.datasets.bundle import BClaim, BLink
from .errors import ClassroomError
from .files import build_project, check_output, read_bundle, without_annotations
from .layers import ClassData, Edge, Span
from .matching import THRESHOLD
from .roles import CLASS, ROLE
from .units import ClaimUnit, Units, claim_units

ADJUDICATED = "adjudicated"
"""Annotator of the claims and links of an adjudicated key."""


@dataclass(frozen=True, slots=True)
class ClaimProposal:
    unit: ClaimUnit
    span: Span  # the medoid member
    tag: str | None  # the majority tag
    students: tuple[str, ...]  # who found it, in class order

    @property
    def key(self) -> Span | None:
        """The key claim already standing for this passage, if any."""
        return self.unit.first if self.unit.seeded else None


@dataclass(frozen=True, slots=True)
class LinkProposal:
    source: int  # unit numbers, in the link's direction
    target: int
    relation: str
    symmetric: bool
    students: tuple[str, ...]  # who linked the two units this way
    key: Edge | None = None  # the key link between the units' key claims, if any


@dataclass
class Proposals:
    data: ClassData
    units: Units
    claims: list[ClaimProposal]
    links: list[LinkProposal]


def majority_tag(spans: list[Span]) -> str | None:
    counts = Counter(t for s in spans for t in s.tags)
    if not counts:
        return None
    return min(counts, key=lambda t: (-counts[t], t.casefold()))


def propose(data: ClassData, *, with_key: bool = False,
            threshold: float = THRESHOLD) -> Proposals:
    """Every passage and link of the students, with who found it; with *with_key* the key's
    claims seed the units, so key items stand beside the students' (the curation view)."""
    seed = data.layer(data.key) if with_key and data.key else []
    units = claim_units(data, data.students, seed, threshold=threshold)
    order = {s: n for n, s in enumerate(data.students)}
    claims = []
    for u in units.units:
        found = tuple(sorted(u.members, key=order.__getitem__))
        if found or u.seeded:
            members = list(u.members.values())
            claims.append(ClaimProposal(u, u.medoid() if members else u.first,
                                        majority_tag(members) if members else None, found))
    return Proposals(data, units, claims, _link_proposals(data, units, seed_key=with_key))


def _link_proposals(data: ClassData, units: Units, *, seed_key: bool) -> list[LinkProposal]:
    votes: dict[tuple[Any, ...], set[str]] = {}
    symmetric: dict[str, bool] = {}
    for student in data.students:
        for e in data.edges(student):
            a, b = units.of_claim.get(e.source), units.of_claim.get(e.target)
            if a is None or b is None or a == b:
                continue
            if e.symmetric:
                a, b = min(a, b), max(a, b)
            symmetric[e.relation] = e.symmetric
            votes.setdefault((a, b, e.relation), set()).add(student)
    key_links: dict[tuple[Any, ...], Edge] = {}
    if seed_key and data.key:
        for k in data.edges(data.key):
            a, b = units.of_claim.get(k.source), units.of_claim.get(k.target)
            if a is not None and b is not None:
                a, b = (min(a, b), max(a, b)) if k.symmetric else (a, b)
                key_links[(a, b, k.relation)] = k
                symmetric[k.relation] = k.symmetric
                votes.setdefault((a, b, k.relation), set())
    order = {s: n for n, s in enumerate(data.students)}
    out = [LinkProposal(a, b, rel, symmetric[rel], tuple(sorted(who, key=order.__getitem__)),
                        key_links.get((a, b, rel)))
           for (a, b, rel), who in votes.items()]
    out.sort(key=lambda p: (-len(p.students), p.source, p.target, p.relation))
    return out


@dataclass(frozen=True, slots=True)
class Adjudication:
    path: Path
    students: int
    min_students: int
    claims: int
    links: int

    def to_json(self) -> dict[str, Any]:
        return {"path": str(self.path), "students": self.students,
                "min_students": self.min_students, "claims": self.claims, "links": self.links}


def adjudicate(class_path: Path, min_students: int, out: Path, *,
               threshold: float = THRESHOLD) -> Adjudication:
    """Write *out*, an ordinary project (a key) holding what >= *min_students* agree on."""
    check_output(out, [class_path])
    with Project.open(class_path, read_only=True) as project:
        if project.get_setting(ROLE) != CLASS:
            raise ClassroomError(f"{class_path}: is not a class project (made with "
                                 "'claimweave classroom collect')")
        data = ClassData.of(project)
        bundle = without_annotations(read_bundle(project))
        title = f"{data.title}: adjudicated key"
    count = len(data.students)
    if not 1 <= min_students <= max(count, 1):
        raise ClassroomError(f"--min-students must be between 1 and the {count} students of "
                             f"the class, not {min_students}")
    found = propose(data, threshold=threshold)
    new_ids: dict[int, str] = {}
    for c in found.claims:
        if len(c.students) >= min_students:
            new_ids[c.unit.number] = str(uuid.uuid4())
            bundle.claims.append(BClaim(
                new_ids[c.unit.number], c.span.document, c.span.start, c.span.end,
                f"{class_path.name}: unit {c.unit.number}", annotator=ADJUDICATED,
                tags=[c.tag] if c.tag else [],
                note=f"found by {len(c.students)} of {count}: {', '.join(c.students)}"))
    linked: set[tuple[int, int]] = set()
    for k in found.links:  # most students first: the first relation of a pair wins
        pair = (min(k.source, k.target), max(k.source, k.target))
        if (len(k.students) >= min_students and pair not in linked
                and k.source in new_ids and k.target in new_ids):
            linked.add(pair)
            bundle.links.append(BLink(
                new_ids[k.source], new_ids[k.target], k.relation,
                f"{class_path.name}: link {k.source}-{k.target}", annotator=ADJUDICATED,
                note=f"linked so by {len(k.students)} of {count}: {', '.join(k.students)}"))
    build_project(out, [bundle], {}, title=title, label="Adjudicate", protected=[class_path])
    return Adjudication(out, count, min_students, len(new_ids), len(linked))
