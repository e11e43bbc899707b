"""Linking two claims from the keyboard (and the relation step of a mouse drag).

With a current claim the user presses L: the focus moves to the next pane, whose claims the
arrow keys (or Tab, J/K) walk with a dashed outline; one letter then picks the relation
(A agrees, C contradicts, S same_claim, E elaborates, R related; O or Enter opens a chooser
with every relation type, custom ones included); Left/Right move to another pane; Escape
cancels. The link itself goes through ``Project.link_claims``; a refusal (already linked)
becomes a message.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QMenu, QWidget

from ...analysis.labels import relation_label
from ...core.errors import ClaimWeaveError
from ...core.model import Link, RelationType
from ..refusals import report
from ..session import ProjectSession
from .pane import DocumentPane
from .text_view import KeyAction

RELATION_KEYS: dict[int, str] = {
    Qt.Key.Key_A: "agrees",
    Qt.Key.Key_C: "contradicts",
    Qt.Key.Key_S: "same_claim",
    Qt.Key.Key_E: "elaborates",
    Qt.Key.Key_R: "related",
}
RelationChooser = Callable[[QWidget, QPoint, list[RelationType]], str | None]


def menu_chooser(parent: QWidget, pos: QPoint, relations: list[RelationType]) -> str | None:
    """Ask for a relation with a small popup menu at *pos* (global coordinates)."""
    menu = QMenu(parent)
    menu.setTitle("Link as")
    for rel in relations:
        menu.addAction(relation_label(rel.name)).setData(rel.id)
    chosen = menu.exec(pos)
    menu.deleteLater()
    return chosen.data() if chosen is not None else None


class LinkMode(QObject):
    """The pending link: a source claim, the pane being searched and its candidate claim."""

    message = Signal(str)
    linked = Signal(object)  # Link
    activeChanged = Signal(bool)

    def __init__(self, session: ProjectSession, panes: Callable[[], list[DocumentPane]],
                 annotator: Callable[[], str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._panes = panes
        self._annotator = annotator
        self.chooser: RelationChooser = menu_chooser
        self.source_claim: str | None = None
        self.source_pane: DocumentPane | None = None
        self.target_pane: DocumentPane | None = None
        self.candidate: str | None = None

    @property
    def active(self) -> bool:
        return self.source_claim is not None

    def start(self, pane: DocumentPane, claim_id: str) -> bool:
        """Begin linking *claim_id* of *pane*; the next pane with a document is searched."""
        others = self._other_panes(pane)
        if not others:
            self.message.emit("Open another document in a second pane to link claims across")
            return False
        self.cancel()
        self.source_claim, self.source_pane = claim_id, pane
        self.activeChanged.emit(True)
        self._target(others[0])
        return True

    def cancel(self, text: str | None = None) -> None:
        if not self.active:
            return
        if self.target_pane is not None:
            self.target_pane.set_candidate(None)
        source = self.source_pane
        self.source_claim = self.source_pane = self.target_pane = self.candidate = None
        self.activeChanged.emit(False)
        if source is not None:
            source.view.setFocus()
        self.message.emit(text or "")  # never leave the link-mode keys in the status bar

    def link(self, source: str, target: str, relation: str) -> Link | None:
        """Link two claims; a refusal of the store becomes a message, never an exception."""
        try:
            link = self.session.project.link_claims(source, target, relation,
                                                    annotator=self._annotator())
        except ClaimWeaveError as exc:
            report(exc, self.message.emit)
            return None
        self.message.emit(f"Linked: {relation_label(link.relation)}")
        self.linked.emit(link)
        return link

    def choose_and_link(self, source: str, target: str, anchor: QWidget, pos: QPoint
                        ) -> Link | None:
        """Ask for the relation with the chooser, then link (mouse drops come here)."""
        relation = self.chooser(anchor, pos, self.session.project.relation_types())
        return self.link(source, target, relation) if relation else None

    # ------------------------------------------------------------------ keys
    def intercept(self, pane: DocumentPane, event: QKeyEvent) -> KeyAction | None:
        """Installed as every pane's key interceptor; only acts while a link is pending."""
        if not self.active:
            return None
        key = event.key()
        if key == Qt.Key.Key_Escape:
            return lambda: self.cancel("Linking cancelled")
        if pane is not self.target_pane:
            return None
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods & ~Qt.KeyboardModifier.ShiftModifier:
            return None
        back = key in (Qt.Key.Key_Up, Qt.Key.Key_K, Qt.Key.Key_Backtab) or (
            key == Qt.Key.Key_Tab and mods & Qt.KeyboardModifier.ShiftModifier)
        if back or key in (Qt.Key.Key_Down, Qt.Key.Key_J, Qt.Key.Key_Tab):
            return lambda: self._walk(-1 if back else 1)
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            return lambda: self._switch_pane(-1 if key == Qt.Key.Key_Left else 1)
        if key in RELATION_KEYS:
            return lambda: self._finish(RELATION_KEYS[key])
        if key in (Qt.Key.Key_O, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return self._finish_with_chooser
        return lambda: None  # swallow other plain keys: no accidental edits mid-link

    def _other_panes(self, pane: DocumentPane) -> list[DocumentPane]:
        """Panes showing another document, nearest first (the right neighbour before the
        left one): from the last pane, L goes to its neighbour, not round to the first."""
        panes = self._panes()
        i = panes.index(pane) if pane in panes else -1
        ordered = sorted((p for p in panes if p is not pane),
                         key=lambda p: (abs(panes.index(p) - i), panes.index(p) < i))
        return [p for p in ordered if p.document_id and p.document_id != pane.document_id]

    def _target(self, pane: DocumentPane) -> None:
        if self.target_pane is not None and self.target_pane is not pane:
            self.target_pane.set_candidate(None)
        self.target_pane = pane
        self.candidate = pane.view.index.neighbour(None, 1, pane.view.visible_window().start)
        pane.set_candidate(self.candidate)
        pane.view.setFocus()
        title = pane.chooser.currentText()
        if self.candidate is None:
            self.message.emit(f"{title} has no claims to link to; Left/Right: another pane, "
                              "Esc: cancel")
        else:
            self.message.emit(f"Link to a claim in {title}: ↑↓ choose, then A agrees, "
                              "C contradicts, S same claim, E elaborates, R related, O other; "
                              "Esc cancels")

    def _walk(self, step: int) -> None:
        pane = self.target_pane
        if pane is None:
            return
        self.candidate = pane.view.index.neighbour(self.candidate, step,
                                                   pane.view.visible_window().start)
        pane.set_candidate(self.candidate)

    def _switch_pane(self, step: int) -> None:
        if self.source_pane is None or self.target_pane is None:
            return
        panes = self._panes()
        others = sorted(self._other_panes(self.source_pane), key=panes.index)  # left to right
        if len(others) > 1:
            i = others.index(self.target_pane) if self.target_pane in others else 0
            self._target(others[(i + step) % len(others)])

    def _finish(self, relation: str) -> None:
        source, target = self.source_claim, self.candidate
        if source is None or target is None:
            self.message.emit("No claim chosen to link to")
            return
        self.cancel()
        self.link(source, target, relation)

    def _finish_with_chooser(self) -> None:
        pane = self.target_pane
        if pane is None or self.candidate is None or self.source_claim is None:
            return
        extent = pane.claim_extent(self.candidate) or (0.0, 0.0)
        pos = pane.view.viewport().mapToGlobal(QPoint(20, int(extent[1])))
        relation = self.chooser(pane, pos, self.session.project.relation_types())
        if relation:
            self._finish(relation)
