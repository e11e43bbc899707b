"""A wrapping rich-text label in a scroll area whose height always ends on a whole line.

A fixed height in font-metric lines clips a line in half as soon as one line is taller than
the metrics say (bold, italics, a fallback font for typographic quotes): the Suggestions
details box did, at every window size. This area lays the label's text out the way the
label does and takes the height of the text, or of as many whole lines as fit under a cap
(the rest scrolls), so the dock's table keeps its room on a short screen.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent, QTextDocument
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QWidget

MARGIN = 4  # left viewport margin (margins on a wrapping label spoil its height)


def line_bottoms(label: QLabel, width: int) -> list[float]:
    """Where each laid-out line of *label*'s text ends, from the top, at *width* pixels."""
    doc = QTextDocument()
    doc.setDefaultFont(label.font())
    doc.setDocumentMargin(0)  # as QLabel lays its rich text out
    doc.setHtml(label.text())
    doc.setTextWidth(width)
    bottoms: list[float] = []
    block = doc.begin()
    while block.isValid():
        top = doc.documentLayout().blockBoundingRect(block).top()
        layout = block.layout()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            bottoms.append(top + line.y() + line.height())
        block = block.next()
    return bottoms


class DetailsArea(QScrollArea):
    """*label* scrolled vertically, at most *lines* lines of its font tall, whole lines;
    a short dock may give it as few as *least* lines."""

    def __init__(self, label: QLabel, lines: int = 6, parent: QWidget | None = None, *,
                 least: int = 3) -> None:
        super().__init__(parent)
        self.label = label
        self.lines = lines
        self.least = least
        label.setWordWrap(True)
        self.setWidget(label)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setViewportMargins(MARGIN, 0, 0, 0)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the label's text is selectable still
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verticalScrollBar().setSingleStep(label.fontMetrics().lineSpacing())
        self._laid: dict[tuple[str, str, int], list[float]] = {}  # the last text's layouts
        self.fit()

    def cap(self) -> int:
        return self.label.fontMetrics().lineSpacing() * self.lines

    def fit(self) -> None:
        """Ask for the height of the whole text, or of the whole lines under the cap; a
        short dock may give less (down to :attr:`least` lines), and :meth:`_trim` hides a
        cut line."""
        bottoms = self._bottoms()
        fitting = [b for b in bottoms if b <= self.cap()] or bottoms[:1]
        one = self.label.fontMetrics().lineSpacing()
        least = bottoms[:self.least]
        self.setMinimumHeight(int((least[-1] if least else one) + 0.999))
        self.setMaximumHeight(int((fitting[-1] if fitting else one) + 0.999))
        self.updateGeometry()
        self._trim()

    def _bottoms(self) -> list[float]:
        if not self.label.text():
            return []
        width = max(1, self.width() - MARGIN)
        bottoms = self._laid_out(width)
        if bottoms[-1] > min(self.height(), self.cap()):  # it scrolls: the bar takes width
            bottoms = self._laid_out(max(1, width - self.bar_width()))
        return bottoms

    def _laid_out(self, width: int) -> list[float]:
        """:func:`line_bottoms`, laid out once per text, font and width: the dock's every
        resize (a splitter drag) asks again, and most ask at a width already laid out."""
        key = (self.label.text(), self.label.font().key(), width)
        if key not in self._laid:
            if any(k[:2] != key[:2] for k in self._laid):
                self._laid.clear()  # a new text or font: the old layouts are of no use
            self._laid[key] = line_bottoms(self.label, width)
        return self._laid[key]

    def bar_width(self) -> int:
        return self.verticalScrollBar().sizeHint().width()

    def _trim(self) -> None:
        """End the visible part on a whole line: a bottom margin hides a line cut in half."""
        fitting = [b for b in self._bottoms() if b <= self.height()]
        shown = int(fitting[-1] + 0.999) if fitting else self.height()
        self.setViewportMargins(MARGIN, 0, 0, max(0, self.height() - shown))

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.maximumHeight())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit()  # a narrower dock wraps the text onto more lines
        else:
            self._trim()

    def set_text(self, html: str) -> None:
        self.label.setText(html)
        self.fit()
