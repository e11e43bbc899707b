"""A user's claim-making in a pane, timed: the benchmarks that measure it share this loop."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from claimweave.ui.panes.pane import DocumentPane


def time_new_claims(pane: DocumentPane, count: int, length: int,
                    clock: Callable[[], float] = time.thread_time) -> list[float]:
    """Select *length* characters in view and press the claim key, *count* times; the time
    of each from the store verb until the event loop has painted what it changed."""
    app = QApplication.instance()
    out = []
    for i in range(count):
        start = pane.view.visible_window().start + 5 + i * 7
        cursor = QTextCursor(pane.view.document())
        cursor.setPosition(pane.view.offsets.to_utf16(start))
        cursor.setPosition(pane.view.offsets.to_utf16(start + length),
                           QTextCursor.MoveMode.KeepAnchor)
        pane.view.setTextCursor(cursor)
        t = clock()
        claim = pane.create_claim_from_selection()
        app.processEvents()
        out.append(clock() - t)
        assert claim is not None and claim.id in pane.view.index
    return out
