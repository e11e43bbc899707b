"""The window's actions and menus, and which of them a project (and a writable one) enables.

Every action is made by :func:`~claimweave.ui.actions.make_action` and calls a verb of
files.py or commands.py.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence

from ... import APP_NAME
from ..actions import make_action
from ..dialogs.help import show_about, show_shortcuts
from .claim_menu import ClaimMenu
from .commands import WindowCommands
from .files import ProjectFiles


class WindowMenus(ProjectFiles, WindowCommands):
    """Menus of :class:`~claimweave.ui.main_window.MainWindow` over its verbs."""

    def _action(self, text: str, slot: Callable[[], object], shortcut: QKeySequence | str |
                QKeySequence.StandardKey | None = None, tip: str = "") -> QAction:
        return make_action(self, text, slot, shortcut, tip)

    def _build_actions(self) -> None:
        key = QKeySequence.StandardKey
        self.new_action = self._action("&New Project…", self.new_project, key.New)
        self.open_action = self._action("&Open Project…", self.choose_project, key.Open)
        self.import_action = self._action("&Import Articles…", self.choose_imports, "Ctrl+I",
                                          "Add .txt, .md, .html, .pdf or .docx articles")
        self.export_action = self._action("&Export…", self.choose_export, "Ctrl+E",
                                          "Write the annotations as a dataset")
        self.quit_action = self._action("&Quit", self.close, key.Quit)
        self.undo_action = self._action("&Undo", self.undo, "Ctrl+Z")
        self.redo_action = self._action("&Redo", self.redo, "Ctrl+Shift+Z")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.find_action = self._action("&Find in Document", self.find_in_document, "Ctrl+F")
        self.find_project_action = self._action("Find in &Project", self.find_in_project,
                                                "Ctrl+Shift+F")
        self.relation_action = self._action("New &Relation Type…", self.new_relation_type,
                                            tip="A relation of your own for links")
        self.preferences_action = self._action("Pr&eferences…", self.edit_preferences,
                                               key.Preferences)
        self.add_pane_action = self._action("&Add Pane", self.add_pane, "Ctrl+Shift+N")
        self.remove_pane_action = self._action("&Remove Pane", self.remove_pane, "Ctrl+Shift+W")
        self.scroll_together_action = make_action(
            self, "Scroll Linked Panes &Together", self.set_scroll_together, "Ctrl+Shift+L",
            "Scrolling one pane lines its linked claims up in the panes beside it",
            checkable=True)
        self.bigger_action = self._action("&Larger Text", lambda: self.change_font_size(+1),
                                          key.ZoomIn)
        self.smaller_action = self._action("&Smaller Text", lambda: self.change_font_size(-1),
                                           key.ZoomOut)
        self.backup_action = self._action("&Back Up Now", self.backup_now,
                                          tip="Copy the project into its backups folder")
        self.comparison_action = self._action(
            "&Comparison Views…", self.open_comparison, "Ctrl+Shift+M",
            "Matrix, source heatmap, claim network and frequency charts")
        self.shortcuts_action = self._action("&Keyboard Shortcuts", lambda: show_shortcuts(self),
                                             "F1")
        self.about_action = self._action(f"&About {APP_NAME}", lambda: show_about(self))
        self.project_actions = [self.import_action, self.export_action, self.find_action,
                                self.find_project_action, self.add_pane_action,
                                self.remove_pane_action, self.scroll_together_action,
                                self.comparison_action]

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.new_action, self.open_action,
                              self.classroom.open_assignment_action])
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        file_menu.addActions([self.import_action, self.export_action])
        file_menu.addActions(self.datasets.actions)
        file_menu.addSeparator()
        file_menu.addAction(self.backup_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit = bar.addMenu("&Edit")
        edit.addActions([self.undo_action, self.redo_action])
        edit.addSeparator()
        self.claim_menu = ClaimMenu(edit, lambda: self.comparison.working_pane()
                                    if self.comparison else None)
        edit.addActions([self.find_action, self.find_project_action])
        edit.addSeparator()
        edit.addAction(self.relation_action)
        edit.addSeparator()
        edit.addAction(self.preferences_action)

        view = bar.addMenu("&View")
        view.addActions([self.add_pane_action, self.remove_pane_action,
                         self.scroll_together_action])
        view.addSeparator()
        view.addAction(self.comparison_action)
        view.addSeparator()
        for d in self.docks.values():
            view.addAction(d.toggleViewAction())
        view.addSeparator()
        view.addActions([self.bigger_action, self.smaller_action])

        bar.addMenu(self.classroom.menu)
        help_menu = bar.addMenu("&Help")
        help_menu.addActions([self.shortcuts_action, self.about_action])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_projects
        for path in recent:
            action = self.recent_menu.addAction(f"{path.name}   ({path.parent})")
            action.setEnabled(path.is_file())
            action.triggered.connect(lambda _c=False, p=path: self.open_project(p))
        if not recent:
            self.recent_menu.addAction("(none)").setEnabled(False)

    def _update_actions(self) -> None:
        project = self.session.project if self.session else None
        writable = project is not None and not project.read_only
        for action in self.project_actions:
            action.setEnabled(project is not None)
        self.import_action.setEnabled(writable)
        self.backup_action.setEnabled(writable)
        self.relation_action.setEnabled(writable)
        self.undo_action.setEnabled(writable and project.can_undo)  # type: ignore[union-attr]
        self.redo_action.setEnabled(writable and project.can_redo)  # type: ignore[union-attr]
        undo = project.undo_label if project else None
        redo = project.redo_label if project else None
        self.undo_action.setText(f"&Undo {undo}" if undo else "&Undo")
        self.redo_action.setText(f"&Redo {redo}" if redo else "&Redo")
