"""The panels spend their width on what the user reads: a long document title does not
squeeze the claims table's words box to a sliver, and the documents table gives its spare
width to the titles, not to the column of character counts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from claimweave.ui.panels import ClaimsPanel, DocumentsPanel


def _show(qtbot, panel, width: int) -> None:
    """Show *panel* and wait until it is *width* pixels wide (laid out at that width)."""
    qtbot.addWidget(panel)
    panel.resize(900, 300)
    panel.show()
    qtbot.waitExposed(panel)
    panel.resize(width, 300)
    qtbot.waitUntil(lambda: panel.width() == width)


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing",
                           "propagateSizeHints")  # a real popup
def test_a_long_title_does_not_squeeze_the_claims_text_filter(session, project, qtbot) -> None:
    """At 1024 pixels (a small laptop window) the words box keeps room for its prompt."""
    title = "Harrowmere deserved better than a ‘once in a century’ excuse, says the Review"
    project.add_document("The dam failed. Nobody was warned.", title=title)
    panel = ClaimsPanel(session)
    _show(qtbot, panel, 1000)
    box = panel.text_box
    prompt = box.fontMetrics().horizontalAdvance(box.placeholderText())
    assert box.width() > prompt + 40
    assert panel.document_box.width() < panel.width() // 3
    panel.document_box.showPopup()  # its list still shows the whole title
    popup = panel.document_box.view()
    assert popup.isVisible() and popup.width() >= popup.fontMetrics().horizontalAdvance(title)
    panel.document_box.hidePopup()


def test_the_documents_table_gives_its_spare_width_to_the_titles(session, project,
                                                                 qtbot) -> None:
    title = "Harrowmere deserved better than a ‘once in a century’ excuse"
    project.add_document("The dam failed. Nobody was warned.", title=title)
    panel = DocumentsPanel(session)
    _show(qtbot, panel, 1400)
    columns = [panel.model.headerData(i, Qt.Orientation.Horizontal)
               for i in range(panel.model.columnCount())]
    title_width = panel.view.columnWidth(columns.index("Title"))
    assert title_width > panel.view.fontMetrics().horizontalAdvance(title)  # shown whole
    assert title_width > 2 * panel.view.columnWidth(columns.index("Characters"))
