"""The class on the five shared articles, in the window (pytest-qt, offscreen): Make
Assignment with a rubric, prompts and required justifications (a refused name keeps what
was typed), two students answering in the Prompts panel and handing in, collect, the
dashboard's rubric, feedback, grades, curation with the keyboard and adjudication.

Screenshots of the prompt panel, the dashboard and the curation view are written with
``widget.grab()`` into the test's folder, and into $CLAIMWEAVE_SCREENSHOTS when set."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

pytest.importorskip("PySide6", exc_type=ImportError)
pytest.importorskip("pytestqt", exc_type=ImportError)

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from claimweave.classroom.submission import read_submission
from claimweave.core.store import Project

SENTENCE = re.compile(r"[A-Z][^.!?\n]{80,260}[.!?]")
LINKS = [((0, 0), (1, 0), "contradicts"), ((0, 0), (3, 0), "agrees"),
         ((2, 0), (3, 0), "agrees"), ((2, 1), (0, 1), "elaborates")]
TAG = {0: "alliance", 1: "no alliance", 2: "alliance", 3: "alliance", 4: "no alliance"}


def shoot(widget: QWidget, folder: Path, name: str) -> Path:
    QApplication.processEvents()
    path = folder / f"{name}.png"
    assert widget.grab().save(str(path)), path
    extra = os.environ.get("CLAIMWEAVE_SCREENSHOTS")
    if extra:
        Path(extra).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(extra) / path.name)
    return path


def build_key(path: Path, corpus: Path) -> tuple[list[str], dict[tuple[int, int], tuple[int, int]]]:
    """The teacher's key on the five articles: two sentences of each, tagged, four links."""
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    with Project.create(path, title="Russia and Iran: an alliance?") as p:
        docs = [p.add_document((corpus / e["file"]).read_text(encoding="utf-8"),
                               title=e["title"]).document.id for e in manifest["documents"]]
        places = {}
        for d, doc in enumerate(docs):
            found = [(m.start(), m.end()) for m in SENTENCE.finditer(p.text(doc))][:2]
            places.update({(d, n): span for n, span in enumerate(found)})
        for name in sorted(set(TAG.values())):
            p.add_tag(name)
        ids = {k: p.add_claim(docs[k[0]], *span, tags=[TAG[k[0]]], annotator="teacher").id
               for k, span in places.items()}
        for a, b, rel in LINKS:
            p.link_claims(ids[a], ids[b], rel, annotator="teacher")
    return docs, places


