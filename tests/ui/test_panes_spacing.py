"""Line spacing in a pane: lines (within a paragraph and across paragraphs) move apart as
the spacing grows, a click lands on the line under the mouse, Ctrl+End brings the very last
line fully into view, and a claim's highlight covers its glyphs, not the air between lines."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QPoint, Qt

from claimweave.core.model import Claim
from claimweave.ui.panes.text_view import ClaimTextView

PARAGRAPH = ("The harbour council met on Monday and agreed that the wall needs repairs before "
             "the winter storms arrive; the fishermen said the cost was worth it. ")
TEXT = "\n".join(PARAGRAPH * 3 for _ in range(40))


def line_tops(view: ClaimTextView) -> list[float]:
    """Viewport baselines of the first lines in view, where they are painted."""
    tops: list[float] = []
    block = view.firstVisibleBlock()
    while block.isValid() and len(tops) < 8:
        top = view.blockBoundingGeometry(block).translated(view.contentOffset()).top()
        layout = block.layout()
        tops.extend(top + layout.lineAt(i).y() + layout.lineAt(i).ascent()
                    for i in range(layout.lineCount()))
        block = block.next()
    return tops


def shown(qtbot, spacing: float) -> ClaimTextView:  # type: ignore[no-untyped-def]
    view = ClaimTextView()
    qtbot.addWidget(view)
    view.resize(600, 400)
    claim = Claim(id="c1", document_id="d", start=5, end=40, quote=TEXT[5:40], prefix="",
                  suffix="", note="", annotator="t", created_at="", updated_at="")
    view.set_content(TEXT, [claim])
    view.set_reading("", None, 14, spacing)
    view.show()
    qtbot.waitExposed(view)
    view.grab()  # a real paint: it lays out the blocks in view
    return view


def test_lines_move_apart_as_the_spacing_grows(qtbot) -> None:
    tight, wide = shown(qtbot, 1.0), shown(qtbot, 1.6)
    a, b = line_tops(tight), line_tops(wide)
    assert len(a) >= 6 and len(b) >= 6
    step_a = [y2 - y1 for y1, y2 in pairwise(a)]
    step_b = [y2 - y1 for y1, y2 in pairwise(b)]
    font_line = tight.fontMetrics().lineSpacing()
    assert all(abs(s - font_line) <= 1 for s in step_a), step_a
    # within a paragraph and from one paragraph's last line to the next one's first
    assert all(abs(s - 1.6 * font_line) <= 1 for s in step_b), (step_b, font_line)

    rects = wide.visible_window().rects(5, 40)
    assert rects and all(r.height() <= font_line + 1 for r in rects)  # glyphs, not the gap


def test_a_click_lands_on_the_line_under_the_mouse(qtbot) -> None:
    view = shown(qtbot, 2.0)
    tops = line_tops(view)
    height = view.fontMetrics().height()
    for line in (1, 4):
        pos = QPoint(60, int(tops[line] - height / 3))  # on the glyphs above the baseline
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
        cursor = view.textCursor()
        layout = cursor.block().layout()
        assert layout.lineForTextPosition(cursor.positionInBlock()).lineNumber() == line


def test_ctrl_end_shows_the_last_line_whole(qtbot) -> None:
    view = shown(qtbot, 2.0)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    view.grab()
    rect = view.cursorRect()
    assert view.textCursor().atEnd()
    assert rect.top() >= 0 and rect.bottom() <= view.viewport().height(), rect
    bar = view.verticalScrollBar()
    assert bar.value() == bar.maximum()
    last = view.document().lastBlock()
    bottom = view.blockBoundingGeometry(last).translated(view.contentOffset()).bottom()
    assert bottom <= view.viewport().height() + 1  # nothing of the text is out of reach
    for _ in range(12):  # and up again by lines: the caret's line stays whole in view
        qtbot.keyClick(view, Qt.Key.Key_Up)
    view.grab()
    rect = view.cursorRect()
    assert rect.top() >= 0 and rect.bottom() <= view.viewport().height(), rect
