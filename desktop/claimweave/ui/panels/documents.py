"""The documents list: metadata edited in place (each edit one undoable store verb)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import QMenu, QPushButton, QVBoxLayout, QWidget

from ...core.model import Document
from ..session import ProjectSession
from .base import Panel, button_row, make_table
from .table_model import RECORD_ROLE, Column, RecordTableModel


class DocumentsPanel(Panel):
    WATCHES = ("documents", "claims")
    documentChosen = Signal(str)  # a document id the user asked to read in a pane

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.model: RecordTableModel[Document] = RecordTableModel(self._columns(),
                                                                  key=lambda d: d.id)
        self.model.read_only = session.read_only
        self.model.message.connect(self.message)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.view = make_table(self.proxy, self.model, self)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        show = QPushButton("Show in pane")
        show.setToolTip("Open the selected document in the focused pane")
        show.clicked.connect(self._choose_current)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addLayout(button_row(show))
        self.reload()

    def _columns(self) -> list[Column[Document]]:
        def edit(field: str) -> Callable[[Document, str], None]:
            def apply(doc: Document, value: str) -> None:
                value = value.strip()
                # A title is required (the store refuses ""); other fields may be cleared.
                self.project.update_document(doc.id, **{field: value or (
                    "" if field == "title" else None)})
            return apply

        return [
            Column("Title", lambda d: d.title, edit("title"), width=28),
            Column("Author", lambda d: d.author, edit("author"), width=14),
            Column("Outlet", lambda d: d.outlet, edit("outlet"), width=14),
            Column("Published", lambda d: d.published, edit("published"), width=10),
            Column("URL", lambda d: d.url, edit("url"), width=22),
            Column("Claims", lambda d: d.claims, width=6),
            Column("Characters", lambda d: d.chars, width=9),
        ]

    def reload(self) -> None:
        current = self.current_document()
        self.model.set_records(self.project.documents())
        if current:
            self.select_document(current)

    def current_document(self) -> str | None:
        index = self.view.currentIndex()
        doc = index.data(RECORD_ROLE) if index.isValid() else None
        return doc.id if doc else None

    def select_document(self, doc_id: str) -> None:
        row = self.model.row_of(doc_id)
        if row >= 0:
            self.view.setCurrentIndex(self.proxy.mapFromSource(self.model.index(row, 0)))

    def _choose_current(self) -> None:
        doc_id = self.current_document()
        if doc_id:
            self.documentChosen.emit(doc_id)

    def _context_menu(self, pos: QPoint) -> None:
        if not self.view.indexAt(pos).isValid():
            return
        menu = QMenu(self)
        menu.addAction("Show in pane", self._choose_current)
        menu.addAction("Edit title", lambda: self.view.edit(
            self.view.currentIndex().siblingAtColumn(0)))
        menu.exec(self.view.viewport().mapToGlobal(pos))
