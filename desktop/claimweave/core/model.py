"""Plain records handed out by the store: snapshots, so changing one changes nothing stored
(they are not frozen, for speed; treat them as read-only). Only the store writes."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    title: str
    author: str | None
    outlet: str | None
    published: str | None
    url: str | None
    language: str | None
    source_file: str | None
    text_sha256: str
    chars: int
    imported_at: str
    position: int
    claims: int = 0
    # The source card (core/sources_repo.py): what kind of source, how reliable and why.
    kind: str | None = None
    reliability: int | None = None
    reason: str = ""
    note: str = ""
    derived_from: str | None = None  # the document this one copies, when marked so
    attributes: dict[str, str] = field(default_factory=dict, hash=False)  # a dict: not hashed

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Claim:
    """A claim as read from the store; a snapshot, never written back.

    Not frozen: building 100,000 frozen dataclasses costs 0.37 s against 0.13 s, and a
    project opens by listing every claim.
    """

    id: str
    document_id: str
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    note: str
    annotator: str
    created_at: str
    updated_at: str
    claimant_id: str | None = None  # who asserts it; None: the document's author
    tag_ids: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    claimant: str | None = None  # the claimant's name

    def to_json(self) -> dict[str, Any]:
        """The stable JSON shape of the command line (``claimweave claims --json``)."""
        return {
            "id": self.id,
            "document_id": self.document_id,
            "start": self.start,
            "end": self.end,
            "quote": self.quote,
            "tags": list(self.tags),
            "note": self.note,
            "annotator": self.annotator,
            "claimant": self.claimant,
        }


@dataclass(frozen=True, slots=True)
class Claimant:
    """Who asserts claims: one entry per person or body across the project's documents."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    claims: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "aliases": list(self.aliases),
                "claims": self.claims}


@dataclass(frozen=True, slots=True)
class Tag:
    id: str
    name: str
    color: str
    parent_id: str | None
    description: str
    position: int

    def to_json(self, parent_name: str | None = None) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "color": self.color,
            "parent": parent_name,
            "description": self.description,
        }


@dataclass(frozen=True, slots=True)
class RelationType:
    id: str
    name: str
    color: str
    polarity: int
    symmetric: bool
    position: int

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "color": self.color,
            "polarity": self.polarity,
            "symmetric": self.symmetric,
        }


@dataclass(frozen=True, slots=True)
class Link:
    id: str
    source: str
    target: str
    relation_type_id: str
    relation: str
    note: str
    annotator: str
    created_at: str

    def to_json(self) -> dict[str, Any]:
        """The stable JSON shape of the command line (``claimweave links --json``)."""
        return {
            "id": self.id,
            "source": self.source,
            "target": self.target,
            "relation": self.relation,
            "note": self.note,
            "annotator": self.annotator,
        }


@dataclass(frozen=True, slots=True)
class SearchHit:
    kind: str  # "document" or "claim"
    id: str
    document_id: str
    snippet: str
    start: int | None = None
    end: int | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    """What happened to one document handed to the store for import."""

    document: Document
    duplicate: bool = False


@dataclass(slots=True)
class Change:
    """Announced to listeners after a transaction commits.

    ``ids`` maps each table touched to the keys touched in it, so a view refreshes only what
    changed. ``kind`` is "do", "undo" or "redo".
    """

    label: str
    kind: str
    ids: dict[str, set[str]] = field(default_factory=dict)
    # The whole keys of rows touched in tables keyed by several columns (claim_tags:
    # (claim id, tag id)), for views that care about the second one (the tag counts).
    keys: dict[str, set[tuple[str, ...]]] = field(default_factory=dict)

    def touches(self, *tables: str) -> bool:
        return any(t in self.ids for t in tables)
