"""Persian in a pane: a right-to-left paragraph starts at the right edge (an English one at
the left), a mouse drag over a Persian word selects that word's code points (an emoji
before it makes UTF-16 units and code points differ), and its highlight covers the word."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from claimweave.ui.panes.text_view import ClaimTextView

ENGLISH = "The ferry runs again."
PERSIAN = "🙂 کشتی از جمعه دوباره به بندر می‌رود."
WORD = "جمعه"


def block_lines(view: ClaimTextView, number: int):  # type: ignore[no-untyped-def]
    block = view.document().findBlockByNumber(number)
    layout = block.layout()
    return block, [layout.lineAt(i) for i in range(layout.lineCount())]


def test_a_persian_paragraph_is_right_aligned_and_selects_its_words(qtbot) -> None:
    view = ClaimTextView()
    qtbot.addWidget(view)
    view.resize(520, 300)
    text = f"{ENGLISH}\n{PERSIAN}"
    view.set_content(text, [])
    view.show()
    qtbot.waitExposed(view)

    margin = view.document().documentMargin()
    width = view.viewport().width()
    _block, english = block_lines(view, 0)
    persian_block, persian = block_lines(view, 1)
    assert english[0].naturalTextRect().left() == margin  # left-to-right: ragged right
    assert persian_block.layout().textOption().textDirection() in (
        Qt.LayoutDirection.LayoutDirectionAuto, Qt.LayoutDirection.RightToLeft)
    last = persian[-1].naturalTextRect()
    assert abs(last.right() - (width - margin)) <= 2, (last, width)  # starts at the right
    assert last.left() > margin + 20

    start = text.index(WORD)
    end = start + len(WORD)
    assert view.offsets.to_utf16(start) == start + 1  # the emoji is two UTF-16 units

    def caret(cp: int) -> QPoint:
        cursor = view.textCursor()
        cursor.setPosition(view.offsets.to_utf16(cp))
        return view.cursorRect(cursor).center()

    a, b = caret(start), caret(end)
    assert a.x() > b.x()  # right to left: the word starts on the right
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=a)
    qtbot.mouseMove(view.viewport(), b)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=b)
    assert view.selection_span() == (start, end)
    assert text[slice(*view.selection_span())] == WORD

    rects = view.visible_window().rects(start, end)
    assert rects
    left = min(r.left() for r in rects)
    right = max(r.right() for r in rects)
    assert left - 2 <= b.x() < a.x() <= right + 2  # the highlight lies on the word
