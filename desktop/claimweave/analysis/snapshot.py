"""One consistent read of everything the comparison views need.

The views, the report and the command line all start from a snapshot, so a redraw reads the
database once and every chart of one refresh shows the same state of the project.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from ..core.model import Claim, Claimant, Document, Link, RelationType, Tag
from .provenance import Passage, project_passages


class _ProjectLike(Protocol):
    def documents(self) -> list[Document]: ...
    def claims(self) -> list[Claim]: ...
    def links(self) -> list[Link]: ...
    def relation_types(self) -> list[RelationType]: ...
    def tags(self) -> list[Tag]: ...


@dataclass(frozen=True, slots=True)
class Snapshot:
    documents: tuple[Document, ...]
    claims: tuple[Claim, ...]  # in project order: document position, then start
    links: tuple[Link, ...]
    relations: dict[str, RelationType]
    tags: tuple[Tag, ...]
    group_names: dict[str, str] = field(default_factory=dict)  # claim id -> proposition name
    claimants: tuple[Claimant, ...] = ()
    passages: tuple[Passage, ...] = ()  # reused text between the documents (provenance.py)
    claim_by_id: dict[str, Claim] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "claim_by_id", {c.id: c for c in self.claims})

    @classmethod
    def of(cls, project: _ProjectLike, *, reuse: bool = True) -> Snapshot:
        """Read a project (anything with the store's read methods).

        *reuse*: also find the passages the documents share (cached while the texts stay
        the same), which independent agreement needs.
        """
        names_of = getattr(project, "group_names", None)
        claimants_of = getattr(project, "claimants", None)
        text_of = getattr(project, "text", None)
        documents = tuple(project.documents())
        return cls(
            documents=documents,
            claims=tuple(project.claims()),
            links=tuple(project.links()),
            relations={r.id: r for r in project.relation_types()},
            tags=tuple(project.tags()),
            group_names=dict(names_of()) if names_of else {},
            claimants=tuple(claimants_of()) if claimants_of else (),
            # only documents with claims: reuse matters where a claim sits in it
            passages=tuple(project_passages([d for d in documents if d.claims], text_of))
            if reuse and text_of else (),
        )

    def polarity(self, link: Link) -> int:
        return self.relations[link.relation_type_id].polarity

    def joins_group(self, link: Link) -> bool:
        """Positive, symmetric relations (agrees, same_claim) state the same proposition."""
        rel = self.relations[link.relation_type_id]
        return rel.polarity > 0 and rel.symmetric
