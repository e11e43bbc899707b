"""What the assistance needs from the main window, and nothing more."""

from __future__ import annotations

from typing import Protocol, overload

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMenuBar, QStatusBar, QWidget

from ..central import ComparisonFrame
from ..panels.base import Panel


class AssistWindow(Protocol):
    """The main window as the assistance sees it: its menu and status bars, its docks and
    panels (the assistance adds the Suggestions dock and panel to both), the comparison
    area, and where messages and revealed spans go. ``window()`` is Qt's own
    ``QWidget.window()``: the widget that parents the actions, the dock and the dialogs."""

    docks: dict[str, QDockWidget]
    panels: dict[str, Panel]
    comparison: ComparisonFrame | None

    def window(self) -> QWidget: ...

    def menuBar(self) -> QMenuBar: ...

    def statusBar(self) -> QStatusBar: ...

    @overload
    def addDockWidget(self, area: Qt.DockWidgetArea, dock: QDockWidget, /) -> None: ...

    @overload
    def addDockWidget(self, area: Qt.DockWidgetArea, dock: QDockWidget,
                      orientation: Qt.Orientation, /) -> None: ...

    def resizeDocks(self, docks: list[QDockWidget], sizes: list[int],
                    orientation: Qt.Orientation) -> None: ...

    def show_message(self, text: str) -> None: ...

    def reveal(self, doc_id: str, start: int, end: int) -> None: ...
