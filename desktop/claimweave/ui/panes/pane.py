"""One document in the comparison area: a chooser header and the annotatable text.

The pane turns the user's gestures into store verbs (add_claim, toggle_tag, delete_claim)
and keeps its claim index in step with the store's change announcements, touching only
the claims a change names. Failures the user can cause (read-only project, empty span)
come back as ``message`` signals for the status bar, never as exceptions.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TypeVar

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import NotFoundError
from ...core.login import login_name
from ...core.model import Change, Claim
from ..actions import make_action
from ..refusals import attempt
from ..session import INCREMENTAL_LIMIT, ProjectSession
from .claim_tooltip import claim_tooltip
from .far_links import pane_color
from .layers import LayerButton, Layers
from .snapping import DEFAULT_MODE, MODES, Snapper, snapper_for
from .text_view import ClaimTextView, KeyAction, plain_key
from .visible_text import VisibleWindow

T = TypeVar("T")
AnnotatorSource = str | Callable[[], str] | None
KeyInterceptor = Callable[["DocumentPane", QKeyEvent], KeyAction | None]


class DocumentPane(QWidget):
    """A document chooser, a close button and the text with its claims."""

    documentChanged = Signal(object)  # str | None: the document now shown
    closeRequested = Signal()
    message = Signal(str)  # for the status bar
    viewChanged = Signal()  # scrolled, resized, claims changed: link bands must follow
    linkRequested = Signal(str)  # the user pressed L on this claim
    partnerRequested = Signal(str)  # the user pressed P: show the claim(s) linked to this one
    claimDropped = Signal(str, str, QPoint)  # dragged claim, claim dropped on, global pos
    activated = Signal()  # the pane got the keyboard focus

    def __init__(self, session: ProjectSession, parent: QWidget | None = None, *,
                 annotator: AnnotatorSource = None) -> None:
        super().__init__(parent)
        self.session = session
        self.annotator: AnnotatorSource = annotator
        # Asked in order before the pane's own keys (link mode first, then the assistance);
        # each returns an action or None to let the key through.
        self.key_interceptors: list[KeyInterceptor] = []
        self._document_id: str | None = None
        self.position = 0  # from the left, set by the container
        self._snap_mode = DEFAULT_MODE
        self.snapper: Snapper = snapper_for(DEFAULT_MODE)

        self.number = QLabel(self)  # the pane's number and colour, as far-link markers show
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number.setFixedWidth(20)
        self.chooser = QComboBox(self)
        self.chooser.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # Long titles must not set the pane's minimum width (a laptop shows two panes).
        self.chooser.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.chooser.setMinimumContentsLength(8)  # four panes fit a 1280-pixel screen
        self.chooser.setToolTip("The document shown in this pane")
        self.chooser.setAccessibleName("Document shown in this pane")
        self.layer_button = LayerButton(session.project.annotators, self)
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setToolTip("Close this pane")
        self.close_button.setAccessibleName("Close this pane")
        self.close_button.setAutoRaise(True)
        self.view = ClaimTextView(self)
        self.view.setAccessibleName("Article text")
        self.view.setAccessibleDescription("Select text and press Enter to mark a claim; "
                                           "Tab walks the claims, L links, P follows a link")
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.number)
        header.addWidget(self.chooser)
        header.addWidget(self.layer_button)
        header.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(header)
        layout.addWidget(self.view)

        self.create_action = make_action(self, "Make claim from selection",
                                         self.create_claim_from_selection, "Return")
        self.move_action = make_action(self, "Move claim to selection",
                                       self.move_claim_to_selection, "Shift+Return")
        self.delete_action = make_action(self, "Delete claim", self.delete_current_claim,
                                         "Delete")
        self.link_action = make_action(self, "Link claim to another pane…", self._request_link,
                                       "L")

        self.chooser.activated.connect(self._on_chosen)
        self.close_button.clicked.connect(self.closeRequested)
        self.layer_button.layersChanged.connect(self._reload_claims)
        self.view.viewChanged.connect(self.viewChanged)
        self.view.claimClicked.connect(self.select_claim)
        self.view.claimDropped.connect(self.claimDropped)
        self.view.focusEntered.connect(self.activated)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.key_action = self._key_action
        self.view.tooltip_for = lambda cid: claim_tooltip(self.session.project, cid)
        session.changed.connect(self._on_changed)
        session.currentClaimChanged.connect(self._on_current_changed)
        self._reload_tags()
        self.refresh_documents()
        self._update_actions()

    # ------------------------------------------------------------------ document
    @property
    def document_id(self) -> str | None:
        return self._document_id

    def set_document(self, doc_id: str | None) -> None:
        """Show a document (or nothing); loads its text and claims once."""
        project = self.session.project
        if doc_id is not None:
            doc_id = project.resolve_document(doc_id)
        if doc_id == self._document_id:
            return
        self._document_id = doc_id
        if doc_id is None:
            self.view.set_content("", [])
        else:
            self.view.set_content(project.text(doc_id), self._shown_claims())
        self._sync_current()
        self._select_in_chooser()
        self.documentChanged.emit(doc_id)

    def set_position(self, position: int) -> None:
        """Show the pane's place from the left (0-based) as its number and colour."""
        self.position = position
        self.number.setText(str(position + 1))
        self.number.setStyleSheet(f"QLabel {{ background: {pane_color(position)}; color: white;"
                                  " font-weight: bold; border-radius: 3px; }")
        self.number.setToolTip(f"Pane {position + 1}: links to claims here from panes that are "
                               "not its neighbours are marked with this colour")
        self.number.setAccessibleName(f"Pane {position + 1}")

    # ------------------------------------------------------------------ layers
    @property
    def layers(self) -> Layers:
        return self.layer_button.layers

    def set_layers(self, layers: Layers) -> None:
        """Show only these annotators' claims (None: everyone's)."""
        self.layer_button.set_layers(layers)

    def _shows(self, claim: Claim) -> bool:
        layers = self.layer_button.layers
        return layers is None or claim.annotator in layers

    def _shown_claims(self) -> list[Claim]:
        claims = self.session.project.claims(document_id=self._document_id)
        return claims if self.layers is None else [c for c in claims if self._shows(c)]

    def _reload_claims(self, _layers: Layers = None) -> None:
        if self._document_id is not None:
            self.view.index.reset(self._shown_claims())
            self._sync_current()
            self.view.refresh()
            self.viewChanged.emit()

    def refresh_documents(self) -> None:
        """Refill the chooser (documents were added, renamed, moved or deleted)."""
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for doc in self.session.project.documents():
            self.chooser.addItem(doc.title, doc.id)
            self.chooser.setItemData(self.chooser.count() - 1,
                                     f"{doc.title}\n{doc.chars:,} characters, {doc.claims} claims",
                                     Qt.ItemDataRole.ToolTipRole)
        self.chooser.blockSignals(False)
        self._select_in_chooser()
        self._update_hint()

    def _update_hint(self) -> None:
        """What an empty pane says to do next (shown while it has no text)."""
        if self.chooser.count() == 0:
            hint = ("This project has no articles yet.\n\nFile > Import Articles (Ctrl+I) "
                    "adds .txt, .md, .html, .pdf or .docx files; you can also drop them on "
                    "the window.")
        else:
            hint = ("Choose a document in the box above to read it here.\n\nThen select "
                    "text and press Enter to mark a claim.")
        self.view.setPlaceholderText(hint)

    def _select_in_chooser(self) -> None:
        self.chooser.blockSignals(True)
        self.chooser.setCurrentIndex(self.chooser.findData(self._document_id)
                                     if self._document_id else -1)
        self.chooser.blockSignals(False)

    def _on_chosen(self, row: int) -> None:
        self.set_document(self.chooser.itemData(row))

    # ------------------------------------------------------------------ claims
    @property
    def current_claim(self) -> str | None:
        """The session's current claim when it lies in this pane's document."""
        return self.view.current_claim

    def contains_claim(self, claim_id: str | None) -> bool:
        return claim_id is not None and claim_id in self.view.index

    def claim(self, claim_id: str) -> Claim | None:
        return self.view.index.get(claim_id)

    def claim_ids(self) -> list[str]:
        """This document's claims in reading order."""
        return self.view.index.ordered()

    def select_claim(self, claim_id: str, *, scroll: bool = True) -> None:
        """Make a claim of this pane the current one and, if asked, scroll to it."""
        claim = self.view.index.get(claim_id)
        if claim is None:
            return
        self.session.set_current_claim(claim.id)
        self._sync_current()
        if scroll:
            self.view.scroll_to_span(claim.start, claim.end)

    def step_claim(self, step: int) -> str | None:
        """Walk to the next (+1) or previous (-1) claim; starts at the top of the view."""
        target = self.view.index.neighbour(self.current_claim, step,
                                           self.view.visible_window().start)
        if target:
            self.select_claim(target)
        return target

    def set_candidate(self, claim_id: str | None) -> None:
        """Mark the claim a pending link would go to (dashed outline); None clears it."""
        self.view.candidate_claim = claim_id
        claim = self.view.index.get(claim_id or "")
        if claim is not None:
            self.view.scroll_to_span(claim.start, claim.end)
        self.view.refresh()

    def claim_extent(self, claim_id: str, window: VisibleWindow | None = None
                     ) -> tuple[float, float] | None:
        """Vertical extent of a claim in this pane's viewport (clamped to its edges)."""
        return self.view.claim_extent(claim_id, window)

    def create_claim_from_selection(self) -> Claim | None:
        """Make a claim of the selected text (snapped by the pane's mode); None if nothing."""
        span = self.view.selection_span()
        if self._document_id is None or span is None:
            self.message.emit("Select some text first, then press Enter to make it a claim")
            return None
        start, end = self.snapper(self.view.text, *span)
        if end <= start:
            self.message.emit("The selection holds only white space")
            return None
        doc_id = self._document_id
        claim = self._attempt(lambda: self.session.project.add_claim(
            doc_id, start, end, annotator=self.annotator_name()))
        if claim is not None:
            self.view.clear_selection()
            if not self._shows(claim):  # the user's own layer is hidden: show it from now on
                self.set_layers(frozenset({*(self.layers or ()), claim.annotator}))
            self.session.set_current_claim(claim.id)
            self._sync_current()
        return claim

    def move_claim_to_selection(self) -> Claim | None:
        """Give the current claim the selected span (snapped), keeping its tags, note and
        links: a boundary set too short or too long is fixed without starting over."""
        span = self.view.selection_span()
        claim_id = self.current_claim
        if claim_id is None or span is None or self._document_id is None:
            self.message.emit("Pick a claim, select its new extent, then press Shift+Enter")
            return None
        start, end = self.snapper(self.view.text, *span)
        if end <= start:
            self.message.emit("The selection holds only white space")
            return None
        moved = self._attempt(lambda: self.session.project.update_claim(
            claim_id, start=start, end=end))
        if moved is not None:
            self.view.clear_selection()
            self.message.emit("Claim moved to the selection (Ctrl+Z undoes it)")
        return moved

    def toggle_tag_number(self, number: int) -> bool | None:
        """Toggle the codebook's tag *number* (1-based) on the current claim."""
        tags = self.session.project.tags()
        claim_id = self.current_claim
        if claim_id is None:
            self.message.emit("Pick a claim first (Tab walks through them)")
            return None
        if not 1 <= number <= len(tags):
            self.message.emit(f"The codebook has no tag {number}")
            return None
        tag = tags[number - 1]
        now_set = self._attempt(lambda: self.session.project.toggle_tag(claim_id, tag.id))
        if now_set is not None:
            self.message.emit(f"{'Tagged' if now_set else 'Untagged'} {tag.name}")
        return now_set

    def delete_current_claim(self) -> None:
        claim_id = self.current_claim
        if claim_id is None:
            return
        following = self.view.index.neighbour(claim_id, 1)
        self._attempt(lambda: self.session.project.delete_claim(claim_id))
        if claim_id not in self.view.index:
            self.message.emit("Claim deleted (Ctrl+Z brings it back)")
            if following and following != claim_id:
                self.select_claim(following)

    def annotator_name(self) -> str:
        """The annotator for new claims: the pane's, else the session's, else the login."""
        source = self.annotator
        if source is None:
            source = getattr(self.session, "annotator", None)
        if callable(source):
            source = source()
        return source if source is not None else login_name()

    # ------------------------------------------------------------------ snapping
    @property
    def snap_mode(self) -> str:
        return self._snap_mode

    @snap_mode.setter
    def snap_mode(self, mode: str) -> None:
        self.snapper = snapper_for(mode)
        self._snap_mode = mode

    # ------------------------------------------------------------------ store events
    def _on_changed(self, change: Change) -> None:
        if change.touches("documents"):
            self.refresh_documents()
            if self._document_id and not any(
                    d.id == self._document_id for d in self.session.project.documents()):
                self.set_document(None)
                return
        if change.touches("tags"):
            self._reload_tags()
        if change.touches("annotators"):
            self.layer_button.refresh()
        ids = change.ids.get("claims", set()) | change.ids.get("claim_tags", set())
        spans = self._update_claims(ids) if ids and self._document_id else []
        self._sync_current()
        if change.touches("tags") or spans is None:
            self.view.refresh()
        elif spans:
            self.view.refresh_spans(spans)

    def _update_claims(self, ids: set[str]) -> list[tuple[int, int]] | None:
        """Bring the index up to date; the spans to repaint, or None for everything."""
        project = self.session.project
        index = self.view.index
        if len(ids) > INCREMENTAL_LIMIT:
            index.reset(self._shown_claims())
            return None
        spans = []
        for claim_id in ids:
            old = index.get(claim_id)
            if old is not None:
                spans.append((old.start, old.end))
            try:
                claim = project.claim(claim_id)
            except NotFoundError:
                index.remove(claim_id)
                continue
            if claim.document_id == self._document_id and self._shows(claim):
                index.put(claim)
                spans.append((claim.start, claim.end))
            else:
                index.remove(claim_id)
        return spans

    def _reload_tags(self) -> None:
        self.view.style_.tag_colors = {t.id: t.color for t in self.session.project.tags()}

    def _on_current_changed(self, _claim_id: object) -> None:
        self._sync_current()

    def _sync_current(self) -> None:
        current = self.session.current_claim
        mine = current if current in self.view.index else None
        if mine != self.view.current_claim:
            changed = [self.view.index.get(c or "") for c in (self.view.current_claim, mine)]
            self.view.current_claim = mine
            self.view.refresh_spans([(c.start, c.end) for c in changed if c is not None])
        if self.view.candidate_claim not in self.view.index:
            self.view.candidate_claim = None

    # ------------------------------------------------------------------ keyboard & menu
    def _editable(self) -> bool:
        return not self.session.read_only and self._document_id is not None

    def _update_actions(self, *_args: object) -> None:
        editable = self._editable()
        for action in (self.create_action, self.delete_action, self.link_action):
            action.setEnabled(editable)

    def _key_action(self, event: QKeyEvent) -> KeyAction | None:
        """What a key does in this pane, without doing it (asked twice per key press)."""
        for intercept in self.key_interceptors:
            action = intercept(self, event)
            if action is not None:
                return action
        pressed = plain_key(event)
        if pressed is None:
            return None
        key, shift = pressed
        if key == Qt.Key.Key_Backtab or (key == Qt.Key.Key_Tab and shift) or key == Qt.Key.Key_K:
            return lambda: self.step_claim(-1)
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_J):
            return lambda: self.step_claim(1)
        if key == Qt.Key.Key_Escape and self.current_claim:
            return lambda: self.session.set_current_claim(None)
        if key == Qt.Key.Key_P and not shift and self.current_claim:
            claim_id = self.current_claim
            return lambda: self.partnerRequested.emit(claim_id)
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if (enter and shift and self._editable() and self.current_claim
                and self.view.textCursor().hasSelection()):
            return self.move_claim_to_selection
        if not self._editable() or shift:
            return None
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.view.textCursor().hasSelection():
            return self.create_claim_from_selection
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_9 and self.current_claim:
            number = key - Qt.Key.Key_0
            return lambda: self.toggle_tag_number(number)
        if key == Qt.Key.Key_Delete and self.current_claim:
            return self.delete_current_claim
        if key == Qt.Key.Key_L and self.current_claim:
            return self._request_link
        return None

    def _request_link(self) -> None:
        if self.current_claim:
            self.linkRequested.emit(self.current_claim)

    def can_edit_claim(self) -> bool:
        """True when the current claim may be changed here (tagged, moved, deleted)."""
        return self._editable() and self.current_claim is not None

    def claim_actions(self) -> list[QAction]:
        """The claim verbs (context menu, Edit menu), enabled for the selection and claim."""
        editable, chosen = self._editable(), self.can_edit_claim()
        selected = self.view.textCursor().hasSelection()
        for action, on in ((self.create_action, selected), (self.move_action, chosen and selected),
                           (self.delete_action, chosen), (self.link_action, chosen)):
            action.setEnabled(editable and on)
        return [self.create_action, self.move_action, self.delete_action, self.link_action]

    def _context_menu(self, pos: QPoint) -> None:
        menu = self.view.createStandardContextMenu(pos)
        menu.addSeparator()
        hit = self.view.claim_at(pos)
        if hit:
            self.select_claim(hit, scroll=False)
        menu.addActions(self.claim_actions())
        snap = QMenu("Snap selections to", menu)
        for mode in MODES:
            action = snap.addAction(mode.capitalize(), partial(setattr, self, "snap_mode", mode))
            action.setCheckable(True)
            action.setChecked(mode == self._snap_mode)
        menu.addMenu(snap)
        menu.exec(self.view.viewport().mapToGlobal(pos))
        menu.deleteLater()
        self._update_actions()

    # ------------------------------------------------------------------ helpers
    def _attempt(self, verb: Callable[[], T]) -> T | None:
        return attempt(verb, self.message.emit)
