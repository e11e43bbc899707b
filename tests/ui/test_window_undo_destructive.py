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
    claimants = sorted((k.id, k.name, tuple(sorted(k.aliases))) for k in project.claimants())
    return docs, claims, links, tags, claimants


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


def with_claimants(window) -> None:  # type: ignore[no-untyped-def]
    """Two claimants of the storm's claims (made before the action, not undone by it)."""
    project = window.session.project
    claims = project.claims()
    project.set_claimant(claims[0].id, "Ilse Brandt")
    project.set_claimant(claims[1].id, "the harbour master")


def claimants_dialog(window):  # type: ignore[no-untyped-def]
    """The Claimants dialog, opened with its button in the Source panel, first row chosen."""
    from claimweave.ui.dialogs.claimants import ClaimantsDialog

    window.docks["source"].raise_()
    window.panels["source"].claimants_button.click()
    dialog = next(w for w in QApplication.topLevelWidgets()
                  if isinstance(w, ClaimantsDialog) and w.isVisible())
    dialog.table.selectRow(0)
    return dialog


def delete_claimant(window, qtbot, _tmp_path, _monkeypatch) -> None:  # type: ignore[no-untyped-def]
    dialog = claimants_dialog(window)
    qtbot.mouseClick(button(dialog, "Delete"), Qt.MouseButton.LeftButton)


def rename_claimant(window, qtbot, _tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from claimweave.ui.dialogs import claimants

    dialog = claimants_dialog(window)
    monkeypatch.setattr(claimants.QInputDialog, "getText",
                        lambda *_a, **_k: ("Harbour master Ilse Brandt", True))
    qtbot.mouseClick(button(dialog, "Rename…"), Qt.MouseButton.LeftButton)


def merge_claimants(window, qtbot, _tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from claimweave.ui.dialogs import claimants

    dialog = claimants_dialog(window)
    monkeypatch.setattr(claimants.QInputDialog, "getItem",
                        lambda _p, _t, _l, items, *_a, **_k: (items[0], True))
    qtbot.mouseClick(button(dialog, "Merge Into…"), Qt.MouseButton.LeftButton)


def plain(action: Callable[..., None]) -> Callable[..., None]:
    return lambda window, qtbot, _tmp_path, _monkeypatch: action(window, qtbot)


def with_files(action: Callable[..., None]) -> Callable[..., None]:
    return lambda window, qtbot, tmp_path, _monkeypatch: action(window, qtbot, tmp_path)


# name -> (the action, as the user does it; whether claimants must exist first)
ACTIONS: dict[str, tuple[Callable[..., None], bool]] = {
    "delete claim (Delete in a pane)": (plain(delete_claim), False),
    "delete link (Delete in the Links table)": (plain(delete_link), False),
    "delete document (Documents panel)": (plain(delete_document), False),
    "delete tag (Codebook panel)": (plain(delete_tag), False),
    "merge a project": (with_files(merge), False),
    "bring in a newer text": (with_files(newer_text), False),
    "delete a claimant (Claimants dialog)": (delete_claimant, True),
    "rename a claimant (Claimants dialog)": (rename_claimant, True),
    "merge two claimants (Claimants dialog)": (merge_claimants, True),
}


@pytest.mark.parametrize("name", list(ACTIONS))
def test_one_ctrl_z_takes_it_back(window, qtbot, tmp_path, monkeypatch, name: str) -> None:
    project = window.session.project
    said: list[tuple[object, ...]] = []
    window.datasets.inform = lambda *a, **_k: said.append(a)  # the merge's summary box
    action, claimants = ACTIONS[name]
    if claimants:
        with_claimants(window)
    before = state(project)
    action(window, qtbot, tmp_path, monkeypatch)
    assert state(project) != before, (f"{name} changed nothing", said)
    window.activateWindow()
    ctrl_z(window, qtbot)
    assert state(project) == before, name
