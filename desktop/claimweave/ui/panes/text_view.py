"""The read-only text of one document with its claims painted under the glyphs.

Every position handed to or read from Qt goes through the view's :class:`OffsetMap`: the
view speaks code points to the rest of the program and UTF-16 units only to Qt. Highlights
are painted in ``paintEvent`` for the visible blocks (no ExtraSelections, no highlighter
over the whole text), then QPlainTextEdit paints the text and the user's selection on top.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QMimeData, QPoint, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDrag,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFocusEvent,
    QFont,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QToolTip, QWidget

from ...core.model import Claim
from ...core.offsets import OffsetMap
from .block_style import line_gap, restyle_tail, restyle_visible
from .claim_index import ClaimIndex
from .highlight_painter import HighlightStyle, MarkLayer, paint_highlights, paint_marks
from .visible_text import RectCache, VisibleWindow, holds_rtl

CLAIM_MIME = "application/x-claimweave-claim"
KeyAction = Callable[[], object]  # what a key does; its result is not used


def plain_key(event: QKeyEvent) -> tuple[int, bool] | None:
    """(key, shift) of a key pressed alone or with Shift (the keypad counts as plain);
    None with Ctrl, Alt or Meta, which belong to menus and the text view."""
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if mods & ~Qt.KeyboardModifier.ShiftModifier:
        return None
    return event.key(), bool(mods & Qt.KeyboardModifier.ShiftModifier)


class ClaimTextView(QPlainTextEdit):
    """Shows a frozen text; reports clicks, drags and drops of claims in code points."""

    claimClicked = Signal(str)
    claimDropped = Signal(str, str, QPoint)  # dragged claim id, claim dropped on, global pos
    viewChanged = Signal()  # scrolled, resized or re-laid out: link bands must follow
    focusEntered = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setAcceptDrops(True)
        self.setMouseTracking(True)
        self.offsets = OffsetMap("")
        self.index = ClaimIndex()
        pal = self.palette()
        self.style_ = HighlightStyle({}, pal.text().color(), QColor("#1a5fb4"))
        self.current_claim: str | None = None
        self.candidate_claim: str | None = None
        self.marks: dict[str, MarkLayer] = {}  # assistance layers, painted in this order
        self._text = ""
        self.key_action: Callable[[QKeyEvent], KeyAction | None] = lambda _e: None
        self.tooltip_for: Callable[[str], str] = lambda _cid: ""
        self._press_claim: str | None = None
        self._press_pos: QPoint | None = None
        self._rects: RectCache = {}  # line rectangles by block, until the text is relaid
        self._rects_width = -1
        self._spacing = 1.0  # line height as a multiple of the font's
        self._rtl = False  # the text holds right-to-left letters
        self.verticalScrollBar().valueChanged.connect(self.viewChanged)
        self.horizontalScrollBar().valueChanged.connect(self.viewChanged)

    # ------------------------------------------------------------------ content
    @property
    def text(self) -> str:
        """The stored text as shown (code points); never ``toPlainText()`` sliced by Qt."""
        return self._text

    def set_reading(self, family: str, points: int | None, margin: int,
                    spacing: float = 1.0) -> None:
        """The reading font, the white space round the text and between lines
        (Preferences)."""
        self._spacing = spacing
        if family or points:
            font = QFont(QApplication.font())
            if family:
                font.setFamily(family)
            if points:
                font.setPointSize(points)
            self.setFont(font)
        else:  # follow the program's text size (Ctrl++ / Ctrl+-)
            self.setFont(QFont())
        self.document().setDocumentMargin(margin)
        self._relaid()
        self.viewChanged.emit()

    def set_content(self, text: str, claims: list[Claim]) -> None:
        self._text = text
        self.offsets = OffsetMap(text)
        self.index.reset(claims)
        self._rects.clear()
        self._rtl = holds_rtl(text)
        option = self.document().defaultTextOption()  # each block resolves its own
        option.setTextDirection(Qt.LayoutDirection.LayoutDirectionAuto)  # direction
        self.document().setDefaultTextOption(option)
        self.setPlainText(text)
        self._relaid()
        self.viewChanged.emit()

    def _relaid(self) -> None:
        """Qt laid the text out anew: cached rectangles are stale, and the blocks ending
        the text get their direction and spacing now (they set the scroll range)."""
        self._rects.clear()
        restyle_tail(self, line_gap(self, self._spacing), self._rtl)

    def refresh(self) -> None:
        """Repaint highlights after the index or the style changed."""
        self.viewport().update()
        self.viewChanged.emit()

    def set_marks(self, name: str, layer: MarkLayer | None) -> None:
        """Show (or, with None, drop) a layer of marks: claim candidates, entities."""
        if layer is None:
            if self.marks.pop(name, None) is None:
                return
        else:
            self.marks[name] = layer
        self.viewport().update()

    def marks_at(self, pos: QPoint) -> list[str]:
        """Tooltips of the marks painted under viewport point *pos*, one per layer."""
        if not self.marks:
            return []
        cp = self.offsets.to_codepoint(self.cursorForPosition(pos).position())
        window = self.visible_window()
        tips = []
        for layer in self.marks.values():
            for mark in layer.overlapping(max(0, cp - 1), cp + 1):
                if mark.tip and any(r.contains(pos.toPointF())
                                    for r in window.rects(mark.start, mark.end)):
                    tips.append(mark.tip)
                    break
        return tips

    def refresh_spans(self, spans: list[tuple[int, int]]) -> None:
        """Repaint only where these spans (and claims overlapping them) are in view.

        A new or changed claim then costs a repaint of a few lines, not of the viewport.
        """
        window = self.visible_window()
        region = QRectF()
        for start, end in spans:
            for claim in self.index.overlapping(start, end):
                start, end = min(start, claim.start), max(end, claim.end)
            for r in window.rects(start, end):
                region = region.united(r)
        if not region.isNull():
            margin = 3  # outlines are stroked just outside the glyph rectangles
            self.viewport().update(region.toAlignedRect().adjusted(
                -margin, -margin, margin, margin))
        self.viewChanged.emit()

    # ------------------------------------------------------------------ positions
    def visible_window(self) -> VisibleWindow:
        width = self.viewport().width()
        if width != self._rects_width:  # a scroll bar came or went: lines wrap anew
            self._rects.clear()
            self._rects_width = width
        if restyle_visible(self, line_gap(self, self._spacing), self._rtl):
            self._rects.clear()  # lines moved down or to the right
        return VisibleWindow.of(self, self.offsets, self._rects)

    def selection_span(self) -> tuple[int, int] | None:
        """The selected code-point span, read back through the offset map."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        start = self.offsets.to_codepoint(cursor.selectionStart())
        end = self.offsets.to_codepoint(cursor.selectionEnd())
        return (start, end) if end > start else None

    def select_span(self, start: int, end: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_utf16(start))
        cursor.setPosition(self.offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def clear_selection(self) -> None:
        cursor = self.textCursor()
        if cursor.hasSelection():
            cursor.clearSelection()
            self.setTextCursor(cursor)

    def claim_at(self, pos: QPoint) -> str | None:
        """The innermost claim painted under viewport point *pos*, if any."""
        cp = self.offsets.to_codepoint(self.cursorForPosition(pos).position())
        window = self.visible_window()
        hits = [c for c in self.index.overlapping(max(0, cp - 1), cp + 1)
                if any(r.contains(pos.toPointF()) for r in window.rects(c.start, c.end))]
        hits.sort(key=lambda c: c.end - c.start)
        return hits[0].id if hits else None

    def claim_extent(self, claim_id: str, window: VisibleWindow | None = None
                     ) -> tuple[float, float] | None:
        """Vertical extent of a claim in viewport coordinates, clamped to the edges."""
        claim = self.index.get(claim_id)
        if claim is None:
            return None
        return (window or self.visible_window()).extent(claim.start, claim.end)

    def is_span_visible(self, start: int, end: int) -> bool:
        """Whether the whole span is on screen (not merely in a block that is partly shown)."""
        window = self.visible_window()
        if start < window.start or end > window.end:
            return False
        rects = window.rects(start, end)
        return bool(rects) and min(r.top() for r in rects) >= 0 and max(
            r.bottom() for r in rects) <= window.height

    def scroll_to_span(self, start: int, end: int) -> None:
        """Bring a span into view, centred, unless it is already fully visible."""
        if self.is_span_visible(start, end):
            return
        cursor = self.textCursor()
        if self.selection_span() != (start, end):  # keep a selection of this very span
            cursor = QTextCursor(self.document())
            cursor.setPosition(self.offsets.to_utf16(start))
        self.setTextCursor(cursor)
        self.centerCursor()

    # ------------------------------------------------------------------ painting
    def paintEvent(self, event: QPaintEvent) -> None:
        area = event.rect()
        window = self.visible_window().clipped(area.top(), area.bottom())
        claims = self.index.overlapping(window.start, window.end)
        if claims or self.marks:
            painter = QPainter(self.viewport())
            painter.setClipRect(event.rect())
            for layer in self.marks.values():
                if layer.under_claims:
                    paint_marks(painter, window, layer, self.style_.candidate)
            paint_highlights(painter, window, claims, self.style_,
                             current=self.current_claim, candidate=self.candidate_claim)
            for layer in self.marks.values():
                if not layer.under_claims:
                    paint_marks(painter, window, layer, self.style_.candidate)
            painter.end()
        super().paintEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._relaid()  # lines wrap anew
        self.viewChanged.emit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._relaid()
        if event.type() == QEvent.Type.PaletteChange:  # a theme switch: outline in the text's
            self.style_.outline = self.palette().text().color()  # colour, never black on dark
            self.viewport().update()

    # ------------------------------------------------------------------ keyboard
    def event(self, event: QEvent) -> bool:
        # Claim keys (Tab, digits, Delete, L ...) win over window shortcuts and focus moves.
        if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            action = self.key_action(event)  # type: ignore[arg-type]
            if action is not None:
                event.accept()
                if event.type() == QEvent.Type.KeyPress:
                    action()
                return True
        if event.type() == QEvent.Type.KeyPress and self._leaves_by_key(event):  # type: ignore[arg-type]
            return True
        if event.type() == QEvent.Type.ToolTip:
            self._show_tooltip(event)  # type: ignore[arg-type]
            return True
        return super().event(event)

    def _leaves_by_key(self, event: QKeyEvent) -> bool:
        """Ctrl+Tab and Ctrl+Shift+Tab move the focus on (Tab walks the claims), so the
        keyboard never stays trapped in a pane."""
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if not ctrl or event.key() not in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            return False
        back = event.key() == Qt.Key.Key_Backtab or bool(
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        return self.focusNextPrevChild(not back)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)
        if self._spacing > 1.0:  # Qt scrolls a caret's line into view counting lines tight:
            self._show_caret_line()  # with air above each line it stops one gap short

    def _show_caret_line(self) -> None:
        rect, bar = self.cursorRect(), self.verticalScrollBar()
        if rect.bottom() > self.viewport().height() and bar.value() < bar.maximum():
            bar.setValue(bar.value() + 1)
        elif rect.top() < 0 and bar.value() > 0:
            bar.setValue(bar.value() - 1)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focusEntered.emit()

    def _show_tooltip(self, event: QHelpEvent) -> None:
        pos = self.viewport().mapFrom(self, event.pos())
        claim_id = self.claim_at(pos)
        tip = self.tooltip_for(claim_id) if claim_id else ""
        marks = self.marks_at(pos)
        if marks:
            tip = "<br>".join([*marks, tip] if tip else marks)
        if tip:
            QToolTip.showText(event.globalPos(), tip, self)
        else:
            QToolTip.hideText()

    # ------------------------------------------------------------------ mouse
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press_pos = event.position().toPoint()
        self._press_claim = self.claim_at(self._press_pos)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        # Selecting inside the pane works as usual; pulling a highlight out of the pane
        # turns the gesture into a link drag towards another pane.
        pos = event.position().toPoint()
        if (self._press_claim and event.buttons() & Qt.MouseButton.LeftButton
                and not self.viewport().rect().contains(pos)):
            claim_id, self._press_claim = self._press_claim, None
            self.clear_selection()
            self._start_drag(claim_id)
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        pos = event.position().toPoint()
        moved = self._press_pos is not None and (
            (pos - self._press_pos).manhattanLength() >= QApplication.startDragDistance())
        if self._press_claim and not moved and not self.textCursor().hasSelection():
            self.claimClicked.emit(self._press_claim)
        self._press_claim = self._press_pos = None

    def _start_drag(self, claim_id: str) -> None:
        mime = QMimeData()
        mime.setData(CLAIM_MIME, claim_id.encode())
        drag = QDrag(self)
        drag.setMimeData(mime)
        drag.exec(Qt.DropAction.LinkAction)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(CLAIM_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        pos = event.position().toPoint()
        if event.mimeData().hasFormat(CLAIM_MIME) and self.claim_at(pos):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        if not event.mimeData().hasFormat(CLAIM_MIME):
            event.ignore()
            return
        source = bytes(event.mimeData().data(CLAIM_MIME).data()).decode()
        target = self.claim_at(event.position().toPoint())
        if target:
            event.acceptProposedAction()
            global_pos = self.viewport().mapToGlobal(event.position().toPoint())
            self.claimDropped.emit(source, target, global_pos)
        else:
            event.ignore()
