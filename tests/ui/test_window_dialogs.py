"""Every window and dialog, opened the way the user opens them (menu actions, the panel's
button), walked control by control: each has a name a screen reader can say, and each
dialog closes on Esc, answers Enter and has its platform's standard buttons in a
QDialogButtonBox."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QToolBar,
    QWidget,
)

from claimweave.ui.accessibility import accessible_name, describe, unnamed_controls

Std = QDialogButtonBox.StandardButton
Opener = Callable[[QWidget], object]


def _modal(action: str) -> Opener:
    return lambda window: getattr(window, action).trigger()


def _classroom_make(window: QWidget) -> object:
    return window.classroom.make_action.trigger()  # type: ignore[attr-defined]


def _claimants(window: QWidget) -> object:
    window.docks["source"].raise_()  # type: ignore[attr-defined]
    button = window.panels["source"].claimants_button  # type: ignore[attr-defined]
    button.click()
    return None


def _crash(window: QWidget) -> object:
    from claimweave.ui.crash_dialog import CrashDialog

    dialog = CrashDialog("Traceback (most recent call last):\nValueError: example",
                         None, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


# name -> (how the user opens it, the standard buttons it must offer, whether an
# accept-role button (OK, or a verb such as Export) answers Enter, whether it is modal)
DIALOGS: dict[str, tuple[Opener, set[Std], bool, bool]] = {
    "preferences": (_modal("preferences_action"), {Std.Ok, Std.Cancel}, True, True),
    "export": (_modal("export_action"), {Std.Cancel}, True, True),
    "relation type": (_modal("relation_action"), {Std.Cancel}, True, True),
    "make assignment": (_classroom_make, {Std.Cancel}, True, True),
    "keyboard shortcuts": (_modal("shortcuts_action"), {Std.Close}, False, False),
    "comparison": (_modal("comparison_action"), {Std.Close}, False, False),
    "claimants": (_claimants, {Std.Close}, False, False),
    "crash report": (_crash, {Std.Close}, False, False),
}


def open_dialog(window: QWidget, name: str, qtbot, inspect: Callable[[QDialog], None]
                ) -> None:  # type: ignore[no-untyped-def]
    """Open dialog *name* as the user does, run *inspect* on it while it is up, close it."""
    opener, _buttons, _enter, modal = DIALOGS[name]
    seen: list[QDialog] = []

    def found() -> QDialog | None:
        active = QApplication.activeModalWidget()
        if isinstance(active, QDialog):
            return active
        shown = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, QDialog) and w.isVisible() and w is not window]
        return shown[-1] if shown else None

    def run() -> None:
        dialog = found()
        assert dialog is not None, f"{name}: no dialog appeared"
        seen.append(dialog)
        try:
            inspect(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()

    if modal:
        QTimer.singleShot(0, run)
        opener(window)
    else:
        opener(window)
        qtbot.waitUntil(lambda: found() is not None)
        run()
    assert seen, f"{name}: the dialog was not inspected"


def test_welcome_screen_controls_are_named(new_window) -> None:
    window = new_window()  # no project yet: the first screen
    window.show()
    missing = [describe(w) for w in unnamed_controls(window)]
    assert not missing, "\n".join(missing)


def test_main_window_controls_are_named(window) -> None:
    window.find_in_document()  # the find bar and the search panel too
    window.find_in_project()
    missing = [describe(w) for w in unnamed_controls(window)]
    assert not missing, "\n".join(missing)
    for bar in window.findChildren(QToolBar):
        for action in bar.actions():
            if not action.isSeparator():
                button = bar.widgetForAction(action)
                assert button is not None and accessible_name(button), action.text()


@pytest.mark.parametrize("name", list(DIALOGS))
def test_dialog_controls_are_named(window, qtbot, name: str) -> None:
    missing: list[str] = []
    open_dialog(window, name, qtbot,
                lambda d: missing.extend(describe(w) for w in unnamed_controls(d)))
    assert not missing, f"{name}:\n" + "\n".join(missing)


@pytest.mark.parametrize("name", list(DIALOGS))
def test_dialog_has_standard_buttons_and_keys(window, qtbot, name: str) -> None:
    wanted, enter = DIALOGS[name][1:3]

    def inspect(dialog: QDialog) -> None:
        boxes = dialog.findChildren(QDialogButtonBox)
        assert boxes, f"{name}: no QDialogButtonBox"
        buttons = [b for box in boxes for b in box.buttons()]
        offered = {box.standardButton(b) for box in boxes for b in box.buttons()}
        assert wanted <= offered, (name, offered)
        accept = [b for box in boxes for b in box.buttons()
                  if box.buttonRole(b) == QDialogButtonBox.ButtonRole.AcceptRole]
        if enter:  # Enter presses the accept button, wherever the focus is
            assert len(accept) == 1 and accept[0].isDefault(), name
        defaults = [b.text() for b in dialog.findChildren(QPushButton)
                    if b.isVisible() and b.isDefault() and b not in buttons]
        assert not defaults, f"{name}: Enter presses {defaults}, outside the button box"
        dialog.activateWindow()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc closes, as on every platform
        assert not dialog.isVisible(), f"{name}: Esc left it open"

    open_dialog(window, name, qtbot, inspect)
