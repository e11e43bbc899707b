"""Every destructive action of the window, done as the user does it (a key in the pane, a
button in a panel, a menu verb), is taken back whole by one Ctrl+Z: deleting a claim, a
link, a document, a tag, a claimant; merging a project; bringing in a newer text."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication

from claimweave.core.store import Project


def state(project: Project) -> tuple[object, ...]:
    """Everything a destructive action could lose, in a comparable form."""
    docs = sorted((d.id, d.title, project.text(d.id)) for d in project.documents())
    claims = sorted((c.id, c.document_id, c.start, c.end, c.note, c.claimant_id,
                     tuple(sorted(c.tags)))
                    for c in project.claims())
    links = sorted((ln.id, ln.source, ln.target, ln.relation) for ln in project.links())
    tags = sorted((t.id, t.name, t.parent_id) for t in project.tags())
    return docs, claims, links, tags


def ctrl_z(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    focus = QApplication.focusWidget() or window
    qtbot.keyClick(focus, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def button(panel, text: str) -> QAbstractButton:  # type: ignore[no-untyped-def]
    return next(b for b in panel.findChildren(QAbstractButton) if b.text() == text)


def delete_claim(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    pane = window.comparison.container.panes()[0]
    pane.select_claim(pane.claim_ids()[0])
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_Delete)


def delete_link(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = window.panels["links"]
    window.docks["links"].raise_()
    panel.view.selectRow(0)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)


def delete_document(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = window.panels["documents"]
    window.docks["documents"].raise_()
    panel.confirm = lambda _question: True  # the user answers Yes
    panel.view.selectRow(0)
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)


def delete_tag(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = window.panels["codebook"]
    panel.confirm = lambda _question: True
    panel.view.setCurrentIndex(panel.model.index(0, 0))
    qtbot.mouseClick(button(panel, "Delete"), Qt.MouseButton.LeftButton)


def merge(window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    other = tmp_path / "other.claimweave"
    with Project.create(other) as p:
        doc = p.add_document("Another report: the harbour stays shut.", title="Other").document
        p.add_claim(doc.id, quote="the harbour stays shut", annotator="bo")
    window.datasets.merge_project(other)


def newer_text(window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    panel = window.panels["source"]
    doc = window.comparison.container.panes()[0].document_id
    panel.show_document(doc)
    newer = tmp_path / "newer.txt"
    newer.write_text("Correction: the storm closed the harbour for three days.", "utf-8")
    assert panel.update_from(newer) is not None


ACTIONS: dict[str, Callable[..., None]] = {
    "delete claim (Delete in a pane)": delete_claim,
    "delete link (Delete in the Links table)": delete_link,
    "delete document (Documents panel)": delete_document,
    "delete tag (Codebook panel)": delete_tag,
    "merge a project": merge,
    "bring in a newer text": newer_text,
}


@pytest.mark.parametrize("name", list(ACTIONS))
def test_one_ctrl_z_takes_it_back(window, qtbot, tmp_path, name: str) -> None:
    project = window.session.project
    said: list[tuple[object, ...]] = []
    window.datasets.inform = lambda *a, **_k: said.append(a)  # the merge's summary box
    before = state(project)
    action = ACTIONS[name]
    if action in (merge, newer_text):
        action(window, qtbot, tmp_path)
    else:
        action(window, qtbot)
    assert state(project) != before, (f"{name} changed nothing", said)
    ctrl_z(window, qtbot)
    assert state(project) == before, name
