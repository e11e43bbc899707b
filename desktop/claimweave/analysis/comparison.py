"""The comparison matrix: which source supports, contradicts or is silent on each proposition.

A source *supports* a proposition when one of its claims belongs to the group; it
*contradicts* it when one of its claims is linked by a negative relation to a claim of the
group. Both at once is *mixed* (a source at odds with itself, worth a look).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.model import Document
from .groups import Groups, Proposition, find_groups
from .snapshot import Snapshot

SUPPORTS, CONTRADICTS, MIXED, SILENT = "supports", "contradicts", "mixed", "silent"


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str
    author: str | None
    outlet: str | None
    published: str | None
    url: str | None

    @classmethod
    def of(cls, doc: Document) -> Source:
        return cls(doc.id, doc.title, doc.author, doc.outlet, doc.published, doc.url)

    def to_json(self) -> dict[str, object]:
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

    def cell(self, proposition_key: str, source_id: str) -> Cell:
        row = next(i for i, p in enumerate(self.propositions) if p.key == proposition_key)
        col = next(j for j, s in enumerate(self.sources) if s.id == source_id)
        return self.cells[row][col]

    def to_json(self) -> dict[str, object]:
        """The shape of ``claimweave compare --json``."""
        return {
            "propositions": [p.to_json() for p in self.propositions],
            "sources": [s.to_json() for s in self.sources],
            "cells": [c.to_json() for row in self.cells for c in row],
        }


def ordered_sources(documents: tuple[Document, ...] | list[Document]) -> list[Source]:
    """Dated documents by publication date, then the undated ones in project order."""
    ranked = sorted(documents, key=lambda d: (d.published is None, d.published or "", d.position))
    return [Source.of(d) for d in ranked]


def compare(snap: Snapshot, groups: Groups | None = None) -> Matrix:
    groups = groups or find_groups(snap)
    sources = ordered_sources(snap.documents)
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
    cells = tuple(
        tuple(
            Cell(p.key, s.id, tuple(supports.get((p.key, s.id), ())),
                 tuple(sorted(contradicts.get((p.key, s.id), ()), key=order.__getitem__)))
            for s in sources
        )
        for p in groups.propositions
    )
    return Matrix(groups.propositions, tuple(sources), cells)
