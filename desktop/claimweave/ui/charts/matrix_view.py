"""The comparison matrix: propositions x sources, green supports, red contradicts, grey silent.

Clicking a cell shows its claims (session.activate_claims); double-clicking a proposition
names it (stored in the project, undoable).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QWidget

from ...analysis.comparison import Cell, Matrix
from ...analysis.independence import Independence, count_text
from ...analysis.palette import (
    GRID,
    MUTED,
    STANCE_COLORS,
    STANCE_LABELS,
    STANCE_TEXT,
    TEXT,
    source_color,
)
from .canvas import Canvas, elide, font, wrap_lines

LABEL_W, COL_W, ROW_H, HEAD_H, PAD, LEGEND_H = 380, 124, 46, 78, 14, 44
IND_W = 240  # the last column: "3 sources, 2 independent", what collapsed on hover


class MatrixCanvas(Canvas):
    cellActivated = Signal(list)  # [claim ids] of the clicked cell
    renameRequested = Signal(object)  # the Proposition whose label was double-clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Comparison matrix")
        self.matrix = Matrix((), (), ())
        self.quotes: dict[str, str] = {}
        self.relayout()

    def set_data(self, matrix: Matrix, quotes: dict[str, str]) -> None:
        """*quotes*: claim id -> quote, for the cells' tooltips."""
        self.matrix, self.quotes = matrix, quotes
        self.relayout()

    # -- geometry
    def content_size(self) -> QSize:
        rows, cols = len(self.matrix.propositions), len(self.matrix.sources)
        if not rows:
            return QSize(560, 120)
        return QSize(PAD * 2 + LABEL_W + cols * COL_W + IND_W,
                     PAD + HEAD_H + rows * ROW_H + LEGEND_H)

    def cell_rect(self, row: int, col: int) -> QRect:
        return QRect(PAD + LABEL_W + col * COL_W, PAD + HEAD_H + row * ROW_H, COL_W, ROW_H)

    def hit(self, pos: QPoint) -> tuple[int, int | None] | None:
        """(row, column) under *pos*; column None on a proposition's label."""
        row = (pos.y() - PAD - HEAD_H) // ROW_H
        if pos.y() < PAD + HEAD_H or not 0 <= row < len(self.matrix.propositions):
            return None
        x = pos.x() - PAD - LABEL_W
        if x < 0:
            return (row, None) if pos.x() >= PAD else None
        col = x // COL_W
        if col >= len(self.matrix.sources) and x < len(self.matrix.sources) * COL_W + IND_W:
            return row, len(self.matrix.sources)  # the independence column
        return (row, col) if col < len(self.matrix.sources) else None

    # -- painting
    def paint_content(self, p: QPainter) -> None:
        base = self.font()
        if not self.matrix.propositions:
            p.setPen(QColor(MUTED))
            p.setFont(font(base, size_delta=1))
            p.drawText(QRect(0, 0, 560, 120), Qt.AlignmentFlag.AlignCenter,
                       "No propositions yet: link claims as agreeing or contradicting.")
            return
        self._paint_header(p, base)
        names = {q.key: q.name for q in self.matrix.propositions}
        for r, (prop, cells) in enumerate(zip(self.matrix.propositions, self.matrix.cells,
                                              strict=True)):
            top = PAD + HEAD_H + r * ROW_H
            if r % 2:
                p.fillRect(QRect(PAD, top, LABEL_W, ROW_H), QColor("#f6f7f9"))
            self._paint_label(p, base, top, prop.name, [names[k] for k in prop.opposes])
            for c, cell in enumerate(cells):
                self._paint_cell(p, base, self.cell_rect(r, c), cell)
            self._paint_independence(p, base, self.cell_rect(r, len(cells)), prop.key)
        self._paint_legend(p, base, PAD + HEAD_H + len(self.matrix.propositions) * ROW_H + 14)

    def _paint_header(self, p: QPainter, base: QFont) -> None:
        bold = font(base, bold=True)
        small = font(base, size_delta=-1)
        p.setFont(bold)
        p.setPen(QColor(TEXT))
        p.drawText(QRect(PAD, PAD, LABEL_W, HEAD_H - 8),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, "Proposition")
        metrics = QFontMetrics(bold)
        p.drawText(QRect(PAD + LABEL_W + len(self.matrix.sources) * COL_W + 10, PAD, IND_W - 14,
                         HEAD_H - 8), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                   "Independent\n(hover: why)")
        for c, source in enumerate(self.matrix.sources):
            x = PAD + LABEL_W + c * COL_W
            p.fillRect(QRect(x + 3, PAD, COL_W - 6, 4), QColor(source_color(c)))
            p.setFont(bold)
            p.setPen(QColor(TEXT))
            for i, line in enumerate(wrap_lines(source.title, metrics, COL_W - 10, 3)):
                p.drawText(QRect(x + 5, PAD + 8 + i * metrics.height(), COL_W - 10,
                                 metrics.height()), Qt.AlignmentFlag.AlignHCenter, line)
            p.setFont(small)
            p.setPen(QColor(MUTED))
            p.drawText(QRect(x, PAD + HEAD_H - 20, COL_W, 16), Qt.AlignmentFlag.AlignHCenter,
                       source.published or "undated")

    def _paint_label(self, p: QPainter, base: QFont, top: int, name: str,
                     opponents: list[str]) -> None:
        normal, small = font(base), font(base, size_delta=-1)
        width = LABEL_W - 16
        p.setFont(normal)
        p.setPen(QColor(TEXT))
        first = QRect(PAD + 8, top + (5 if opponents else 0), width,
                      ROW_H // 2 if opponents else ROW_H)
        p.drawText(first, Qt.AlignmentFlag.AlignVCenter,
                   elide(name, QFontMetrics(normal), width))
        if opponents:
            p.setFont(small)
            p.setPen(QColor(STANCE_COLORS["contradicts"]))
            p.drawText(QRect(PAD + 8, top + ROW_H // 2, width, ROW_H // 2 - 4),
                       Qt.AlignmentFlag.AlignVCenter,
                       elide("vs. " + "; ".join(opponents), QFontMetrics(small), width))

    def _paint_cell(self, p: QPainter, base: QFont, rect: QRect, cell: Cell) -> None:
        inner = rect.adjusted(3, 3, -3, -3)
        p.setPen(QPen(QColor(GRID), 1) if cell.stance == "silent" else Qt.PenStyle.NoPen)
        p.setBrush(QColor(STANCE_COLORS[cell.stance]))
        p.drawRoundedRect(inner, 4, 4)
        if cell.count:
            p.setFont(font(base, bold=True))
            p.setPen(QColor(STANCE_TEXT[cell.stance]))
            p.drawText(inner, Qt.AlignmentFlag.AlignCenter,
                       f"{STANCE_LABELS[cell.stance]} {cell.count}")

    def _paint_independence(self, p: QPainter, base: QFont, rect: QRect, key: str) -> None:
        found = self.matrix.independence.get(key)
        if found is None:
            return
        area = QRect(rect.left() + 10, rect.top(), IND_W - 14, ROW_H)
        collapsed = found.supporting.independent < found.supporting.sources
        p.setFont(font(base, bold=collapsed))
        p.setPen(QColor(TEXT if collapsed else MUTED))
        lines = [count_text(found.supporting)]
        if found.contradicting.sources:
            lines.append("against: " + count_text(found.contradicting))
        p.drawText(area, Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap,
                   "\n".join(lines))

    def _paint_legend(self, p: QPainter, base: QFont, y: int) -> None:
        p.setFont(font(base, size_delta=-1))
        x = PAD + 8
        for stance, colour in STANCE_COLORS.items():
            p.setPen(QPen(QColor(GRID), 1))
            p.setBrush(QColor(colour))
            p.drawRoundedRect(QRect(x, y + 4, 14, 14), 3, 3)
            p.setPen(QColor(TEXT))
            label = STANCE_LABELS[stance]
            p.drawText(QRect(x + 20, y, 120, 22), Qt.AlignmentFlag.AlignVCenter, label)
            x += 30 + QFontMetrics(p.font()).horizontalAdvance(label)
        p.setPen(QColor(MUTED))
        p.drawText(QRect(x + 10, y, 2000, 22), Qt.AlignmentFlag.AlignVCenter,
                   "Click a cell to show its claims; double-click a proposition to name it.")

    # -- interaction
    def mousePressEvent(self, event: QMouseEvent) -> None:
        found = self.hit(event.position().toPoint())
        if found and found[1] is not None and found[1] < len(self.matrix.sources):
            cell = self.matrix.cells[found[0]][found[1]]
            if cell.claim_ids:
                self.cellActivated.emit(list(cell.claim_ids))
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        found = self.hit(event.position().toPoint())
        if found and found[1] is None:
            self.renameRequested.emit(self.matrix.propositions[found[0]])
        super().mouseDoubleClickEvent(event)

    def tip_at(self, pos: QPoint) -> str | None:
        found = self.hit(pos)
        if not found:
            return None
        row, col = found
        prop = self.matrix.propositions[row]
        if col is None:
            return f"{prop.name}\n({len(prop.claim_ids)} claims; double-click to name)"
        if col == len(self.matrix.sources):
            return independence_tip(self.matrix.independence.get(prop.key))
        cell = self.matrix.cells[row][col]
        head = f"{self.matrix.sources[col].title}: {STANCE_LABELS[cell.stance]}"
        quotes = [f"• {self.quotes.get(c, c)[:160]}" for c in cell.claim_ids[:6]]
        return "\n".join([head, *quotes])


def independence_tip(found: Independence | None) -> str | None:
    """What collapsed and why, for the independence column's tooltip."""
    if found is None:
        return None
    why = found.explanation() or "Every source counts: no copies, reprints or shared claimants."
    parts = [found.summary(), why]
    if found.first_appearance:
        parts.append(f"First appearance: {found.first_appearance[1]}")
    if found.claimants:
        parts.append("Claimants: " + "; ".join(found.claimants))
    return "\n".join(parts)
