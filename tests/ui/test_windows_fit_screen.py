"""Windows open no larger than the screen: on a small laptop screen the main window, the
comparison views and the shortcuts list keep their buttons on screen (offscreen, the
screen is 800x800: smaller than any of their usual sizes)."""

from __future__ import annotations

from claimweave.app import build_window
from claimweave.ui.charts.window import ComparisonWindow
from claimweave.ui.dialogs.help import ShortcutsDialog


def _fits(widget) -> None:
    available = widget.screen().availableGeometry()
    assert available.width() < 1100 and available.height() < 900  # a small screen indeed
    assert widget.width() <= available.width() and widget.height() <= available.height(), (
        widget.size(), available)


def test_the_main_window_opens_within_the_screen(settings, qtbot, tmp_path) -> None:
    window = build_window(settings, demo_folder=tmp_path / "data")
    qtbot.addWidget(window)
    _fits(window)


def test_the_comparison_views_open_within_the_screen(session, reports, qtbot) -> None:
    views = ComparisonWindow(session)
    qtbot.addWidget(views)
    _fits(views)


def test_the_shortcuts_list_opens_within_the_screen(qtbot) -> None:
    dialog = ShortcutsDialog()
    qtbot.addWidget(dialog)
    _fits(dialog)
