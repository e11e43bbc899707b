"""Feedback pages and grades are graded on a worker with a progress dialog; Cancel before
the writing leaves the folder empty and the file unwritten (skipped without Qt)."""

from __future__ import annotations

import threading

import pytest

pytest.importorskip("PySide6", exc_type=ImportError)
pytest.importorskip("pytestqt", exc_type=ImportError)

from .conftest import Exercise


@pytest.mark.parametrize("what", ["feedback", "grades"])
def test_cancelled_grading_writes_nothing(exercise: Exercise, class_window, qtbot,
                                          monkeypatch, tmp_path, what: str) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

    import claimweave.classroom.agreement as agreement
    from claimweave.ui.classroom import actions as classroom_actions

    assert class_window.open_project(exercise.two_students())
    gate = threading.Event()
    real = agreement.analyse_class

    def held(data):  # type: ignore[no-untyped-def]
        gate.wait(30)  # the user's Cancel comes first
        return real(data)

    monkeypatch.setattr(agreement, "analyse_class", held)
    folder = tmp_path / "feedback"
    folder.mkdir()
    grades = tmp_path / "grades.csv"
    monkeypatch.setattr(classroom_actions.QFileDialog, "getExistingDirectory",
                        lambda *_a, **_k: str(folder))
    monkeypatch.setattr(classroom_actions.QFileDialog, "getSaveFileName",
                        lambda *_a, **_k: (str(grades), ""))

    def press() -> None:
        qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QProgressDialog))
        button = QApplication.activeModalWidget().findChild(QPushButton)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        gate.set()

    QTimer.singleShot(0, press)
    acts = class_window.classroom
    (acts.feedback_action if what == "feedback" else acts.grades_action).trigger()
    assert list(folder.iterdir()) == [] and not grades.exists()
    assert "cancelled" in class_window.statusBar().currentMessage()
