"""Entities in the window: the claims table's entity filter, and tags by entity label."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QInputDialog

from ...core.errors import ClaimWeaveError
from ...core.wording import counted
from ...nlp.assist import AssistData
from ..panels import ClaimsPanel
from ..refusals import report
from ..session import ProjectSession
from .window import AssistWindow


class EntityTools(QObject):
    """Fills the claims table's entity filter as analyses arrive and tags claims by their
    entities' labels. *context* gives the open project's session and analyses (or None)."""

    def __init__(self, window: AssistWindow,
                 context: Callable[[], tuple[ProjectSession, AssistData] | None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self._context = context
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.timeout.connect(self._refresh_filter)

    def _claims_panel(self) -> ClaimsPanel | None:
        panel = self.window.panels.get("claims")
        return panel if isinstance(panel, ClaimsPanel) else None

    # ------------------------------------------------------------------ filter
    def analyses_changed(self) -> None:
        """Refresh the entity filter, once for a burst of documents."""
        self._filter_timer.start(0)

    def stop(self) -> None:
        self._filter_timer.stop()

    def _refresh_filter(self) -> None:
        claims, context = self._claims_panel(), self._context()
        if claims is None or context is None:
            return
        data = context[1]
        if claims.entities is not data:
            claims.set_entity_source(data)
        else:
            claims.refresh_entities()

    # ------------------------------------------------------------------ tags
    def choose_tagging(self) -> None:
        """Ask which claims (the current one, those shown, all), then tag them."""
        context = self._context()
        if context is None:
            return
        session = context[0]
        claims_panel = self._claims_panel()
        shown = claims_panel.visible_claims() if claims_panel is not None else []
        every = [c.id for c in session.project.claims()]
        choices: list[tuple[str, list[str]]] = []
        if session.current_claim:
            choices.append(("The current claim", [session.current_claim]))
        if shown and len(shown) != len(every):
            choices.append((f"The {counted(len(shown), 'claim')} shown in the Claims table",
                            shown))
        choices.append((f"All {counted(len(every), 'claim')}", every))
        label, ok = QInputDialog.getItem(
            self.window.window(), "Tag claims by entity label",
            "Give claims tags named after the kinds of names they mention (person, "
            "organisation, country or city …). Which claims?", [c[0] for c in choices], 0,
            False)
        if ok:
            self.tag(dict(choices)[label])

    def tag(self, claim_ids: list[str]) -> int:
        """Tag the claims by their entities' labels in one undo step; tags added."""
        from ...nlp.entities import tag_by_entity_labels

        context = self._context()
        if context is None:
            return 0
        session, data = context
        try:
            done = tag_by_entity_labels(session.project, data.analyses, claim_ids)
        except ClaimWeaveError as exc:
            report(exc, self.window.show_message)
            return 0
        if done.tags_added:
            new = f"; new tags: {', '.join(done.tags_created)}" if done.tags_created else ""
            self.window.show_message(f"Tagged {done.claims_tagged} claims by entity label "
                                     f"({done.tags_added} tags{new}); Ctrl+Z undoes it")
        else:
            self.window.show_message("No claim got a new tag: none of them names a person, "
                                     "place or organisation the analysis found, or they "
                                     "have those tags already")
        return done.tags_added
