"""Document panes over a real project file: showing, annotating, tagging, deleting, undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor

from claimweave.core.store import Project
from claimweave.ui.panes import DocumentPane, PaneContainer
from claimweave.ui.panes.claim_index import ClaimIndex
from claimweave.ui.panes.claim_tooltip import claim_tooltip
from claimweave.ui.panes.snapping import regex_sentences, snap_word, snapper_for
from claimweave.ui.session import ProjectSession


def utf16(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def select_like_a_user(pane: DocumentPane, needle: str) -> str:
    """Select *needle* with Qt positions computed independently of the offset map."""
    text = pane.view.toPlainText()
    i = text.index(needle)
    cursor = QTextCursor(pane.view.document())
    cursor.setPosition(utf16(text[:i]))
    cursor.setPosition(utf16(text[:i]) + utf16(needle), QTextCursor.MoveMode.KeepAnchor)
    pane.view.setTextCursor(cursor)
    return cursor.selectedText().replace("\u2029", "\n")


@pytest.fixture
def container(make_container) -> PaneContainer:
    return make_container("Harbour Gazette", "Coastal Times")


def test_panes_show_the_stored_text_and_its_claims(container, project, reports) -> None:
    left, right = container.panes()
    assert left.view.toPlainText() == project.text(reports["Harbour Gazette"])
    assert left.chooser.currentText() == "Harbour Gazette"
    assert len(left.view.index) == 5 and len(right.view.index) == 5
    assert left.view.isReadOnly()


def test_enter_makes_a_claim_of_the_selection(container, project, qtbot) -> None:
    pane = container.panes()[0]
    selected = select_like_a_user(pane, "Harbour master Ilse Brandt")
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_Return)
    claim = next(c for c in project.claims() if c.quote == selected)
    assert claim.annotator == "tester"
    assert claim.id in pane.view.index
    assert pane.current_claim == claim.id
    assert not pane.view.textCursor().hasSelection()


def test_a_claim_after_emoji_and_astral_text_keeps_its_quote(session, project, qtbot) -> None:
    text = ("Family 👨‍👩‍👧 news 🇮🇷: 𝐀𝐁𝐂 said q\u0301 that\n"
            "ایران و روسیه 🙂 agreed on 14 boats.\tTabs\tstay.")
    doc = project.add_document(text, title="Emoji").document.id
    pane = DocumentPane(session, annotator="tester")
    pane.snap_mode = "none"  # exact offsets here, not whole words
    qtbot.addWidget(pane)
    pane.set_document(doc)
    pane.resize(500, 300)
    pane.show()
    qtbot.waitExposed(pane)
    for needle in ("agreed on 14 boats", "روسیه 🙂", "𝐁𝐂 said q\u0301", "that\nایران"):
        selected = select_like_a_user(pane, needle)
        qtbot.keyClick(pane.view, Qt.Key.Key_Return)
        claim = project.claim(pane.current_claim)
        assert claim.quote == selected == needle
        assert project.text(doc)[claim.start:claim.end] == needle


def test_word_snapping_widens_a_sloppy_selection(container, project, qtbot) -> None:
    pane = container.panes()[0]
    container.snap_mode = "word"
    select_like_a_user(pane, "rbour master Ilse Bra")
    qtbot.keyClick(pane.view, Qt.Key.Key_Return)
    assert project.claim(pane.current_claim).quote == "Harbour master Ilse Brandt"


def drag_select(qtbot, pane: DocumentPane, start: int, end: int) -> None:
    """Press the mouse at code point *start*, move to *end* and let go, as a hand does."""
    view = pane.view
    points = []
    for cp in (start, end):
        cursor = QTextCursor(view.document())
        cursor.setPosition(view.offsets.to_utf16(cp))
        points.append(view.cursorRect(cursor).center())
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=points[0])
    qtbot.mouseMove(view.viewport(), points[1])
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=points[1])


def test_a_sloppy_drag_snaps_to_whole_words_by_default(make_container, project, qtbot) -> None:
    container = make_container("Harbour Gazette", "Coastal Times")
    pane = container.panes()[0]
    text = pane.view.text
    i = text.index("council blamed the broken")
    drag_select(qtbot, pane, i + 3, i + len("council blamed the bro"))
    assert pane.view.selection_span() == (i + 3, i + len("council blamed the bro"))
    qtbot.keyClick(pane.view, Qt.Key.Key_Return)
    assert project.claim(pane.current_claim).quote == "council blamed the broken"
    pane.snap_mode = "none"  # the right-click menu still offers exact selections
    j = text.index("Repairs will")
    drag_select(qtbot, pane, j + 2, j + 9)
    qtbot.keyClick(pane.view, Qt.Key.Key_Return)
    assert project.claim(pane.current_claim).quote == "pairs w"


def test_number_keys_toggle_codebook_tags(container, project, qtbot) -> None:
    pane = container.panes()[0]
    claim_id = pane.claim_ids()[0]
    pane.select_claim(claim_id)
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_2)  # codebook order: Fact, Number, Cause
    assert project.claim(claim_id).tags == ("Fact", "Number")
    qtbot.keyClick(pane.view, Qt.Key.Key_1)
    assert project.claim(claim_id).tags == ("Number",)
    assert pane.claim(claim_id).tags == ("Number",)  # the pane's index followed
    with qtbot.waitSignal(pane.message) as blocker:
        qtbot.keyClick(pane.view, Qt.Key.Key_9)
    assert "no tag 9" in blocker.args[0]


def test_tab_walks_the_claims_in_reading_order(container, qtbot) -> None:
    pane = container.panes()[1]
    pane.view.setFocus()
    order = pane.claim_ids()
    qtbot.keyClick(pane.view, Qt.Key.Key_Tab)
    assert pane.current_claim == order[0]
    qtbot.keyClick(pane.view, Qt.Key.Key_Tab)
    qtbot.keyClick(pane.view, Qt.Key.Key_J)
    assert pane.current_claim == order[2]
    qtbot.keyClick(pane.view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert pane.current_claim == order[1]
    qtbot.keyClick(pane.view, Qt.Key.Key_K)
    assert pane.current_claim == order[0]


def test_delete_then_undo_through_the_store_updates_the_pane(container, project, qtbot) -> None:
    pane = container.panes()[0]
    first = pane.claim_ids()[0]
    links_before = len(project.links())
    pane.select_claim(first)
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_Delete)
    assert first not in pane.view.index
    assert len(project.links()) == links_before - 1
    bands = container.band_widgets()[0]
    assert all(first not in (b.left_claim, b.right_claim) for b in bands.bands())
    project.undo()
    assert first in pane.view.index
    assert any(first == b.left_claim for b in bands.bands())
    project.redo()
    assert first not in pane.view.index


def test_undo_of_a_new_claim_removes_its_highlight(container, project, qtbot) -> None:
    pane = container.panes()[0]
    select_like_a_user(pane, "according to the coast guard")
    qtbot.keyClick(pane.view, Qt.Key.Key_Return)
    new_id = pane.current_claim
    assert new_id in pane.view.index
    project.undo()
    assert new_id not in pane.view.index
    assert pane.current_claim is None


def test_read_only_session_refuses_edits(tmp_path, qtbot) -> None:
    path = tmp_path / "ro.claimweave"
    with Project.create(path) as p:
        doc = p.add_document("Only reading here. Nothing else.", title="RO").document.id
        p.add_claim(doc, quote="Only reading here.")
    project = Project.open(path, read_only=True)
    session = ProjectSession(project)
    pane = DocumentPane(session)
    qtbot.addWidget(pane)
    pane.set_document(doc)
    pane.show()
    assert not pane.create_action.isEnabled()
    select_like_a_user(pane, "Nothing else.")
    qtbot.keyClick(pane.view, Qt.Key.Key_Return)
    assert len(project.claims()) == 1
    with qtbot.waitSignal(pane.message) as blocker:
        pane.create_claim_from_selection()
    assert "read-only" in blocker.args[0]
    qtbot.keyClick(pane.view, Qt.Key.Key_Tab)  # walking still works
    assert pane.current_claim is not None
    qtbot.keyClick(pane.view, Qt.Key.Key_Delete)
    assert len(project.claims()) == 1
    session.close()


def test_tooltip_shows_quote_tags_and_links(container, project, reports) -> None:
    claim = next(c for c in project.claims() if c.quote == "30 boats were damaged")
    tip = claim_tooltip(project, claim.id)
    assert "30 boats were damaged" in tip and "Number" in tip
    assert "contradicts" in tip and "14 fishing boats were damaged" in tip
    assert "Harbour Gazette" in tip and "Nordic Wire" in tip


def test_claim_at_finds_the_highlight_under_the_mouse(container, project) -> None:
    pane = container.panes()[0]
    claim = next(c for c in project.claims() if c.quote == "Nobody was injured")
    top, bottom = pane.claim_extent(claim.id)
    window = pane.view.visible_window()
    rect = window.rects(claim.start, claim.end)[0]
    assert pane.view.claim_at(rect.center().toPoint()) == claim.id
    assert pane.view.claim_at(QPoint(2, int(window.height) - 5)) is None
    assert top < bottom


def test_activated_claims_scroll_or_load_their_documents(container, project, reports,
                                                         session) -> None:
    wire = next(c for c in project.claims() if c.quote == "reported 14 damaged boats")
    session.activate_claims([wire.id])
    assert container.panes()[-1].document_id == reports["Nordic Wire"]
    assert container.panes()[-1].current_claim == wire.id
    gazette = next(c for c in project.claims() if c.quote == "Nobody was injured")
    session.activate_claims([gazette.id, wire.id])
    assert container.panes()[0].current_claim == gazette.id


def test_panes_can_be_added_removed_and_chosen(container, reports, qtbot) -> None:
    assert len(container.band_widgets()) == 1
    third = container.add_pane(reports["Nordic Wire"])
    assert len(container.panes()) == 3 and len(container.band_widgets()) == 2
    container.add_pane()
    assert container.add_pane() is None  # at most four
    container.remove_pane(container.panes()[-1])
    third.chooser.activated.emit(third.chooser.findData(reports["Harbour Gazette"]))
    assert third.document_id == reports["Harbour Gazette"]
    qtbot.mouseClick(third.close_button, Qt.MouseButton.LeftButton)
    assert len(container.panes()) == 2 and len(container.band_widgets()) == 1
    assert not container.remove_pane(container.panes()[0])  # two stay
    container.set_documents(list(reports.values()))
    assert container.documents() == list(reports.values())


def test_claim_index_queries_and_updates(project, reports) -> None:
    claims = project.claims(document_id=reports["Harbour Gazette"])
    index = ClaimIndex(claims)
    first = claims[0]
    assert [c.id for c in index.overlapping(first.start, first.start + 1)] == [first.id]
    assert index.overlapping(0, 5) == []
    index.remove(first.id)
    assert first.id not in index and index.overlapping(first.start, first.end) == []
    index.put(first)
    assert index.ordered()[0] == first.id
    assert index.neighbour(None, 1, from_pos=first.end) == claims[1].id
    assert index.neighbour(claims[-1].id, 1) == first.id


def test_snappers() -> None:
    text = "First one here. Second, longer sentence!  Third?\nFourth line"
    assert snap_word(text, 2, 8) == (0, 9)
    assert snap_word(text, 5, 7) == (6, 9)  # leading space dropped
    assert regex_sentences(text)[:2] == [(0, 15), (16, 40)]
    sentence = snapper_for("sentence")
    assert sentence(text, 20, 25) == (16, 40)
    assert sentence(text, 3, 20) == (0, 40)
    assert text[slice(*sentence(text, 50, 52))] == "Fourth line"
    with pytest.raises(ValueError):
        snapper_for("paragraph")


def test_revealing_a_selected_span_keeps_the_selection(session, project, qtbot) -> None:
    text = "\n".join(f"Line {i} of a long report." for i in range(300))
    doc = project.add_document(text, title="Long").document.id
    pane = DocumentPane(session)
    qtbot.addWidget(pane)
    pane.resize(400, 200)
    pane.set_document(doc)
    pane.show()
    qtbot.waitExposed(pane)
    start = text.index("Line 250 ")
    pane.view.select_span(start, start + 8)
    pane.view.scroll_to_span(start, start + 8)
    assert pane.view.selection_span() == (start, start + 8)
    assert pane.view.is_span_visible(start, start + 8)


def test_shift_enter_moves_the_current_claim_to_the_selection(container, project,
                                                              qtbot) -> None:
    pane = container.panes()[0]
    claim = next(c for c in project.claims() if c.quote == "14 fishing boats were damaged")
    tags, links = claim.tags, len(project.links(claim_id=claim.id))
    pane.select_claim(claim.id)
    wider = select_like_a_user(pane, "Ilse Brandt said that 14 fishing boats were damaged")
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    moved = project.claim(claim.id)
    assert moved.quote == wider and moved.tags == tags
    assert len(project.links(claim_id=claim.id)) == links  # the same claim, a new extent
    assert pane.view.index.get(claim.id).start == moved.start
    project.undo()
    assert project.claim(claim.id).quote == "14 fishing boats were damaged"
