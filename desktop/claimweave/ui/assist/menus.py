"""The Assist menu, its actions and the Suggestions dock in the main window.

:class:`AssistMenus` only builds and places them and enables the actions; what they do is
the controller's (it passes the slots in).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMenu

from ..actions import make_action
from .window import AssistWindow


class AssistMenus:
    """Actions, the menu "Assist" (before Help) and the dock "Suggestions" (listed in View
    beside the other panels, placed under the codebook the first time it is shown)."""

    def __init__(self, window: AssistWindow, *, show_candidates: Callable[[bool], Any],
                 show_entities: Callable[[bool], Any], walk: Callable[[int], Any],
                 tag_by_entity: Callable[[], Any], analyse: Callable[[], Any]) -> None:
        self.window = window
        self._placed = False
        parent = window.window()
        self.candidates_action = make_action(
            parent, "Show Claim &Candidates", show_candidates, "Ctrl+Shift+C",
            "Mark faintly the sentences likely to state a claim", checkable=True)
        self.entities_action = make_action(
            parent, "Show &Entities", show_entities, "Ctrl+Shift+E",
            "Underline people, places, organisations, dates … found by spaCy", checkable=True)
        self.next_action = make_action(parent, "&Next Claim Candidate", lambda: walk(1), "N",
                                       "Select the next claim candidate in the pane")
        self.previous_action = make_action(parent, "&Previous Claim Candidate",
                                           lambda: walk(-1), "Shift+N")
        for action in (self.next_action, self.previous_action):
            # The pane handles the key itself; here the key is only shown next to the entry.
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.tag_action = make_action(parent, "&Tag Claims by Entity Label…", tag_by_entity,
                                      tip="Add tags such as person or organisation to "
                                          "claims that name one (one undo step)")
        self.analyse_action = make_action(parent, "&Analyse Documents", analyse,
                                          tip="Run spaCy over the documents not analysed yet")
        self.menu = self._build_menu()
        self.dock = self._build_dock()

    def _build_menu(self) -> QMenu:
        bar = self.window.menuBar()
        menu = QMenu("&Assist", self.window.window())
        menu.addActions([self.candidates_action, self.next_action, self.previous_action])
        menu.addSeparator()
        menu.addAction(self.entities_action)
        menu.addAction(self.tag_action)
        menu.addSeparator()
        menu.addAction(self.analyse_action)
        before = next((a for a in bar.actions() if a.text().replace("&", "") == "Help"), None)
        if before is not None:
            bar.insertMenu(before, menu)
        else:
            bar.addMenu(menu)
        return menu

    def _build_dock(self) -> QDockWidget:
        dock = QDockWidget("Suggestions", self.window.window())
        dock.setObjectName("dock_suggestions")
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        self.window.docks["suggestions"] = dock  # the window hides and empties it with the rest
        toggle = dock.toggleViewAction()
        toggle.setText("&Suggestions")
        toggle.setShortcut(QKeySequence("Ctrl+Shift+G"))
        self.menu.addSeparator()
        self.menu.addAction(toggle)
        self._list_in_view_menu(toggle, dock)
        dock.hide()
        return dock

    def _list_in_view_menu(self, toggle: QAction, dock: QDockWidget) -> None:
        """Beside the other panels' entries in View, after the last of them."""
        bar = self.window.menuBar()
        view = next((a.menu() for a in bar.actions() if a.text().replace("&", "") == "View"),
                    None)
        if not isinstance(view, QMenu):
            return
        panels = [d.toggleViewAction() for d in self.window.docks.values() if d is not dock]
        entries = view.actions()
        last = max((entries.index(a) for a in panels if a in entries), default=-1)
        if last < 0:
            view.addAction(toggle)
        elif last + 1 < len(entries):
            view.insertAction(entries[last + 1], toggle)
        else:
            view.addAction(toggle)

    def place_dock(self) -> None:
        """Under the codebook, sharing the right-hand column, unless the user moved it."""
        codebook = self.window.docks.get("codebook")
        if self._placed or codebook is None:
            self.dock.show()
            return
        self._placed = True
        # Added to the right area again, it goes under the codebook's tab group (splitting
        # a tabbed dock would only add one more tab).
        self.window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock,
                                  Qt.Orientation.Vertical)
        self.dock.show()
        self.window.resizeDocks([codebook, self.dock], [2, 3], Qt.Orientation.Vertical)

    def update(self, *, open_: bool, can_tag: bool) -> None:
        """Enable the actions: all need a project; tagging a writable, analysed one with
        entities."""
        for action in (self.candidates_action, self.entities_action, self.next_action,
                       self.previous_action, self.analyse_action):
            action.setEnabled(open_)
        self.tag_action.setEnabled(can_tag)
