"""The main window's central area: the pane container plus the find-in-document bar.

The window never constructs the comparison widget itself: the composition root (app.py)
hands it a factory, ``factory(session, parent)``, and this frame turns the window's
requests (show this document, reveal this span, add or remove a pane, find) into calls on
the pane container.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QVBoxLayout, QWidget

from .find_bar import FindBar, Searchable
from .panes import MAX_PANES, DocumentPane, PaneContainer
from .session import ProjectSession

CentralFactory = Callable[[ProjectSession, QWidget], PaneContainer]


class ComparisonFrame(QWidget):
    def __init__(self, session: ProjectSession, factory: CentralFactory,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.container = factory(session, self)
        self.message = self.container.message
        self.find_bar = FindBar(self._find_target, self)
        self.find_bar.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.container, 1)
        layout.addWidget(self.find_bar)

    def set_documents(self, ids: list[str]) -> None:
        self.container.set_documents(ids)

    def set_annotator(self, source: Callable[[], str]) -> None:
        self.container.set_annotator(source)

    def working_pane(self) -> DocumentPane | None:
        """The pane the user worked in last, else the last one: where menu verbs go."""
        panes = self.container.panes()
        return self.container.active_pane() or (panes[-1] if panes else None)

    def add_pane(self) -> bool:
        return self.container.add_pane() is not None

    def remove_pane(self) -> bool:
        pane = self.working_pane()
        return pane is not None and self.container.remove_pane(pane)

    def show_document(self, doc_id: str) -> DocumentPane | None:
        """Bring a document into a pane: its own, a new one, or the pane in use."""
        pane = self.container.pane_for_document(doc_id)
        if pane is None:
            empty = next((p for p in self.container.panes() if p.document_id is None), None)
            if empty is None and len(self.container.panes()) < MAX_PANES:
                empty = self.container.add_pane()
            pane = empty or self.working_pane()
            if pane is not None:
                pane.set_document(doc_id)
        return pane

    def fill_panes(self, doc_ids: list[str], want: int) -> None:
        """Newly imported documents: into the empty panes first, then into new panes up to
        *want*; if every pane is taken, the first one replaces the active pane's."""
        container = self.container
        queue = [d for d in doc_ids if container.pane_for_document(d) is None]
        if not queue:
            return
        first = queue[0]
        for pane in container.panes():
            if pane.document_id is None and queue:
                pane.set_document(queue.pop(0))
        while queue and len(container.panes()) < min(want, MAX_PANES):
            container.add_pane(queue.pop(0))
        if container.pane_for_document(first) is None:
            self.show_document(first)

    def reveal(self, doc_id: str, start: int, end: int) -> None:
        pane = self.show_document(doc_id)
        if pane is not None and end > start:
            pane.view.select_span(start, end)
            pane.view.scroll_to_span(start, end)

    def _find_target(self) -> Searchable | None:
        pane = self.working_pane()
        return pane.view if pane is not None and pane.document_id else None

    def open_find(self) -> None:
        self.find_bar.open()
