"""Run the real program (``claimweave gui PROJECT``, the full command line) and drive it
from inside its own event loop: trigger each named menu action, cancel whatever dialog or
window it opens, then quit through File > Quit. Prints one ``opened: ACTION -> CLASS``
line per dialog it cancelled, so a test can tell that the dialog really appeared.

Usage: python dialog_driver.py PROJECT "Menu > Action" "Button: Text" ...
(a button of one of the window's panels; its dock is shown first).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDockWidget,
    QMainWindow,
    QMenu,
    QMessageBox,
    QWidget,
)

from claimweave import app as composition
from claimweave.cli import main

POLL_MS = 50


def plain(text: str) -> str:
    return text.replace("&", "").replace("…", "").strip()


def find_action(window: QMainWindow, path: str) -> QAction:
    names = [plain(p) for p in path.split(">")]
    menu: QMenu | None = None
    actions = window.menuBar().actions()
    for depth, name in enumerate(names):
        found = next((a for a in actions if plain(a.text()) == name), None)
        if found is None:
            raise SystemExit(f"driver: no menu entry {path!r}")
        if depth == len(names) - 1:
            return found
        menu = found.menu()
        actions = menu.actions() if menu else []
    raise SystemExit(f"driver: no menu entry {path!r}")


BUTTON = "Button: "


def find_button(window: QMainWindow, path: str) -> QAbstractButton:
    """A button of the window's panels, by its text ('Button: Claimants'); the dock
    holding it is shown first, as a user would open it."""
    name = plain(path.removeprefix(BUTTON))
    for button in window.findChildren(QAbstractButton):
        if plain(button.text()) == name:
            parent = button.parentWidget()
            while parent is not None and not isinstance(parent, QDockWidget):
                parent = parent.parentWidget()
            if parent is not None:
                parent.show()
                parent.raise_()
                QApplication.processEvents()
            return button
    raise SystemExit(f"driver: no button {name!r}")


class Driver:
    def __init__(self, app: QApplication, paths: list[str]) -> None:
        self.app, self.paths = app, paths
        self.current = ""
        self.poll = QTimer()
        self.poll.setInterval(POLL_MS)
        self.poll.timeout.connect(self.cancel_open_dialogs)

    def window(self) -> QMainWindow:
        return next(w for w in self.app.topLevelWidgets() if type(w).__name__ == "MainWindow")

    def cancel_open_dialogs(self) -> None:
        """Reject the modal dialog on top (file choosers and message boxes too)."""
        modal = self.app.activeModalWidget()
        if modal is not None:
            print(f"opened: {self.current} -> {type(modal).__name__}", flush=True)
            if isinstance(modal, QDialog):
                modal.reject()
            else:
                modal.close()

    def close_other_windows(self, before: set[int]) -> None:
        """Windows an action opened without a modal loop (comparison views): close them."""
        for w in self.app.topLevelWidgets():
            if id(w) not in before and w.isVisible() and not isinstance(w, QMenu):
                print(f"opened: {self.current} -> {type(w).__name__}", flush=True)
                w.close()

    def run(self) -> None:
        modal = self.app.activeModalWidget()
        if modal is not None:  # a notice while opening (read-only, instructions): close it,
            print(f"notice: {type(modal).__name__}: {_text(modal)}", flush=True)
            modal.close()  # then start once the project is shown
            QTimer.singleShot(300, self.run)
            return
        window = self.window()
        self.poll.start()
        for path in self.paths:
            self.current = path
            trigger = find_button(window, path) if path.startswith(BUTTON) else find_action(
                window, path)
            if not trigger.isEnabled():
                print(f"disabled: {path}", flush=True)
                continue
            before: set[int] = {id(w) for w in self.app.topLevelWidgets() if w.isVisible()}
            # A modal dialog runs its own loop inside the click; the poll cancels it.
            trigger.click() if isinstance(trigger, QAbstractButton) else trigger.trigger()
            self.app.processEvents()
            self.close_other_windows(before)
            self.app.processEvents()
        self.poll.stop()
        self.current = "File > Quit"
        find_action(window, "File > Quit").trigger()


def _text(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QMessageBox) else widget.windowTitle()
    return " ".join(text.split())


if __name__ == "__main__":
    project, *paths = sys.argv[1:]
    application = composition.application()
    driver = Driver(application, paths)
    QTimer.singleShot(300, driver.run)
    sys.exit(main(["gui", project]))
