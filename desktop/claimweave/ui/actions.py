"""One way to make a menu action, shared by the main window and the Assist menu."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence


def make_action(parent: QObject, text: str, slot: Callable[..., Any],
                shortcut: QKeySequence | str | QKeySequence.StandardKey | None = None,
                tip: str = "", *, checkable: bool = False) -> QAction:
    """An action that calls *slot* with no argument when triggered, or, when *checkable*,
    with its new checked state when toggled. *tip* is the status-bar tip and the tooltip."""
    action = QAction(text, parent)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    action.setCheckable(checkable)
    if checkable:
        action.toggled.connect(slot)
    else:
        action.triggered.connect(lambda _checked=False: slot())
    return action
