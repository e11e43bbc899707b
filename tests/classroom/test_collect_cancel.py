"""Collecting submissions runs on a worker with a progress dialog, submission by
submission; Cancel (or Esc), while the submissions are read or while the class project is
written, leaves no class project and no staged copy (skipped without Qt)."""

from __future__ import annotations

import threading

import pytest

pytest.importorskip("PySide6", exc_type=ImportError)
pytest.importorskip("pytestqt", exc_type=ImportError)

from .conftest import KEY_CLAIMS, Exercise


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")  # the menu
@pytest.mark.parametrize("held_at", ["reading", "writing"])
def test_cancelled_collection_writes_no_class_project(
        exercise: Exercise, class_window, qtbot, monkeypatch, held_at: str) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.test_window_cancel import cancel_when_shown, choose_from_menu

    import claimweave.classroom.collect as collect_module
    import claimweave.classroom.files as files_module
    from claimweave.ui.classroom import actions as classroom_actions

    subs = [exercise.submit("ann", KEY_CLAIMS), exercise.submit("bob", KEY_CLAIMS[:3])]
    klass = exercise.folder / "class.claimweave"
    module, name = ((collect_module, "read_submission") if held_at == "reading"
                    else (files_module, "apply_bundle"))
    gate, real, calls = threading.Event(), getattr(module, name), []
    staged: list[str] = []

    def held(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) == 2:  # the second submission (or bundle): the job is under way
            staged.extend(p.name for p in exercise.folder.glob(".class.claimweave.*"))
            gate.wait(30)  # the user's Cancel comes first
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, held)
    monkeypatch.setattr(classroom_actions.QFileDialog, "getOpenFileNames",
                        lambda *_a, **_k: ([str(s) for s in subs], ""))
    monkeypatch.setattr(classroom_actions.QFileDialog, "getSaveFileName",
                        lambda *_a, **_k: (str(klass), ""))
    assert class_window.open_project(exercise.key)
    class_window.show()
    qtbot.waitExposed(class_window)
    before = files(exercise)
    seen = cancel_when_shown(qtbot, gate, key=held_at == "writing")
    choose_from_menu(qtbot, class_window, "&Classroom", class_window.classroom.collect_action)
    assert seen and "2 submission" in seen[0]
    assert len(calls) == 2  # nothing was read or written after the Cancel
    assert bool(staged) == (held_at == "writing")  # the class project was being written
    assert files(exercise) == before  # no class project, no staged copy
    assert class_window.session.project.path == exercise.key
    assert "cancelled" in class_window.statusBar().currentMessage()
    choose_from_menu(qtbot, class_window, "&Classroom", class_window.classroom.collect_action)
    assert class_window.session.project.path == klass  # collected, not cancelled, and opened
    assert {"ann", "bob"} <= set(class_window.session.project.annotators())


def files(exercise: Exercise) -> set[str]:
    """The project and submission files in the exercise's folder (not the settings)."""
    return {p.name for p in exercise.folder.iterdir() if "claimweave" in p.name
            or p.suffix == ".cwsubmit"}
