"""Links between panes that are not neighbours, and getting to the other end of a link.

A link from pane 1 to pane 3 has no band (it would cross pane 2): each end gets a marker at
its pane's edge in the partner pane's colour, and a click on it scrolls the partner into
view. P scrolls to the claim linked to the current one, and L from the last pane goes to
its neighbour. All through real mouse clicks and key presses.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from claimweave.ui.panes.far_links import pane_color

PARAGRAPHS = 70


@pytest.fixture
def three(project, long_reports, make_container):
    """Three long reports; paragraph 3 of the first is linked to paragraph 60 of the third."""
    docs = long_reports("First", "Middle", "Last", paragraphs=PARAGRAPHS)
    near = project.add_claim(docs[0], quote="witness number 3 ")
    far = project.add_claim(docs[2], quote="witness number 60 ")
    middle = project.add_claim(docs[1], quote="witness number 2 ")
    link = project.link_claims(near.id, far.id, "contradicts")
    c = make_container(documents=docs, size=(1200, 400))
    return c, link, near, far, middle


def test_a_link_that_skips_a_pane_is_marked_at_both_ends(three, qtbot) -> None:
    c, link, near, far, _middle = three
    first, _mid, last = c.panes()
    left_gutter, right_gutter = c.band_widgets()
    assert not any(b.link_id == link.id for g in (left_gutter, right_gutter) for b in g.bands())
    [marker] = left_gutter.markers()
    assert (marker.link_id, marker.claim, marker.partner) == (link.id, near.id, far.id)
    assert marker.side == "left" and marker.partner_position == 2
    assert marker.partner_color == pane_color(2) != pane_color(0)
    assert last.number.text() == "3" and pane_color(2) in last.number.styleSheet()
    assert right_gutter.markers() == []  # the far claim is scrolled out of view
    assert not last.view.is_span_visible(far.start, far.end)

    rect = marker.rect(left_gutter.width())
    qtbot.mouseClick(left_gutter, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert c.session.current_claim == near.id
    assert last.view.is_span_visible(far.start, far.end)
    [back] = right_gutter.markers()  # now the far end is in view: its marker points left
    assert (back.claim, back.partner, back.side, back.partner_position) == (
        far.id, near.id, "right", 0)
    assert first.view.is_span_visible(near.start, near.end)


def test_p_scrolls_to_the_linked_claim_and_cycles_through_links(three, project, qtbot) -> None:
    c, _link, near, far, middle = three
    first, mid, last = c.panes()
    project.link_claims(near.id, middle.id, "agrees")
    first.select_claim(near.id)
    first.view.setFocus()
    messages: list[str] = []
    c.message.connect(messages.append)
    qtbot.keyClick(first.view, Qt.Key.Key_P)
    assert last.view.is_span_visible(far.start, far.end)
    assert c.session.current_claim == near.id  # the user stays on their claim
    assert "Last" in messages[-1] and "contradicts" in messages[-1] and "1 of 2" in messages[-1]
    qtbot.keyClick(first.view, Qt.Key.Key_P)
    assert mid.view.is_span_visible(middle.start, middle.end)
    assert "agrees" in messages[-1] and "2 of 2" in messages[-1]


def test_l_in_the_last_pane_goes_to_its_neighbour(three, qtbot) -> None:
    c, _link, _near, far, _middle = three
    _first, mid, last = c.panes()
    last.select_claim(far.id)
    qtbot.keyClick(last.view, Qt.Key.Key_L)
    assert c.link_mode.target_pane is mid
    qtbot.keyClick(mid.view, Qt.Key.Key_Left)  # Left/Right still move across the panes
    assert c.link_mode.target_pane is c.panes()[0]
    qtbot.keyClick(c.panes()[0].view, Qt.Key.Key_Right)
    assert c.link_mode.target_pane is mid


def test_scrolling_together_lines_up_linked_claims(project, long_reports, make_container,
                                                  qtbot) -> None:
    docs = long_reports("A", "B", paragraphs=PARAGRAPHS)
    pairs = [(5, 20), (15, 30), (25, 40), (35, 50), (45, 60)]
    for i, j in pairs:
        a = project.add_claim(docs[0], quote=f"witness number {i} ")
        b = project.add_claim(docs[1], quote=f"witness number {j} ")
        project.link_claims(a.id, b.id, "agrees")
    c = make_container(documents=docs, size=(1000, 400), annotator=None)
    left, right = c.panes()
    c.scroll_together = True
    left.view.setFocus()
    qtbot.keyClick(left.view, Qt.Key.Key_PageDown)
    assert left.view.verticalScrollBar().value() > 0
    gutter = c.band_widgets()[0]
    level = [b for b in gutter.bands() if abs(b.left[0] - b.right[0]) <= 2]
    assert level, [(b.left, b.right) for b in gutter.bands()]
    c.scroll_together = False
    before = right.view.verticalScrollBar().value()
    qtbot.keyClick(left.view, Qt.Key.Key_PageDown)
    assert right.view.verticalScrollBar().value() == before


def test_markers_of_neighbouring_claims_do_not_cover_each_other(three, project, qtbot) -> None:
    c, _link, near, _far, _middle = three
    docs = [p.document_id for p in c.panes()]
    second = project.add_claim(docs[0], quote="witness number 4 ")  # the next line
    project.add_claim(docs[2], quote="witness number 61 ")
    other = next(x for x in project.claims(document_id=docs[2]) if "61" in x.quote)
    project.link_claims(second.id, other.id, "agrees")
    gutter = c.band_widgets()[0]
    markers = gutter.markers()
    assert {m.claim for m in markers} == {near.id, second.id}
    a, b = (m.rect(gutter.width()) for m in markers)
    assert not a.intersects(b)
