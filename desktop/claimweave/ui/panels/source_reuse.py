"""The Source panel's lower part: passages the document shares with those beside it, the
claims a text update could not place (place at the selection, or drop), and Update Text…"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...analysis.labels import clip
from ...analysis.provenance import copy_candidates, word_count
from ...core.errors import ClaimWeaveError
from ...core.retext_repo import TextUpdate
from ...core.wording import counted
from ...exchange.sources.reader import read_source
from ..background import JobCancelled, run_with_progress
from ..refusals import report
from ..source_marks import SourceMarks, which_first
from ..transfer import IMPORT_FILTER
from .base import Panel


class ReuseAndUpdates(Panel):
    """The reuse and update part of :class:`~claimweave.ui.panels.source_card.SourceCardPanel`.

    A panel of its own kind so that mypy checks what it reaches: the attributes below are
    set by ``SourceCardPanel.__init__``, which derives from this class.
    """

    revealRequested = Signal(str, int, int)  # document id, start, end (code points)
    marks: SourceMarks
    doc_id: str | None
    # the selected span (code points) in a pane showing the document, if any
    selection: Callable[[str], tuple[int, int] | None]

    def _build_reuse_box(self) -> QGroupBox:
        self.reused = QListWidget()
        self.reused.setWordWrap(True)
        self.reused.setFixedHeight(self.fontMetrics().height() * 5)
        self.unplaced = QListWidget()
        self.unplaced.setWordWrap(True)
        self.unplaced.setFixedHeight(self.fontMetrics().height() * 4)
        self.place_button = QPushButton("Place at Selection")
        self.place_button.setToolTip("Put the selected unplaced claim where the text is "
                                     "selected in this document's pane, with its tags and links")
        self.drop_button = QPushButton("Drop")
        self.drop_button.setToolTip("Give up the selected unplaced claim (undoable)")
        self.update_button = QPushButton("Update Text…")
        self.update_button.setToolTip("Bring in a newer version of this article: claims follow "
                                      "their quotes; those that cannot be placed are listed")
        reuse = QGroupBox("Reused text and unplaced claims")
        reuse_box = QVBoxLayout(reuse)
        reuse_box.addWidget(self.reused)
        reuse_box.addWidget(self.unplaced)
        reuse_box.addLayout(_row(self.place_button, self.drop_button, self.update_button))
        return reuse

    def _connect_reuse(self) -> None:
        self.reused.itemActivated.connect(self._reveal)
        self.reused.itemClicked.connect(self._reveal)
        self.drop_button.clicked.connect(self._drop)
        self.place_button.clicked.connect(self._place)
        self.update_button.clicked.connect(self.choose_update)

    def _show_reuse(self) -> None:
        self.reused.clear()
        docs = {d.id: d for d in self.project.documents()}
        for p in self.marks.passages:
            side = p.side(self.doc_id or "")
            if side is None:
                continue
            other = p.other(self.doc_id or "")
            title = docs[other.document_id].title if other.document_id in docs else "?"
            item = QListWidgetItem(f"{p.words} words also in \u201c{clip(title, 40)}\u201d "
                                   f"({which_first(p, self.doc_id)})")
            item.setData(Qt.ItemDataRole.UserRole, (side, other))
            self.reused.addItem(item)
        doc = docs.get(self.doc_id or "")
        if doc is not None and self.reused.count() and doc.derived_from is None:
            counts = {d: word_count(self.project.text(d)) for d in
                      {x for p in self.marks.passages for x in (p.a.document_id,
                                                                 p.b.document_id)}}
            for c in copy_candidates(self.marks.passages, counts):
                if c.copy == doc.id:
                    self.reused.addItem(f"{c.share:.0%} of this text is also in "
                                        f"\u201c{clip(docs[c.original].title, 40)}\u201d: "
                                        "probably a copy (set Copy of above)")
        if not self.reused.count():
            self.reused.addItem("No passage shared with the documents beside it")
        self.unplaced.clear()
        for u in self.project.unplaced_claims(self.doc_id) if self.doc_id else []:
            item = QListWidgetItem(f"unplaced: \u201c{clip(u.quote, 70)}\u201d")
            item.setData(Qt.ItemDataRole.UserRole, u.claim_id)
            self.unplaced.addItem(item)
        self.unplaced.setVisible(self.unplaced.count() > 0)
        for button in (self.drop_button, self.place_button):
            button.setVisible(self.unplaced.count() > 0 and not self.session.read_only)

    def _reveal(self, item: QListWidgetItem) -> None:
        found = item.data(Qt.ItemDataRole.UserRole)
        if found:
            side, other = found
            self.revealRequested.emit(other.document_id, other.start, other.end)
            self.revealRequested.emit(side.document_id, side.start, side.end)

    def choose_update(self) -> None:
        if self.doc_id is None:
            return
        path, _ = QFileDialog.getOpenFileName(self, "Newer version of the article", "",
                                              IMPORT_FILTER)
        if path:
            self.update_from(Path(path))

    def update_from(self, path: Path) -> TextUpdate | None:
        """Replace the document's text with *path*'s (one undo step); say what moved."""
        if self.doc_id is None:
            return None
        try:  # reading a PDF or Word file may take seconds: on a worker, with Cancel
            text = run_with_progress(self, "Update text", f"Reading {path.name}…",
                                     lambda _report: read_source(path).text, cancel="abandon")
        except JobCancelled:
            self.message.emit("Update cancelled: the text of the document was not changed")
            return None
        except ClaimWeaveError as exc:
            report(exc, self.message.emit)
            return None
        try:  # placing the claims, fuzzily where their quotes changed: Cancel writes nothing
            result = self.attempt(self.project.update_text, self.doc_id, text, runner=lambda
                                  place: run_with_progress(self, "Update text", "Placing the "
                                                           "claims in the new text…", place))
        except JobCancelled:
            self.message.emit("Update cancelled: the text and the claims were not changed")
            return None
        if result is not None:
            placed = sum(1 for p in result.placements if p.how)
            self.message.emit(f"Text updated: {counted(placed, 'claim')} placed, "
                              f"{len(result.unplaced)} listed as unplaced in the Source panel "
                              "(Ctrl+Z undoes it all)")
        return result

    def _drop(self) -> None:
        item = self.unplaced.currentItem() or self.unplaced.item(0)
        if item is not None:
            self.attempt(self.project.drop_unplaced, item.data(Qt.ItemDataRole.UserRole))

    def _place(self) -> None:
        item = self.unplaced.currentItem() or self.unplaced.item(0)
        span = self.selection(self.doc_id) if self.doc_id else None
        if item is None:
            return
        if span is None:
            self.message.emit("Select where the claim goes in this document's pane first")
            return
        self.attempt(self.project.place_claim, item.data(Qt.ItemDataRole.UserRole), *span)


def _row(*widgets: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    for w in widgets:
        row.addWidget(w)
    row.addStretch(1)
    return row


