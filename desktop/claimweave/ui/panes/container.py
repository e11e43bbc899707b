"""The central comparison area: 2 to 4 document panes with link bands between them.

Panes and band gutters alternate in one QSplitter (pane, bands, pane, bands, pane), so the
user can resize panes while each gutter keeps its width. The container owns what spans
panes: the project's links (reloaded only when a change touches links or claims), keyboard
link mode, mouse drops, and bringing activated claims into view.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from ...analysis.labels import relation_label
from ...core.errors import NotFoundError
from ...core.model import Change, Claim
from ..session import INCREMENTAL_LIMIT, ProjectSession
from .link_bands import LinkBands
from .link_index import LinkIndex
from .link_mode import LinkMode
from .pane import AnnotatorSource, DocumentPane
from .snapping import DEFAULT_MODE, snapper_for
from .sync_scroll import LinkedScrolling

MIN_PANES, MAX_PANES = 2, 4


class PaneContainer(QWidget):
    """Documents side by side; see the module docstring for what it coordinates."""

    message = Signal(str)  # status-bar text from any pane or from linking
    documentsChanged = Signal(list)  # [doc id | None] of the panes, left to right
    activePaneChanged = Signal(object)  # DocumentPane that last had the focus
    linked = Signal(object)  # Link made by keyboard or mouse

    def __init__(self, session: ProjectSession, parent: QWidget | None = None, *,
                 annotator: AnnotatorSource = None, panes: int = MIN_PANES) -> None:
        super().__init__(parent)
        self.session = session
        self._annotator: AnnotatorSource = annotator
        self._snap_mode = DEFAULT_MODE
        self._reading: tuple[str, int | None, int, float] = ("", None, 14, 1.0)
        self._panes: list[DocumentPane] = []
        self._bands: list[LinkBands] = []
        self._active: DocumentPane | None = None
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.link_mode = LinkMode(session, self.panes, self.annotator_name, self)
        self.link_mode.message.connect(self.message)
        self.link_mode.linked.connect(self.linked)
        self.linked_scrolling = LinkedScrolling(self.panes, lambda: self._links, self)
        session.changed.connect(self._on_changed)
        session.currentClaimChanged.connect(self._on_current_changed)
        session.claimsActivated.connect(self.show_claims)
        self._links = LinkIndex()
        self._partner_turn: tuple[str, int] = ("", -1)  # claim, which of its links P showed
        self._relation_colors: dict[str, str] = {}
        self._reload_links()
        for _ in range(max(MIN_PANES, min(MAX_PANES, panes))):
            self.add_pane()

    # ------------------------------------------------------------------ panes
    def panes(self) -> list[DocumentPane]:
        """The panes, left to right."""
        return list(self._panes)

    def band_widgets(self) -> list[LinkBands]:
        """The gutters, left to right: band_widgets()[i] sits between pane i and pane i + 1."""
        return list(self._bands)

    def active_pane(self) -> DocumentPane | None:
        """The pane the user worked in last (toolbar actions go to it)."""
        return self._active

    def documents(self) -> list[str | None]:
        return [p.document_id for p in self._panes]

    def add_pane(self, doc_id: str | None = None) -> DocumentPane | None:
        """Add a pane on the right (at most four); None when the maximum is reached."""
        if len(self._panes) >= MAX_PANES:
            self.message.emit(f"At most {MAX_PANES} documents can be compared side by side")
            return None
        pane = DocumentPane(self.session, annotator=self._annotator)
        pane.snap_mode = self._snap_mode
        pane.view.set_reading(*self._reading)
        pane.key_interceptors.append(self.link_mode.intercept)
        pane.message.connect(self.message)
        pane.linkRequested.connect(lambda claim_id, p=pane: self.link_mode.start(p, claim_id))
        pane.partnerRequested.connect(self.show_partner)
        self.linked_scrolling.attach(pane)
        pane.claimDropped.connect(self._on_drop)
        pane.closeRequested.connect(lambda p=pane: self.remove_pane(p))
        pane.documentChanged.connect(lambda _d: self.documentsChanged.emit(self.documents()))
        pane.activated.connect(lambda p=pane: self._set_active(p))
        if self._panes:
            self._add_bands(self._panes[-1], pane)
        self.splitter.addWidget(pane)
        self.splitter.setStretchFactor(self.splitter.indexOf(pane), 1)
        self._panes.append(pane)
        if doc_id is not None:
            pane.set_document(doc_id)
        self._equalise()
        self._arrange()
        self._active = self._active or pane
        self.documentsChanged.emit(self.documents())
        return pane

    def remove_pane(self, pane: DocumentPane) -> bool:
        """Remove a pane (never below two); the gutters are rebuilt around the gap."""
        if pane not in self._panes:
            return False
        if len(self._panes) <= MIN_PANES:
            self.message.emit("Two panes stay open; choose another document instead")
            return False
        if self.link_mode.active:
            self.link_mode.cancel()
        self._panes.remove(pane)
        for bands in self._bands:
            bands.setParent(None)
            bands.deleteLater()
        self._bands.clear()
        pane.setParent(None)
        pane.deleteLater()
        for left, right in zip(self._panes, self._panes[1:], strict=False):
            self._add_bands(left, right)
        if self._active is pane:
            self._active = self._panes[0]
        self._equalise()
        self._arrange()
        self.documentsChanged.emit(self.documents())
        return True

    def set_documents(self, doc_ids: list[str]) -> None:
        """Show these documents left to right, adding or removing panes (2 to 4)."""
        doc_ids = list(doc_ids)[:MAX_PANES]
        while len(self._panes) < max(MIN_PANES, len(doc_ids)):
            self.add_pane()
        while len(self._panes) > max(MIN_PANES, len(doc_ids)):
            self.remove_pane(self._panes[-1])
        for i, pane in enumerate(self._panes):
            pane.set_document(doc_ids[i] if i < len(doc_ids) else None)

    def pane_for_document(self, doc_id: str) -> DocumentPane | None:
        return next((p for p in self._panes if p.document_id == doc_id), None)

    def _add_bands(self, left: DocumentPane, right: DocumentPane) -> None:
        bands = LinkBands(left, right)
        bands.set_links(self._links, self._relation_colors)
        bands.set_current_claim(self.session.current_claim)
        bands.bandClicked.connect(lambda a, b: self.session.activate_claims([a, b]))
        self.splitter.insertWidget(self.splitter.indexOf(right), bands)
        self.splitter.setStretchFactor(self.splitter.indexOf(bands), 0)
        self._bands.append(bands)

    def _arrange(self) -> None:
        """Number the panes and tell each gutter which panes lie beyond its two, whose links
        it marks at its edges."""
        numbered = list(enumerate(self._panes))
        for i, pane in numbered:
            pane.set_position(i)
        for i, bands in enumerate(self._bands):
            bands.set_far_panes(numbered[:i], numbered[i + 2:])

    def _equalise(self) -> None:
        """Give the panes equal widths and the gutters their fixed width."""
        total = max(self.splitter.width(), 400)
        gutter = sum(b.maximumWidth() for b in self._bands)
        each = max(100, (total - gutter) // max(1, len(self._panes)))
        sizes = []
        for i in range(self.splitter.count()):
            widget = self.splitter.widget(i)
            sizes.append(widget.maximumWidth() if isinstance(widget, LinkBands) else each)
        self.splitter.setSizes(sizes)

    def _set_active(self, pane: DocumentPane) -> None:
        if pane is not self._active:
            self._active = pane
            self.activePaneChanged.emit(pane)

    # ------------------------------------------------------------------ actions for a toolbar
    def create_claim_from_selection(self) -> Claim | None:
        """Make a claim of the selection in the active pane (the toolbar's action)."""
        return self._active.create_claim_from_selection() if self._active else None

    def set_reading(self, family: str, points: int | None, margin: int,
                    spacing: float = 1.0) -> None:
        """The reading font, size, margin and line spacing of every pane, now and for panes
        added later."""
        self._reading = (family, points, margin, spacing)
        for pane in self._panes:
            pane.view.set_reading(family, points, margin, spacing)

    @property
    def scroll_together(self) -> bool:
        """Whether scrolling one pane aligns its neighbours on their links."""
        return self.linked_scrolling.enabled

    @scroll_together.setter
    def scroll_together(self, on: bool) -> None:
        self.linked_scrolling.enabled = bool(on)
        if on and self._active is not None:
            self.linked_scrolling.follow(self._active)

    @property
    def snap_mode(self) -> str:
        return self._snap_mode

    @snap_mode.setter
    def snap_mode(self, mode: str) -> None:
        snapper_for(mode)  # validates
        self._snap_mode = mode
        for pane in self._panes:
            pane.snap_mode = mode

    def set_annotator(self, annotator: AnnotatorSource) -> None:
        """A name, or a function returning it (the settings' annotator), for new claims."""
        self._annotator = annotator
        for pane in self._panes:
            pane.annotator = annotator

    def annotator_name(self) -> str:
        """The annotator new claims and links get (the active pane's)."""
        pane = self._active or (self._panes[0] if self._panes else None)
        return pane.annotator_name() if pane else ""

    # ------------------------------------------------------------------ session events
    def show_claims(self, claim_ids: list[str]) -> None:
        """Scroll each claim's pane to it; a claim whose document is not shown is loaded into
        the last pane not already used by an earlier claim of the list."""
        used: set[int] = set()
        for n, claim_id in enumerate(claim_ids):
            try:
                claim = self.session.project.claim(claim_id)
            except NotFoundError:
                continue
            pane = self.pane_for_document(claim.document_id)
            if pane is None:
                free = [p for i, p in enumerate(self._panes) if i not in used]
                pane = (free or self._panes)[-1]
                pane.set_document(claim.document_id)
            used.add(self._panes.index(pane))
            if n == 0:
                pane.select_claim(claim.id)
            else:
                pane.view.scroll_to_span(claim.start, claim.end)

    def show_partner(self, claim_id: str) -> str | None:
        """Scroll to the claim linked to *claim_id* (P); pressed again, to its next link.
        The current claim stays; the partner's document is loaded if no pane shows it."""
        links = self._links.of_claim(claim_id)
        if not links:
            self.message.emit("This claim has no links yet (L links it)")
            return None
        last_claim, last_turn = self._partner_turn
        turn = (last_turn + 1) % len(links) if last_claim == claim_id else 0
        self._partner_turn = (claim_id, turn)
        link = links[turn]
        partner = link.target if link.source == claim_id else link.source
        self.session.activate_claims([claim_id, partner])
        pane = self.pane_for_claim(partner)
        where = pane.chooser.currentText() if pane is not None else "another document"
        more = f" ({turn + 1} of {len(links)}; P: next)" if len(links) > 1 else ""
        self.message.emit(f"Linked claim in {where}: {relation_label(link.relation)}{more}")
        return partner

    def _on_changed(self, change: Change) -> None:
        # A claim added or moved needs no new link list: the bands follow the panes' claim
        # indexes; a deleted claim's links are deleted (and so touched) with it.
        if change.touches("relation_types") or len(change.ids.get("links", ())) > INCREMENTAL_LIMIT:
            self._reload_links()
        elif change.touches("links"):
            self._update_links(change.ids["links"])

    def _update_links(self, ids: set[str]) -> None:
        """Fetch only the links this change touched (the rest of the index stays)."""
        self._links.update(ids, self.session.project.links(ids=ids))
        for bands in self._bands:
            bands.update()

    def _reload_links(self) -> None:
        project = self.session.project
        self._links.reset(project.links())
        self._relation_colors = {r.id: r.color for r in project.relation_types()}
        for bands in self._bands:
            bands.set_links(self._links, self._relation_colors)

    def _on_current_changed(self, claim_id: object) -> None:
        for bands in self._bands:
            bands.set_current_claim(claim_id if isinstance(claim_id, str) else None)

    def _on_drop(self, source: str, target: str, global_pos: QPoint) -> None:
        if source == target:
            return
        pane = self.pane_for_claim(target)
        self.link_mode.choose_and_link(source, target, pane or self, global_pos)

    def pane_for_claim(self, claim_id: str) -> DocumentPane | None:
        return next((p for p in self._panes if p.contains_claim(claim_id)), None)

    def set_relation_chooser(self, chooser: Callable[..., str | None]) -> None:
        """Replace the relation popup (tests, or a main window with its own dialog)."""
        self.link_mode.chooser = chooser
