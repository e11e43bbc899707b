"""Which claims the claims table shows: by document, tag (with nested tags), relation,
annotator, a named entity the claim mentions (from the spaCy analyses) and free text.
Filtering happens in a proxy, so the model loads once per change."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel

from ...core.model import Claim, Tag

UNLINKED = "\x00unlinked"  # the relation filter's "claims with no link" choice


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """A claim with what the table shows about it that the claim record does not hold."""

    claim: Claim
    document: str
    links: int = 0
    relations: frozenset[str] = frozenset()
    tag_colors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    document_id: str | None = None
    tag_ids: frozenset[str] | None = None  # the chosen tag and every tag nested in it
    relation: str | None = None  # a relation name, or UNLINKED
    annotator: str | None = None
    claim_ids: frozenset[str] | None = None  # e.g. the claims that mention an entity
    text: str = ""
    _words: tuple[str, ...] = field(default=(), compare=False)

    def with_text(self, text: str) -> ClaimFilter:
        return replace(self, text=text, _words=tuple(text.casefold().split()))

    def accepts(self, row: ClaimRow) -> bool:
        c = row.claim
        if self.document_id and c.document_id != self.document_id:
            return False
        if self.tag_ids is not None and not self.tag_ids.intersection(c.tag_ids):
            return False
        if self.relation == UNLINKED:
            if row.links:
                return False
        elif self.relation and self.relation not in row.relations:
            return False
        if self.annotator is not None and c.annotator != self.annotator:
            return False
        if self.claim_ids is not None and c.id not in self.claim_ids:
            return False
        if self._words:
            hay = f"{c.quote}\n{c.note}\n{' '.join(c.tags)}\n{row.document}".casefold()
            return all(w in hay for w in self._words)
        return True


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


class ClaimFilterProxy(QSortFilterProxyModel):
    """Applies a :class:`ClaimFilter` to a model whose records are :class:`ClaimRow`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._filter = ClaimFilter()

    @property
    def claim_filter(self) -> ClaimFilter:
        return self._filter

    def set_filter(self, claim_filter: ClaimFilter) -> None:
        if claim_filter != self._filter:
            self.beginFilterChange()
            self._filter = claim_filter
            self.endFilterChange()

    def filterAcceptsRow(self, source_row: int,
                         source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        return self._filter.accepts(model.record(source_row))  # type: ignore[attr-defined]
