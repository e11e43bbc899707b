"""The comparison matrix: which source supports, contradicts or is silent on each proposition.

A source *supports* a proposition when one of its claims belongs to the group; it
*contradicts* it when one of its claims is linked by a negative relation to a claim of the
group. Both at once is *mixed* (a source at odds with itself, worth a look).

Each proposition also says how many of its sources are independent (independence.py), and
the columns can be groups of sources sharing a source-card attribute or kind (``by``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..core.errors import NotFoundError
from ..core.model import Document
from .groups import Groups, Proposition, find_groups
from .independence import Independence, Judge, assess
from .snapshot import Snapshot

BY_KIND = "kind"
NO_VALUE = "(none)"  # the column of sources without the attribute

SUPPORTS, CONTRADICTS, MIXED, SILENT = "supports", "contradicts", "mixed", "silent"


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str
    author: str | None
    outlet: str | None
    published: str | None
    url: str | None
    documents: tuple[str, ...] = ()  # a group of sources (``compare --by``): its members
    group: bool = False

    @classmethod
    def of(cls, doc: Document) -> Source:
        return cls(doc.id, doc.title, doc.author, doc.outlet, doc.published, doc.url)

    def to_json(self) -> dict[str, object]:
        if self.group:
            return {"id": self.id, "title": self.title, "documents": list(self.documents)}
        return {"id": self.id, "title": self.title, "author": self.author,
                "outlet": self.outlet, "published": self.published, "url": self.url}


@dataclass(frozen=True, slots=True)
class Cell:
    proposition: str  # proposition key
    source: str  # document id
    supports: tuple[str, ...]  # the source's claims in the group
    contradicts: tuple[str, ...]  # the source's claims linked negatively to the group

    @property
    def stance(self) -> str:
        if self.supports and self.contradicts:
            return MIXED
        if self.supports:
            return SUPPORTS
        return CONTRADICTS if self.contradicts else SILENT

    @property
    def claim_ids(self) -> tuple[str, ...]:
        return self.supports + tuple(c for c in self.contradicts if c not in self.supports)

    @property
    def count(self) -> int:
        return len(self.claim_ids)

    def to_json(self) -> dict[str, object]:
        return {"proposition": self.proposition, "source": self.source, "stance": self.stance,
                "count": self.count, "supports": list(self.supports),
                "contradicts": list(self.contradicts)}


@dataclass(frozen=True, slots=True)
class Matrix:
    propositions: tuple[Proposition, ...]  # rows
    sources: tuple[Source, ...]  # columns
    cells: tuple[tuple[Cell, ...], ...]  # cells[row][column]
    independence: dict[str, Independence] = field(default_factory=dict)  # by proposition
    by: str | None = None  # the attribute (or "kind") the columns group sources by

    def cell(self, proposition_key: str, source_id: str) -> Cell:
        row = next(i for i, p in enumerate(self.propositions) if p.key == proposition_key)
        col = next(j for j, s in enumerate(self.sources) if s.id == source_id)
        return self.cells[row][col]

    def to_json(self) -> dict[str, object]:
        """The shape of ``claimweave compare --json``."""
        return {
            "propositions": [{**p.to_json(), **self._independence_json(p.key)}
                             for p in self.propositions],
            "sources": [s.to_json() for s in self.sources],
            "cells": [c.to_json() for row in self.cells for c in row],
        }


    def _independence_json(self, key: str) -> dict[str, object]:
        found = self.independence.get(key)
        return found.to_json() if found else {}


def ordered_sources(documents: tuple[Document, ...] | list[Document]) -> list[Source]:
    """Dated documents by publication date, then the undated ones in project order."""
    ranked = sorted(documents, key=lambda d: (d.published is None, d.published or "", d.position))
    return [Source.of(d) for d in ranked]


def compare(snap: Snapshot, groups: Groups | None = None, *, by: str | None = None
            ) -> Matrix:
    """The matrix of *snap*; *by* (an attribute name or "kind") makes its columns groups."""
    groups = groups or find_groups(snap)
    documents = ordered_sources(snap.documents)
    doc_of = {c.id: c.document_id for c in snap.claims}
    supports: dict[tuple[str, str], list[str]] = {}
    contradicts: dict[tuple[str, str], set[str]] = {}
    for p in groups.propositions:
        for cid in p.claim_ids:
            supports.setdefault((p.key, doc_of[cid]), []).append(cid)
    for link in snap.links:
        if snap.polarity(link) >= 0:
            continue
        for mine, theirs in ((link.source, link.target), (link.target, link.source)):
            key = groups.group_of.get(theirs)
            if key is not None:
                contradicts.setdefault((key, doc_of[mine]), set()).add(mine)
    order = {c.id: i for i, c in enumerate(snap.claims)}
    judge = Judge(snap)
    independence = {}
    for p in groups.propositions:
        pro = {s.id: supports[(p.key, s.id)] for s in documents if (p.key, s.id) in supports}
        con = {s.id: sorted(contradicts[(p.key, s.id)], key=order.__getitem__)
               for s in documents if (p.key, s.id) in contradicts}
        independence[p.key] = assess(judge, pro, con)
    columns = documents if by is None else group_sources(snap.documents, documents, by)

    def members(s: Source) -> Sequence[str]:
        return s.documents if s.group else (s.id,)

    cells = tuple(
        tuple(
            Cell(p.key, s.id,
                 tuple(c for d in members(s) for c in supports.get((p.key, d), ())),
                 tuple(sorted((c for d in members(s) for c in contradicts.get((p.key, d), ())),
                              key=order.__getitem__)))
            for s in columns
        )
        for p in groups.propositions
    )
    return Matrix(groups.propositions, tuple(columns), cells, independence, by)


def group_sources(docs: Sequence[Document], ordered: Sequence[Source], by: str
                  ) -> list[Source]:
    """Columns that gather the sources sharing a value of attribute *by* (or their kind),
    in order of their first source; sources without a value form a last column."""
    doc = {d.id: d for d in docs}
    wanted = by.strip().casefold()
    if not any(_value(d, wanted) is not None for d in docs):
        raise NotFoundError(f"no source has the attribute {by!r} (see claimweave doc --set)")
    members: dict[str, list[str]] = {}
    for s in ordered:
        value = _value(doc[s.id], wanted)
        members.setdefault(NO_VALUE if value is None else value, []).append(s.id)
    if NO_VALUE in members:
        members[NO_VALUE] = members.pop(NO_VALUE)
    return [Source(value, value, None, None, None, None, tuple(ids), True)
            for value, ids in members.items()]


def _value(doc: Document, name: str) -> str | None:
    if name == BY_KIND:
        return doc.kind
    return next((v for k, v in doc.attributes.items() if k.casefold() == name), None)
