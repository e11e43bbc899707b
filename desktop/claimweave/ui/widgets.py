"""Small widget helpers that several windows and dialogs share."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QListWidget, QPushButton, QWidget

TYPING_PAUSE_MS = 150
"""How long typing in a filter box must pause before the filter is applied."""


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Size a window *width* x *height*, or smaller on a small screen (a 1366x768 laptop),
    so its buttons are never off the edge; room is left for a title bar and a task bar."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        available = screen.availableGeometry()
        width = min(width, available.width() - 40)
        height = min(height, available.height() - 80)
    window.resize(width, height)


def fit_rows(box: QListWidget, at_most: int) -> None:
    """Make a list as tall as its entries (one row when empty), up to *at_most* rows, so a
    dialog neither scrolls a short list nor leaves a tall empty box."""
    rows = max(1, min(box.count(), at_most))
    box.setFixedHeight(rows * max(box.sizeHintForRow(0), 18) + 2 * box.frameWidth() + 4)


def path_row(field: QLineEdit, browse: Callable[[], None]) -> QHBoxLayout:
    """A file path typed in *field* or chosen with a Browse… button beside it."""
    button = QPushButton("Browse…")
    # The bound method itself, not a lambda around it: a lambda held the dialog alive from
    # its own child until interpreter shutdown, where quitting then crashed (exit 139).
    button.clicked.connect(browse)
    row = QHBoxLayout()
    row.addWidget(field, 1)
    row.addWidget(button)
    return row


class OneLineLabel(QLabel):
    """Plain text on one line, cut with "…" where the widget ends and whole in its tooltip:
    a wrapped quote took three lines of a short dock, and an unwrapped one its width."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._full = ""
        self.set_full_text(text)

    def full_text(self) -> str:
        return self._full

    def set_full_text(self, text: str) -> None:
        self._full = " ".join(text.split())
        self.setToolTip(self._full)
        self._elide()

    def _elide(self) -> None:
        width = max(1, self.contentsRect().width())
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight,
                                                   width))

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance("…") * 4,
                     super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        return QSize(self.minimumSizeHint().width(), super().sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()


class TypingPause(QObject):
    """Says :attr:`settled` once typing in a filter box pauses for *ms*, or at once on
    Enter: a filter asks the store, and one query per keystroke made typing lag at 5,000
    documents. Connect the filter's bound method to :attr:`settled` (not a lambda: see
    :func:`path_row`)."""

    settled = Signal()

    def __init__(self, box: QLineEdit, ms: int = TYPING_PAUSE_MS) -> None:
        super().__init__(box)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(ms)
        self._timer.timeout.connect(self.settled)
        box.textChanged.connect(self._typed)
        box.returnPressed.connect(self.settle)
        box.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A box that is hidden (its panel closed, the project going) applies what was
        typed now, while the project is open, so the table shown again matches it and no
        query runs after the project closed."""
        if event.type() == QEvent.Type.Hide and self.pending():
            self.settle()
        return False

    def _typed(self, _text: str) -> None:
        self._timer.start()  # again from the top: one query for a burst of keys

    @property
    def interval(self) -> int:
        """The pause, in milliseconds."""
        return self._timer.interval()

    @interval.setter
    def interval(self, ms: int) -> None:
        self._timer.setInterval(ms)

    def pending(self) -> bool:
        """Whether typing has not yet been applied."""
        return self._timer.isActive()

    def settle(self) -> None:
        """Apply now (Enter, or a caller that needs the filter current)."""
        self._timer.stop()
        self.settled.emit()
