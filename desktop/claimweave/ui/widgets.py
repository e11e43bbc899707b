"""Small widget helpers that several windows and dialogs share."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QListWidget, QPushButton


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
