"""Per-paragraph direction and line spacing for a QPlainTextEdit, kept fast.

QPlainTextDocumentLayout lays every block out with the document's one QTextOption and the
font's own line height (qplaintextedit.cpp, ``layoutBlock``): a block's format (alignment,
direction, line height) is ignored. It lays blocks out lazily, when they come into view,
and scrolls by lines, not pixels. So the blocks in view are laid out a second time, right
after Qt did: with the same width (so the same line breaks and the same line count Qt's
scrolling counts on), the block's own direction and alignment (the first strong character
decides, as Unicode's paragraph rule says) and a gap above every line. Qt reads the block's
height back from the lines (``blockBoundingRect``), so painting, hit tests, selection and
the scroll range follow. A block is laid out again only when Qt laid it out anew.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QTextBlock, QTextLayout
from PySide6.QtWidgets import QPlainTextEdit

from ..settings import SPACING_MAX, SPACING_MIN

_MARK = Qt.AlignmentFlag.AlignAbsolute  # set on blocks laid out here; changes no position


def line_gap(view: QPlainTextEdit, spacing: float) -> int:
    """Pixels added above every line for *spacing* (1.0: none, 1.5: half a line)."""
    spacing = max(SPACING_MIN, min(SPACING_MAX, spacing))
    return round((spacing - 1.0) * view.fontMetrics().lineSpacing())


def restyle_block(view: QPlainTextEdit, block: QTextBlock, gap: int) -> bool:
    """Lay *block* out in its own direction with *gap* above each line, unless done.

    Returns whether it was laid out again (its height may have changed).
    """
    layout = block.layout()
    if layout.lineCount() == 0:  # Qt lays it out first: the line count is Qt's own
        view.document().documentLayout().blockBoundingRect(block)
        if layout.lineCount() == 0:
            return False
    option = layout.textOption()
    if option.alignment() & _MARK and layout.lineAt(0).y() == gap:
        return False
    rtl = block.textDirection() == Qt.LayoutDirection.RightToLeft
    option.setTextDirection(Qt.LayoutDirection.RightToLeft if rtl
                            else Qt.LayoutDirection.LeftToRight)
    option.setAlignment((Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft)
                        | _MARK)
    _relayout(layout, option, view.document().documentMargin(), gap)
    return True


def _relayout(layout: QTextLayout, option: object, margin: float, gap: int) -> None:
    width = layout.lineAt(0).width()  # Qt's available width: the same line breaks again
    layout.setTextOption(option)  # type: ignore[arg-type]
    layout.beginLayout()
    y = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLeadingIncluded(True)
        line.setLineWidth(width)
        y += gap
        line.setPosition(QPointF(margin, y))
        y += line.height() + min(0, math.ceil(line.leading()))  # as Qt's layoutBlock does
    layout.endLayout()


def restyle_visible(view: QPlainTextEdit, gap: int, rtl: bool) -> bool:
    """Restyle the blocks in view (and, once, those that end the text, whose heights set
    the scroll range). Nothing to do for left-to-right text at single spacing.

    Returns whether any block changed, so the caller can refresh the scroll range.
    """
    if not gap and not rtl:
        return False
    changed = False
    height = view.viewport().height()
    block = view.firstVisibleBlock()
    top = view.blockBoundingGeometry(block).translated(view.contentOffset()).top()
    layout = view.document().documentLayout()
    while block.isValid() and top <= height:
        changed = restyle_block(view, block, gap) or changed
        top += layout.blockBoundingRect(block).height()
        block = block.next()
    return changed


def restyle_tail(view: QPlainTextEdit, gap: int, rtl: bool) -> None:
    """Restyle the last screenful of blocks and let Qt recompute the scroll range from
    their true heights (else the last lines could not be scrolled into view)."""
    if (not gap and not rtl) or not view.isVisible():  # hidden: Qt lays out on showing
        return
    doc = view.document()
    block, total = doc.lastBlock(), 0.0
    height = view.viewport().height()
    while block.isValid() and total <= height:
        restyle_block(view, block, gap)
        total += doc.documentLayout().blockBoundingRect(block).height()
        block = block.previous()
    layout = doc.documentLayout()
    layout.documentSizeChanged.emit(layout.documentSize())
