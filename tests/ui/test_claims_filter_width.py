"""The claims table's filter boxes fit a small window: a long document title does not
squeeze the words box to a sliver."""

from __future__ import annotations

import pytest

from claimweave.ui.panels import ClaimsPanel


def _show(qtbot, panel) -> None:
    qtbot.addWidget(panel)
    panel.resize(900, 300)
    panel.show()
    qtbot.waitExposed(panel)


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing",
                           "propagateSizeHints")  # a real popup
def test_a_long_title_does_not_squeeze_the_claims_text_filter(session, project, qtbot) -> None:
    """At 1024 pixels (a small laptop window) the words box keeps room for its prompt."""
    title = "Harrowmere deserved better than a ‘once in a century’ excuse, says the Review"
    project.add_document("The dam failed. Nobody was warned.", title=title)
    panel = ClaimsPanel(session)
    _show(qtbot, panel)
    panel.resize(1000, 300)
    qtbot.waitUntil(lambda: panel.width() == 1000)
    box = panel.text_box
    prompt = box.fontMetrics().horizontalAdvance(box.placeholderText())
    assert box.width() > prompt + 40
    assert panel.document_box.width() < panel.width() // 3
    panel.document_box.showPopup()  # its list still shows the whole title
    popup = panel.document_box.view()
    assert popup.isVisible() and popup.width() >= popup.fontMetrics().horizontalAdvance(title)
    panel.document_box.hidePopup()
