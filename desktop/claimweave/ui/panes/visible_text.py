"""Geometry of the text a plain-text view currently shows.

QPlainTextEdit lays out only the blocks in view, so everything that draws over the text
(highlights, outlines, link bands) works on this window of visible blocks. Rectangles of a
span come from ``QTextLine.glyphRuns``, line by line (the layout-wide call merges lines
into one run), which splits a line into direction runs, so right-to-left and mixed text
get exact, possibly split, rectangles; cursor-to-x arithmetic gets bidirectional lines
and Arabic shaping wrong.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QTextLayout
from PySide6.QtWidgets import QPlainTextEdit

from ...core.offsets import OffsetMap

# Strong right-to-left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko ..., their presentation
# forms, astral RTL scripts) and the explicit bidi controls that can reorder a line.
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u200f\u202b\u202e\u2067"
                  "\U00010800-\U00010fff\U0001e800-\U0001efff]")


def holds_rtl(text: str) -> bool:
    """Whether *text* has right-to-left letters (or bidi controls)."""
    return _RTL.search(text) is not None


@dataclass(frozen=True, slots=True)
class VisibleBlock:
    position: int  # UTF-16 position of the block's first character
    length: int  # UTF-16 units of the block's text, without the paragraph separator
    layout: QTextLayout
    origin: QPointF  # the block's top-left corner in viewport coordinates
    height: float
    bidi: bool  # holds right-to-left characters: rectangles need the glyph runs


RectCache = dict[tuple[int, int, int], list[QRectF]]
"""Line rectangles of (block position, lo, hi) in the block's layout coordinates: they do
not move when the view scrolls, so a view keeps them until its text is laid out again."""
CACHE_LIMIT = 20_000


class VisibleWindow:
    """The blocks in view and the code-point range they cover."""

    def __init__(self, blocks: list[VisibleBlock], offsets: OffsetMap, height: float,
                 cache: RectCache | None = None) -> None:
        self.blocks = blocks
        self.height = height
        self._offsets = offsets
        self._cache: RectCache = {} if cache is None else cache
        if blocks:
            last = blocks[-1]
            self.start_u16 = blocks[0].position
            self.end_u16 = last.position + last.length + 1
        else:
            self.start_u16 = self.end_u16 = 0
        self.start = offsets.to_codepoint(self.start_u16)
        self.end = offsets.to_codepoint(min(self.end_u16, offsets.length_utf16))
        if blocks and self.end_u16 > offsets.length_utf16:
            self.end = offsets.length

    @classmethod
    def of(cls, view: QPlainTextEdit, offsets: OffsetMap, cache: RectCache | None = None
           ) -> VisibleWindow:
        offset = view.contentOffset()
        height = view.viewport().height()
        blocks: list[VisibleBlock] = []
        block = view.firstVisibleBlock()
        while block.isValid():
            geometry = view.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > height:
                break
            if block.isVisible():
                blocks.append(VisibleBlock(block.position(), block.length() - 1, block.layout(),
                                           geometry.topLeft(), geometry.height(),
                                           holds_rtl(block.text())))
            block = block.next()
        if cache is not None and len(cache) > CACHE_LIMIT:
            cache.clear()
        return cls(blocks, offsets, height, cache)

    def clipped(self, top: float, bottom: float) -> VisibleWindow:
        """The part of this window whose blocks meet the band [top, bottom] (a paint rect)."""
        blocks = [b for b in self.blocks
                  if b.origin.y() <= bottom and b.origin.y() + b.height >= top]
        return VisibleWindow(blocks, self._offsets, self.height, self._cache) if blocks else self

    def _pieces(self, start: int, end: int) -> Iterator[tuple[VisibleBlock, int, int]]:
        """Each visible block that [start, end) touches, with the span's part of it in the
        block's own UTF-16 positions (lo, hi)."""
        s16, e16 = self._offsets.to_utf16(start), self._offsets.to_utf16(end)
        for block in self.blocks:
            if block.position >= e16:
                break
            lo = max(s16, block.position) - block.position
            hi = min(e16, block.position + block.length) - block.position
            if hi > lo:
                yield block, lo, hi

    def rects(self, start: int, end: int) -> list[QRectF]:
        """Viewport rectangles covering code points [start, end) where they are in view."""
        out: list[QRectF] = []
        for block, lo, hi in self._pieces(start, end):
            key = (block.position, lo, hi)
            rects = self._cache.get(key)
            if rects is None:
                rects = self._cache[key] = _line_rects(block.layout, lo, hi, block.bidi)
            out.extend(r.translated(block.origin) for r in rects)
        return out

    def extent(self, start: int, end: int) -> tuple[float, float]:
        """Vertical extent of [start, end) in the viewport, clamped to its edges.

        A span above the view collapses onto the top edge and one below onto the bottom
        edge, so a link band to it runs to the edge of the pane, as in a diff tool.
        """
        if end <= self.start or not self.blocks:
            return 0.0, 0.0
        if start >= self.end:
            return self.height, self.height
        span = self._vertical(start, end)
        if span is None:
            y = 0.0 if start < self.start else self.height
            return y, y
        top = 0.0 if start < self.start else span[0]
        bottom = self.height if end > self.end else span[1]
        return max(0.0, top), min(self.height, bottom)

    def _vertical(self, start: int, end: int) -> tuple[float, float] | None:
        """Top of the first and bottom of the last visible line [start, end) is on: only
        the lines' y, no glyph positions (a band needs no x)."""
        top = bottom = None
        for block, lo, hi in self._pieces(start, end):
            layout, y = block.layout, block.origin.y()
            if top is None:
                line = layout.lineForTextPosition(lo)
                if line.isValid():
                    top = y + line.y()
            line = layout.lineForTextPosition(hi - 1)
            if line.isValid():
                bottom = y + line.y() + line.height()
        if top is None or bottom is None:
            return None
        return top, bottom


def _line_rects(layout: QTextLayout, lo: int, hi: int, bidi: bool) -> list[QRectF]:
    """Layout rectangles of block-relative UTF-16 range [lo, hi), one or more per line.

    Left-to-right lines take the fast path (two caret positions, about 1 µs); lines of a
    block with right-to-left text ask for the glyph runs (about 10-25 µs), which split a
    range at direction changes.
    """
    out: list[QRectF] = []
    first = layout.lineForTextPosition(lo)
    n = first.lineNumber() if first.isValid() else 0
    while n < layout.lineCount():
        line = layout.lineAt(n)
        start, stop = line.textStart(), line.textStart() + line.textLength()
        if start >= hi:
            break
        a, b = max(lo, start), min(hi, stop)
        if b > a and bidi:
            out.extend(run.boundingRect() for run in line.glyphRuns(a, b - a))
        elif b > a:
            # PySide6's stubs type cursorToX as object; it returns (x, cursor position)
            x1 = cast(tuple[float, int], line.cursorToX(a))[0]
            x2 = cast(tuple[float, int], line.cursorToX(b))[0]
            out.append(QRectF(x1, line.y(), x2 - x1, line.height()))
        n += 1
    return out
