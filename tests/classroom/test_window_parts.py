"""The classroom's widgets one by one (pytest-qt, offscreen): the Prompts panel keeps what
was typed across documents and claims, the open dialogs list the students' files, the
welcome screen opens an assignment, and Make Assignment proposes a free name."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6", exc_type=ImportError)
pytest.importorskip("pytestqt", exc_type=ImportError)

from claimweave.classroom.submission import start_submission
from claimweave.core.store import Project

from .conftest import Exercise


@pytest.fixture
def panel(rich: Exercise, qtbot):  # type: ignore[no-untyped-def]
    from claimweave.ui.classroom.prompt_panel import PromptPanel
    from claimweave.ui.session import ProjectSession

    work = rich.folder / "ann.claimweave"
    start_submission(rich.assignment, "Ann", work)
    session = ProjectSession(Project.open(work))
    p = PromptPanel(session, "Ann")
    qtbot.addWidget(p)
    yield p
    session.close()


def test_the_prompt_panel_saves_before_it_turns(panel, rich: Exercise) -> None:  # type: ignore[no-untyped-def]
    project = panel.session.project
    [doc_q], [prop_q] = panel.doc_questions, panel.prop_questions
    assert not prop_q.answer.isEnabled()  # no claim chosen: nothing to answer about
    doc_q.answer.setPlainText("A reporter of the city paper.")
    panel.show_document(rich.doc_ids[1])  # turning to the next document saves the answer
    assert [(a.subject, a.text) for a in project.answers()] == [
        (rich.doc_ids[0], "A reporter of the city paper.")]
    assert doc_q.answer.toPlainText() == ""
    panel.show_document(rich.doc_ids[0])
    assert doc_q.answer.toPlainText() == "A reporter of the city paper."

    a = project.add_claim(rich.doc_ids[0], 0, 40).id
    b = project.add_claim(rich.doc_ids[1], 0, 40).id
    project.link_claims(a, b, "agrees", note="same")
    panel.session.set_current_claim(b)
    assert prop_q.answer.isEnabled() and "+ 1 agreeing claim" in panel.proposition.text()
    prop_q.answer.setPlainText("Yes, both.")
    assert panel.save() == 1
    [answer] = [x for x in project.answers() if x.prompt_id == prop_q.prompt.id]
    assert answer.subject == min(a, b)  # stored on the proposition's key claim
    panel.session.set_current_claim(a)  # the same proposition: the same answer
    assert prop_q.answer.toPlainText() == "Yes, both."
    project.undo()  # the answer goes; the panel follows the store
    assert prop_q.answer.toPlainText() == ""


def test_open_dialogs_and_the_welcome_screen(class_window, rich: Exercise, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from claimweave.ui.classroom import actions as classroom_actions
    from claimweave.ui.window import files

    window = class_window
    asked: list[str] = []
    monkeypatch.setattr(files.QFileDialog, "getOpenFileName",
                        lambda _w, _t, _d, filters: asked.append(filters) or ("", ""))
    window.open_action.trigger()
    assert "*.cwassign" in asked[0] and "*.cwsubmit" in asked[0] and "*.claimweave" in asked[0]

    file_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    assert window.classroom.open_assignment_action in file_menu.actions()
    welcome = window.centralWidget()
    monkeypatch.setattr(classroom_actions.QFileDialog, "getOpenFileName",
                        lambda *_a, **_k: (str(rich.assignment), ""))
    monkeypatch.setattr(classroom_actions.QInputDialog, "getText",
                        lambda *_a, **_k: ("Ann", True))
    welcome.assignment_button.click()
    assert window.session is not None
    assert window.session.project.path == rich.folder / "flood - Ann.claimweave"
    assert window.classroom.prompt_panel is not None
    title, text, _warning = window.said[-1]  # shown on opening: what the teacher asks
    assert title == "Assignment: Flood exercise" and text.startswith("Mark and link.")
    assert "2. Do the documents agree? If not, why? (each proposition you form)" in text
    assert "Every link needs a justification" in text
    assert "Sourcing: Basic < Emergent < Proficient" in text


def test_make_assignment_proposes_a_free_name(class_window, rich: Exercise, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from claimweave.ui.classroom import actions as classroom_actions

    window = class_window
    assert window.open_project(rich.key)
    taken = rich.key.with_suffix(".cwassign")
    taken.write_text("")
    proposed: list[str] = []

    def look(dialog) -> int:  # type: ignore[no-untyped-def]
        proposed.append(dialog.target.text())
        return 0

    monkeypatch.setattr(classroom_actions.MakeAssignmentDialog, "exec", look)
    window.classroom.make_action.trigger()
    assert proposed == [str(Path(taken).with_name("key (2).cwassign"))]
