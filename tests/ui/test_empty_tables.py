"""An empty claims or links table (or codebook) says why it is empty: nothing made yet
(and how to make one), or the filters hide every row; it never shows a blank white box."""

from __future__ import annotations

from PySide6.QtGui import QImage

from claimweave.ui.panels import ClaimsPanel, CodebookPanel, LinksPanel
from claimweave.ui.panels.base import EmptyHint


def _inked(panel) -> int:
    """How many pixels of the table's viewport differ from its first pixel (the base)."""
    panel.grab()
    image: QImage = panel.view.viewport().grab().toImage()
    base = image.pixel(0, 0)
    return sum(image.pixel(x, y) != base for x in range(0, image.width(), 2)
               for y in range(0, image.height(), 2))


def _show(qtbot, panel) -> None:
    qtbot.addWidget(panel)
    panel.resize(900, 300)
    panel.show()
    qtbot.waitExposed(panel)


def test_an_empty_claims_table_says_how_to_make_a_claim(session, qtbot) -> None:
    panel = ClaimsPanel(session)
    _show(qtbot, panel)
    assert panel.model.rowCount() == 0
    assert "press Enter" in panel.view.hint()
    painted = _inked(panel)
    panel.view.empty_hint = str
    assert painted > _inked(panel) == 0  # the words are drawn on the empty table


def test_claims_hidden_by_filters_are_named_as_such(session, reports, qtbot) -> None:
    panel = ClaimsPanel(session)
    _show(qtbot, panel)
    assert panel.model.rowCount() > 0
    assert panel.view.hint() == ""
    panel.set_filter(text="no claim says this")
    assert panel.model.rowCount() == 0
    assert panel.view.hint() == "No claims match these filters."
    assert _inked(panel) > 0
    panel.set_filter(text="")
    assert panel.view.hint() == ""


def test_an_empty_links_table_says_how_to_link(session, qtbot) -> None:
    panel = LinksPanel(session)
    _show(qtbot, panel)
    assert panel.model.rowCount() == 0
    assert "press L" in panel.view.hint()
    assert _inked(panel) > 0


def test_links_hidden_by_filters_are_named_as_such(session, reports, qtbot) -> None:
    panel = LinksPanel(session)
    _show(qtbot, panel)
    assert panel.view.hint() == ""
    panel.filter_bar.text.setText("no link says this")
    panel.filter_bar.typing.settle()
    assert panel.model.rowCount() == 0
    assert panel.view.hint() == "No links match these filters."
    assert _inked(panel) > 0
    panel.filter_bar.text.setText("")
    panel.filter_bar.typing.settle()
    assert panel.model.rowCount() > 0
    assert panel.view.hint() == ""



def test_an_empty_codebook_says_how_to_make_a_tag(session, project, qtbot) -> None:
    panel = CodebookPanel(session)
    _show(qtbot, panel)
    assert "New adds one" in panel.view.hint()
    painted = _inked(panel)
    panel.view.empty_hint = str  # the same piece of code as the tables': its words, or none
    assert painted > _inked(panel) == 0
    panel.view.empty_hint = lambda: "No tags here."
    assert panel.view.hint() == "No tags here." and _inked(panel) > 0
    project.add_tag("Cause")
    assert panel.view.model().rowCount() == 1
    assert panel.view.hint() == ""


def test_tables_and_the_codebook_share_one_empty_hint(session, qtbot) -> None:
    views = [ClaimsPanel(session).view, LinksPanel(session).view, CodebookPanel(session).view]
    assert all(isinstance(v, EmptyHint) for v in views)
    for view in views:
        qtbot.addWidget(view.parentWidget())
