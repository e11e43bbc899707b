"""Reading comfort: the reading font, size, line spacing and margin from Preferences reach
every pane, the current claim's outline follows the theme, panes have accessible names, the
demo lives in one ClaimWeave folder."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from tests.ui.test_panes_spacing import line_tops

from claimweave.app import data_folder
from claimweave.ui.dialogs.preferences import PreferencesDialog
from claimweave.ui.theme import apply_theme


def test_reading_preferences_reach_the_panes(window, settings, qtbot) -> None:
    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, PreferencesDialog)
        for box, value in ((dialog.reading_size, "17"), (dialog.reading_margin, "24")):
            box.setFocus()
            box.selectAll()
            qtbot.keyClicks(box, value)
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, fill)
    window.preferences_action.trigger()
    assert (settings.reading_size, settings.reading_margin) == (17, 24)
    for pane in window.comparison.container.panes():
        assert pane.view.font().pointSize() == 17
        assert pane.view.document().documentMargin() == 24
    window.add_pane()
    assert window.comparison.container.panes()[-1].view.font().pointSize() == 17


def test_line_spacing_is_a_reading_preference(window, settings, qtbot) -> None:
    view = window.comparison.container.panes()[0].view
    view.grab()  # painted: the blocks in view are laid out
    before = line_tops(view)

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, PreferencesDialog)
        box = dialog.reading_spacing
        box.setFocus()
        box.selectAll()
        qtbot.keyClicks(box, "1.8")
        qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter accepts the dialog

    QTimer.singleShot(0, fill)
    window.preferences_action.trigger()
    assert settings.reading_spacing == 1.8
    view.grab()
    after = line_tops(view)
    line = view.fontMetrics().lineSpacing()
    assert len(before) >= 3 and len(after) >= 3
    assert before[1] - before[0] < after[1] - after[0]
    assert abs((after[1] - after[0]) - 1.8 * line) <= 1, (after, line)
    assert abs((after[2] - after[1]) - 1.8 * line) <= 1


def test_text_keeps_clear_of_the_pane_edges(window) -> None:
    pane = window.comparison.container.panes()[0]
    assert pane.view.document().documentMargin() >= 10  # the default margin
    assert window.comparison.container.splitter.handleWidth() >= 5


def test_current_claim_outline_follows_the_theme(window, qtbot) -> None:
    app = QApplication.instance()
    view = window.comparison.container.panes()[0].view
    try:
        apply_theme(app, "dark")
        qtbot.waitUntil(lambda: view.style_.outline.lightness() > 128)
        apply_theme(app, "light")
        qtbot.waitUntil(lambda: view.style_.outline.lightness() < 128)
    finally:
        apply_theme(app, "light")
    assert isinstance(view.style_.outline, QColor)


def test_pane_controls_have_accessible_names(window) -> None:
    for pane in window.comparison.container.panes():
        for widget in (pane.chooser, pane.close_button, pane.view, pane.number):
            assert widget.accessibleName(), widget


def test_demo_folder_is_one_claimweave_folder(qtbot) -> None:
    folder = data_folder()
    assert folder.name == "ClaimWeave" and folder.parent.name != "ClaimWeave"


def test_side_panels_leave_the_panes_most_of_the_width(window) -> None:
    panes = window.comparison.container
    assert panes.width() >= window.width() * 0.6
    right = window.dockWidgetArea(window.docks["codebook"])
    assert window.dockWidgetArea(window.docks["source"]) == right
    assert window.docks["codebook"].isVisible()  # the codebook's tab is the one in front


def test_welcome_guide_shows_all_its_steps(new_window, qtbot) -> None:
    window = new_window()
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    guide = window.centralWidget().guide
    qtbot.waitUntil(lambda: guide.height() >= guide.heightForWidth(guide.width()))
    assert "Ctrl+Z" in guide.text()


def test_welcome_screen_parts_do_not_overlap(new_window, settings, qtbot, tmp_path) -> None:
    """With recent projects listed, the guide's last line ("All keys (F1)") and the
    "Recent projects" heading below it each keep their own lines."""
    for name in ("demo", "empty"):
        settings.add_recent(tmp_path / f"{name}.claimweave")
    window = new_window()
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    card = window.centralWidget().guide.parentWidget()
    layout = card.layout()
    parts = [layout.itemAt(i).widget() for i in range(layout.count())]
    assert len(parts) == 10  # title, intro, five buttons, guide, heading, list
    for above, below in pairwise(parts):
        assert above.geometry().bottom() < below.geometry().top(), (above, below)
    for part in parts:
        if part.hasHeightForWidth():  # a wrapped label is as tall as its lines
            assert part.height() >= part.heightForWidth(part.width()), part
