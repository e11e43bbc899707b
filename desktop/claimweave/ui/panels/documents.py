"""The documents list: metadata edited in place, order and deletion (each one undoable
store verb). The order is the project's: panes, exports and the comparison views follow it.

A claim added or deleted reloads nothing: the claim counts are forgotten and read again,
one indexed count per document, for the rows the view shows."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QMenu, QPushButton, QVBoxLayout, QWidget

from ...core.model import Change, Document
from ...core.wording import counted
from ..session import ProjectSession
from .base import Panel, button_row, make_table
from .table_model import RECORD_ROLE, Column, RecordTableModel


class DocumentsPanel(Panel):
    WATCHES = ("documents", "claims")
    documentChosen = Signal(str)  # a document id the user asked to read in a pane

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._counts: dict[str, int] = {}  # document id -> claims, read as rows are shown
        self.model: RecordTableModel[Document] = RecordTableModel(self._columns(),
                                                                  key=lambda d: d.id)
        self.model.read_only = session.read_only
        self.model.message.connect(self.message)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.view = make_table(self.proxy, self.model, self, name="Documents")
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        show = QPushButton("Show in pane")
        show.setToolTip("Open the selected document in the focused pane")
        show.clicked.connect(self._choose_current)
        self.delete_button = QPushButton("Delete…")
        self.delete_button.setToolTip("Delete the document with its claims and their links "
                                      "(Delete; Ctrl+Z brings it back)")
        self.delete_button.clicked.connect(lambda: self.delete_current())
        self.delete_button.setEnabled(not session.read_only)
        for keys, slot in ((QKeySequence.StandardKey.Delete, self.delete_current),
                           ("Alt+Up", lambda: self.move_current(-1)),
                           ("Alt+Down", lambda: self.move_current(+1))):
            shortcut = QShortcut(QKeySequence(keys), self.view)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addLayout(button_row(show, self.delete_button))
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
            Column("Title", lambda d: d.title, edit("title"), width=28, stretch=True),
            Column("Author", lambda d: d.author, edit("author"), width=14),
            Column("Outlet", lambda d: d.outlet, edit("outlet"), width=14),
            Column("Published", lambda d: d.published, edit("published"), width=10),
            Column("URL", lambda d: d.url, edit("url"), width=22),
            Column("Claims", lambda d: self.claim_count(d.id), width=6),
            Column("Characters", lambda d: d.chars, width=9),
        ]

    def _on_changed(self, change: Change) -> None:
        if change.touches("documents"):
            if self.view.state() == QAbstractItemView.State.EditingState:
                # the change comes from the editor's own commit: resetting the model inside
                # it leaves Qt committing an editor it no longer knows (a warning each edit)
                QTimer.singleShot(0, self.reload)
            else:
                self.reload()
        elif change.touches("claims") and self.model.records:
            self._counts.clear()
            column = next(i for i, c in enumerate(self.model.columns) if c.title == "Claims")
            self.model.dataChanged.emit(self.model.index(0, column),
                                        self.model.index(len(self.model.records) - 1, column))

    def claim_count(self, doc_id: str) -> int:
        count = self._counts.get(doc_id)
        if count is None:
            count = self._counts[doc_id] = self.project.document_claim_counts([doc_id])[doc_id]
        return count

    def reload(self) -> None:
        current = self.current_document()
        documents = self.project.documents()
        self._counts = {d.id: d.claims for d in documents}
        self.model.set_records(documents)
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
        menu.addSeparator()
        menu.addAction("Move up (Alt+Up)", lambda: self.move_current(-1))
        menu.addAction("Move down (Alt+Down)", lambda: self.move_current(+1))
        menu.addSeparator()
        menu.addAction("Delete…", self.delete_current)
        menu.exec(self.view.viewport().mapToGlobal(pos))

    def _document(self, doc_id: str) -> Document | None:
        return next((d for d in self.model.records if d.id == doc_id), None)

    def delete_current(self) -> None:
        doc = self._document(self.current_document() or "")
        if doc is None or self.session.read_only:
            return
        question = (f"Delete “{doc.title}” with its {counted(self.claim_count(doc.id), 'claim')} "
                    "and their links?"
                    "\n\nUndo (Ctrl+Z) brings it all back.")
        if self.confirm(question):
            self.attempt(self.project.delete_document, doc.id)

    def move_current(self, step: int) -> None:
        """Move the selected document up or down in the project's order."""
        doc_id = self.current_document()
        if doc_id is None or self.session.read_only:
            return
        order = list(self.project.document_titles())
        position = order.index(doc_id) + step
        if 0 <= position < len(order):
            self.attempt(self.project.move_document, doc_id, position)
            self.select_document(doc_id)
