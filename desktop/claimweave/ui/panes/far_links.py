"""Markers for links between panes that are not neighbours (pane 1 to pane 3 or 4).

A band can only join two neighbouring panes without crossing the text between them, so a
link that skips a pane is drawn as a marker instead: a small tab at the pane's edge, on the
side of its partner, beside the claim, in the partner pane's colour and with its number.
Each gutter draws the markers of the two panes it touches (the left pane's on its left
edge, pointing right; the right pane's on its right edge, pointing left), so with four
panes every marker stays next to its claim and none crosses another pane. A click on a
marker shows both claims (the partner pane scrolls to its claim).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen

from ...core.model import Claim, Link
from .visible_text import VisibleWindow

if TYPE_CHECKING:
    from .pane import DocumentPane

MARKER_WIDTH = 14.0
MARKER_MIN_HEIGHT = 14.0
# One colour per pane position; shown in each pane's header and on the markers pointing to it.
PANE_COLORS = ("#3465a4", "#c17d11", "#75507b", "#06989a")


def pane_color(position: int) -> str:
    return PANE_COLORS[position % len(PANE_COLORS)]


@dataclass(frozen=True, slots=True)
class FarMarker:
    """One marker, in the gutter's coordinates."""

    link_id: str
    claim: str  # the claim beside the marker
    partner: str  # the linked claim in the far pane
    partner_position: int  # 0-based position of the partner's pane
    relation: str
    color: str  # the relation's colour (the outline)
    side: str  # "left" (the gutter's left edge, for its left pane) or "right"
    top: float
    bottom: float
    lane: int = 0  # markers of claims close together stand side by side, not on top

    @property
    def partner_color(self) -> str:
        return pane_color(self.partner_position)

    def rect(self, width: float) -> QRectF:
        height = max(self.bottom - self.top, MARKER_MIN_HEIGHT)
        top = (self.top + self.bottom - height) / 2
        step = (MARKER_WIDTH + 2) * self.lane
        x = step if self.side == "left" else width - MARKER_WIDTH - step
        return QRectF(x, top, MARKER_WIDTH, height)

    def tooltip(self, title: str) -> str:
        return (f"{self.relation}: linked to a claim in pane {self.partner_position + 1}"
                f" ({title}); click to show it")


def _in_view(claim: Claim, window: VisibleWindow, height: float) -> tuple[float, float] | None:
    if not (claim.start < window.end and claim.end > window.start):
        return None
    top, bottom = window.extent(claim.start, claim.end)
    if top == bottom and (top <= 0 or top >= height):
        return None
    return top, bottom


def far_markers(links: list[Link], colors: dict[str, str], pane: DocumentPane,
                far: list[tuple[int, DocumentPane]], side: str, y_offset: float,
                height: float) -> list[FarMarker]:
    """Markers beside the claims of *pane* that are linked to claims of the *far* panes
    ((position, pane) pairs); only claims in view get one."""
    if pane.document_id is None or not far:
        return []
    index = pane.view.index
    window = pane.view.visible_window()
    out = []
    for link in links:
        for own_id, other_id in ((link.source, link.target), (link.target, link.source)):
            own = index.get(own_id)
            if own is None:
                continue
            position = next((pos for pos, p in far
                             if p.document_id and other_id in p.view.index), None)
            if position is None:
                continue
            extent = _in_view(own, window, height)
            if extent is not None:
                out.append(FarMarker(link.id, own_id, other_id, position, link.relation,
                                     colors.get(link.relation_type_id, "#8a8f98"), side,
                                     extent[0] + y_offset, extent[1] + y_offset))
            break
    return stacked(out)


def stacked(markers: list[FarMarker], lanes: int = 3) -> list[FarMarker]:
    """Give markers that would overlap their own lane, from the edge inwards."""
    out, ends = [], [float("-inf")] * lanes
    for marker in sorted(markers, key=lambda m: m.top):
        rect = marker.rect(0.0)
        lane = next((i for i, end in enumerate(ends) if end <= rect.top()), lanes - 1)
        ends[lane] = rect.bottom() + 1
        out.append(replace(marker, lane=lane))
    return out


def paint_markers(painter: QPainter, markers: list[FarMarker], width: float) -> None:
    """Tabs with a pointed end towards the partner and the partner pane's number."""
    font = painter.font()
    font.setBold(True)
    font.setPixelSize(10)
    painter.setFont(font)
    for marker in markers:
        rect = marker.rect(width)
        tip = 4.0
        path = QPainterPath()
        if marker.side == "left":  # points right
            path.moveTo(rect.topLeft())
            path.lineTo(QPointF(rect.right() - tip, rect.top()))
            path.lineTo(QPointF(rect.right(), rect.center().y()))
            path.lineTo(QPointF(rect.right() - tip, rect.bottom()))
            path.lineTo(rect.bottomLeft())
        else:
            path.moveTo(rect.topRight())
            path.lineTo(QPointF(rect.left() + tip, rect.top()))
            path.lineTo(QPointF(rect.left(), rect.center().y()))
            path.lineTo(QPointF(rect.left() + tip, rect.bottom()))
            path.lineTo(rect.bottomRight())
        path.closeSubpath()
        painter.fillPath(path, QColor(marker.partner_color))
        painter.strokePath(path, QPen(QColor(marker.color), 2.0))
        painter.setPen(QColor("white"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(marker.partner_position + 1))
