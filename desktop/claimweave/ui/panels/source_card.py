"""The Source panel: the source card of the document in the active pane, who asserts the
current claim (with spaCy's proposal, accepted by W or the Accept button), the passages
the document shares with those beside it, and claims a text update could not place.

Every edit is one store verb, so each is undoable and reaches every other view.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...analysis.labels import clip
from ...core.errors import ClaimWeaveError
from ...core.model import Change, Claim, Document
from ...core.sources_repo import KIND_LABELS, KINDS
from ..dialogs.claimants import ClaimantsDialog
from ..panes.container import PaneContainer
from ..session import ProjectSession
from ..source_marks import SourceMarks
from .base import Panel
from .source_reuse import ReuseAndUpdates

UNRATED = "unrated"


def show_from_start(field: QLineEdit, text: str) -> None:
    """Show *text* from its first word: setText leaves the cursor at the end, so a reason
    longer than the narrow panel showed only its tail ("…ials, marks unnamed sources")."""
    field.setText(text)
    if not field.hasFocus():  # never move the cursor of someone typing
        field.setCursorPosition(0)


class _MemoEdit(QPlainTextEdit):
    """A memo that is saved when the user leaves it."""

    committed = Signal(str)

    def __init__(self, placeholder: str) -> None:
        super().__init__()
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)  # Tab moves on; a memo needs no tab characters

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.committed.emit(self.toPlainText())
        super().focusOutEvent(event)


class SourceCardPanel(ReuseAndUpdates):
    WATCHES = ("documents", "document_attributes", "claims", "claimants", "unplaced_claims")

    def __init__(self, session: ProjectSession, marks: SourceMarks,
                 parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.marks = marks
        self.doc_id = None
        self.selection = lambda _doc: None  # no pane has a selection yet
        self._loading = False
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.kind = QComboBox()
        self.kind.addItem("—", None)
        for k in KINDS:
            self.kind.addItem(KIND_LABELS[k], k)
        self.reliability = QComboBox()
        self.reliability.addItems([UNRATED, "1 poor", "2", "3", "4", "5 high"])
        self.reason = QLineEdit(placeholderText="why this rating (needed for a rating)")
        self.copy_of = QComboBox()
        self.note = _MemoEdit("memo: what to keep in mind about this source")
        self.note.setFixedHeight(self.fontMetrics().height() * 4)
        self.attributes = QTableWidget(0, 2)
        self.attributes.setTabKeyNavigation(False)  # Tab leaves the table, arrows move in it
        self.attributes.setHorizontalHeaderLabels(["attribute", "value"])
        self.attributes.horizontalHeader().setStretchLastSection(True)
        self.attributes.verticalHeader().setVisible(False)
        self.attributes.setFixedHeight(self.fontMetrics().height() * 7)
        form = QFormLayout()
        form.addRow("Kind", self.kind)
        form.addRow("Reliability", self.reliability)
        form.addRow("Why", self.reason)
        form.addRow("Copy of", self.copy_of)
        form.addRow("Note", self.note)
        form.addRow("Attributes", self.attributes)
        card = QGroupBox("Source card")
        card_box = QVBoxLayout(card)
        card_box.addWidget(self.heading)
        card_box.addLayout(form)

        self.claim_label = QLabel("No claim selected")
        self.claim_label.setWordWrap(True)
        self.claimant = QLineEdit(placeholderText="the author (type a name to attribute it)")
        self.proposal = QLabel()
        self.proposal.setWordWrap(True)
        self.proposal.setTextFormat(Qt.TextFormat.RichText)
        self.claimants_button = QPushButton("Claimants…")
        self.claimants_button.setToolTip("Rename, alias, merge or delete the project's claimants")
        self.accept_button = QPushButton("Accept (W)")
        self.accept_button.setToolTip("Set the proposed claimant (W in a pane does the same)")
        claim = QGroupBox("Who says it")
        claim_box = QVBoxLayout(claim)
        claim_box.addWidget(self.claim_label)
        who = QHBoxLayout()
        who.addWidget(self.claimant, 1)
        who.addWidget(self.claimants_button)
        claim_box.addLayout(who)
        row = QHBoxLayout()
        row.addWidget(self.proposal, 1)
        row.addWidget(self.accept_button)
        claim_box.addLayout(row)

        reuse = self._build_reuse_box()

        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(4, 4, 4, 4)
        for box in (card, claim, reuse):
            column.addWidget(box)
        column.addStretch(1)
        scroll = QScrollArea()  # a short dock scrolls instead of squeezing the card
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self._connect()
        self._connect_reuse()
        self.reload()

    def _connect(self) -> None:
        self.kind.activated.connect(lambda _i: self._card(kind=self.kind.currentData()))
        self.reliability.activated.connect(self._rate)
        self.reason.editingFinished.connect(lambda: self._card(reason=self.reason.text()))
        self.note.committed.connect(lambda text: self._card(note=text))
        self.copy_of.activated.connect(self._mark_copy)
        self.attributes.itemChanged.connect(self._attribute_edited)
        self.claimant.editingFinished.connect(self._claimant_edited)
        self.accept_button.clicked.connect(self.marks.accept)
        self.claimants_button.clicked.connect(self.open_claimants)
        self.marks.proposalChanged.connect(lambda _p: self._show_proposal())
        self.session.currentClaimChanged.connect(lambda _c: self._show_claim(names=False))
    def open_claimants(self) -> ClaimantsDialog:
        dialog = ClaimantsDialog(self.session, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def sizeHint(self) -> QSize:  # beside the panes, wide enough for the card's fields
        return QSize(320, 640)

    # ------------------------------------------------------------------ showing
    def show_document(self, doc_id: str | None) -> None:
        self.doc_id = doc_id
        self.reload()

    def follow(self, container: PaneContainer) -> None:
        """Show the active pane's document (the first pane's before any has the focus)."""
        pane = container.active_pane() or next(iter(container.panes()), None)
        self.show_document(pane.document_id if pane else None)

    def _on_changed(self, change: Change) -> None:
        """Redo only the part an edit touched: claim edits are frequent, cards are not."""
        if change.touches("documents", "document_attributes", "unplaced_claims"):
            self.reload()
            return
        current = self.session.current_claim
        if change.touches("claimants") or (current and current in change.ids.get("claims", ())):
            self._loading = True
            try:
                self._show_claim(names=change.touches("claimants"))
            finally:
                self._loading = False

    def reload(self) -> None:
        if self.doc_id is not None and self._doc() is None:
            self.doc_id = None  # deleted: the card goes blank until a pane shows another
        self._loading = True
        try:
            self._show_card()
            self._show_claim()
            self._show_reuse()
        finally:
            self._loading = False

    def _doc(self) -> Document | None:
        if self.doc_id is None:
            return None
        try:
            return self.project.document(self.doc_id)
        except ClaimWeaveError:  # deleted meanwhile: show nothing
            return None

    def _show_card(self) -> None:
        doc = self._doc()
        editable = doc is not None and not self.session.read_only
        for w in (self.kind, self.reliability, self.reason, self.copy_of, self.note,
                  self.attributes, self.update_button):
            w.setEnabled(editable)
        if doc is None:
            self.heading.setText("<i>No document in the active pane</i>")
            return
        meta = " · ".join(x for x in (doc.author, doc.outlet, doc.published) if x)
        self.heading.setText(f"<b>{escape(clip(doc.title, 80))}</b><br/>{escape(meta)}")
        self.kind.setCurrentIndex(max(0, self.kind.findData(doc.kind)))
        self.reliability.setCurrentIndex(doc.reliability or 0)
        show_from_start(self.reason, doc.reason)
        self.reason.setToolTip(doc.reason)
        if self.note.toPlainText() != doc.note:
            self.note.setPlainText(doc.note)
        self.copy_of.clear()
        self.copy_of.addItem("— (an original)", None)
        for other in self.project.documents():
            if other.id != doc.id:
                self.copy_of.addItem(clip(other.title, 50), other.id)
        self.copy_of.setCurrentIndex(max(0, self.copy_of.findData(doc.derived_from)))
        self.attributes.blockSignals(True)
        items = list(doc.attributes.items())
        self.attributes.setRowCount(len(items) + 1)
        for r, (name, value) in enumerate([*items, ("", "")]):
            self.attributes.setItem(r, 0, QTableWidgetItem(name))
            self.attributes.setItem(r, 1, QTableWidgetItem(value))
        self.attributes.blockSignals(False)

    def _show_claim(self, *, names: bool = True) -> None:
        claim_id = self.session.current_claim
        claim: Claim | None = None
        if claim_id:
            try:
                claim = self.project.claim(claim_id)
            except ClaimWeaveError:  # deleted meanwhile
                claim = None
        self.claimant.setEnabled(claim is not None and not self.session.read_only)
        if names:  # the completer's list: rebuilt when claimants change, not on every edit
            known = [n for k in self.project.claimants() for n in (k.name, *k.aliases)]
            self.claimant.setCompleter(QCompleter(known, self.claimant))
        if claim is None:
            self.claim_label.setText("No claim selected")
            self.claimant.setText("")
        else:
            self.claim_label.setText(f"\u201c{clip(claim.quote, 140)}\u201d")
            show_from_start(self.claimant, claim.claimant or "")
        self._show_proposal()

    def _show_proposal(self) -> None:
        p = self.marks.proposal
        self.accept_button.setVisible(p is not None)
        if p is None:
            self.proposal.setText("")
            return
        self.proposal.setText(f"Proposed: <b>{escape(p.claimant)}</b> — "
                              f"<span style='color:#6b7280'>{escape(clip(p.evidence, 120))}</span>")

    # ------------------------------------------------------------------ editing
    def _card(self, **values: object) -> None:
        if self._loading or self.doc_id is None:
            return
        doc = self._doc()
        if doc is None or all(getattr(doc, k) == v for k, v in values.items()):
            return
        self.attempt(self.project.set_source_card, self.doc_id, **values)

    def _rate(self, index: int) -> None:
        self._card(reliability=index or None)

    def _mark_copy(self, _index: int) -> None:
        if not self._loading and self.doc_id:
            self.attempt(self.project.mark_derived, self.doc_id, self.copy_of.currentData())

    def _attribute_edited(self, item: QTableWidgetItem) -> None:
        if self._loading or self.doc_id is None:
            return
        row = item.row()
        name_item, value_item = self.attributes.item(row, 0), self.attributes.item(row, 1)
        name = name_item.text().strip() if name_item else ""
        value = value_item.text().strip() if value_item else ""
        doc = self._doc()
        if doc is None or not name:
            return
        if value:
            self.attempt(self.project.set_attribute, self.doc_id, name, value)
        elif name in doc.attributes:
            self.attempt(self.project.unset_attribute, self.doc_id, name)

    def _claimant_edited(self) -> None:
        claim_id = self.session.current_claim
        if self._loading or not claim_id:
            return
        name = self.claimant.text().strip()
        current = self.project.claim(claim_id)
        if name == (current.claimant or ""):
            return
        self.attempt(self.project.set_claimant, claim_id, name or None)

def source_panels(session: ProjectSession, container: PaneContainer,
                  reveal: Callable[[str, int, int], None]) -> dict[str, Panel]:
    """The Source panel for the main window, following its active pane."""
    marks = SourceMarks(session, container)
    panel = SourceCardPanel(session, marks)
    marks.setParent(panel)
    marks.message.connect(panel.message)
    marks.passagesChanged.connect(panel.reload)
    container.activePaneChanged.connect(lambda pane: panel.show_document(pane.document_id))
    container.documentsChanged.connect(lambda _docs: panel.follow(container))
    panel.revealRequested.connect(reveal)
    panel.selection = lambda doc: next((p.view.selection_span() for p in container.panes()
                                        if p.document_id == doc and p.view.selection_span()),
                                       None)
    panel.follow(container)
    return {"source": panel}
