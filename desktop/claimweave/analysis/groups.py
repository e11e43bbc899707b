"""Claim groups: the propositions of a debate.

Claims joined by positive, symmetric links (agrees, same_claim) state one proposition, found
with union-find. Negative links (contradicts) do not merge groups: they make the two groups
opposing sides. A group's key is its smallest claim id, so it stays the same while claims
are added to or linked into it; names the user gives are stored on member claims, so a name
survives merges (the smallest named member wins) and an undone deletion.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .labels import clip
from .snapshot import Snapshot, _ProjectLike

NAME_CHARS = 120


@dataclass(frozen=True, slots=True)
class Proposition:
    key: str  # the smallest member claim id
    claim_ids: tuple[str, ...]  # in project order
    name: str  # the user's name, else the representative claim's quote
    named: bool
    representative: str  # the claim whose quote stands for the group
    opposes: tuple[str, ...]  # keys of the groups linked to this one by negative relations

    def to_json(self) -> dict[str, object]:
        return {
            "key": self.key, "name": self.name, "named": self.named,
            "representative": self.representative, "claims": list(self.claim_ids),
            "opposes": list(self.opposes),
        }


@dataclass(frozen=True, slots=True)
class Groups:
    propositions: tuple[Proposition, ...]  # display order: widest support first, opponents next
    group_of: dict[str, str]  # claim id -> proposition key, for every claim in a proposition


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        parent = self.parent
        root = parent.setdefault(x, x)
        while root != parent[root]:
            root = parent[root]
        while x != root:  # path compression
            parent[x], x = root, parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # the smaller id becomes the root: the root is the group's stable key
            lo, hi = (ra, rb) if ra < rb else (rb, ra)
            self.parent[hi] = lo


def proposition_names(project: _ProjectLike) -> dict[str, str]:
    """Claim id -> the name of the proposition (claim group) it belongs to: what the claim
    network exports (graphml, gexf) carry, from the command line and the window alike."""
    groups = find_groups(Snapshot.of(project, reuse=False))
    return {cid: p.name for p in groups.propositions for cid in p.claim_ids}


def find_groups(snap: Snapshot, *, include_unlinked: bool = False) -> Groups:
    """Group the claims of *snap* into propositions.

    Only claims with a positive or negative link take part unless *include_unlinked*: a
    claim nobody compared with anything says nothing about agreement.
    """
    uf = UnionFind()
    degree: Counter[str] = Counter()
    for link in snap.links:
        if snap.polarity(link) == 0:
            continue
        degree[link.source] += 1
        degree[link.target] += 1
        uf.find(link.source)
        uf.find(link.target)
        if snap.joins_group(link):
            uf.union(link.source, link.target)
    if include_unlinked:
        for claim in snap.claims:
            uf.find(claim.id)

    members: dict[str, list[str]] = {}
    order = {c.id: i for i, c in enumerate(snap.claims)}
    for claim_id in sorted(uf.parent, key=lambda c: order.get(c, len(order))):
        members.setdefault(uf.find(claim_id), []).append(claim_id)

    opposes: dict[str, set[str]] = {key: set() for key in members}
    for link in snap.links:
        if snap.polarity(link) < 0:
            a, b = uf.find(link.source), uf.find(link.target)
            if a != b:
                opposes[a].add(b)
                opposes[b].add(a)

    props = {
        key: _proposition(snap, key, ids, degree, sorted(opposes[key]))
        for key, ids in members.items()
    }
    ordered = _display_order(snap, props)
    group_of = {cid: p.key for p in ordered for cid in p.claim_ids}
    return Groups(tuple(ordered), group_of)


def _proposition(snap: Snapshot, key: str, ids: list[str], degree: Counter[str],
                 opposes: list[str]) -> Proposition:
    # the most-linked claim speaks for the group; ties go to the earliest (ids are in order)
    representative = max(enumerate(ids), key=lambda t: (degree[t[1]], -t[0]))[1]
    named = sorted(c for c in ids if snap.group_names.get(c, "").strip())
    if named:
        name = snap.group_names[named[0]].strip()
    else:
        claim = snap.claim_by_id.get(representative)
        name = clip(claim.quote if claim else representative, NAME_CHARS)
    return Proposition(key, tuple(ids), name, bool(named), representative, tuple(opposes))


def _display_order(snap: Snapshot, props: dict[str, Proposition]) -> list[Proposition]:
    """Most sources first, each group directly followed by the groups that oppose it."""
    doc_of = {c.id: c.document_id for c in snap.claims}
    order = {c.id: i for i, c in enumerate(snap.claims)}

    def rank(p: Proposition) -> tuple[int, int, int]:
        sources = {doc_of.get(c) for c in p.claim_ids}
        return (-len(sources), -len(p.claim_ids), order.get(p.claim_ids[0], len(order)))

    out: list[Proposition] = []
    placed: set[str] = set()
    for p in sorted(props.values(), key=rank):
        if p.key in placed:
            continue
        out.append(p)
        placed.add(p.key)
        for q in sorted((props[k] for k in p.opposes if k not in placed), key=rank):
            out.append(q)
            placed.add(q.key)
    return out
