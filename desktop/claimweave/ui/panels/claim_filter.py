"""What a row of the claims table holds, and the tag tree its tag filter follows.

Which claims the table shows (by document, tag with nested tags, relation, annotator, a
named entity the claim mentions, free text) is a :class:`~claimweave.core.listing_repo.
ClaimQuery` the store answers in SQL, so the table never holds every claim."""

from __future__ import annotations

from dataclasses import dataclass

from ...core.listing_repo import UNLINKED, ClaimQuery
from ...core.model import Claim, Tag

__all__ = ["UNLINKED", "ClaimQuery", "ClaimRow", "subtree"]


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """A claim with what the table shows about it that the claim record does not hold."""

    claim: Claim
    document: str
    links: int = 0
    relations: frozenset[str] = frozenset()
    tag_colors: tuple[str, ...] = ()


def subtree(tags: list[Tag], tag_id: str) -> frozenset[str]:
    """A tag and all tags nested under it, so filtering by a parent finds its children's."""
    children: dict[str | None, list[str]] = {}
    for t in tags:
        children.setdefault(t.parent_id, []).append(t.id)
    found, todo = set(), [tag_id]
    while todo:
        current = todo.pop()
        if current not in found:
            found.add(current)
            todo.extend(children.get(current, ()))
    return frozenset(found)
