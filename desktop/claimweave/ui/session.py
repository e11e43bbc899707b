"""The bridge between the Qt-free store and the widgets.

One :class:`ProjectSession` per open project: it owns the :class:`Project`, re-emits the
store's change announcements as a Qt signal, and holds the app-wide selection (the current
claim, the claims picked for linking), so every panel stays in step without knowing the others.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ..core.model import Change
from ..core.store import Project

INCREMENTAL_LIMIT = 300
"""A change touching more rows than this (an import, a merge) makes views reload all they
show instead of patching row by row: one reload is then cheaper than many small updates."""


class ProjectSession(QObject):
    changed = Signal(object)  # Change, after every commit, undo and redo
    currentClaimChanged = Signal(object)  # str | None: the claim id the user is on
    claimsActivated = Signal(list)  # [claim ids]: show these (scroll panes, select rows)

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self._current_claim: str | None = None
        self._unsubscribe = project.subscribe(self._on_change)

    @property
    def read_only(self) -> bool:
        return self.project.read_only

    def _on_change(self, change: Change) -> None:
        if (self._current_claim and change.touches("claims")
                and not self.project.has_claim(self._current_claim)):
            self.set_current_claim(None)
        self.changed.emit(change)

    @property
    def current_claim(self) -> str | None:
        return self._current_claim

    def set_current_claim(self, claim_id: str | None) -> None:
        if claim_id != self._current_claim:
            self._current_claim = claim_id
            self.currentClaimChanged.emit(claim_id)

    def activate_claims(self, claim_ids: list[str]) -> None:
        """Ask every view to bring these claims into sight (a table row, a band click)."""
        if claim_ids:
            self.set_current_claim(claim_ids[0])
        self.claimsActivated.emit(list(claim_ids))

    def close(self) -> None:
        self._unsubscribe()
        self.project.close()
