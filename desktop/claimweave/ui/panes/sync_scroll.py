"""Scrolling linked panes together (View > Scroll Linked Panes Together).

As a diff tool aligns matching chunks, scrolling one pane scrolls its neighbours so that
a linked claim sits at the same height in both: the linked claim in view nearest the upper
third of the scrolled pane is the anchor, and the neighbour's first visible line is set so
its partner lines up. The alignment spreads outwards pane by pane; a guard keeps the panes
it moves from moving the first one back.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from PySide6.QtCore import QObject

from .link_index import LinkIndex
from .pane import DocumentPane


def _lay_out(pane: DocumentPane) -> None:
    """Lay out every block once per text and width: QPlainTextEdit lays out only what it
    shows and counts a block it has not laid out as one line, so line numbers would drift."""
    view = pane.view
    key = (id(view.offsets), view.viewport().width())
    if getattr(view, "_laid_out", None) == key:
        return
    layout = view.document().documentLayout()
    block = view.document().begin()
    while block.isValid():
        layout.ensureBlockLayout(block)  # type: ignore[attr-defined]
        block = block.next()
    view._laid_out = key  # type: ignore[attr-defined]


def line_of(pane: DocumentPane, cp: int) -> int:
    """The visual line (wrapped lines counted) that holds code point *cp*."""
    view = pane.view
    _lay_out(pane)
    pos = view.offsets.to_utf16(cp)
    block = view.document().findBlock(pos)
    line = block.layout().lineForTextPosition(pos - block.position())
    return block.firstLineNumber() + (line.lineNumber() if line.isValid() else 0)


class LinkedScrolling(QObject):
    """Keeps neighbouring panes aligned on their links while ``enabled``."""

    def __init__(self, panes: Callable[[], list[DocumentPane]],
                 links: Callable[[], LinkIndex], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._panes = panes
        self._links = links
        self.enabled = False
        self._busy = False

    def attach(self, pane: DocumentPane) -> None:
        pane.view.verticalScrollBar().valueChanged.connect(lambda _v, p=pane: self.follow(p))

    def follow(self, pane: DocumentPane) -> None:
        """*pane* was scrolled: align the panes on each side of it, outwards."""
        if not self.enabled or self._busy:
            return
        panes = self._panes()
        if pane not in panes:
            return
        i = panes.index(pane)
        self._busy = True
        try:
            for chain in (panes[i:], panes[i::-1]):
                for by, other in itertools.pairwise(chain):
                    self.align(other, by)
        finally:
            self._busy = False

    def align(self, other: DocumentPane, by: DocumentPane) -> bool:
        """Scroll *other* so the partner of *by*'s anchor claim is level with it."""
        if other.document_id is None or by.document_id is None:
            return False
        bar = by.view.verticalScrollBar()
        page = max(1, by.view.viewport().height() // max(1, by.view.fontMetrics().lineSpacing()))
        aim = bar.value() + page // 3
        window = by.view.visible_window()
        best: tuple[int, int, int] | None = None  # (distance, line in by, line in other)
        shown = (c.id for c in by.view.index.overlapping(window.start, window.end))
        for link in self._links().of_claims(shown):
            for own, partner in ((link.source, link.target), (link.target, link.source)):
                a, b = by.claim(own), other.claim(partner)
                if a is None or b is None or not window.start <= a.start < window.end:
                    continue
                line = line_of(by, a.start)
                if best is None or abs(line - aim) < best[0]:
                    best = (abs(line - aim), line, line_of(other, b.start))
        if best is None:
            return False
        _dist, line, partner_line = best
        other.view.verticalScrollBar().setValue(partner_line - (line - bar.value()))
        return True
