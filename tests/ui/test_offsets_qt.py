"""The code-point/UTF-16 map against Qt's own positions, on a text built to break it."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit

from claimweave.core.offsets import OffsetMap
from claimweave.core.text import normalise_text
from claimweave.ui.panes.visible_text import VisibleWindow

NASTY = normalise_text(
    "Plain start.\r\n"
    "Emoji 🙂 and family 👨‍👩‍👧 and flag 🇮🇷 here.\r\n"
    "Combining: e\u0301 a\u0308 n\u0303 and decomposed Cafe\u0301.\r"
    "Astral letters: 𝐀𝐁𝐂 𐌰𐌱 and 𠀋 (CJK ext B).\n"
    "Persian: ایران و روسیه گفتند ۱۴ قایق آسیب دید.\n"
    "Arabic: قال المسؤول إن 30 قاربًا تضررت.\n"
    "Mixed: the minister said «سلام» twice 🙂.\n"
    "CJK: 东京的港口关闭了两天。\n"
    "\tTabbed\tline\twith\ttabs.\u2028Line separator and\u2029paragraph separator.\n"
    "End 🇮🇷👍🏽."
)


def utf16_len(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


@pytest.fixture
def doc(qtbot) -> QTextDocument:
    d = QTextDocument()
    d.setPlainText(NASTY)
    return d


def test_normalised_text_has_only_newlines() -> None:
    assert "\r" not in NASTY and "\u2028" not in NASTY and "\u2029" not in NASTY


def test_lengths_and_blocks_agree_with_qt(doc: QTextDocument) -> None:
    m = OffsetMap(NASTY)
    assert m.has_astral
    assert doc.characterCount() == m.length_utf16 + 1  # Qt counts a final paragraph separator
    assert doc.blockCount() == NASTY.count("\n") + 1


def test_every_code_point_maps_to_its_qt_character(doc: QTextDocument) -> None:
    m = OffsetMap(NASTY)
    for i, ch in enumerate(NASTY):
        u = m.to_utf16(i)
        assert u == utf16_len(NASTY[:i])
        expected = "\u2029" if ch == "\n" else ch.encode("utf-16-le")[:2].decode(
            "utf-16-le", errors="surrogatepass")
        assert doc.characterAt(u) == expected, (i, ch)
        assert m.to_codepoint(u) == i
    assert m.to_utf16(len(NASTY)) == m.length_utf16


def test_every_qt_cursor_stop_is_a_code_point_boundary(doc: QTextDocument) -> None:
    m = OffsetMap(NASTY)
    cursor = QTextCursor(doc)
    seen = 0
    while cursor.movePosition(QTextCursor.MoveOperation.NextCharacter):
        u = cursor.position()
        cp = m.to_codepoint(u)
        assert utf16_len(NASTY[:cp]) == u  # Qt never stops inside a surrogate pair
        seen += 1
    assert seen > 100


@pytest.mark.parametrize("needle", [
    "🙂", "👨‍👩‍👧", "🇮🇷", "e\u0301", "Cafe\u0301", "𝐀𝐁𝐂", "𠀋", "ایران و روسیه", "۱۴ قایق",
    "30 قاربًا", "«سلام»", "东京的港口", "\tTabbed\tline", "Line separator and\nparagraph",
    "👍🏽.", "Plain start.\nEmoji 🙂",
])
def test_selections_read_back_through_the_map(doc: QTextDocument, needle: str) -> None:
    needle = normalise_text(needle)
    m = OffsetMap(NASTY)
    start = NASTY.index(needle)
    end = start + len(needle)
    cursor = QTextCursor(doc)
    cursor.setPosition(m.to_utf16(start))
    cursor.setPosition(m.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText().replace("\u2029", "\n") == needle
    assert m.to_codepoint(cursor.selectionStart()) == start
    assert m.to_codepoint(cursor.selectionEnd()) == end


def test_highlight_rects_sit_where_qt_puts_the_characters(qtbot) -> None:
    view = QPlainTextEdit()
    qtbot.addWidget(view)
    view.resize(500, 600)
    view.setPlainText(NASTY)
    view.show()
    qtbot.waitExposed(view)
    m = OffsetMap(NASTY)
    window = VisibleWindow.of(view, m)
    for needle in ("🙂 and", "𝐀𝐁𝐂", "ایران و", "东京的", "Tabbed", "«سلام» twice", "👍🏽."):
        start = NASTY.index(needle)
        end = start + len(needle)
        rects = window.rects(start, end)
        assert rects, needle
        # Every caret position strictly inside the span (where direction cannot be
        # ambiguous) lies within one of the span's rectangles, on its line.
        for cp in range(start + 1, end):
            cursor = QTextCursor(view.document())
            cursor.setPosition(m.to_utf16(cp))
            caret = view.cursorRect(cursor)
            assert any(r.top() - 2 <= caret.center().y() <= r.bottom() + 2
                       and r.left() - 2 <= caret.left() <= r.right() + 2
                       for r in rects), (needle, cp, caret, rects)
