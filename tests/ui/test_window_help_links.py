"""F1 help that fits the screen, the links table's filter and columns, and relation names
as people read them in the drag-to-link menu; through real keys and clicks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMenu

from claimweave.ui.dialogs.help import SHORTCUTS, ShortcutsDialog
from claimweave.ui.panels import LinksPanel


def test_f1_opens_a_scrolling_help_that_fits_the_screen(window, qtbot) -> None:
    window.activateWindow()
    window.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window.findChild(ShortcutsDialog)
    assert dialog is not None and dialog.isVisible()
    screen = dialog.screen().availableGeometry()
    assert dialog.frameGeometry().height() <= screen.height()
    assert dialog.browser.verticalScrollBar().maximum() > 0  # the list scrolls
    sections = [s for s, _k, _w in SHORTCUTS]
    runs = [s for i, s in enumerate(sections) if i == 0 or sections[i - 1] != s]
    assert len(runs) == len(set(runs)), runs  # every section once: one "Window"
    close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert window.findChild(ShortcutsDialog).isVisible()
    qtbot.keyClick(window.findChild(ShortcutsDialog), Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_links_table_filters_and_names_both_documents(window, project, reports, qtbot) -> None:
    panel: LinksPanel = window.panels["links"]
    headers = [panel.model.headerData(i, Qt.Orientation.Horizontal)
               for i in range(panel.model.columnCount())]
    assert "Source document" in headers and "Target document" in headers
    assert panel.proxy.rowCount() == 8
    qtbot.keyClicks(panel.filter_bar.text, "sea wall")
    qtbot.keyClick(panel.filter_bar.text, Qt.Key.Key_Return)  # at once, not after the pause
    rows = [panel.proxy.index(r, 0).data() for r in range(panel.proxy.rowCount())]
    assert len(rows) == 2 and all("sea wall" in r for r in rows)
    panel.filter_bar.text.clear()
    box = panel.filter_bar.document
    box.setFocus()
    while box.currentText() != "Nordic Wire":
        qtbot.keyClick(box, Qt.Key.Key_Down)
    nordic = reports["Nordic Wire"]
    expected = [k for k in project.links()
                if nordic in (project.claim(k.source).document_id,
                              project.claim(k.target).document_id)]
    assert panel.proxy.rowCount() == len(expected) == 3
    doc_col = headers.index("Target document")
    assert {panel.proxy.index(r, doc_col).data() for r in range(3)} == {"Nordic Wire"}
    relation = panel.filter_bar.relation
    relation.setFocus()
    while relation.currentText() != "agrees":
        qtbot.keyClick(relation, Qt.Key.Key_Down)
    assert panel.proxy.rowCount() == 1


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")  # a real popup
def test_drag_to_link_menu_shows_readable_relation_names(make_container, project, qtbot
                                                         ) -> None:
    container = make_container("Harbour Gazette", "Nordic Wire")
    right = container.panes()[1]
    source = next(c.id for c in project.claims() if c.quote == "Nobody was injured")
    target = next(c.id for c in project.claims() if c.quote == "reported 14 damaged boats")
    seen: list[str] = []

    def pick() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        seen.extend(a.text() for a in menu.actions())
        while menu.activeAction() is None or menu.activeAction().text() != "same claim":
            qtbot.keyClick(menu, Qt.Key.Key_Down)
        qtbot.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(50, pick)
    link = container.link_mode.choose_and_link(source, target, right,
                                               right.mapToGlobal(right.rect().center()))
    assert "same claim" in seen and "same_claim" not in seen
    assert link is not None and link.relation == "same_claim"
