"""Which links the links table shows: by a document at either end, relation and free text.

The boxes make a :class:`LinkFilter`; the table turns it into a query the store answers in
SQL (links.py), as the claims table does with its filters.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from ...analysis.labels import relation_label
from ..widgets import TypingPause
from .claims import fill_combo


@dataclass(frozen=True, slots=True)
class LinkFilter:
    document_id: str | None = None  # either end's document
    relation: str | None = None  # relation name
    text: str = ""  # words, each found in a quote, title, the relation or the note


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
        self.typing = TypingPause(self.text)
        self.typing.settled.connect(self._emit)

    def set_choices(self, documents: list[tuple[str, str]], relations: list[str]) -> None:
        """(id, title) of every document and every relation name; keeps what is chosen."""
        fill_combo(self.document, "All documents", [(title, i) for i, title in documents])
        fill_combo(self.relation, "All relations", [(relation_label(r), r) for r in relations])

    def current(self) -> LinkFilter:
        return LinkFilter(self.document.currentData(), self.relation.currentData(),
                          self.text.text())

    def _emit(self, *_args: object) -> None:
        self.changed.emit(self.current())
