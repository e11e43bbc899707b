"""A focus ring that is always visible: two pixels in the theme's focus colour along the
edge of the control that has the keyboard focus, in every window and dialog.

Fusion marks focus with a faint tint or a one-pixel frame (hard to see on a tab, a tool
button or a pane of text), and a style sheet that draws borders turns native painting off
for the controls it styles. A QFocusFrame follows its widget as it moves or resizes, and
scrolls and docks with it; told (by a proxy style of its own) to sit above the widget with
no margin, it lies over the widget's outer two pixels, so a control that fills its parent
(a pane, a table in a dock) still shows all four sides. It is masked to the ring: the
control underneath gets every click and shows through. One serves the application and
moves with QApplication.focusChanged; a control in a dock behind a tab brings its dock to
the front when it takes the focus.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QRegion
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFocusFrame,
    QMenu,
    QProxyStyle,
    QStyle,
    QStyleHintReturn,
    QStyleOption,
    QWidget,
)

WIDTH = 2


class _Above(QProxyStyle):
    """The ring's own style: above its widget, over the widget's own rectangle."""

    def styleHint(self, hint: QStyle.StyleHint, option: QStyleOption | None = None,
                  widget: QWidget | None = None, data: QStyleHintReturn | None = None
                  ) -> int:
        if hint == QStyle.StyleHint.SH_FocusFrame_AboveWidget:
            return 1
        if hint == QStyle.StyleHint.SH_FocusFrame_Mask:
            return 0  # the ring sets its own mask
        return super().styleHint(hint, option, widget, data)

    def pixelMetric(self, metric: QStyle.PixelMetric, option: QStyleOption | None = None,
                    widget: QWidget | None = None) -> int:
        if metric in (QStyle.PixelMetric.PM_FocusFrameHMargin,
                      QStyle.PixelMetric.PM_FocusFrameVMargin):
            return 0
        return super().pixelMetric(metric, option, widget)


class FocusRing(QFocusFrame):
    """The ring; its colour is set by the theme."""

    def __init__(self, color: QColor) -> None:
        super().__init__()
        self._style = _Above()
        self.setStyle(self._style)
        self.color = QColor(color)
        self.setObjectName("focusRing")

    def follow(self, _old: QWidget | None, new: QWidget | None) -> None:
        self.setWidget(None)  # type: ignore[arg-type]  # (again after a theme change)
        if (new is not None and new.focusPolicy() != Qt.FocusPolicy.NoFocus
                and not isinstance(new.window(), QMenu) and not new.isWindow()):
            _reveal(new)
            self.setWidget(new)
        self._mask()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        handled = super().eventFilter(watched, event)
        if (watched is self.widget() and event.type() == QEvent.Type.StyleChange
                and self.widget().isVisible()):  # QFocusFrame hides on a style change
            self.show()  # (a line edit in a dock restyles itself when it takes the focus)
        return handled

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Move):
            self._mask()
            parent = self.parentWidget()
            if (self.widget() is not None and self.isHidden() and parent is not None
                    and parent.rect().intersects(self.geometry())):
                self.show()  # scrolled into view after taking the focus (QScrollArea)
        return handled

    def _mask(self) -> None:
        outer = QRect(0, 0, self.width(), self.height())
        self.setMask(QRegion(outer).subtracted(
            QRegion(outer.adjusted(WIDTH, WIDTH, -WIDTH, -WIDTH))))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.widget() is None:
            return
        painter = QPainter(self)
        painter.setPen(QPen(self.color, WIDTH))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        half = WIDTH / 2
        painter.drawRect(QRectF(self.rect()).adjusted(half, half, -half, -half))
        painter.end()


def _reveal(widget: QWidget) -> None:
    """Bring to the front the tabbed dock the focus went into: Tab reaches the controls
    of docks behind a tab too, and a focus nobody sees is no focus."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QDockWidget) and widget.visibleRegion().isEmpty():
            parent.raise_()
            return
        parent = parent.parentWidget()


class _State:
    """The application's one ring (made again when a closed dialog took it along) and
    its colour; the application's focusChanged is connected once."""

    ring: FocusRing | None = None
    color = QColor("#1a5fb4")
    connected = False


def install_focus_ring(app: QApplication, color: QColor) -> FocusRing:
    """Show the ring round the focused control from now on, in *color* (again: recolour)."""
    _State.color = QColor(color)
    if not _State.connected:
        app.focusChanged.connect(_follow)
        _State.connected = True
    ring = _ring()
    ring.color = QColor(color)
    ring.follow(None, app.focusWidget())
    return ring


def _ring() -> FocusRing:
    if _State.ring is None or not shiboken6.isValid(_State.ring):  # its parent was deleted
        _State.ring = FocusRing(_State.color)
    return _State.ring


def _follow(old: QWidget | None, new: QWidget | None) -> None:
    _ring().follow(old, new)
