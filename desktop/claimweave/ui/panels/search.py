"""Find in project (Ctrl+Shift+F): full-text search over titles, texts, quotes and notes.

Results come from the store's FTS index; choosing one activates the claim, or asks the
window to show the document at the first match.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ...core.model import SearchHit
from ..session import ProjectSession
from .base import Panel

HIT_ROLE = Qt.ItemDataRole.UserRole + 20


class SearchPanel(Panel):
    WATCHES = ()  # searching again on every edit would move the list under the user's eyes
    revealRequested = Signal(str, int, int)  # document id, start, end (code points)

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.query = QLineEdit()
        self.query.setPlaceholderText("Search the whole project…")
        self.query.setClearButtonEnabled(True)
        self.query.returnPressed.connect(self.run)
        self.summary = QLabel()
        self.results = QListWidget()
        self.results.setWordWrap(True)
        self.results.setAlternatingRowColors(True)
        self.results.itemActivated.connect(self.choose)
        self.results.itemClicked.connect(self.choose)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.query)
        layout.addWidget(self.summary)
        layout.addWidget(self.results)

    def _on_changed(self, change: object) -> None:
        """Search results stay as they are until the user searches again."""

    def reload(self) -> None:
        self.run()

    def run(self, text: str | None = None) -> list[SearchHit]:
        if text is not None:
            self.query.setText(text)
        hits = self.project.search(self.query.text()) if self.query.text().strip() else []
        titles = self.project.document_titles()
        self.results.clear()
        for hit in hits:
            where = titles.get(hit.document_id, "")
            kind = "Claim" if hit.kind == "claim" else "Document"
            item = QListWidgetItem(f"{kind} · {where}\n{' '.join(hit.snippet.split())}")
            item.setData(HIT_ROLE, hit)
            self.results.addItem(item)
        self.summary.setText(f"{len(hits)} result(s)" if self.query.text().strip() else "")
        return hits

    def choose(self, item: QListWidgetItem) -> None:
        hit: SearchHit = item.data(HIT_ROLE)
        if hit.kind == "claim":
            self.session.activate_claims([hit.id])
        elif hit.start is not None and hit.end is not None:
            self.revealRequested.emit(hit.document_id, hit.start, hit.end)
        else:
            self.revealRequested.emit(hit.document_id, 0, 0)

    def focus(self) -> None:
        self.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query.selectAll()
