"""Which links the links table shows: by a document at either end, relation and free text.

Like the claims table's filter, it works in a proxy, so the model loads once per change and
typing in the box only hides rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Signal,
)
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from ...analysis.labels import relation_label
from .claims import fill_combo


@dataclass(frozen=True, slots=True)
class LinkFilter:
    document_id: str | None = None  # either end's document
    relation: str | None = None  # relation name
    text: str = ""
    _words: tuple[str, ...] = field(default=(), compare=False)

    def with_text(self, text: str) -> LinkFilter:
        return replace(self, text=text, _words=tuple(text.casefold().split()))

    def accepts(self, row: Any) -> bool:
        """*row* is a links-table row (links.LinkRow)."""
        if self.document_id and self.document_id not in (row.source_document_id,
                                                         row.target_document_id):
            return False
        if self.relation and row.link.relation != self.relation:
            return False
        if self._words:
            hay = "\n".join((row.source_quote, row.target_quote, row.source_document,
                             row.target_document, row.link.relation, row.link.note)).casefold()
            return all(w in hay for w in self._words)
        return True


class LinkFilterProxy(QSortFilterProxyModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.link_filter = LinkFilter()

    def set_filter(self, link_filter: LinkFilter) -> None:
        if link_filter != self.link_filter:
            self.beginFilterChange()
            self.link_filter = link_filter
            self.endFilterChange()

    def filterAcceptsRow(self, source_row: int,
                         source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        return self.link_filter.accepts(self.sourceModel().record(source_row))  # type: ignore[attr-defined]


class LinkFilterBar(QWidget):
    """A document box, a relation box and a text box above the links table."""

    changed = Signal(object)  # LinkFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = QComboBox(self)
        self.document.setAccessibleName("Show links of document")
        self.document.setToolTip("Links with a claim in this document, at either end")
        self.relation = QComboBox(self)
        self.relation.setAccessibleName("Show links of relation")
        self.text = QLineEdit(self)
        self.text.setPlaceholderText("Filter links by words…")
        self.text.setClearButtonEnabled(True)
        self.text.setAccessibleName("Filter links by words")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.addWidget(self.document, 1)
        layout.addWidget(self.relation)
        layout.addWidget(self.text, 2)
        self.document.activated.connect(self._emit)
        self.relation.activated.connect(self._emit)
        self.text.textChanged.connect(self._emit)

    def set_choices(self, documents: list[tuple[str, str]], relations: list[str]) -> None:
        """(id, title) of every document and every relation name; keeps what is chosen."""
        fill_combo(self.document, "All documents", [(title, i) for i, title in documents])
        fill_combo(self.relation, "All relations", [(relation_label(r), r) for r in relations])

    def current(self) -> LinkFilter:
        return LinkFilter(self.document.currentData(), self.relation.currentData()).with_text(
            self.text.text())

    def _emit(self, *_args: object) -> None:
        self.changed.emit(self.current())
