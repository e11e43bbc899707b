"""Claim candidates are marked with purple dots under the sentence, which nobody takes for
the selection (a filled blue block); the candidate being walked to stays outlined."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from tests.ui.test_assist import analysed, demo, window  # noqa: F401  (fixtures)


def test_candidates_are_dotted_not_filled(window, qtbot) -> None:  # noqa: F811
    assist = analysed(qtbot, window)
    pane = window.comparison.container.panes()[0]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert assist.show_candidates
    layer = pane.view.marks["candidates"]
    assert layer.dotted and not layer.underline
    mark = QColor(layer.marks[0].color)
    selection = pane.view.palette().highlight().color()
    hue_gap = abs(mark.hslHue() - selection.hslHue())
    assert min(hue_gap, 360 - hue_gap) >= 60
    helper = assist.assist_for(pane)
    first = helper.candidates[0]
    pane.view.scroll_to_span(first.start, first.end)
    image = pane.view.viewport().grab().toImage()
    [rect, *_] = pane.view.visible_window().rects(first.start, first.end)
    # inside the sentence, between the letters' tops and the dots: the page's own colour
    inside = image.pixelColor(int(rect.left()) + 2, int(rect.top()) + 1)
    assert inside.lightness() > 200 and abs(inside.red() - inside.blue()) < 20
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_N)
    assert layer is not pane.view.marks["candidates"]  # repainted with the current one
    assert pane.view.marks["candidates"].current == (helper.current.start, helper.current.end)
