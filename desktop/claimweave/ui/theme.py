"""Light and dark themes and the font size, applied to the whole application at once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

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


def dark_system() -> bool:
    """Whether the desktop asks for a dark colour scheme (Qt 6.5+ knows it)."""
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    return scheme is not None and scheme() == Qt.ColorScheme.Dark


def apply_theme(app: QApplication, theme: str) -> None:
    """Fusion everywhere, so both themes look the same on every platform; "system" is dark
    or light as the desktop's colour scheme is."""
    app.setStyle("Fusion")
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


def apply_font_size(app: QApplication, points: int | None) -> None:
    """Set the font size everywhere; None keeps the system's."""
    if points is None:
        return
    font = QFont(app.font())
    font.setPointSize(points)
    app.setFont(font)
