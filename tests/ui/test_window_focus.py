"""Focus that is always visible: Tab (Ctrl+Tab out of a pane, where Tab walks the claims)
goes round the whole window in reading order and back, never into a control nobody sees,
and every control it reaches wears the theme's focus ring, in the light and the dark theme
and in dialogs too. Checked on the pixels of the window as grabbed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QWidget

from claimweave.ui.dialogs.preferences import PreferencesDialog
from claimweave.ui.panes.text_view import ClaimTextView
from claimweave.ui.theme import FOCUS, apply_theme


def ring_pixels(image: QImage, top_left: QPoint, size: QRect, color: QColor) -> int:
    """Pixels of *color* on the outer two pixels of a widget's rectangle in *image*."""
    want = color.rgb()
    x0, y0, w, h = top_left.x(), top_left.y(), size.width(), size.height()
    xs = range(max(0, x0), min(image.width(), x0 + w))
    ys = range(max(0, y0), min(image.height(), y0 + h))
    count = 0
    for d in (0, 1):
        for x in xs:
            for y in (y0 + d, y0 + h - 1 - d):
                if y in ys and image.pixel(x, y) == want:
                    count += 1
        for y in ys:
            for x in (x0 + d, x0 + w - 1 - d):
                if x in xs and image.pixel(x, y) == want:
                    count += 1
    return count


def assert_ringed(widget: QWidget, theme: str) -> None:
    top = widget.window()
    corner = widget.mapTo(top, QPoint(0, 0))
    with_focus = top.grab().toImage()
    seen = ring_pixels(with_focus, corner, widget.rect(), FOCUS[theme])
    widget.clearFocus()
    without = top.grab().toImage()
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    unseen = ring_pixels(without, corner, widget.rect(), FOCUS[theme])
    assert seen >= 20 and unseen < seen / 4, (widget, seen, unseen)


def tab_round(window, qtbot, theme: str) -> list[QWidget]:  # type: ignore[no-untyped-def]
    start = QApplication.focusWidget()
    visited: list[QWidget] = []
    widget = start
    for _ in range(120):
        assert widget is not None and not widget.visibleRegion().isEmpty(), widget
        assert_ringed(widget, theme)
        visited.append(widget)
        ctrl = isinstance(widget, ClaimTextView)  # Tab walks the claims of a pane
        qtbot.keyClick(widget, Qt.Key.Key_Tab,
                       Qt.KeyboardModifier.ControlModifier if ctrl
                       else Qt.KeyboardModifier.NoModifier)
        widget = QApplication.focusWidget()
        if widget is start:
            return visited
        assert widget not in visited, f"Tab is stuck in a loop at {widget}"
    raise AssertionError("Tab never came back to where it started")


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_tab_goes_round_in_order_and_focus_is_always_seen(window, qtbot, theme: str) -> None:
    app = QApplication.instance()
    try:
        apply_theme(app, theme)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        panes = window.comparison.container.panes()
        assert QApplication.focusWidget() is panes[0].view  # a project opens on its text
        visited = tab_round(window, qtbot, theme)
    finally:
        apply_theme(app, "light")
    order = [panes[1].chooser, panes[1].close_button, panes[1].view,
             window.panels["claims"].view, window.panels["links"].view,
             window.panels["codebook"].view, panes[0].chooser]
    positions = [visited.index(w) for w in order]
    assert positions == sorted(positions), positions  # left to right, panes then panels
    assert len(visited) >= 20  # the panels' filters and buttons are reached too


def test_dialogs_show_the_focus_ring_too(window, qtbot) -> None:
    seen: list[QWidget] = []
    errors: list[BaseException] = []

    def inspect() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            assert isinstance(dialog, PreferencesDialog)
            qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
            dialog.annotator.setFocus()
            qtbot.keyClick(dialog.annotator, Qt.Key.Key_Tab)
            focused = QApplication.focusWidget()
            assert focused is not None and dialog.isAncestorOf(focused)
            assert_ringed(focused, "light")
            seen.append(focused)
        except BaseException as exc:  # reported below, once the dialog is closed
            errors.append(exc)
        finally:
            if dialog is not None:
                dialog.reject()

    apply_theme(QApplication.instance(), "light")
    QTimer.singleShot(0, inspect)
    window.preferences_action.trigger()
    if errors:
        raise errors[0]
    assert seen


def test_a_tables_filter_boxes_come_before_the_table(window, qtbot) -> None:
    """Tab reaches the boxes above the Claims (and Links) table first, then the table, as
    they are read; the table is not reached before the filters that sit above it."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    claims, links = window.panels["claims"], window.panels["links"]
    bars = {claims: [claims.document_box, claims.tag_box, claims.relation_box,
                     claims.annotator_box, claims.entity_box, claims.text_box],
            links: [links.filter_bar.document, links.filter_bar.relation,
                    links.filter_bar.text]}
    for panel, boxes in bars.items():
        window.docks["claims" if panel is claims else "links"].raise_()
        shown = [b for b in boxes if b.isVisibleTo(panel)]
        shown[0].setFocus(Qt.FocusReason.TabFocusReason)
        visited: list[QWidget] = []
        widget = QApplication.focusWidget()
        while widget is not None and widget not in visited and len(visited) <= len(boxes):
            visited.append(widget)
            if widget is panel.view:
                break
            qtbot.keyClick(widget, Qt.Key.Key_Tab)
            widget = QApplication.focusWidget()
        assert visited == [*shown, panel.view], (panel, visited)


def test_the_suggestions_scope_box_comes_before_its_table(window, qtbot) -> None:
    """In the Suggestions dock Tab goes from the scope box above the table to the table,
    as they are read (it skipped the table, which came first in the chain)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.docks["suggestions"].show()
    window.docks["suggestions"].raise_()
    panel = window.panels["suggestions"]
    qtbot.waitUntil(panel.scope_box.isVisible)
    panel.scope_box.setFocus(Qt.FocusReason.TabFocusReason)
    order = [QApplication.focusWidget()]
    qtbot.keyClick(order[-1], Qt.Key.Key_Tab)
    order.append(QApplication.focusWidget())
    assert order == [panel.scope_box, panel.view], order
