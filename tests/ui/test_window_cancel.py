"""Long jobs can be cancelled from their progress dialog, with the mouse or with Esc, and a
cancelled job leaves nothing behind: no export file, no report, no merged documents.

Each job is held at a gate (a threading.Event) inside its real work until the user has
pressed Cancel, so the test does not depend on how fast the machine is."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMainWindow, QProgressDialog, QPushButton

from claimweave.core.store import Project
from claimweave.ui import transfer


def cancel_when_shown(qtbot, gate: threading.Event, *, key: bool = False,  # type: ignore[no-untyped-def]
                      label: str = "") -> list[str]:
    """Once the progress dialog (saying *label*) is up, press its Cancel (or Esc), then open
    the gate. It is looked for every few milliseconds without blocking, so that an earlier
    dialog of the same job can finish; after 10 s the gate opens unpressed (the test fails)."""
    seen: list[str] = []
    timer = QTimer(QApplication.instance())
    deadline = time.monotonic() + 10

    def press() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QProgressDialog) or label not in dialog.labelText():
            if time.monotonic() > deadline:
                timer.stop()
                gate.set()
            return
        timer.stop()
        timer.deleteLater()
        seen.append(dialog.labelText())
        if key:
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        else:
            button = dialog.findChild(QPushButton)
            assert button is not None and button.text() == "Cancel"
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        gate.set()

    timer.timeout.connect(press)
    timer.start(20)
    return seen


def choose_from_menu(qtbot, window: QMainWindow, title: str, action: QAction) -> None:  # type: ignore[no-untyped-def]
    """Click the menu *title* in the menu bar, then *action* in it, with the mouse."""
    bar = window.menuBar()
    menu = next(a.menu() for a in bar.actions() if a.text() == title)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton,
                     pos=bar.actionGeometry(menu.menuAction()).center())
    qtbot.waitUntil(menu.isVisible)
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())


def held_at_a_gate(monkeypatch, module, name: str) -> threading.Event:  # type: ignore[no-untyped-def]
    """Replace *module.name* by the real function held at a gate until it opens; the gate."""
    gate = threading.Event()
    real = getattr(module, name)

    def held(*args, **kwargs):  # type: ignore[no-untyped-def]
        gate.wait(30)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, held)
    return gate


def test_cancelling_an_export_writes_nothing(window, qtbot, monkeypatch, tmp_path) -> None:
    gate = threading.Event()
    real = transfer.export

    def held(reader, fmt, path, selection, progress=None, **options):  # type: ignore[no-untyped-def]
        def step(done: int, total: int) -> None:
            gate.wait(30)  # the user's Cancel comes first
            assert progress is not None
            progress(done, total)  # raises: the job was cancelled
        return real(reader, fmt, path, selection, progress=step, **options)

    monkeypatch.setattr(transfer, "export", held)
    out = tmp_path / "storm.jsonl"
    seen = cancel_when_shown(qtbot, gate)
    window.export_to("jsonl", out)
    assert seen and "storm.jsonl" in seen[0]
    assert not out.exists()
    assert not list(tmp_path.glob("*storm*"))  # no half-written file beside it either
    assert "cancelled" in window.statusBar().currentMessage()
    window.export_to("jsonl", out)  # and a new export, not cancelled, works
    assert out.exists()


def test_cancelling_a_merge_returns_at_once_and_changes_nothing(
        window, qtbot, monkeypatch, tmp_path) -> None:
    gate = held_at_a_gate(monkeypatch, transfer, "project_bundle")
    other = tmp_path / "other.claimweave"
    with Project.create(other) as p:
        p.add_document("Another report of the storm.", title="Other")
    before = len(window.session.project.documents())
    cancel_when_shown(qtbot, gate, key=True)  # Esc cancels as well
    assert window.datasets.merge_project(other) is None
    assert len(window.session.project.documents()) == before
    assert "cancelled" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: not any(t.name == "claimweave-merge"
                                    for t in threading.enumerate()))


def test_cancelling_a_report_writes_no_file(window, qtbot, monkeypatch, tmp_path) -> None:
    import claimweave.report as report_module

    gate = held_at_a_gate(monkeypatch, report_module, "build_report")
    out: Path = tmp_path / "storm.html"
    cancel_when_shown(qtbot, gate)
    assert window.datasets.save_report(out) is None
    assert not out.exists()


def test_cancelling_the_reading_of_a_newer_text_keeps_the_old_one(
        window, qtbot, monkeypatch, tmp_path) -> None:
    from claimweave.ui.panels import source_reuse

    gate = held_at_a_gate(monkeypatch, source_reuse, "read_source")
    messages: list[str] = []
    panel = window.panels["source"]
    panel.message.connect(messages.append)
    doc = window.comparison.container.panes()[0].document_id
    panel.show_document(doc)
    before = window.session.project.text(doc)
    newer = tmp_path / "newer.txt"
    newer.write_text("Correction: the storm closed the harbour for three days.", "utf-8")
    cancel_when_shown(qtbot, gate)
    assert panel.update_from(newer) is None
    assert window.session.project.text(doc) == before
    assert messages and "cancelled" in messages[-1]
    qtbot.waitUntil(lambda: not any(t.name == "claimweave-update text"
                                    for t in threading.enumerate()))


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")  # the menu
def test_cancelling_back_up_now_leaves_no_file(window, qtbot, monkeypatch) -> None:
    from claimweave.core import backup

    path = window.session.project.path
    folder = backup.backup_folder(path)
    window.backups.wait()
    before = sorted(folder.iterdir())
    window.session.project.add_tag("Later")  # a change: this copy would be kept
    gate = threading.Event()
    real = backup.make_backup
    half_written: list[Path] = []

    def held(*args, progress=None, **kwargs):  # type: ignore[no-untyped-def]
        def step(done: int, total: int) -> None:
            half_written.extend(folder.glob("*" + backup.PARTIAL))
            gate.wait(30)  # the user's Cancel comes first
            assert progress is not None
            progress(done, total)  # raises: the backup was cancelled
        return real(*args, progress=step, **kwargs)

    monkeypatch.setattr(backup, "make_backup", held)
    seen = cancel_when_shown(qtbot, gate)
    choose_from_menu(qtbot, window, "&File", window.backup_action)
    assert seen and path.name in seen[0]
    assert half_written  # the copy was under way when it was cancelled
    assert sorted(folder.iterdir()) == before
    assert "cancelled" in window.statusBar().currentMessage()
    choose_from_menu(qtbot, window, "&File", window.backup_action)  # again, not cancelled
    after = backup.list_backups(path)
    assert len(after) == len(before) + 1 and after[-1] not in before
    assert "Backed up to" in window.statusBar().currentMessage()
    with Project.open(after[-1], read_only=True) as copy:
        assert "Later" in [t.name for t in copy.tags()]


def test_cancelling_the_placing_of_claims_in_a_newer_text_changes_nothing(
        window, qtbot, monkeypatch, tmp_path) -> None:
    from claimweave.core import retext_repo
    from claimweave.ui.panels import source_reuse

    gate = threading.Event()
    real = retext_repo.reanchor
    asked: list[int] = []

    def held(old_length, new_text, claims, progress=None):  # type: ignore[no-untyped-def]
        def step(done: int, total: int) -> None:
            asked.append(total)
            gate.wait(30)  # the user's Esc comes first
            assert progress is not None
            progress(done, total)  # raises: the update was cancelled
        return real(old_length, new_text, claims, step)

    monkeypatch.setattr(retext_repo, "reanchor", held)
    project = window.session.project
    panel = window.panels["source"]
    doc = window.comparison.container.panes()[0].document_id
    panel.show_document(doc)
    claims = [(c.id, c.start, c.end, c.quote) for c in project.claims(document_id=doc)]
    assert claims
    text, undo = project.text(doc), project.undo_label
    newer = tmp_path / "newer.txt"
    newer.write_text("Correction. " + text, "utf-8")
    monkeypatch.setattr(source_reuse.QFileDialog, "getOpenFileName",
                        lambda *_a, **_k: (str(newer), ""))
    messages: list[str] = []
    panel.message.connect(messages.append)
    seen = cancel_when_shown(qtbot, gate, key=True, label="Placing")  # after "Reading"
    qtbot.mouseClick(panel.update_button, Qt.MouseButton.LeftButton)
    assert seen and asked == [len(claims)]
    assert messages and "cancelled" in messages[-1]
    assert project.text(doc) == text and project.document_history(doc) == []
    assert [(c.id, c.start, c.end, c.quote) for c in project.claims(document_id=doc)] == claims
    assert project.unplaced_claims() == [] and project.undo_label == undo
    qtbot.mouseClick(panel.update_button, Qt.MouseButton.LeftButton)  # not cancelled now
    assert project.text(doc) == "Correction. " + text
    moved = {c.id: c.start for c in project.claims(document_id=doc)}
    assert moved == {c[0]: c[1] + len("Correction. ") for c in claims}
