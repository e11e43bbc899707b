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


MIXED_EN = ("The council met on Monday and agreed that the harbour wall needs repairs "
            "before the winter storms arrive on the coast.")
MIXED_FA = "شورا روز دوشنبه تشکیل جلسه داد و گفت دیوار بندر پیش از توفان‌های زمستان تعمیر می‌شود."
EN_WITH_FA = ("The word کشتی means ferry, and the ferry crossed the bay twice that stormy "
              "day while the council argued about the cost of the new harbour wall.")
FA_WITH_EN = ("کشتی یعنی ferry و کشتی دو بار از خلیج گذشت، در آن روز توفانی و سرد زمستان "
              "که شورا درباره هزینه دیوار تازه بندر بحث می‌کرد و ماهیگیران منتظر ماندند.")


def caret_x(view: ClaimTextView, u16: int) -> float:
    cursor = view.textCursor()
    cursor.setPosition(u16)
    return view.cursorRect(cursor).center().x()


def line_end_x(view: ClaimTextView, number: int, line: int = 0) -> float:
    """Viewport x of the right end of a line's text (its natural rectangle)."""
    _block, lines = block_lines(view, number)
    return lines[line].naturalTextRect().right()


def test_each_paragraph_takes_its_own_direction(qtbot) -> None:
    """A Persian paragraph between English ones: it starts at the right, the English ones
    stay ragged at the left (not justified), and a paragraph's first strong letter decides
    its direction (an English sentence quoting a Persian word stays left to right)."""
    view = ClaimTextView()
    qtbot.addWidget(view)
    view.resize(560, 400)
    paragraphs = [MIXED_EN, MIXED_FA, MIXED_EN, EN_WITH_FA, FA_WITH_EN]
    text = "\n".join(paragraphs)
    view.set_content(text, [])
    view.show()
    qtbot.waitExposed(view)
    view.verticalScrollBar().setValue(0)

    bare = ClaimTextView()  # the English paragraph alone: no right-to-left text anywhere
    qtbot.addWidget(bare)
    bare.resize(560, 400)
    bare.set_content(MIXED_EN, [])
    bare.show()
    qtbot.waitExposed(bare)

    margin = view.document().documentMargin()
    right = view.viewport().width() - margin
    for number in (0, 2, 3):  # English paragraphs: ragged right, as without Persian text
        _block, lines = block_lines(view, number)
        assert len(lines) >= 2
        assert lines[0].naturalTextRect().left() == margin
        assert abs(line_end_x(view, number) - line_end_x(bare, 0)) < 1 or number == 3
        assert line_end_x(view, number) < right - 3, number  # not stretched to the edge
    for number in (1, 4):  # Persian paragraphs: every line ends at the right edge
        block, lines = block_lines(view, number)
        assert block.textDirection() == Qt.LayoutDirection.RightToLeft
        for line in lines:
            assert abs(line.naturalTextRect().right() - right) <= 2, (number, line.lineNumber())
        assert lines[-1].naturalTextRect().left() > margin + 20  # a short last line: ragged
    assert view.document().findBlockByNumber(3).textDirection() == Qt.LayoutDirection.LeftToRight

    # selection in the Persian paragraph between English ones, by mouse then by keyboard
    word = "دیوار"
    start = text.index(word)
    end = start + len(word)
    a = QPoint(int(caret_x(view, view.offsets.to_utf16(start))),
               view.cursorRect(_cursor_at(view, start)).center().y())
    b = QPoint(int(caret_x(view, view.offsets.to_utf16(end))), a.y())
    assert a.x() > b.x()
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=a)
    qtbot.mouseMove(view.viewport(), b)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=b)
    assert text[slice(*view.selection_span())] == word
    rects = view.visible_window().rects(start, end)
    assert rects and min(r.left() for r in rects) >= b.x() - 2
    assert max(r.right() for r in rects) <= a.x() + 2

    view.select_span(start, start)
    view.setFocus()
    for _ in range(len(word)):  # Shift+Left moves visually: towards the word's end in RTL
        qtbot.keyClick(view, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert text[slice(*view.selection_span())] == word


def _cursor_at(view: ClaimTextView, cp: int):  # type: ignore[no-untyped-def]
    cursor = view.textCursor()
    cursor.setPosition(view.offsets.to_utf16(cp))
    return cursor