def test_the_class_in_the_window(class_window, corpus_dir: Path, tmp_path: Path, monkeypatch,
                                 qtbot) -> None:  # type: ignore[no-untyped-def]
    from claimweave.ui.classroom import actions as classroom_actions
    from claimweave.ui.classroom.curation import CurationView
    from claimweave.ui.classroom.dashboard import ClassDashboard

    window = class_window
    window.show()
    key = tmp_path / "key.claimweave"
    docs, places = build_key(key, corpus_dir)
    (tmp_path / "key.cwassign").write_text("taken")  # the dialog proposes another name
    assert window.open_project(key)
    acts = window.classroom

    # ---- Make Assignment: a refused name keeps everything typed; then it is made.
    seen: dict[str, object] = {}

    def fill(dialog) -> int:  # type: ignore[no-untyped-def]
        seen["proposed"] = dialog.target.text()
        dialog.title.setText("An alliance?")
        dialog.prompts.setPlainText("Who wrote this, for whom, and is it reliable?")
        dialog.prop_prompts.setPlainText("Do the documents agree? If not, why?")
        dialog.rubric.setPlainText("Sourcing: Basic, Emergent, Proficient\n"
                                   "Corroboration: Basic, Emergent, Proficient")
        dialog.justify.setChecked(True)
        dialog.target.setText(str(key))  # the key itself: refused
        dialog.accept()
        seen["error"] = dialog.error.text()
        seen["kept"] = dialog.prompts.toPlainText()
        assert dialog.result() == 0 and dialog.made is None
        dialog.target.setText(str(tmp_path / "alliance.cwassign"))
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(classroom_actions.MakeAssignmentDialog, "exec", fill)
    acts.make_action.trigger()
    assert seen["proposed"] == str(tmp_path / "key (2).cwassign")
    assert seen["error"] and seen["kept"] == "Who wrote this, for whom, and is it reliable?"
    assignment = tmp_path / "alliance.cwassign"
    assert window.said[-1][0] == "Assignment made", window.said
    assert not list(tmp_path.glob("alliance.cwassign-*"))

    # ---- Two students in the window.
    def student(name: str, which: list[tuple[int, int]], links: list, note: str,
                shot: bool) -> Path:
        monkeypatch.setattr(classroom_actions.QInputDialog, "getText",
                            lambda *_a, **_k: (name, True))
        monkeypatch.setattr(classroom_actions.QFileDialog, "getOpenFileName",
                            lambda *_a, **_k: (str(assignment), ""))
        acts.open_assignment_action.trigger()  # File > Open Assignment
        project = window.session.project
        panel = acts.prompt_panel
        assert panel is not None and acts.prompt_dock.isVisible()
        ids = {k: project.add_claim(docs[k[0]], *places[k], tags=[TAG[k[0]]],
                                    annotator=name).id for k in which}
        for a, b, rel in links:
            project.link_claims(ids[a], ids[b], rel, note=note, annotator=name)
        panel.show_document(docs[0])
        panel.doc_questions[0].answer.setPlainText(f"{name}: an analyst, for a policy site.")
        window.session.set_current_claim(ids[(0, 0)])  # saves the answer, turns to claim
        assert panel.doc_questions[0].answer.toPlainText() == f"{name}: an analyst, for a " \
            "policy site."
        panel.prop_questions[0].answer.setPlainText("No: one sees an alliance, one denies it.")
        qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
        assert len(project.answers(annotator=name)) == 2
        if shot:
            qtbot.wait(50)  # the dock takes its room after the window's layout
            shoot(panel, tmp_path, "prompt-panel")
            shoot(window, tmp_path, "prompt-window")
        sub = tmp_path / f"{name}.cwsubmit"
        monkeypatch.setattr(classroom_actions.QFileDialog, "getSaveFileName",
                            lambda *_a, **_k: (str(sub), ""))
        acts.hand_in_action.trigger()
        assert window.said[-1][0] == "Handed in"
        return sub

    everything = sorted(places)
    ann = student("Ann Lee", everything, LINKS, "Both name the same 2019 agreement.", True)
    assert window.said[-1][2] is False  # no warning: every link is justified
    bob = student("Bob", [(d, 0) for d in range(5)], LINKS[:2], "", False)
    assert window.said[-1][2] is True and "2 links have no justification" in \
        window.said[-1][1]
    assert len(read_submission(ann).parts.answers) == 2
    for sub in (ann, bob):
        assert not list(tmp_path.glob(sub.name + "-*"))

    # ---- Collect, then the dashboard with the rubric.
    assert window.open_project(key)
    klass = tmp_path / "class.claimweave"
    monkeypatch.setattr(classroom_actions.QFileDialog, "getOpenFileNames",
                        lambda *_a, **_k: ([str(ann), str(bob)], ""))
    monkeypatch.setattr(classroom_actions.QFileDialog, "getSaveFileName",
                        lambda *_a, **_k: (str(klass), ""))
    acts.collect_action.trigger()
    project = window.session.project
    assert project.path == klass
    acts.dashboard_action.trigger()
    [dash] = [w for w in QApplication.topLevelWidgets() if isinstance(w, ClassDashboard)]
    qtbot.addWidget(dash)
    box = dash.rubric.level_box("Ann Lee", "Sourcing")
    box.setCurrentIndex(box.findData("Proficient"))
    dash.rubric.comment_item("Ann Lee", "Sourcing").setText("Author and purpose, each time.")
    bob_box = dash.rubric.level_box("Bob", "Corroboration")
    bob_box.setCurrentIndex(bob_box.findData("Basic"))
    levels = {(a.student, a.level, a.comment) for a in project.assessments()}
    assert levels == {("Ann Lee", "Proficient", "Author and purpose, each time."),
                      ("Bob", "Basic", "")}
    project.undo()  # Bob's level
    assert dash.rubric.level_box("Bob", "Corroboration").currentData() == ""
    assert "Link agreement among students" in dash.figures.text()
    assert "Links without justification: 2" in dash.figures.text()
    shoot(dash, tmp_path, "dashboard")

    # ---- Feedback and grades from the menu.
    folder = tmp_path / "feedback"
    folder.mkdir()
    monkeypatch.setattr(classroom_actions.QFileDialog, "getExistingDirectory",
                        lambda *_a, **_k: str(folder))
    acts.feedback_action.trigger()
    page = (folder / "Ann_Lee.html").read_text(encoding="utf-8")
    assert "Author and purpose, each time." in page and "No: one sees an alliance" in page
    grades = tmp_path / "grades.csv"
    monkeypatch.setattr(classroom_actions.QFileDialog, "getSaveFileName",
                        lambda *_a, **_k: (str(grades), ""))
    acts.grades_action.trigger()
    head, ann_row = grades.read_text(encoding="utf-8").splitlines()[:2]
    assert head.endswith(",Sourcing,Corroboration") and ann_row.endswith(",Proficient,")

    # ---- Curation: A accepts, R rejects, Ctrl+Z undoes.
    acts.curate_action.trigger()
    [view] = [w for w in QApplication.topLevelWidgets() if isinstance(w, CurationView)]
    qtbot.addWidget(view)
    claims = [n for n, i in enumerate(view.cur.items) if i.kind == "claim"]
    view.table.selectRow(claims[0])
    view.table.setFocus()
    key_claims = len(project.claims(annotator="key"))
    qtbot.keyClick(view.table, Qt.Key.Key_R)  # reject the key's first claim
    assert len(project.claims(annotator="key")) == key_claims - 1
    assert view.table.currentRow() == claims[0] + 1  # on to the next item
    qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(project.claims(annotator="key")) == key_claims
    view.table.selectRow(claims[0])
    shoot(view, tmp_path, "curation")
    view.close()

    # ---- Adjudication from the menu.
    new_key = tmp_path / "new key.claimweave"
    monkeypatch.setattr(classroom_actions.QInputDialog, "getInt",
                        lambda *_a, **_k: (2, True))
    monkeypatch.setattr(classroom_actions.QFileDialog, "getSaveFileName",
                        lambda *_a, **_k: (str(new_key), ""))
    acts.adjudicate_action.trigger()
    assert window.said[-1][0] == "New key made", window.said[-1]
    with Project.open(new_key, read_only=True) as made:
        assert len(made.claims()) == 5 and len(made.links()) == 2
    dash.close()
