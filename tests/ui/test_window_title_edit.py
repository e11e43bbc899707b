"""Editing a document's title in place (F2, type, Enter) renames it everywhere without a
Qt warning about an editor that does not belong to the view (warnings fail tests)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit


def test_f2_renames_a_document_cleanly(window, qtbot) -> None:
    panel = window.panels["documents"]
    window.docks["documents"].raise_()
    view = panel.view
    column = next(i for i in range(panel.model.columnCount())
                  if panel.model.headerData(i, Qt.Orientation.Horizontal) == "Title")
    view.setFocus()
    view.setCurrentIndex(panel.proxy.index(0, column))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Gazette, renamed")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # Qt commits on its next turn of the loop
    project = window.session.project
    qtbot.waitUntil(lambda: "Gazette, renamed" in [d.title for d in project.documents()])
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
    qtbot.waitUntil(lambda: panel.proxy.index(0, column).data() == "Gazette, renamed")
    pane = window.comparison.container.panes()[0]
    assert pane.chooser.findText("Gazette, renamed") >= 0
