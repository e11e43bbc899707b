"""Find in document (Ctrl+F): a bar under the panes that searches the focused document.

It searches the stored text (code points) and selects matches through the view's own
offset map, so a match after an emoji is selected exactly; Qt positions are never used.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget


class Searchable(Protocol):
    """What a document view offers the find bar (the panes' ClaimTextView does)."""

    @property
    def text(self) -> str: ...

    def selection_span(self) -> tuple[int, int] | None: ...

    def select_span(self, start: int, end: int) -> None: ...

    def scroll_to_span(self, start: int, end: int) -> None: ...


def find_all(text: str, needle: str) -> list[tuple[int, int]]:
    """Case-insensitive matches as code-point spans (re keeps positions of the original)."""
    if not needle:
        return []
    return [m.span() for m in re.finditer(re.escape(needle), text, re.IGNORECASE)]


class FindBar(QWidget):
    def __init__(self, target: Callable[[], Searchable | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.target = target
        self.field = QLineEdit()
        self.field.setPlaceholderText("Find in document (Enter: next, Shift+Enter: previous)")
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName("Find in document")
        self.field.textChanged.connect(lambda _t: self.step(0))
        self.field.installEventFilter(self)
        self.count = QLabel()
        buttons = []
        for text, tip, step in (("↑", "Previous match", -1), ("↓", "Next match", 1)):
            b = QToolButton()
            b.setText(text)
            b.setToolTip(tip)
            b.setAutoRaise(True)
            b.clicked.connect(lambda _c=False, s=step: self.step(s))
            buttons.append(b)
        close = QToolButton()
        close.setText("✕")
        close.setToolTip("Close (Esc)")
        close.setAutoRaise(True)
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(QLabel("Find:"))
        layout.addWidget(self.field, 1)
        for b in buttons:
            layout.addWidget(b)
        layout.addWidget(self.count)
        layout.addWidget(close)

    def open(self) -> None:
        self.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def step(self, direction: int) -> tuple[int, int] | None:
        """Select the next (1), previous (-1) or first-from-here (0) match; returns it."""
        view = self.target()
        matches = find_all(view.text, self.field.text()) if view is not None else []
        if view is None or not matches:
            self.count.setText("no matches" if self.field.text() else "")
            return None
        here = view.selection_span()
        at = here[0] if here else 0
        if direction > 0:
            i = next((i for i, m in enumerate(matches) if m[0] > at), 0)
        elif direction < 0:
            i = next((i for i in range(len(matches) - 1, -1, -1) if matches[i][0] < at),
                     len(matches) - 1)
        else:
            i = next((i for i, m in enumerate(matches) if m[0] >= at), 0)
        start, end = matches[i]
        # Centre a hit out of view first: selecting it first would scroll it only just into
        # the last line, right above this bar, where the eye does not find it.
        view.scroll_to_span(start, end)
        view.select_span(start, end)
        self.count.setText(f"{i + 1} of {len(matches)}")
        return start, end

    def eventFilter(self, watched: object, event: object) -> bool:
        if watched is self.field and isinstance(event, QKeyEvent) \
                and event.type() == QKeyEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Escape:
                self.hide()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                back = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                self.step(-1 if back else 1)
                return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]
