"""Light and dark themes (with their focus ring) and the font size, applied to the whole
application at once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

from .focus_ring import install_focus_ring

_DARK = {
    QPalette.ColorRole.Window: "#2b2d31",
    QPalette.ColorRole.WindowText: "#e6e6e6",
    QPalette.ColorRole.Base: "#1f2023",
    QPalette.ColorRole.AlternateBase: "#27292d",
    QPalette.ColorRole.ToolTipBase: "#3a3d42",
    QPalette.ColorRole.ToolTipText: "#f0f0f0",
    QPalette.ColorRole.Text: "#e6e6e6",
    QPalette.ColorRole.Button: "#33363b",
    QPalette.ColorRole.ButtonText: "#e6e6e6",
    QPalette.ColorRole.BrightText: "#ff6b6b",
    QPalette.ColorRole.Highlight: "#3d6fb4",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#7ab0ff",
    QPalette.ColorRole.PlaceholderText: "#8d9096",
}


# The focus ring: at least 3:1 against the window and the text background of its theme
# (WCAG 2.2, focus appearance): light #1a5fb4 on #efefef 5.5:1 (white 6.3:1), dark #78aeed
# on #2b2d31 6.0:1 (#1f2023 7.0:1); the dark highlight #3d6fb4 would be 2.7:1.
FOCUS = {"light": QColor("#1a5fb4"), "dark": QColor("#78aeed")}


class _VisibleChecks(QProxyStyle):
    """Fusion with check boxes that show when unticked: Fusion outlines a box in the window
    colour darkened, which in the dark theme is the box's own colour (#1f2023), so an
    unticked box (the export's tag lists, the codebook) could not be seen. On a dark base
    the outline is the placeholder grey instead (#8d9096 on #1f2023: 5.3:1)."""

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption,
                      painter: QPainter, widget: QWidget | None = None) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if (element == QStyle.PrimitiveElement.PE_IndicatorCheckBox
                and option.palette.color(QPalette.ColorRole.Base).lightness() < 128):
            painter.save()
            painter.setPen(QPen(option.palette.color(QPalette.ColorRole.PlaceholderText)))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(option.rect.adjusted(0, 0, -1, -1))
            painter.restore()


def dark_system() -> bool:
    """Whether the desktop asks for a dark colour scheme (Qt 6.5+ knows it)."""
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    return scheme is not None and scheme() == Qt.ColorScheme.Dark


def apply_theme(app: QApplication, theme: str) -> None:
    """Fusion everywhere, so both themes look the same on every platform; "system" is dark
    or light as the desktop's colour scheme is."""
    app.setStyle(_VisibleChecks("Fusion"))
    if theme == "system":
        theme = "dark" if dark_system() else "light"
    if theme == "dark":
        palette = QPalette()
        for role, color in _DARK.items():
            palette.setColor(role, QColor(color))
        for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText,
                     QPalette.ColorRole.WindowText):
            palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7c7f85"))
        app.setPalette(palette)
    else:
        app.setPalette(app.style().standardPalette())
    install_focus_ring(app, FOCUS[theme])


def apply_font_size(app: QApplication, points: int | None) -> None:
    """Set the font size everywhere; None keeps the system's."""
    if points is None:
        return
    font = QFont(app.font())
    font.setPointSize(points)
    app.setFont(font)
