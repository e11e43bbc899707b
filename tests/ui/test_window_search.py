"""Find in project (Ctrl+Shift+F): phrases and FTS5 syntax, every occurrence a result with
its words highlighted, and a click that selects exactly the occurrence clicked."""

from __future__ import annotations

from PySide6.QtCore import Qt

from claimweave.ui.panels.search import HTML_ROLE


def search(window, qtbot, query: str):
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    panel = window.panels["search"]
    assert panel.query.hasFocus()
    qtbot.keyClicks(panel.query, query)
    qtbot.keyClick(panel.query, Qt.Key.Key_Return)
    return panel


def click(qtbot, panel, row: int) -> None:
    item = panel.results.item(row)
    panel.results.scrollToItem(item)
    rect = panel.results.visualItemRect(item)
    qtbot.mouseClick(panel.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_a_phrase_finds_the_phrase_not_its_words_apart(window, project, qtbot) -> None:
    window.activateWindow()
    panel = search(window, qtbot, '"the sea wall"')
    hits = [panel.results.item(i).data(Qt.ItemDataRole.UserRole + 20)
            for i in range(panel.results.count())]
    documents = [h for h in hits if h.kind == "document"]
    # "the sea wall" is in Coastal Times only ("the broken sea wall", "the old sea wall"
    # are other phrases), while the words alone are in every report
    assert {project.document(h.document_id).title for h in documents} == {"Coastal Times"}
    assert "[" not in panel.results.item(0).data(HTML_ROLE)
    assert "<span style=" in panel.results.item(0).data(HTML_ROLE)
    assert "1 document" in panel.summary.text()
    qtbot.waitUntil(lambda: panel.results.viewport().height() >= window.height() // 4)
    assert panel.results.viewport().width() >= window.width() // 2  # one line per hit


def test_clicking_a_hit_selects_that_occurrence(window, project, reports, qtbot) -> None:
    window.activateWindow()
    panel = search(window, qtbot, "harbour")
    hits = [panel.results.item(i).data(Qt.ItemDataRole.UserRole + 20)
            for i in range(panel.results.count())]
    gazette = [i for i, h in enumerate(hits)
               if h.kind == "document" and h.document_id == reports["Harbour Gazette"]]
    assert len(gazette) == 3  # title line, "closed the harbour", "Harbour master"
    row = gazette[2]
    click(qtbot, panel, row)
    pane = window.comparison.container.pane_for_document(reports["Harbour Gazette"])
    start, end = pane.view.selection_span()
    assert (start, end) == (hits[row].start, hits[row].end)
    assert pane.view.text[start:end] == "Harbour"
    assert pane.view.text[start:].startswith("Harbour master")


def test_fts_syntax_and_punctuation(window, project, qtbot) -> None:
    window.activateWindow()
    panel = search(window, qtbot, "boats NOT fishing")
    docs = {project.document(panel.results.item(i).data(Qt.ItemDataRole.UserRole + 20)
                             .document_id).title
            for i in range(panel.results.count())}
    assert "Harbour Gazette" not in docs and "Coastal Times" in docs
    panel.query.clear()
    qtbot.keyClicks(panel.query, "U.S. (")  # not FTS5: searched as its words, no error
    qtbot.keyClick(panel.query, Qt.Key.Key_Return)
    assert panel.results.count() == 0 and "0 result" in panel.summary.text()
