"""The Source panel, reused text in the panes, the claimant proposal and the matrix's
independent counts, in the real window over a real project file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from claimweave.ui.assist.loader import shared_loader
from claimweave.ui.charts.matrix_view import COL_W, HEAD_H, LABEL_W, PAD, ROW_H
from claimweave.ui.charts.window import ComparisonWindow
from claimweave.ui.panels.table_model import RECORD_ROLE
from claimweave.ui.source_marks import REUSE_LAYER

PARAGRAPH = ("The harbour master said that fourteen fishing boats were damaged when the storm "
             "broke the old sea wall on Tuesday night, and that the harbour will stay closed "
             "until divers have checked the inner basin for wrecks.")
ORIGINAL = f"Storm report\n\n{PARAGRAPH}\n\nThe council will meet on Friday."
REPRINT = f"News in brief\n\nFrom our partner paper:\n{PARAGRAPH}\n"
OTHER = "Our own count: fourteen fishing boats were damaged, the coast guard told us."
QUOTE = "fourteen fishing boats were damaged"


@pytest.fixture
def source_window(new_window, project):
    docs = [project.add_document(ORIGINAL, title="Gazette", published="2026-01-01").document.id,
            project.add_document(REPRINT, title="Digest", published="2026-01-03").document.id,
            project.add_document(OTHER, title="Times", published="2026-01-02").document.id]
    claims = [project.add_claim(d, quote=QUOTE).id for d in docs]
    project.link_claims(claims[0], claims[1], "agrees")
    project.link_claims(claims[0], claims[2], "agrees")
    w = new_window()
    assert w.open_project(project.path)
    w.show()
    w.comparison.container.set_documents(docs[:2])
    yield w, docs, claims
    w.close_project()


def test_reused_passage_is_marked_in_both_panes(source_window) -> None:
    w, docs, _ = source_window
    panes = w.comparison.container.panes()
    layers = [p.view.marks.get(REUSE_LAYER) for p in panes[:2]]
    assert all(layer is not None and len(layer) == 1 for layer in layers)
    texts = {docs[0]: ORIGINAL, docs[1]: REPRINT}
    for pane, layer in zip(panes, layers, strict=False):
        mark = layer.marks[0]
        assert texts[pane.document_id][mark.start:mark.end] == PARAGRAPH[:-1]  # words only
    assert "also in \u201cDigest\u201d (this one is earlier)" in layers[0].marks[0].tip
    panel = w.panels["source"]
    panel.show_document(docs[1])
    assert "words also in \u201cGazette\u201d (the other is earlier)" in panel.reused.item(0).text()
    assert "probably a copy" in panel.reused.item(1).text()  # the digest is mostly reprint
    w.comparison.container.set_documents([docs[0], docs[2]])
    assert panes[0].view.marks.get(REUSE_LAYER) is None  # nothing shared with the Times


def test_source_card_edits_are_verbs_and_undoable(source_window, qtbot) -> None:
    w, docs, _ = source_window
    panel = w.panels["source"]
    panel.show_document(docs[0])
    project = w.session.project
    panel.kind.setCurrentIndex(panel.kind.findData("news"))
    panel.kind.activated.emit(panel.kind.currentIndex())
    assert project.document(docs[0]).kind == "news"
    with qtbot.waitSignal(panel.message) as said:  # a rating needs its reason
        panel.reliability.setCurrentIndex(4)
        panel.reliability.activated.emit(4)
    assert "reason" in said.args[0] and project.document(docs[0]).reliability is None
    panel.reason.setText("names the harbour master")
    panel.reason.editingFinished.emit()
    panel.reliability.setCurrentIndex(4)
    panel.reliability.activated.emit(4)
    assert project.document(docs[0]).reliability == 4
    last = panel.attributes.rowCount() - 1
    panel.attributes.item(last, 0).setText("country")
    panel.attributes.item(panel.attributes.rowCount() - 1, 1).setText("Norway")
    assert project.document(docs[0]).attributes == {"country": "Norway"}
    panel.copy_of.setCurrentIndex(panel.copy_of.findData(docs[1]))
    panel.copy_of.activated.emit(panel.copy_of.currentIndex())
    assert project.document(docs[0]).derived_from == docs[1]
    w.undo()
    w.undo()
    assert project.document(docs[0]).derived_from is None
    assert project.document(docs[0]).attributes == {}
    assert panel.attributes.item(0, 0).text() == ""  # the panel followed the undo


def test_claimant_typed_then_proposed_and_accepted_with_w(source_window, qtbot) -> None:
    w, docs, claims = source_window
    panel, project = w.panels["source"], w.session.project
    w.session.set_current_claim(claims[0])
    panel.claimant.setText("the harbour master")
    panel.claimant.editingFinished.emit()
    assert project.claim(claims[0]).claimant == "the harbour master"
    w.undo()
    assert project.claim(claims[0]).claimant is None
    marks = panel.marks
    shared_loader().load()  # as the assistance does after start-up; proposals wait for it
    w.session.set_current_claim(claims[2])  # "..., the coast guard told us."
    qtbot.waitUntil(lambda: marks.proposal is not None, timeout=60_000)
    assert marks.proposal.claimant == "coast guard"
    assert panel.accept_button.isVisible() and "coast guard" in panel.proposal.text()
    pane = w.comparison.container.panes()[0]
    pane.set_document(docs[2])
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_W)
    assert project.claim(claims[2]).claimant == "coast guard"
    assert project.undo_label == "Set claimant coast guard"


def test_matrix_shows_independent_counts_and_explains_on_hover(source_window, qtbot) -> None:
    w, _, _ = source_window
    w.session.project.set_attribute(w.session.project.documents()[0].id, "country", "Norway")
    window = ComparisonWindow(w.session, w)  # after the edit: no refresh is pending
    qtbot.addWidget(window)
    canvas = window.matrix
    [key] = canvas.matrix.independence
    assert canvas.matrix.independence[key].summary() == "3 sources, 2 independent"
    x = PAD + LABEL_W + len(canvas.matrix.sources) * COL_W + 20
    tip = canvas.tip_at(QPoint(x, PAD + HEAD_H + ROW_H // 2))
    assert tip is not None and tip.startswith("3 sources, 2 independent")
    assert "\u201cDigest\u201d reprints a" in tip and "\u201cGazette\u201d" in tip
    window.group_by.setCurrentIndex(window.group_by.findData("country"))
    window.refresh()
    assert [s.title for s in canvas.matrix.sources] == ["Norway", "(none)"]


def test_update_text_from_the_panel_parks_what_it_cannot_place(source_window, tmp_path) -> None:
    w, docs, claims = source_window
    panel, project = w.panels["source"], w.session.project
    panel.show_document(docs[2])
    newer = tmp_path / "times-2.txt"
    newer.write_text("Correction: the coast guard now counts nine damaged boats.", "utf-8")
    result = panel.update_from(newer)
    assert result is not None and [u.claim_id for u in result.unplaced] == [claims[2]]
    assert panel.unplaced.count() == 1 and panel.drop_button.isVisible()
    assert "nine damaged boats" in project.text(docs[2])
    panel.unplaced.setCurrentRow(0)
    pane = w.comparison.container.panes()[0]
    pane.set_document(docs[2])
    panel.place_button.click()  # nothing selected yet: a message, no change
    assert len(project.unplaced_claims()) == 1
    start = project.text(docs[2]).index("nine damaged boats")
    pane.view.select_span(start, start + len("nine damaged boats"))
    panel.place_button.click()
    assert project.claim(claims[2]).quote == "nine damaged boats"
    assert len(project.links(claim_id=claims[2])) == 1  # its link came back with it
    w.undo()
    panel.unplaced.setCurrentRow(0)
    panel.drop_button.click()
    assert project.unplaced_claims() == [] and panel.unplaced.count() == 0
    w.undo()
    w.undo()
    assert project.text(docs[2]) == OTHER and project.claim(claims[2]).quote == QUOTE


def test_claimants_dialog_renames_aliases_and_merges(source_window) -> None:
    w, _docs, claims = source_window
    project = w.session.project
    project.set_claimant(claims[0], "harbour master")
    project.set_claimant(claims[2], "coast guard")
    dialog = w.panels["source"].open_claimants()
    assert [dialog.table.item(r, 0).text() for r in range(2)] == ["coast guard",
                                                                  "harbour master"]
    assert dialog.rename("harbour master", "Harbour master Ilse Brandt")
    assert dialog.add_alias("coast guard", "the coastguard")
    assert not dialog.add_alias("coast guard", "harbour master ilse brandt")
    assert "already names" in dialog.status.text()
    assert dialog.merge("Harbour master Ilse Brandt", "the coastguard")
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 2).text() == "2"
    assert project.claim(claims[2]).claimant == "Harbour master Ilse Brandt"
    w.undo()
    assert dialog.table.rowCount() == 2
    dialog.close()


def test_claims_table_shows_and_edits_the_claimant(source_window) -> None:
    w, _docs, _claims = source_window
    panel, project = w.panels["claims"], w.session.project
    col = [c.title for c in panel.model.columns].index("Claimant")
    index = panel.proxy.index(0, col)
    claim_id = panel.proxy.index(0, 0).data(RECORD_ROLE).claim.id
    assert index.data() in ("", None)
    assert panel.proxy.setData(index, "the harbour master")
    assert project.claim(claim_id).claimant == "the harbour master"
    assert panel.proxy.index(0, col).data() == "the harbour master"  # the row followed
    assert panel.proxy.setData(panel.proxy.index(0, col), "")
    assert project.claim(claim_id).claimant is None


def test_a_long_reason_shows_from_its_first_word(source_window, project, qtbot) -> None:
    """The panel is narrow: a reason longer than its field shows its start, not its tail."""
    w, docs, _ = source_window
    reason = ("names the harbour master and the coast guard, quotes both, and marks the "
              "unnamed sources as such")
    project.set_source_card(docs[0], reliability=4, reason=reason)
    panel = w.panels["source"]
    field = panel.reason
    field.setFixedWidth(220)  # the panel beside the panes is about this narrow
    panel.show_document(docs[0])
    assert field.text() == reason
    assert field.fontMetrics().horizontalAdvance(reason) > field.width()  # it does not fit
    assert field.cursorPosition() == 0
    assert field.cursorRect().left() < field.width() // 4  # the first word is in view
