"""Independent agreement: how many witnesses a proposition really has.

Three agreeing articles may be one wire story printed three times, or three outlets
quoting one official. Sources that back a proposition (or contradict it) collapse into one
when

- one is marked as a copy of (derived from) the other,
- the claim of one sits in text it shares with the other (reused passages, see
  provenance.py), or
- their claims have the same claimant; a claim without a claimant is its author's, so two
  articles by one author are one voice too (an author is matched to a claimant by name or
  alias).

What is left, counted with union-find, is the number of independent sources. Every
collapse keeps its reason as a sentence, for the matrix's tooltip and the report.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..core.model import Claim, Document
from .groups import UnionFind
from .provenance import Passage, covering
from .snapshot import Snapshot

COPY, REUSED, CLAIMANT = "copy", "reused", "claimant"


@dataclass(frozen=True, slots=True)
class Collapse:
    """Why *document* does not count apart from *into*."""

    into: str
    document: str
    reason: str  # COPY | REUSED | CLAIMANT
    detail: str  # one sentence for people


@dataclass(frozen=True, slots=True)
class Side:
    """The sources on one side of a proposition, and how many of them are independent."""

    sources: int
    independent: int
    collapses: tuple[Collapse, ...] = ()


@dataclass(frozen=True, slots=True)
class Independence:
    supporting: Side
    contradicting: Side
    claimants: tuple[str, ...]  # who asserts the supporting claims (authors included)
    first_appearance: tuple[str, str] | None  # (document id, published) earliest supporter

    def to_json(self) -> dict[str, object]:
        """The fields ``compare --json`` adds to each proposition."""
        first = self.first_appearance
        return {
            "sources_supporting": self.supporting.sources,
            "independent_supporting": self.supporting.independent,
            "sources_contradicting": self.contradicting.sources,
            "independent_contradicting": self.contradicting.independent,
            "claimants": list(self.claimants),
            "first_appearance": {"document": first[0], "published": first[1]} if first else None,
        }

    def summary(self) -> str:
        """"3 sources, 2 independent" (and the contradicting side when there is one)."""
        text = count_text(self.supporting)
        if self.contradicting.sources:
            text += f"; contradicted by {count_text(self.contradicting)}"
        return text

    def explanation(self) -> str:
        """What collapsed and why, one line each; empty when every source is independent."""
        lines = [c.detail for c in self.supporting.collapses]
        lines += [f"(contradicting) {c.detail}" for c in self.contradicting.collapses]
        return "\n".join(lines)


def count_text(side: Side) -> str:
    """"3 sources, 2 independent"."""
    noun = "source" if side.sources == 1 else "sources"
    return f"{side.sources} {noun}, {side.independent} independent"


class Judge:
    """Reads the snapshot once; then assesses any set of claims by document."""

    def __init__(self, snap: Snapshot) -> None:
        self.snap = snap
        self.docs: dict[str, Document] = {d.id: d for d in snap.documents}
        self.passages: tuple[Passage, ...] = snap.passages
        names: dict[str, str] = {}
        for k in snap.claimants:
            for n in (k.name, *k.aliases):
                names.setdefault(n.casefold(), k.id)
        self.claimant_by_name = names
        self.claimant_name = {k.id: k.name for k in snap.claimants}

    def voice(self, claim: Claim) -> tuple[tuple[str, str], str] | None:
        """Who speaks in a claim, as (key, name): its claimant, else its document's author."""
        if claim.claimant_id:
            return ("claimant", claim.claimant_id), claim.claimant or \
                self.claimant_name.get(claim.claimant_id, claim.claimant_id)
        author = (self.docs[claim.document_id].author or "").strip()
        if not author:
            return None
        known = self.claimant_by_name.get(author.casefold())
        if known:
            return ("claimant", known), self.claimant_name[known]
        return ("author", author.casefold()), author

    def side(self, by_doc: Mapping[str, Iterable[str]]) -> Side:
        """Collapse the documents of *by_doc* (document id -> its claims on this side)."""
        docs = [d for d in by_doc if d in self.docs]
        claims = {d: [self.snap.claim_by_id[c] for c in by_doc[d] if c in self.snap.claim_by_id]
                  for d in docs}
        uf = UnionFind()
        for d in docs:
            uf.find(d)
        collapses: list[Collapse] = []

        def join(a: str, b: str, reason: str, detail: str) -> None:
            if uf.find(a) != uf.find(b):
                uf.union(a, b)
                collapses.append(Collapse(a, b, reason, detail))

        present = set(docs)
        for d in docs:
            step = self.docs[d].derived_from
            while step is not None and step in self.docs:
                if step in present:
                    join(step, d, COPY, f"{self._t(d)} is marked as a copy of {self._t(step)}")
                    break
                step = self.docs[step].derived_from
        for d in docs:
            for c in claims[d]:
                for p in covering(self.passages, d, c.start, c.end):
                    other = p.other(d).document_id
                    if other in present and other != d:
                        join(*self._reuse(p, d, other))
        seen: dict[tuple[str, str], str] = {}
        for d in docs:
            for c in claims[d]:
                v = self.voice(c)
                if v is None:
                    continue
                first = seen.setdefault(v[0], d)
                if first != d:
                    join(first, d, CLAIMANT, f"{v[1]} is the claimant in both {self._t(first)} "
                         f"and {self._t(d)}")
        roots = {uf.find(d) for d in docs}
        return Side(len(docs), len(roots), tuple(collapses))

    def _reuse(self, p: Passage, d: str, other: str) -> tuple[str, str, str, str]:
        if p.earlier:
            later = d if p.earlier == other else other
            return (p.earlier, later, REUSED, f"{self._t(later)} reprints a {p.words}-word "
                    f"passage of the earlier {self._t(p.earlier)}")
        return (other, d, REUSED, f"{self._t(d)} and {self._t(other)} share a {p.words}-word "
                "passage (which came first is unknown: a date is missing)")

    def claimants(self, claim_ids: Iterable[str]) -> tuple[str, ...]:
        names: dict[tuple[str, str], str] = {}  # one name per voice, as first written
        for cid in claim_ids:
            claim = self.snap.claim_by_id.get(cid)
            v = self.voice(claim) if claim else None
            if v:
                names.setdefault(v[0], v[1])
        return tuple(names.values())

    def first_appearance(self, doc_ids: Iterable[str]) -> tuple[str, str] | None:
        dated = [self.docs[d] for d in doc_ids if d in self.docs and self.docs[d].published]
        if not dated:
            return None
        first = min(dated, key=lambda d: (d.published or "", d.position))
        return first.id, first.published or ""

    def _t(self, doc_id: str) -> str:
        doc = self.docs.get(doc_id)
        return f"\u201c{doc.title}\u201d" if doc else doc_id


def assess(judge: Judge, supports: Mapping[str, Iterable[str]],
           contradicts: Mapping[str, Iterable[str]]) -> Independence:
    """Independence of one proposition from its supporting and contradicting claims."""
    support_ids = [c for ids in supports.values() for c in ids]
    return Independence(judge.side(supports), judge.side(contradicts),
                        judge.claimants(support_ids), judge.first_appearance(supports))
