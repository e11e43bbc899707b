"""The claim verbs in the Edit menu: Make claim (Enter), Move, Delete (Delete), Link (L)
and the codebook's tags 1-9, so a new user finds them without F1 or a right click.

They are the working pane's own actions, put in the menu while it is open and taken out
again when it closes: left in the menu bar, their shortcuts (Return, Delete, L) would
fire in every box of the window, where those keys type and delete.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from ..panes import DocumentPane

TAG_KEYS = 9


class ClaimMenu:
    """Fills *menu* with the claim verbs of the pane *pane()* names, before *anchor*."""

    def __init__(self, menu: QMenu, pane: Callable[[], DocumentPane | None]) -> None:
        self.menu = menu
        self.pane = pane
        self.tags = QMenu("&Tag Claim", menu)
        self.anchor = menu.addSeparator()
        self.shown: list[QAction] = []
        menu.aboutToShow.connect(self.fill)
        menu.aboutToHide.connect(lambda: QTimer.singleShot(0, self.take_back))

    def fill(self) -> None:
        self.take_back()
        pane = self.pane()
        if pane is None or pane.document_id is None:
            return
        self.shown = pane.claim_actions()
        self.tags.clear()
        chosen = pane.can_edit_claim()
        for number, tag in enumerate(pane.session.project.tags()[:TAG_KEYS], 1):
            # The key after a tab is shown, not bound: the pane reads the digits itself.
            action = self.tags.addAction(f"{number} {tag.name}\t{number}",
                                         partial(pane.toggle_tag_number, number))
            action.setEnabled(chosen)
        self.tags.setEnabled(chosen and not self.tags.isEmpty())
        self.menu.insertActions(self.anchor, [*self.shown, self.tags.menuAction()])

    def take_back(self) -> None:
        """Out of the menu bar again (a pane's action may be triggered after this)."""
        for action in [*self.shown, self.tags.menuAction()]:
            self.menu.removeAction(action)
        self.shown = []
