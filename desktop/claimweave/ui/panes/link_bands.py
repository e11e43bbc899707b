"""The gutter between two panes where links are drawn as curved bands.

Like the connectors of a side-by-side diff tool, each band runs from a claim's vertical
extent in the left pane to its partner's extent in the right pane, as a filled shape whose
edges are cubic Bézier curves. Geometry is computed from the panes' visible windows at paint
time, so bands follow scrolling and resizing for free; :meth:`LinkBands.bands` returns the
same data for tests and hit-testing. A claim scrolled out of view pins its end of the band to
the pane's edge; a link with neither claim in view is not drawn.

A paint visits only the links of claims in view: each pane's claim index finds the claims
in its visible window, and the shared link index (link_index.py) gives their links, so the
cost follows what is on screen, not the project's links. The drawn image is kept for the
last few states of the gutter (scroll positions, claims, links, the current claim): a
repaint asked for by a far pane's scrolling, by an edit that moved nothing here, or after
scrolling back to where the panes were, copies the image instead of drawing again.

Filling is what costs (Qt's raster engine, measured: 0.45 ms for an antialiased
translucent band, 0.13 ms without antialiasing, and more for one path holding many
overlapping bands), and its cost follows the height a band spans: a band to a claim
scrolled out of view runs diagonally to the pane's edge and cost 0.21 ms, a level one
0.006 ms. So bands are filled without antialiasing (the outlines, one path per colour, are
stroked with it and hide the steps), and a band pinned to an edge (its partner out of view)
is drawn as an outline only, unless it is the current claim's: the filled bands are the
pairs the user can see.
"""

from __future__ import annotations

from collections import OrderedDict
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
    QPixmap,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ...core.model import Claim, Link
from .far_links import FarMarker, far_markers, paint_markers
from .link_index import LinkIndex
from .pane import DocumentPane
from .visible_text import VisibleWindow

WIDTH = 56
CACHED_STATES = 8  # images of recent states kept per gutter (56 x 900 px: 200 KB each)
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
    pinned: bool = False  # one end's claim is scrolled away: that end sits on an edge

    def path(self, width: float) -> QPainterPath:
        p = QPainterPath()
        self.add_to(p, width)
        return p

    def add_to(self, p: QPainterPath, width: float) -> None:
        """Add this band's outline to *p* as a closed subpath."""
        (lt, lb), (rt, rb) = self.left, self.right
        mid = width / 2
        p.moveTo(QPointF(0, lt))
        p.cubicTo(QPointF(mid, lt), QPointF(mid, rt), QPointF(width, rt))
        p.lineTo(QPointF(width, rb))
        p.cubicTo(QPointF(mid, rb), QPointF(mid, lb), QPointF(0, lb))
        p.closeSubpath()


