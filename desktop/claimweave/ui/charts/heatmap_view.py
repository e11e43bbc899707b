"""Source x source: agreement (green) against clashes (red) for every pair of sources."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QMouseEvent, QPainter
from PySide6.QtWidgets import QWidget

from ...analysis.palette import MUTED, TEXT, net_color, source_color
from ...analysis.sources import SourcePairs
from .canvas import Canvas, font, wrap_lines

CELL, PAD, HEAD_H, NOTE_H, LABEL_MAX = 96, 16, 40, 48, 360
ROW_LINES = 4  # a row's title wraps within its cell height instead of being cut


class HeatmapCanvas(Canvas):
    pairActivated = Signal(int, int)  # row, column of the clicked pair

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Sources: agreement and clashes")
        self.pairs = SourcePairs((), (), ())
        self.relayout()

    def set_data(self, pairs: SourcePairs) -> None:
        self.pairs = pairs
        self.relayout()

    def _labels(self) -> list[str]:
        return [f"{i + 1}. {s.title}" for i, s in enumerate(self.pairs.sources)]

    def _label_width(self) -> int:
        metrics = QFontMetrics(self.font())
        widest = max((metrics.horizontalAdvance(t) for t in self._labels()), default=0)
        return min(widest + 16, LABEL_MAX)

    def header(self, j: int) -> str:
        """A column is headed by its source's number: the rows carry the titles in full
        (a 96-pixel column cut every title to a few words)."""
        return str(j + 1)

    def row_lines(self, i: int) -> list[str]:
        """The row's numbered title, wrapped to the label column."""
        return wrap_lines(self._labels()[i], QFontMetrics(self.font()),
                          self._label_width() - 16, ROW_LINES)

    def content_size(self) -> QSize:
        n = len(self.pairs.sources)
        if not n:
            return QSize(480, 120)
        return QSize(max(PAD * 2 + self._label_width() + n * CELL, 560),
                     PAD + HEAD_H + n * CELL + NOTE_H)

    def hit(self, pos: QPoint) -> tuple[int, int] | None:
        n = len(self.pairs.sources)
        x0, y0 = PAD + self._label_width(), PAD + HEAD_H
        if pos.x() < x0 or pos.y() < y0:
            return None
        i, j = (pos.y() - y0) // CELL, (pos.x() - x0) // CELL
        return (i, j) if i < n and j < n else None

    def paint_content(self, p: QPainter) -> None:
        base = self.font()
        n = len(self.pairs.sources)
        if not n:
            p.setPen(QColor(MUTED))
            p.drawText(QRect(0, 0, 480, 120), Qt.AlignmentFlag.AlignCenter, "No sources yet.")
            return
        label_w = self._label_width()
        x0, y0 = PAD + label_w, PAD + HEAD_H
        bold = font(base, bold=True)
        metrics = QFontMetrics(bold)
        scale = max((abs(self.pairs.net(i, j)) for i in range(n) for j in range(n) if i != j),
                    default=0)
        for j in range(n):
            x = x0 + j * CELL
            p.fillRect(QRect(x + 3, PAD, CELL - 6, 4), QColor(source_color(j)))
            p.setFont(bold)
            p.setPen(QColor(TEXT))
            p.drawText(QRect(x + 4, PAD + 8, CELL - 8, metrics.height()),
                       Qt.AlignmentFlag.AlignHCenter, self.header(j))
        for i in range(n):
            y = y0 + i * CELL
            p.setFont(base)
            p.setPen(QColor(TEXT))
            p.fillRect(QRect(PAD, y + 3, 4, CELL - 6), QColor(source_color(i)))
            p.drawText(QRect(PAD + 10, y, label_w - 16, CELL),
                       Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                       "\n".join(self.row_lines(i)))
            for j in range(n):
                self._paint_cell(p, QRect(x0 + j * CELL, y, CELL, CELL), i, j, scale)
        p.setFont(font(base, size_delta=-1))
        p.setPen(QColor(MUTED))
        p.drawText(QRect(PAD, y0 + n * CELL + 8, self.content_size().width() - 2 * PAD,
                         NOTE_H - 8), Qt.TextFlag.TextWordWrap,
                   "Counts are propositions: agree = both support it; clash = each supports an "
                   "opposing side. The diagonal counts what a source supports.")

    def _paint_cell(self, p: QPainter, rect: QRect, i: int, j: int, scale: int) -> None:
        inner = rect.adjusted(2, 2, -2, -2)
        agree, clash = self.pairs.agree[i][j], self.pairs.contradict[i][j]
        diagonal = i == j
        p.fillRect(inner, QColor("#e4e7eb" if diagonal else net_color(agree - clash, scale)))
        p.setPen(QColor(MUTED if diagonal else TEXT))
        p.setFont(font(self.font(), bold=not diagonal))
        text = f"{agree} props" if diagonal else f"{agree} agree\n{clash} clash"
        p.drawText(inner, Qt.AlignmentFlag.AlignCenter, text)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        found = self.hit(event.position().toPoint())
        if found:
            self.pairActivated.emit(*found)
        super().mousePressEvent(event)

    def tip_at(self, pos: QPoint) -> str | None:
        found = self.hit(pos)
        if not found:
            return None
        i, j = found
        a, b = self.pairs.sources[i].title, self.pairs.sources[j].title
        if i == j:
            return f"{a}\nsupports {self.pairs.agree[i][i]} propositions"
        return (f"{a}\n{b}\nagree on {self.pairs.agree[i][j]}, "
                f"clash on {self.pairs.contradict[i][j]}")
