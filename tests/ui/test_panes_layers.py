"""Annotator layers in panes: one layer, several, or the key beside a student."""

from __future__ import annotations

import pytest

from claimweave.ui.panes import PaneContainer
from claimweave.ui.panes.layers import layer_label


@pytest.fixture
def layered(session, reports, project):
    """The storm reports (all by 'ana') plus claims by the key and by 'ben'."""
    doc = reports["Harbour Gazette"]
    key = project.add_claim(doc, quote="Harbour master Ilse Brandt", annotator="key")
    ben = project.add_claim(doc, quote="two days", annotator="ben")
    return doc, key, ben


@pytest.fixture
def container(session, qtbot) -> PaneContainer:
    c = PaneContainer(session, annotator="ben")
    qtbot.addWidget(c)
    c.resize(1200, 500)
    c.show()
    qtbot.waitExposed(c)
    return c


def test_the_key_beside_a_student(container, layered, project) -> None:
    doc, key, ben = layered
    container.set_documents([doc, doc])
    left, right = container.panes()
    assert left.layer_button.isVisible()  # three annotators: there is a choice
    assert len(left.view.index) == len(project.claims(document_id=doc)) == 7
    left.set_layers(frozenset({"key"}))
    right.set_layers(frozenset({"ana"}))
    assert left.view.index.ordered() == [key.id]
    shown = [right.view.index.get(i) for i in right.view.index.ordered()]
    assert {c.annotator for c in shown} == {"ana"} and len(shown) == 5
    assert left.layer_button.text() == "key"
    right.set_layers(frozenset({"ana", "ben"}))
    assert len(right.view.index) == 6 and right.layer_button.text() == "2 layers"
    assert ben.id in right.view.index and ben.id not in left.view.index
    right.set_layers(None)
    assert len(right.view.index) == 7


def test_new_claims_follow_the_filter(container, layered, project) -> None:
    doc, key, _ben = layered
    container.set_documents([doc])
    pane = container.panes()[0]
    pane.set_layers(frozenset({"key"}))
    other = project.add_claim(doc, quote="Nobody was injured", annotator="ana", occurrence=None)
    assert other.id not in pane.view.index  # another layer's new claim stays hidden
    project.undo()
    text = pane.view.text
    start = text.index("coast guard")
    pane.view.select_span(start, start + len("coast guard"))
    made = pane.create_claim_from_selection()
    assert made is not None and made.annotator == "ben"
    assert pane.layers == frozenset({"key", "ben"})  # one's own claim never vanishes
    assert made.id in pane.view.index and key.id in pane.view.index


def test_button_hidden_with_one_annotator(session, reports, qtbot) -> None:
    c = PaneContainer(session, annotator="ana")
    qtbot.addWidget(c)
    c.set_documents([reports["Harbour Gazette"]])
    c.show()
    assert not c.panes()[0].layer_button.isVisible()


def test_labels() -> None:
    assert layer_label(None) == "All layers"
    assert layer_label(frozenset({"ana"})) == "ana"
    assert layer_label(frozenset({"ana", "key"})) == "2 layers"
