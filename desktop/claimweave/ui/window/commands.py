"""The window's Edit and View verbs: undo and redo, find, relation types, preferences and
text size, panes, and the comparison views."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ...core.errors import ClaimWeaveError
from ...nlp.cache import cached_entities
from ..dialogs.preferences import PreferencesDialog
from ..dialogs.relation import RelationDialog
from ..refusals import report
from ..theme import apply_font_size, apply_theme
from .base import WindowBase


class WindowCommands(WindowBase):
    """Edit and View verbs of :class:`~claimweave.ui.main_window.MainWindow`."""

    # ================================================================== edit
    def undo(self) -> None:
        self._replay("undo")

    def redo(self) -> None:
        self._replay("redo")

    def _replay(self, which: str) -> None:
        if self.session is None:
            return
        project = self.session.project
        try:
            label = project.undo() if which == "undo" else project.redo()
        except ClaimWeaveError as exc:
            report(exc, self.show_message)
            return
        self.show_message(f"{which.capitalize()}: {label}")

    def find_in_document(self) -> None:
        if self.comparison is not None:
            self.comparison.open_find()

    def find_in_project(self) -> None:
        if self.session is None:
            return
        dock = self.docks["search"]
        dock.show()
        dock.raise_()
        self.resizeDocks([dock], [max(240, self.height() * 2 // 5)], Qt.Orientation.Vertical)
        self.panels["search"].focus()  # type: ignore[attr-defined]

    def new_relation_type(self) -> None:
        if self.session is None:
            return
        dialog = RelationDialog(self)
        if not dialog.exec():
            return
        try:
            relation = self.session.project.add_relation_type(**dialog.values())  # type: ignore[arg-type]
        except ClaimWeaveError as exc:
            self.inform("Cannot add the relation type", str(exc), warning=True)
            return
        self.show_message(f"Relation “{relation.name}” added: in link mode press O to use it")

    # ================================================================== appearance
    def edit_preferences(self) -> None:
        dialog = PreferencesDialog(self.settings, self)
        if dialog.exec():
            dialog.save()
            self.apply_preferences()

    def apply_preferences(self) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, self.settings.theme)
            apply_font_size(app, self.settings.font_size)
        self._apply_reading()

    def _apply_reading(self) -> None:
        if self.comparison is not None:
            s = self.settings
            self.comparison.container.set_reading(s.reading_font, s.reading_size,
                                                  s.reading_margin, s.reading_spacing)

    def change_font_size(self, step: int) -> None:
        self.settings.font_size = (self.settings.font_size or self.font().pointSize()) + step
        if self.settings.reading_size is not None:  # the articles grow with the rest
            self.settings.reading_size = self.settings.reading_size + step
        self.apply_preferences()
        self.show_message(f"Text size {self.settings.font_size} pt")

    # ================================================================== panes
    def add_pane(self) -> None:
        if self.comparison is not None:
            self.comparison.add_pane()  # the container explains in the status bar if it cannot

    def remove_pane(self) -> None:
        if self.comparison is not None:
            self.comparison.remove_pane()

    def set_scroll_together(self, on: bool) -> None:
        if self.comparison is not None:
            self.comparison.container.scroll_together = on

    def show_document(self, doc_id: str) -> None:
        if self.comparison is not None:
            self.comparison.show_document(doc_id)

    def reveal(self, doc_id: str, start: int, end: int) -> None:
        if self.comparison is not None:
            self.comparison.reveal(doc_id, start, end)

    def open_comparison(self) -> None:
        if self.session is not None:
            from ..charts import open_comparison  # pyqtgraph and networkx: 0.4 s, on demand

            entities = cached_entities(self.session.project)  # from analyses made so far
            open_comparison(self.session, self, entities=entities or None)
