"""A painted chart: one paint routine serves the screen, the PNG (grab) and the SVG.

Painting by hand (rather than with table or plot widgets) keeps long source titles and
proposition names readable, and lets QSvgGenerator record exactly what is on screen.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QScrollArea, QToolTip, QWidget

from .export import check_suffix


class Canvas(QWidget):
    """Subclasses implement :meth:`content_size`, :meth:`paint_content` and :meth:`tip_at`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(self.backgroundRole(), QColor("#ffffff"))
        self.setPalette(palette)

    # -- for subclasses
    def content_size(self) -> QSize:
        raise NotImplementedError

    def paint_content(self, painter: QPainter) -> None:
        raise NotImplementedError

    def tip_at(self, pos: QPoint) -> str | None:
        return None

    # -- shared
    def relayout(self) -> None:
        self.setFixedSize(self.content_size())
        self.update()

    def sizeHint(self) -> QSize:
        return self.content_size()

    def paintEvent(self, event: object) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self.paint_content(painter)
        painter.end()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tip = self.tip_at(event.pos())
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def export(self, path: Path | str) -> Path:
        """Write the whole chart (not just the visible part) as PNG or SVG."""
        path = Path(path)
        kind = check_suffix(path)
        if kind == "png":
            self.grab().save(str(path), "PNG")
            return path
        size = self.content_size()
        gen = QSvgGenerator()
        gen.setFileName(str(path))
        gen.setSize(size)
        gen.setViewBox(QRectF(0, 0, size.width(), size.height()))
        gen.setTitle(self.windowTitle() or "ClaimWeave chart")
        painter = QPainter(gen)
        painter.fillRect(QRectF(0, 0, size.width(), size.height()), QColor("#ffffff"))
        self.paint_content(painter)
        painter.end()
        return path


def scrolling(canvas: Canvas) -> QScrollArea:
    """The canvas in a scroll area, as big charts outgrow the window."""
    area = QScrollArea()
    area.setWidget(canvas)
    area.setWidgetResizable(False)
    area.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    area.setStyleSheet("QScrollArea { background: #ffffff; border: none; }")
    return area


def font(base: QFont, *, size_delta: float = 0, bold: bool = False) -> QFont:
    f = QFont(base)
    if size_delta:
        f.setPointSizeF(max(6.0, f.pointSizeF() + size_delta))
    f.setBold(bold)
    return f


def elide(text: str, metrics: QFontMetrics, width: int) -> str:
    return metrics.elidedText(" ".join(text.split()), Qt.TextElideMode.ElideRight, width)


def wrap_lines(text: str, metrics: QFontMetrics, width: int, max_lines: int) -> list[str]:
    """Greedy word wrap to *width* pixels, the last line elided when the text is longer."""
    words, lines, line = " ".join(text.split()).split(" "), [], ""
    for i, word in enumerate(words):
        trial = f"{line} {word}".strip()
        if metrics.horizontalAdvance(trial) <= width or not line:
            line = trial
            continue
        lines.append(line)
        line = word
        if len(lines) == max_lines - 1:
            line = " ".join(words[i:])
            break
    lines.append(elide(line, metrics, width))
    return lines[:max_lines]
