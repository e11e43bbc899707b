"""The gutter between two panes where links are drawn as curved bands.

Like the connectors of a side-by-side diff tool, each band runs from a claim's vertical
extent in the left pane to its partner's extent in the right pane, as a filled shape whose
edges are cubic Bézier curves. Geometry is computed from the panes' visible windows at paint
time, so bands follow scrolling and resizing for free; :meth:`LinkBands.bands` returns the
same data for tests and hit-testing. A claim scrolled out of view pins its end of the band to
the pane's edge; a link with neither claim in view is not drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ...core.model import Claim, Link
from .far_links import FarMarker, far_markers, paint_markers
from .pane import DocumentPane
from .visible_text import VisibleWindow

WIDTH = 56
BAND_ALPHA = 90
CURRENT_ALPHA = 170
MIN_THICKNESS = 2.0


@dataclass(frozen=True, slots=True)
class Band:
    """One drawn link, in this widget's coordinates."""

    link_id: str
    left_claim: str
    right_claim: str
    relation: str
    color: str
    left: tuple[float, float]  # (top, bottom) on the left edge
    right: tuple[float, float]  # (top, bottom) on the right edge
    current: bool

    def path(self, width: float) -> QPainterPath:
        (lt, lb), (rt, rb) = self.left, self.right
        mid = width / 2
        p = QPainterPath(QPointF(0, lt))
        p.cubicTo(QPointF(mid, lt), QPointF(mid, rt), QPointF(width, rt))
        p.lineTo(QPointF(width, rb))
        p.cubicTo(QPointF(mid, rb), QPointF(mid, lb), QPointF(0, lb))
        p.closeSubpath()
        return p


