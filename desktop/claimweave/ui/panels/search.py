"""Find in project (Ctrl+Shift+F): full-text search over titles, texts, quotes and notes.

The query goes to FTS5 as written (phrases in quotes, AND / OR / NOT, NEAR, prefix*), and
falls back to its words when FTS5 cannot parse it. Every occurrence in a document is one
result, its words highlighted; choosing it selects exactly that occurrence in a pane, and
choosing a claim activates the claim.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ...core.search_terms import SearchMatch
from ...core.wording import counted
from ..session import ProjectSession
from .base import Panel

HIT_ROLE = Qt.ItemDataRole.UserRole + 20
HTML_ROLE = Qt.ItemDataRole.UserRole + 21
MARK_STYLE = "background-color:#f6d32d; color:#000000; font-weight:600"
Index = QModelIndex | QPersistentModelIndex


def hit_html(where: str, match: SearchMatch) -> str:
    """The result's first line (kind and document) and its context, hits highlighted."""
    parts, pos = [], 0
    for start, end in match.marks:
        parts.append(escape(match.context[pos:start]))
        parts.append(f'<span style="{MARK_STYLE}">{escape(match.context[start:end])}</span>')
        pos = end
    parts.append(escape(match.context[pos:]))
    kind = "Claim" if match.kind == "claim" else "Document"
    return f"<small><b>{kind}</b> · {escape(where)}</small><br>{''.join(parts)}"


class HitDelegate(QStyledItemDelegate):
    """Draws a result's rich text (the highlighted words) instead of its plain text."""

    def _document(self, option: QStyleOptionViewItem, index: Index) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setHtml(index.data(HTML_ROLE) or "")
        doc.setTextWidth(max(80, option.rect.width() - 8))
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        self.initStyleOption(option, index)
        doc = self._document(option, index)
        option.text = ""
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter,
                              option.widget)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        painter.translate(option.rect.left() + 4, option.rect.top() + 2)
        context.clip = QRectF(0, 0, option.rect.width() - 8, option.rect.height() - 4)
        painter.setClipRect(context.clip)
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        self.initStyleOption(option, index)
        doc = self._document(option, index)
        return QSize(int(doc.idealWidth()) + 8, int(doc.size().height()) + 4)


class SearchPanel(Panel):
    WATCHES = ()  # searching again on every edit would move the list under the user's eyes
    revealRequested = Signal(str, int, int)  # document id, start, end (code points)

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.query = QLineEdit()
        self.query.setPlaceholderText('Search the project: words, "a phrase", OR, NOT, harb*')
        self.query.setClearButtonEnabled(True)
        self.query.setAccessibleName("Search the project")
        self.query.returnPressed.connect(self.run)
        self.summary = QLabel()
        self.results = QListWidget()
        self.results.setAccessibleName("Search results")
        self.results.setWordWrap(True)
        self.results.setAlternatingRowColors(True)
        self.results.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.results.setItemDelegate(HitDelegate(self.results))
        self.results.itemActivated.connect(self.choose)
        self.results.itemClicked.connect(self.choose)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.query)
        layout.addWidget(self.summary)
        layout.addWidget(self.results, 1)

    def _on_changed(self, change: object) -> None:
        """Search results stay as they are until the user searches again."""

    def reload(self) -> None:
        self.run()

    def run(self, text: str | None = None) -> list[SearchMatch]:
        if text is not None:
            self.query.setText(text)
        query = self.query.text()
        hits = self.project.find_in_project(query) if query.strip() else []
        titles = self.project.document_titles()
        self.results.clear()
        for hit in hits:
            where = titles.get(hit.document_id, "")
            item = QListWidgetItem(f"{'Claim' if hit.kind == 'claim' else 'Document'} · "
                                   f"{where}: {hit.context}")  # what a screen reader says
            item.setData(HIT_ROLE, hit)
            item.setData(HTML_ROLE, hit_html(where, hit))
            self.results.addItem(item)
        docs = len({h.document_id for h in hits})
        self.summary.setText(f"{counted(len(hits), 'result')} in {counted(docs, 'document')}"
                             if query.strip() else "")
        return hits

    def choose(self, item: QListWidgetItem) -> None:
        hit: SearchMatch = item.data(HIT_ROLE)
        if hit.kind == "claim":
            self.session.activate_claims([hit.id])
        elif hit.start is not None and hit.end is not None:
            self.revealRequested.emit(hit.document_id, hit.start, hit.end)
        else:
            self.revealRequested.emit(hit.document_id, 0, 0)

    def focus(self) -> None:
        self.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query.selectAll()
