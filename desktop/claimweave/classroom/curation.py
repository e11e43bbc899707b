"""Curating the key from the class, item by item: what the curation view shows and does.

Every passage and link the students made (grouped as for adjudication, with the key's
claims seeding the groups) is an item beside the key. Accepting a claim adds it to the key
layer (the medoid span, the majority tag); accepting a link links the two key claims.
Rejecting removes the item from the key when it is there and marks it rejected (the
setting ``classroom.curation_rejected``). Each step is one undoable change.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..core.store import Project
from ..core.wording import counted
from .adjudicate import ClaimProposal, LinkProposal, Proposals, propose
from .errors import ClassroomError
from .layers import ClassData, Span
from .link_agreement import NO_LINK, link_values
from .roles import CURATION_REJECTED, KEY_ANNOTATOR, KEY_LAYER
from .units import ClaimUnit

IN_KEY, REJECTED, OPEN = "in the key", "rejected", "to decide"


def unit_ref(unit: ClaimUnit) -> str:
    """A name for a passage that survives reloading: its smallest student claim id (or the
    key claim's id when no student marked it)."""
    return min(s.id for s in unit.members.values()) if unit.members else unit.first.id


@dataclass(frozen=True, slots=True)
class Item:
    kind: str  # "claim" | "link"
    ref: str
    status: str
    students: tuple[str, ...]
    claim: ClaimProposal | None = None
    link: LinkProposal | None = None


@dataclass
class Curation:
    proposals: Proposals
    items: list[Item]
    key: str  # the key layer's annotator

    @property
    def data(self) -> ClassData:
        return self.proposals.data

    def unit(self, number: int) -> ClaimUnit:
        return self.proposals.units.units[number]

    def relations(self, item: Item) -> list[tuple[str, str]]:
        """Beside one link item: what the key and each student gave the two passages (a
        relation, "no link", or "" when they did not mark both)."""
        if item.link is None:
            return []
        a, b = sorted((item.link.source, item.link.target))
        values = link_values(self.data, self.proposals.units).get((a, b), {})
        key = item.link.key
        return ([(self.key, key.relation if key else NO_LINK)]
                + [(s, values.get(s, "")) for s in self.data.students])

    def layers(self, item: Item) -> list[tuple[str, Span | None]]:
        """The key and each student beside one claim item: who marked what."""
        if item.claim is None:
            return []
        unit = item.claim.unit
        return [(self.key, item.claim.key)] + [(s, unit.members.get(s))
                                               for s in self.data.students]


def _rejected(project: Project) -> set[str]:
    try:
        value = json.loads(project.get_setting(CURATION_REJECTED) or "[]")
    except json.JSONDecodeError:
        return set()
    return {str(v) for v in value} if isinstance(value, list) else set()


def _mark(project: Project, ref: str, rejected: bool) -> None:
    marks = _rejected(project)
    if (ref in marks) == rejected:
        return
    marks = marks | {ref} if rejected else marks - {ref}
    project.set_setting(CURATION_REJECTED, json.dumps(sorted(marks)))


def curation(project: Project) -> Curation:
    """Every item of the class beside the key, claims in text order, then links."""
    data = ClassData.of(project)
    key = data.key or project.get_setting(KEY_ANNOTATOR) or KEY_LAYER
    proposals = propose(data, with_key=True)
    rejected = _rejected(project)
    order = {d.id: n for n, d in enumerate(data.documents)}
    claims = sorted(proposals.claims, key=lambda c: (order.get(c.span.document, 0),
                                                     c.span.start, c.span.end))
    items = [Item("claim", ref, IN_KEY if c.key else REJECTED if ref in rejected else OPEN,
                  c.students, claim=c)
             for c in claims for ref in [unit_ref(c.unit)]]
    units = proposals.units.units
    for k in proposals.links:
        a, b = unit_ref(units[k.source]), unit_ref(units[k.target])
        ends = sorted((a, b)) if k.symmetric else [a, b]
        ref = f"link:{ends[0]}:{ends[1]}:{k.relation.casefold()}"
        status = IN_KEY if k.key else REJECTED if ref in rejected else OPEN
        items.append(Item("link", ref, status, k.students, link=k))
    return Curation(proposals, items, key)


def accept(project: Project, cur: Curation, item: Item) -> str:
    """Put *item* into the key; returns what was done, for the status line."""
    if item.status == IN_KEY:
        return "already in the key"
    with project.batch(f"Accept {item.kind} into the key"):
        _mark(project, item.ref, rejected=False)
        if project.get_setting(KEY_ANNOTATOR) is None:
            project.set_setting(KEY_ANNOTATOR, cur.key)
        if item.claim is not None:
            span, tag = item.claim.span, item.claim.tag
            project.add_claim(span.document, span.start, span.end, annotator=cur.key,
                              tags=[tag] if tag else [],
                              note=f"accepted from {counted(len(item.students), 'student')}")
        else:
            assert item.link is not None
            a, b = cur.unit(item.link.source), cur.unit(item.link.target)
            if not (a.seeded and b.seeded):
                raise ClassroomError("accept both claims of this link into the key first")
            project.link_claims(a.first.id, b.first.id, item.link.relation, annotator=cur.key,
                                note=f"accepted from {counted(len(item.students), 'student')}")
    return "accepted into the key"


def reject(project: Project, cur: Curation, item: Item) -> str:
    """Keep *item* out of the key (removing it when it is there)."""
    if item.status == REJECTED:
        return "already rejected"
    with project.batch(f"Reject {item.kind}"):
        if item.claim is not None and item.claim.key is not None:
            project.delete_claim(item.claim.key.id)
        if item.link is not None and item.link.key is not None:
            project.delete_link(item.link.key.id)
        _mark(project, item.ref, rejected=True)
    return "rejected"