class LinkBands(QWidget):
    """Draws the links between the claims of the pane on its left and the pane on its right."""

    bandClicked = Signal(str, str)  # left claim id, right claim id

    def __init__(self, left: DocumentPane, right: DocumentPane,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.left_pane = left
        self.right_pane = right
        self.links: list[Link] = []  # every link of the project; the container keeps it fresh
        self.colors: dict[str, str] = {}  # relation type id -> colour
        self.current_claim: str | None = None
        self._pairs_key: tuple[object, ...] = ()
        self._pairs_cache: list[tuple[Link, Claim, Claim]] = []
        # Panes beyond the left / right pane as (position, pane): links from this gutter's
        # panes to them are drawn as edge markers (see far_links.py).
        self.far_left: list[tuple[int, DocumentPane]] = []
        self.far_right: list[tuple[int, DocumentPane]] = []
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setMinimumWidth(WIDTH)
        self.setMaximumWidth(WIDTH)
        self.setToolTip("Links between the two documents; click a band to select both claims")
        for pane in (left, right):
            pane.viewChanged.connect(self.update)
            pane.documentChanged.connect(self.update)

    def sizeHint(self) -> QSize:
        return QSize(WIDTH, 100)

    def set_links(self, links: list[Link], colors: dict[str, str]) -> None:
        self.links = links
        self.colors = colors
        self.update()

    def set_far_panes(self, far_left: list[tuple[int, DocumentPane]],
                      far_right: list[tuple[int, DocumentPane]]) -> None:
        for _pos, pane in far_left + far_right:
            pane.viewChanged.connect(self.update, Qt.ConnectionType.UniqueConnection)
        self.far_left, self.far_right = far_left, far_right
        self.update()

    def markers(self) -> list[FarMarker]:
        """Edge markers of links that skip a pane, in this widget's coordinates."""
        left_y, left_h = self._edge(self.left_pane)
        right_y, right_h = self._edge(self.right_pane)
        return (far_markers(self.links, self.colors, self.left_pane, self.far_right, "left",
                            left_y, left_h)
                + far_markers(self.links, self.colors, self.right_pane, self.far_left, "right",
                              right_y, right_h))

    def marker_at(self, pos: QPointF) -> FarMarker | None:
        width = float(self.width())
        return next((m for m in self.markers() if m.rect(width).contains(pos)), None)

    def set_current_claim(self, claim_id: str | None) -> None:
        self.current_claim = claim_id
        self.update()

    def _edge(self, pane: DocumentPane) -> tuple[float, float]:
        """Vertical offset and height of a pane's text viewport in this widget."""
        viewport = pane.view.viewport()
        top = viewport.mapTo(self.window(), viewport.rect().topLeft()).y()
        return float(top - self.mapTo(self.window(), self.rect().topLeft()).y()), viewport.height()

    def bands(self) -> list[Band]:
        """The bands as drawn now: endpoints per link, in this widget's coordinates."""
        left, right = self.left_pane, self.right_pane
        pairs = self._pairs()
        if not pairs:
            return []
        left_window, right_window = left.view.visible_window(), right.view.visible_window()
        (left_y, left_h), (right_y, right_h) = self._edge(left), self._edge(right)
        out = []
        for link, a, b in pairs:
            if not (_in_window(a, left_window) or _in_window(b, right_window)):
                continue  # cheap test first: most links of a long document are out of view
            la = left_window.extent(a.start, a.end)
            rb = right_window.extent(b.start, b.end)
            if _off_view(la, left_h) and _off_view(rb, right_h):
                continue  # neither end in view: drawing it would only clutter the gutter
            out.append(Band(
                link.id, a.id, b.id, link.relation,
                self.colors.get(link.relation_type_id, "#8a8f98"),
                (la[0] + left_y, la[1] + left_y), (rb[0] + right_y, rb[1] + right_y),
                self.current_claim in (a.id, b.id)))
        return out

    def _pairs(self) -> list[tuple[Link, Claim, Claim]]:
        """Links between the two documents as (link, left claim, right claim), cached until
        the links or either pane's claims change."""
        left, right = self.left_pane.view.index, self.right_pane.view.index
        key = (id(self.links), left.version, right.version,
               self.left_pane.document_id, self.right_pane.document_id)
        if key != self._pairs_key:
            pairs = []
            if None not in key[3:]:
                for link in self.links:
                    a, b = left.get(link.source), right.get(link.target)
                    if a is None or b is None:
                        a, b = left.get(link.target), right.get(link.source)
                    if a is not None and b is not None:
                        pairs.append((link, a, b))
            self._pairs_key, self._pairs_cache = key, pairs
        return self._pairs_cache

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        left_y, left_h = self._edge(self.left_pane)
        painter.setClipRect(0, int(left_y), self.width(), int(left_h))
        painter.fillRect(self.rect(), self.palette().window())
        width = float(self.width())
        bands = sorted(self.bands(), key=lambda b: b.current)  # the current one on top
        for band in bands:
            color = QColor(band.color)
            band = _thickened(band)
            fill = QColor(color)
            fill.setAlpha(CURRENT_ALPHA if band.current else BAND_ALPHA)
            path = band.path(width)
            painter.fillPath(path, fill)
            painter.strokePath(path, QPen(color.darker(130), 2.0 if band.current else 1.0))
        if self.far_left or self.far_right:
            paint_markers(painter, self.markers(), width)
        painter.end()

    def band_at(self, pos: QPointF) -> Band | None:
        width = float(self.width())
        hits = [b for b in self.bands() if _thickened(b).path(width).contains(pos)]
        return min(hits, key=lambda b: abs(b.left[1] - b.left[0]), default=None)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and (self.far_left or self.far_right):
            help_event: QHelpEvent = event  # type: ignore[assignment]
            marker = self.marker_at(QPointF(help_event.pos()))
            if marker is not None:
                panes = dict(self.far_left + self.far_right)
                title = panes[marker.partner_position].chooser.currentText()
                QToolTip.showText(help_event.globalPos(), marker.tooltip(title), self)
                return True
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        marker = self.marker_at(event.position()) if (self.far_left or self.far_right) else None
        if marker is not None and event.button() == Qt.MouseButton.LeftButton:
            self.bandClicked.emit(marker.claim, marker.partner)
            event.accept()
            return
        band = self.band_at(event.position())
        if band is not None and event.button() == Qt.MouseButton.LeftButton:
            self.bandClicked.emit(band.left_claim, band.right_claim)
            event.accept()
            return
        super().mousePressEvent(event)


def _in_window(claim: Claim | None, window: VisibleWindow) -> bool:
    return claim is not None and claim.start < window.end and claim.end > window.start


def _off_view(extent: tuple[float, float], height: float) -> bool:
    """Whether an extent collapsed onto an edge of its pane (its claim is scrolled away)."""
    top, bottom = extent
    return top == bottom and (top <= 0 or top >= height)


def _thickened(band: Band) -> Band:
    """A band whose ends are at least MIN_THICKNESS tall, so clipped bands stay visible."""

    def grow(extent: tuple[float, float]) -> tuple[float, float]:
        top, bottom = extent
        if bottom - top >= MIN_THICKNESS:
            return extent
        mid = (top + bottom) / 2
        return mid - MIN_THICKNESS / 2, mid + MIN_THICKNESS / 2

    return Band(band.link_id, band.left_claim, band.right_claim, band.relation, band.color,
                grow(band.left), grow(band.right), band.current)