class LinkBands(QWidget):
    """Draws the links between the claims of the pane on its left and the pane on its right."""

    bandClicked = Signal(str, str)  # left claim id, right claim id

    def __init__(self, left: DocumentPane, right: DocumentPane,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.left_pane = left
        self.right_pane = right
        self.links = LinkIndex()  # every link of the project; the container keeps it fresh
        self.colors: dict[str, str] = {}  # relation type id -> colour
        self.current_claim: str | None = None
        self._cache: OrderedDict[tuple[object, ...], QPixmap] = OrderedDict()
        self.renders = 0  # paints that drew rather than copied from the cache
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

    def set_links(self, links: LinkIndex, colors: dict[str, str]) -> None:
        """The project's links (shared with the container, which updates them; call
        ``update`` after it did) and the relation colours."""
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
        return (far_markers(self._links_in_view(self.left_pane), self.colors, self.left_pane,
                            self.far_right, "left", left_y, left_h)
                + far_markers(self._links_in_view(self.right_pane), self.colors,
                              self.right_pane, self.far_left, "right", right_y, right_h))

    def _links_in_view(self, pane: DocumentPane) -> list[Link]:
        """The links of the claims *pane* shows now, in the link list's order: the only ones
        that can get a marker (a marker sits beside a claim in view)."""
        if pane.document_id is None:
            return []
        window = pane.view.visible_window()
        return self.links.of_claims(
            c.id for c in pane.view.index.overlapping(window.start, window.end))

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
        if left.document_id is None or right.document_id is None or not self.links:
            return []
        left_window, right_window = left.view.visible_window(), right.view.visible_window()
        pairs = self._visible_pairs(left_window, right_window)
        if not pairs:
            return []
        (left_y, left_h), (right_y, right_h) = self._edge(left), self._edge(right)
        out = []
        for link, a, b in pairs:
            la = left_window.extent(a.start, a.end)
            rb = right_window.extent(b.start, b.end)
            left_away, right_away = _off_view(la, left_h), _off_view(rb, right_h)
            if left_away and right_away:
                continue  # neither end in view: drawing it would only clutter the gutter
            out.append(Band(
                link.id, a.id, b.id, link.relation,
                self.colors.get(link.relation_type_id, "#8a8f98"),
                (la[0] + left_y, la[1] + left_y), (rb[0] + right_y, rb[1] + right_y),
                self.current_claim in (a.id, b.id), left_away or right_away))
        return out

    def _visible_pairs(self, left_window: VisibleWindow, right_window: VisibleWindow
                       ) -> list[tuple[Link, Claim, Claim]]:
        """Links between the two documents with a claim in view, as (link, left claim,
        right claim), in the order of the links."""
        left, right = self.left_pane.view.index, self.right_pane.view.index
        shown = [c.id for index, window in ((left, left_window), (right, right_window))
                 for c in index.overlapping(window.start, window.end)]
        out = []
        for link in self.links.of_claims(shown):
            a, b = left.get(link.source), right.get(link.target)
            if a is None or b is None:
                a, b = left.get(link.target), right.get(link.source)
            if a is not None and b is not None:
                out.append((link, a, b))
        return out

    def _state(self) -> tuple[object, ...]:
        """Everything a paint of this gutter depends on: equal states draw equal pixels.

        The two panes' documents, claims, scroll positions, layout and place; the far
        panes' documents and claims only (a marker sits beside a claim of a near pane, so
        scrolling a far pane changes no pixel here, though it asks for a repaint)."""
        def near(pane: DocumentPane) -> tuple[object, ...]:
            view = pane.view
            return (pane.document_id, view.index.version, view.verticalScrollBar().value(),
                    view.horizontalScrollBar().value(), view.contentOffset().y(),
                    view.viewport().size().toTuple(), view.font().key(),
                    view.document().revision(),
                    view.document().documentLayout().documentSize().toTuple(),
                    self._edge(pane))

        far = tuple((pos, p.document_id, p.view.index.version)
                    for pos, p in self.far_left + self.far_right)
        return (near(self.left_pane), near(self.right_pane), far, self.links.version,
                id(self.colors), self.current_claim, self.size().toTuple(),
                self.devicePixelRatioF(), self.palette().window().color().rgba(),
                self.font().key())

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw from the cache of recent states (scrolling back, a far pane scrolled, an
        edit that moved nothing here), or render and keep the image."""
        key = self._state()
        image = self._cache.get(key)
        if image is None:
            ratio = self.devicePixelRatioF()
            image = QPixmap(self.size() * ratio)
            image.setDevicePixelRatio(ratio)
            image.fill(Qt.GlobalColor.transparent)
            painter = QPainter(image)
            self._render(painter)
            painter.end()
            self.renders += 1
            self._cache[key] = image
            while len(self._cache) > CACHED_STATES:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(key)
        painter = QPainter(self)
        painter.drawPixmap(0, 0, image)
        painter.end()

    def _render(self, painter: QPainter) -> None:
        painter.setFont(self.font())  # the widget's, as a painter on the widget would take
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        left_y, left_h = self._edge(self.left_pane)
        painter.setClipRect(0, int(left_y), self.width(), int(left_h))
        painter.fillRect(self.rect(), self.palette().window())
        width = float(self.width())
        outlines: dict[tuple[bool, str], QPainterPath] = {}  # per colour, the current apart
        fills: dict[tuple[bool, str], QColor] = {}
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for band in sorted(self.bands(), key=lambda b: b.current):  # the current one on top
            key = (band.current, band.color)
            if key not in fills:
                fills[key] = QColor(band.color)
                fills[key].setAlpha(CURRENT_ALPHA if band.current else BAND_ALPHA)
                outlines[key] = QPainterPath()
            path = _thickened(band).path(width)
            if not band.pinned or band.current:
                painter.fillPath(path, fills[key])
            outlines[key].addPath(path)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for (current, name), path in sorted(outlines.items()):
            painter.strokePath(path, QPen(QColor(name).darker(130), 2.0 if current else 1.0))
        if self.far_left or self.far_right:
            paint_markers(painter, self.markers(), width)

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
                grow(band.left), grow(band.right), band.current, band.pinned)
