"""Linking claims across panes: keyboard link mode, mouse drops, refusals, band clicks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDropEvent

from claimweave.ui.panes import PaneContainer
from claimweave.ui.panes.text_view import CLAIM_MIME


@pytest.fixture
def container(make_container) -> PaneContainer:
    return make_container("Harbour Gazette", "Nordic Wire")


def claim_id(project, quote: str) -> str:
    return next(c.id for c in project.claims() if c.quote == quote)


def test_keyboard_link_mode_links_with_one_letter(container, project, qtbot) -> None:
    left, right = container.panes()
    source = claim_id(project, "Nobody was injured")
    left.select_claim(source)
    left.view.setFocus()
    qtbot.keyClick(left.view, Qt.Key.Key_L)
    assert container.link_mode.active
    assert container.link_mode.target_pane is right
    order = right.claim_ids()
    assert right.view.candidate_claim == order[0]
    qtbot.keyClick(right.view, Qt.Key.Key_Down)
    qtbot.keyClick(right.view, Qt.Key.Key_Down)
    qtbot.keyClick(right.view, Qt.Key.Key_Up)
    assert right.view.candidate_claim == order[1]
    with qtbot.waitSignal(container.linked) as blocker:
        qtbot.keyClick(right.view, Qt.Key.Key_C)
    link = blocker.args[0]
    assert (link.source, link.target, link.relation) == (source, order[1], "contradicts")
    assert link.annotator == "tester"
    assert not container.link_mode.active and right.view.candidate_claim is None
    assert any(b.link_id == link.id for b in container.band_widgets()[0].bands())


def test_linking_twice_is_a_message_not_a_crash(container, project, qtbot) -> None:
    left, right = container.panes()
    source = claim_id(project, "closed the harbour for two days")
    target = claim_id(project, "The harbour was closed for two days")
    messages: list[str] = []
    container.message.connect(messages.append)
    for _ in range(2):
        left.select_claim(source)
        qtbot.keyClick(left.view, Qt.Key.Key_L)
        while right.view.candidate_claim != target:
            qtbot.keyClick(right.view, Qt.Key.Key_Tab)
        qtbot.keyClick(right.view, Qt.Key.Key_A)
    assert "already linked" in messages[-1]
    assert len(project.links(claim_id=source)) == 2  # the fixture's link and the new one


def test_escape_cancels_and_other_keys_do_nothing(container, project, qtbot) -> None:
    left, right = container.panes()
    source = claim_id(project, "Nobody was injured")
    left.select_claim(source)
    qtbot.keyClick(left.view, Qt.Key.Key_L)
    qtbot.keyClick(right.view, Qt.Key.Key_Delete)  # swallowed while linking
    qtbot.keyClick(right.view, Qt.Key.Key_Escape)
    assert not container.link_mode.active
    assert len(project.claims()) == 13 and len(project.links()) == 8


def test_other_relations_come_from_the_chooser(container, project, qtbot) -> None:
    project.add_relation_type("quotes", color="#7a3db8")
    offered: list[str] = []

    def chooser(_parent, _pos, relations):
        offered.extend(r.name for r in relations)
        return "quotes"

    container.set_relation_chooser(chooser)
    left, right = container.panes()
    left.select_claim(claim_id(project, "Nobody was injured"))
    qtbot.keyClick(left.view, Qt.Key.Key_L)
    with qtbot.waitSignal(container.linked) as blocker:
        qtbot.keyClick(right.view, Qt.Key.Key_O)
    assert blocker.args[0].relation == "quotes"
    assert "quotes" in offered and "agrees" in offered


def test_link_mode_needs_a_second_document(session, reports, qtbot) -> None:
    c = PaneContainer(session)
    qtbot.addWidget(c)
    c.set_documents([reports["Harbour Gazette"]])
    pane = c.panes()[0]
    pane.step_claim(1)
    with qtbot.waitSignal(c.message) as blocker:
        qtbot.keyClick(pane.view, Qt.Key.Key_L)
    assert "another document" in blocker.args[0]
    assert not c.link_mode.active


def test_dropping_a_dragged_claim_on_another_links_them(container, project, qtbot) -> None:
    container.set_relation_chooser(lambda *_a: "agrees")
    right = container.panes()[1]
    source = claim_id(project, "Repairs will cost about 2 million crowns")
    target = project.claim(claim_id(project, "reported 14 damaged boats"))
    window = right.view.visible_window()
    point = window.rects(target.start, target.end)[0].center()
    mime = QMimeData()
    mime.setData(CLAIM_MIME, source.encode())
    drop = QDropEvent(QPointF(point), Qt.DropAction.LinkAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(container.linked) as blocker:
        right.view.dropEvent(drop)
    assert (blocker.args[0].source, blocker.args[0].target) == (source, target.id)


def test_clicking_a_band_selects_both_claims(container, project, session, qtbot) -> None:
    bands = container.band_widgets()[0]
    assert bands.bands() == []  # the fixture links these two reports only through a third
    project.link_claims(claim_id(project, "14 fishing boats were damaged"),
                        claim_id(project, "reported 14 damaged boats"), "agrees")
    band = bands.bands()[0]
    y = (band.left[0] + band.left[1]) / 2
    with qtbot.waitSignal(session.claimsActivated) as blocker:
        qtbot.mouseClick(bands, Qt.MouseButton.LeftButton, pos=QPoint(2, int(y)))
    assert blocker.args[0] == [band.left_claim, band.right_claim]
    assert container.panes()[0].current_claim == band.left_claim
    assert next(b for b in bands.bands() if b.link_id == band.link_id).current
