"""The Links panel's Delete link button is there for a chosen link only: with none chosen
(none selected yet, a filter that shows none, the selection cleared) it is disabled, not a button
that does nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt

from claimweave.ui.panels import LinksPanel
from claimweave.ui.panels.link_filter import LinkFilter


def test_delete_link_is_enabled_only_with_a_link_chosen(session, project, reports,
                                                        qtbot) -> None:
    panel = LinksPanel(session)
    qtbot.addWidget(panel)
    panel.show()
    assert panel.model.rowCount() > 0
    assert not panel.delete_button.isEnabled()  # nothing chosen yet
    panel.view.selectRow(0)
    assert panel.delete_button.isEnabled()
    panel.view.clearSelection()
    assert not panel.delete_button.isEnabled()
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)  # nothing happens
    before = len(project.links())
    panel.view.selectRow(0)
    panel.set_filter(LinkFilter(document_id=None, relation=None, text="no such words"))
    assert panel.model.rowCount() == 0 and not panel.delete_button.isEnabled()
    panel.set_filter(LinkFilter(document_id=None, relation=None, text=""))
    panel.view.selectRow(0)
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert len(project.links()) == before - 1
    chosen = panel.view.selectionModel().selectedRows()  # the next link, if Qt chose one
    assert panel.delete_button.isEnabled() == bool(chosen)
