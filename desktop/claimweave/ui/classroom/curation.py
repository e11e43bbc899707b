"""The curation view: the students' claims and links beside the key, accepted (A) or
rejected (R) one by one, each step undoable (Ctrl+Z), like INCEpTION's curation.

The decisions are the Qt-free :mod:`claimweave.classroom.curation`; this window lists the
items, shows the layers of the selected one side by side and moves on after each choice.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...analysis.labels import clip
from ...classroom.curation import IN_KEY, OPEN, REJECTED, Curation, Item, accept, curation, reject
from ...core.errors import ClaimWeaveError
from ...core.model import Change
from ..refusals import report
from ..session import ProjectSession
from ..widgets import fit_to_screen

COLUMNS = ("item", "document", "passage or link", "found by", "key")
STATUS_COLOURS = {IN_KEY: "#d7f0dd", REJECTED: "#f8d7d5", OPEN: "#ffffff"}
HELP = ("<b>A</b> accept into the key · <b>R</b> reject · <b>↑ ↓</b> move · "
        "<b>Ctrl+Z</b> undo · <b>Ctrl+Shift+Z</b> redo. Green: in the key; red: rejected.")


class CurationView(QWidget):
    """Every item of the class beside the key; the key is edited in the class project."""

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.cur: Curation | None = None
        self.setWindowTitle(f"Curate the key: {session.project.title}")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move in it
        self.table.setAccessibleName("Items to curate: claims and links beside the key")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        for col in range(len(COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # quotes wrap
        self.table.setColumnWidth(1, 170)  # long titles are clipped; the tooltip has them
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.itemSelectionChanged.connect(self._show_detail)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.status = QLabel()
        accept_button, reject_button = QPushButton("Accept (A)"), QPushButton("Reject (R)")
        accept_button.clicked.connect(self.accept_current)
        reject_button.clicked.connect(self.reject_current)
        self.table.installEventFilter(self)  # A and R before the table's type-ahead search
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(HELP), 1)
        buttons.addWidget(accept_button)
        buttons.addWidget(reject_button)
        side = QWidget()
        beside = QVBoxLayout(side)
        beside.addWidget(QLabel("<b>Beside the key</b>"))
        beside.addWidget(self.detail, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(side)
        split.setSizes([780, 340])
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)
        session.changed.connect(self._on_change)
        self.refresh()
        if self.table.rowCount():
            self.table.selectRow(0)

    # ------------------------------------------------------------------ showing
    def _on_change(self, change: Change) -> None:
        if change.touches("claims", "links", "claim_tags", "settings"):
            self.refresh()

    def refresh(self) -> None:
        row = self.table.currentRow()
        self.cur = curation(self.session.project)
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.cur.items))
        total = len(self.cur.data.students)
        for r, item in enumerate(self.cur.items):
            cells = (item.kind, clip(self._document(item), 48), self._text(item),
                     f"{len(item.students)}/{total}", item.status)
            for c, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setBackground(QColor(STATUS_COLOURS[item.status]))
                cell.setToolTip(f"{self._document(item)}\n{self._text(item, width=400)}")
                self.table.setItem(r, c, cell)
        self.table.blockSignals(False)
        self.table.resizeRowsToContents()
        if 0 <= row < self.table.rowCount():
            self.table.selectRow(row)
        self._show_detail()

    def _document(self, item: Item) -> str:
        assert self.cur is not None
        titles = {d.id: d.title for d in self.cur.data.documents}
        if item.claim is not None:
            return titles.get(item.claim.span.document, "")
        assert item.link is not None
        docs = {titles.get(self.cur.unit(n).first.document, "")
                for n in (item.link.source, item.link.target)}
        return " / ".join(sorted(docs))

    def _text(self, item: Item, width: int = 110) -> str:
        assert self.cur is not None
        if item.claim is not None:
            tag = f"  [{item.claim.tag}]" if item.claim.tag else ""
            return f"“{clip(item.claim.span.quote, width)}”{tag}"
        assert item.link is not None
        arrow = "—" if item.link.symmetric else "→"
        a, b = (self.cur.unit(n).medoid().quote for n in (item.link.source, item.link.target))
        half = max(width // 2 - 8, 20)
        return f"“{clip(a, half)}” — {item.link.relation} {arrow} “{clip(b, half)}”"

    def current_item(self) -> Item | None:
        row = self.table.currentRow()
        if self.cur is None or not 0 <= row < len(self.cur.items):
            return None
        return self.cur.items[row]

    def _show_detail(self) -> None:
        item = self.current_item()
        if item is None or self.cur is None:
            self.detail.setText("Nothing to curate: no student marked anything.")
            return
        if item.claim is None:
            rows = "".join(
                f"<tr><td><b>{escape(who)}</b></td><td>{escape(value)}</td></tr>" if value
                else f"<tr><td><b>{escape(who)}</b></td><td style='color:#9aa0a6'>did not "
                     "mark both passages</td></tr>"
                for who, value in self.cur.relations(item))
            self.detail.setText(f"<p>{escape(self._text(item, 300))}</p>"
                                f"<table cellspacing='6'>{rows}</table>")
            return
        lines = []
        for layer, span in self.cur.layers(item):
            if span is None:
                lines.append(f"<tr><td><b>{escape(layer)}</b></td><td style='color:#9aa0a6'>"
                             "not marked</td></tr>")
            else:
                tags = ", ".join(sorted(span.tags)) or "no tag"
                lines.append(f"<tr><td><b>{escape(layer)}</b></td><td>“{escape(span.quote)}”"
                             f"<br/><span style='color:#4b5563'>{span.start}–{span.end} · "
                             f"{escape(tags)}</span></td></tr>")
        self.detail.setText("<table cellspacing='6'>" + "".join(lines) + "</table>")

    # ------------------------------------------------------------------ keys
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._key(event)
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._key(event):
            super().keyPressEvent(event)

    def _key(self, event: QKeyEvent) -> bool:
        """A accepts, R rejects, the usual keys undo and redo; True when handled."""
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if plain and event.key() == Qt.Key.Key_A:
            self.accept_current()
        elif plain and event.key() == Qt.Key.Key_R:
            self.reject_current()
        elif event.matches(QKeySequence.StandardKey.Undo):
            self.undo()
        elif event.matches(QKeySequence.StandardKey.Redo):
            self.redo()
        else:
            return False
        return True

    # ------------------------------------------------------------------ deciding
    def accept_current(self) -> None:
        self._decide(accept)

    def reject_current(self) -> None:
        self._decide(reject)

    def _decide(self, verb: object) -> None:
        item, row = self.current_item(), self.table.currentRow()
        if item is None or self.cur is None or self.session.read_only:
            return
        try:
            said = verb(self.session.project, self.cur, item)  # type: ignore[operator]
        except ClaimWeaveError as exc:
            report(exc, self.status.setText)
            return
        self.status.setText(f"{item.kind} {said}")
        if row + 1 < self.table.rowCount():
            self.table.selectRow(row + 1)  # on to the next item, as in INCEpTION

    def undo(self) -> None:
        self._replay(self.session.project.undo, "Undid")

    def redo(self) -> None:
        self._replay(self.session.project.redo, "Redid")

    def _replay(self, step: object, word: str) -> None:
        try:
            label = step()  # type: ignore[operator]
        except ClaimWeaveError as exc:
            report(exc, self.status.setText)
            return
        self.status.setText(f"{word} {label}")


def open_curation(session: ProjectSession, parent: QWidget | None = None) -> CurationView:
    """Show the curation view of a class project as its own window and return it."""
    view = CurationView(session, parent)
    view.setWindowFlag(Qt.WindowType.Window, True)
    fit_to_screen(view, 1150, 700)
    view.show()
    return view
