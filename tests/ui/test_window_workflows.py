"""Workflows the window drives beyond annotating: export with a dialog and progress, work on
a worker thread, rolling backups, the classroom round (assign, start, hand in, collect,
dashboard) and the comparison views."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from claimweave.classroom.submission import read_submission
from claimweave.core.backup import list_backups
from claimweave.core.errors import ClaimWeaveError
from claimweave.core.store import Project
from claimweave.ui.background import run_with_progress
from claimweave.ui.charts import ComparisonWindow
from claimweave.ui.classroom import actions as classroom_actions
from claimweave.ui.classroom.dashboard import ClassDashboard
from claimweave.ui.dialogs.export import ExportDialog, default_target


@pytest.fixture
def informed(window, monkeypatch) -> list[tuple[str, str, bool]]:
    said: list[tuple[str, str, bool]] = []
    monkeypatch.setattr(window, "inform", lambda title, text, warning=False: said.append(
        (title, text, warning)))
    return said


# ---------------------------------------------------------------------- background work
def test_run_with_progress_runs_the_job_on_another_thread(qtbot):
    seen: list[str] = []

    def job(report):
        seen.append(threading.current_thread().name)
        for i in range(3):
            report(i + 1, 3)
        return 42

    assert run_with_progress(None, "Test", "Working…", job) == 42
    assert seen and seen[0] != threading.current_thread().name


def test_run_with_progress_raises_the_jobs_error_here(qtbot):
    def job(_report):
        raise ClaimWeaveError("the disk is full")

    with pytest.raises(ClaimWeaveError, match="disk is full"):
        run_with_progress(None, "Test", "Working…", job)


# ---------------------------------------------------------------------- export
def test_export_dialog_offers_every_format_with_a_target_beside_the_project(window, qtbot):
    dialog = ExportDialog(window.session.project, window)
    qtbot.addWidget(dialog)
    formats = [dialog.format.itemData(i) for i in range(dialog.format.count())]
    assert {"jsonl", "pairs", "csv", "webanno", "brat", "docbin", "qdpx"} <= set(formats)
    assert dialog.fmt == "jsonl"  # the format every tool reads, and that imports back
    project_path = window.session.project.path
    for fmt in ("brat", "docbin", "qdpx"):
        dialog.format.setCurrentIndex(formats.index(fmt))
        assert dialog.request().path == default_target(project_path, fmt)
        assert dialog.about.text()
    assert default_target(project_path, "brat").name == "test-brat"
    dialog.target.clear()
    assert dialog.request() is None


def test_export_from_the_menu_honours_the_ticked_tag(window, monkeypatch, tmp_path):
    out = tmp_path / "numbers.jsonl"

    def accept(dialog: ExportDialog) -> int:
        dialog.format.setCurrentIndex(dialog.format.findData("jsonl"))
        dialog.target.setText(str(out))
        for i in range(dialog.tags.count()):
            if dialog.tags.item(i).text() == "Number":
                dialog.tags.item(i).setCheckState(Qt.CheckState.Checked)
        return 1

    monkeypatch.setattr(ExportDialog, "exec", accept)
    window.export_action.trigger()
    from claimweave.exchange.datasets.jsonl import read_jsonl

    claims = read_jsonl(out).claims
    project = window.session.project
    assert len(claims) == len(project.claims(tag="Number")) == 5
    assert "Exported 3 documents, 5 claims" in window.statusBar().currentMessage()


def test_failed_export_is_a_message_and_leaves_the_file(window, informed, tmp_path):
    blocker = tmp_path / "in-the-way"
    blocker.write_text("not a folder")
    window.export_to("brat", blocker)
    assert informed and informed[-1][0] == "Export failed" and informed[-1][2]
    assert blocker.read_text() == "not a folder"


# ---------------------------------------------------------------------- backups
def test_backups_on_open_only_when_changed_and_on_close_after_edits(
        new_window, project, reports):
    path = project.path
    first = new_window()
    assert first.open_project(path)
    first.backups.wait()
    assert len(list_backups(path)) == 1
    first.close_project()  # closing may refresh the query planner's statistics: a change
    Project.open(path).close()
    settled = len(list_backups(path))

    second = new_window()
    assert second.open_project(path)
    second.backups.wait()
    assert len(list_backups(path)) in (settled, settled + 1)
    second.close_project()
    count = len(list_backups(path))
    second = new_window()
    assert second.open_project(path)
    second.backups.wait()
    assert len(list_backups(path)) == count  # unchanged since the last copy: none made
    doc = second.session.project.documents()[0].id
    second.session.project.add_claim(doc, 0, 5, annotator="ana")
    second.close_project()  # pending edit: backed up before the file is released
    backups = list_backups(path)
    assert len(backups) == count + 1
    with Project.open(backups[-1], read_only=True) as copy:
        assert len(copy.claims()) == len(project.claims())


def test_back_up_now_and_read_only_sessions_make_none(window, new_window):
    path = window.session.project.path
    window.backup_action.trigger()  # the copy made on opening is still current
    assert window.statusBar().currentMessage().startswith("Nothing changed since")
    window.session.project.add_tag("Later")
    window.backup_action.trigger()
    count = len(list_backups(path))
    assert count >= 2 and "Backed up to" in window.statusBar().currentMessage()
    other = new_window()
    assert other.open_project(path)  # locked by *window*: read-only here
    assert other.session.read_only and other.backups is None
    assert not other.backup_action.isEnabled()
    other.close_project()
    assert len(list_backups(path)) == count


# ---------------------------------------------------------------------- classroom
def test_classroom_round_in_the_window(window, informed, monkeypatch, tmp_path):
    key_path = window.session.project.path
    actions = window.classroom
    assert actions.make_action.isEnabled() and not actions.hand_in_action.isEnabled()

    def fill(dialog) -> int:
        dialog.instructions.setPlainText("Mark every number and link the sources that differ.")
        return 1

    monkeypatch.setattr(classroom_actions.MakeAssignmentDialog, "exec", fill)
    actions.make_action.trigger()
    assignment = key_path.with_suffix(".cwassign")
    assert assignment.is_file(), informed
    assert informed[-1][0] == "Assignment made"

    monkeypatch.setattr(classroom_actions.QInputDialog, "getText",
                        lambda *_a, **_k: ("Ana  Lima", True))
    assert window.open_project(assignment)
    work = window.session.project
    assert work.path.name == "test - Ana Lima.claimweave"
    assert not work.claims()  # the key's annotations stay with the teacher
    assert informed[-1][1].startswith("Mark every number")  # instructions shown on opening
    assert actions.hand_in_action.isEnabled() and not actions.make_action.isEnabled()
    pane = window.comparison.container.panes()[0]
    assert pane.annotator_name() == "Ana Lima"
    doc = pane.document_id
    work.add_claim(doc, 0, 10, annotator=pane.annotator_name())

    submission = tmp_path / "ana.cwsubmit"
    monkeypatch.setattr(classroom_actions.QFileDialog, "getSaveFileName",
                        lambda *_a, **_k: (str(submission), ""))
    actions.hand_in_action.trigger()
    assert informed[-1][0] == "Handed in"
    handed = read_submission(submission)
    assert handed.student == "Ana Lima"
    actions.hand_in_action.trigger()  # handing in again replaces the file
    assert read_submission(submission).student == "Ana Lima"

    assert window.open_project(assignment)  # the same student continues her copy
    assert window.session.project.path == work.path
    assert len(window.session.project.claims()) == 1

    assert window.open_project(key_path)
    class_path = tmp_path / "class.claimweave"
    monkeypatch.setattr(classroom_actions.QFileDialog, "getOpenFileNames",
                        lambda *_a, **_k: ([str(submission)], ""))
    monkeypatch.setattr(classroom_actions.QFileDialog, "getSaveFileName",
                        lambda *_a, **_k: (str(class_path), ""))
    actions.collect_action.trigger()
    assert window.session.project.path == class_path
    assert "Ana Lima" in window.session.project.annotators()
    assert actions.dashboard_action.isEnabled()
    feedback = tmp_path / "feedback"
    feedback.mkdir()
    monkeypatch.setattr(classroom_actions.QFileDialog, "getExistingDirectory",
                        lambda *_a, **_k: str(feedback))
    actions.feedback_action.trigger()
    pages = sorted(p.name for p in feedback.iterdir())
    assert "index.html" in pages and any("Ana" in p for p in pages)
    grades = tmp_path / "grades.csv"
    monkeypatch.setattr(classroom_actions.QFileDialog, "getSaveFileName",
                        lambda *_a, **_k: (str(grades), ""))
    actions.grades_action.trigger()
    assert "Ana Lima" in grades.read_text(encoding="utf-8")
    actions.dashboard_action.trigger()
    dashboards = [w for w in QApplication.topLevelWidgets() if isinstance(w, ClassDashboard)]
    assert dashboards
    for d in dashboards:
        d.close()


def test_cancelled_student_name_opens_nothing(window, monkeypatch, informed, tmp_path):
    monkeypatch.setattr(classroom_actions.MakeAssignmentDialog, "exec", lambda _d: 1)
    window.classroom.make_action.trigger()
    assignment = window.session.project.path.with_suffix(".cwassign")
    before = window.session.project.path
    monkeypatch.setattr(classroom_actions.QInputDialog, "getText", lambda *_a, **_k: ("", False))
    assert not window.open_project(assignment)
    assert window.session.project.path == before
    monkeypatch.setattr(classroom_actions.QInputDialog, "getText",
                        lambda *_a, **_k: ("key", True))
    assert not window.open_project(assignment)
    assert informed[-1][0] == "Cannot start the assignment" and "reserved" in informed[-1][1]


# ---------------------------------------------------------------------- comparison views
def test_comparison_views_open_from_the_view_menu(window, reports, monkeypatch):
    from claimweave.ui.window import commands

    assert window.comparison_action.isEnabled()
    window.comparison_action.trigger()
    opened = [w for w in QApplication.topLevelWidgets() if isinstance(w, ComparisonWindow)]
    assert len(opened) == 1 and opened[0].entity_bars is None  # nothing analysed yet
    opened[0].close()
    analysed = {reports["Harbour Gazette"]: ["Varnholm", "Ilse Brandt"]}
    monkeypatch.setattr(commands, "cached_entities", lambda _project: analysed)
    window.comparison_action.trigger()
    opened = [w for w in QApplication.topLevelWidgets()
              if isinstance(w, ComparisonWindow) and w.isVisible()]
    assert opened and opened[-1].entities == analysed and opened[-1].entity_bars is not None
    for w in opened:
        w.close()


def test_menus_name_the_new_entries(window):
    menus = {a.text(): [x.text() for x in a.menu().actions()]
             for a in window.menuBar().actions() if a.menu() is not None}
    assert "&Back Up Now" in menus["&File"]
    assert "&Comparison Views…" in menus["&View"]
    assert menus["&Classroom"][:3] == ["&Make Assignment…", "&Collect Submissions…",
                                       "Class &Dashboard"]
    assert list(menus)[-1] == "&Help"


# ---------------------------------------------------------------------- import
def test_import_reads_files_on_a_worker_while_the_window_stays_live(window, monkeypatch,
                                                                    tmp_path):

    from PySide6.QtCore import QTimer

    from claimweave.ui import transfer

    files = []
    for i in range(3):
        f = tmp_path / f"update {i}.txt"
        f.write_text(f"Update {i}\n\nThe harbour reopened for traffic on day {i}.")
        files.append(f)
    threads: list[str] = []
    original = transfer.read_source

    ticked = threading.Event()
    waits: list[bool] = []

    def slow_read(path):
        # a large PDF: its read ends only after a tick of the UI thread's timer, which
        # cannot come if the window waits for the read without running its event loop
        threads.append(threading.current_thread().name)
        ticked.clear()
        waits.append(ticked.wait(30))
        return original(path)

    monkeypatch.setattr(transfer, "read_source", slow_read)
    timer = QTimer()
    timer.timeout.connect(ticked.set)
    timer.start(20)
    monkeypatch.setattr(window, "inform", lambda *_a, **_k: None)
    window.import_paths(files)
    timer.stop()
    titles = [d.title for d in window.session.project.documents()]
    assert {"Update 0", "Update 1", "Update 2"} <= set(titles)  # their own title lines
    assert threads and all(t != threading.current_thread().name for t in threads)
    assert waits == [True, True, True]  # the event loop ran during every read


# ---------------------------------------------------------------------- first run
def test_welcome_opens_the_users_own_demo_copy(new_window, tmp_path):
    from claimweave.ui.welcome import WelcomeScreen

    w = new_window()
    welcome = w.centralWidget()
    assert isinstance(welcome, WelcomeScreen) and welcome.demo_button.isEnabled()
    welcome.demo_button.click()
    copy = tmp_path / "data" / "demo.claimweave"
    assert w.session is not None and w.session.project.path == copy
    assert w.session.project.stats()["links"] > 0
    doc = w.session.project.documents()[0].id
    w.session.project.add_claim(doc, 0, 8, annotator="me")
    claims = len(w.session.project.claims())
    w.close_project()
    assert w.open_demo()  # the same copy again, with the user's claim
    assert len(w.session.project.claims()) == claims


def test_welcome_makes_a_project_from_articles(new_window, tmp_path, monkeypatch):
    from claimweave.ui import main_window
    from claimweave.ui.window import files

    article = tmp_path / "levee.md"
    article.write_text("# Levee holds\n\nThe levee held through the night, engineers said.")
    target = tmp_path / "levee study"
    monkeypatch.setattr(files.QFileDialog, "getSaveFileName",
                        lambda *_a, **_k: (str(target), ""))
    monkeypatch.setattr(files.QFileDialog, "getOpenFileNames",
                        lambda *_a, **_k: ([str(article)], ""))
    w = new_window()
    monkeypatch.setattr(w, "inform", lambda *_a, **_k: None)
    welcome = w.centralWidget()
    guides: list[bool] = []
    welcome.showGuide.connect(lambda: guides.append(True))
    guide = next(label for label in welcome.findChildren(QLabel) if "Enter" in label.text())
    monkeypatch.setattr(main_window, "show_shortcuts", lambda _parent: None)
    guide.linkActivated.emit("keys")
    assert guides == [True]
    welcome.import_button.click()
    assert w.session.project.path == target.with_suffix(".claimweave")
    assert [d.title for d in w.session.project.documents()] == ["Levee holds"]


def test_a_failed_backup_now_says_so(window, informed, monkeypatch):
    from claimweave.core import backup

    def broken(*_a, **_k):
        raise backup.BackupError("the disk is full")

    monkeypatch.setattr(backup, "make_backup", broken)
    window.backup_action.trigger()
    assert informed[-1][:2] == ("Backup failed", "the disk is full")
    assert "Backed up" not in window.statusBar().currentMessage()


# ---------------------------------------------------------------------- documents
def test_delete_and_move_documents_from_the_panel(window, reports):
    panel = window.panels["documents"]
    project = window.session.project
    gazette = reports["Harbour Gazette"]
    panel.select_document(gazette)
    questions: list[str] = []
    panel.confirm = lambda q: questions.append(q) or False
    panel.delete_current()
    assert len(project.documents()) == 3 and "5 claims" in questions[0]
    panel.confirm = lambda _q: True
    panel.delete_current()
    assert [d.title for d in project.documents()] == ["Coastal Times", "Nordic Wire"]
    assert all(c.document_id != gazette for c in project.claims())
    assert all(p.document_id != gazette for p in window.comparison.container.panes())
    window.undo_action.trigger()
    assert len(project.documents()) == 3 and len(project.claims(document_id=gazette)) == 5
    panel.select_document(gazette)
    panel.move_current(+1)
    assert [d.title for d in project.documents()][:2] == ["Coastal Times", "Harbour Gazette"]
    assert panel.current_document() == gazette
    panel.move_current(-1)
    panel.move_current(-1)  # already first: nothing happens
    assert project.documents()[0].id == gazette


def test_dropping_a_project_file_opens_it(window, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    other = tmp_path / "other.claimweave"
    Project.create(other, title="Other").close()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(other))])
    window.dropEvent(QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, mime,
                                Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier))
    assert window.session.project.path == other


def test_new_relation_type_from_the_edit_menu(window, informed, monkeypatch):
    from claimweave.ui.dialogs.relation import RelationDialog

    def fill(dialog: RelationDialog) -> int:
        dialog.name.setText("exaggerates")
        dialog.polarity.setCurrentIndex(dialog.polarity.findData(-1))
        return 1

    monkeypatch.setattr(RelationDialog, "exec", fill)
    window.relation_action.trigger()
    relation = window.session.project.relation_type("exaggerates")
    assert relation.polarity == -1 and not relation.symmetric
    window.relation_action.trigger()  # the same name again: a message, nothing added
    assert informed[-1][0] == "Cannot add the relation type"
    assert [r.name for r in window.session.project.relation_types()].count("exaggerates") == 1
    window.undo_action.trigger()
    assert "exaggerates" not in [r.name for r in window.session.project.relation_types()]


# ---------------------------------------------------------------------- datasets in
def test_import_annotations_merge_and_report_from_the_file_menu(window, informed, tmp_path,
                                                                 project):
    from claimweave.exchange.datasets import export

    source = window.session.project
    counts = (len(source.documents()), len(source.claims()), len(source.links()))
    export(source, "jsonl", tmp_path / "storm.jsonl")
    export(source, "brat", tmp_path / "storm-brat")
    report = window.datasets.save_report(tmp_path / "storm.html")
    html = report.read_text(encoding="utf-8")
    assert all(c.quote in html for c in source.claims())

    empty = tmp_path / "empty.claimweave"
    Project.create(empty).close()
    assert window.open_project(empty)
    target = window.session.project
    window.datasets.import_annotations(tmp_path / "storm.jsonl")
    assert (len(target.documents()), len(target.claims()), len(target.links())) == counts
    assert informed[-1][0] == "Import annotations" and "Ctrl+Z" in informed[-1][1]
    window.undo_action.trigger()
    assert target.documents() == []
    window.datasets.import_annotations(tmp_path / "storm-brat")  # a folder: brat
    assert len(target.claims()) == counts[1]
    window.undo_action.trigger()

    window.datasets.merge_project(project.path)
    assert (len(target.documents()), len(target.claims()), len(target.links())) == counts
    window.datasets.merge_project(project.path)  # twice changes nothing
    assert len(target.claims()) == counts[1] and "0 claims added" in informed[-1][1]
    window.datasets.merge_project(empty)
    assert informed[-1][1].startswith("That is this project itself")

    bad = tmp_path / "broken.jsonl"
    bad.write_text('{"text": "x"', encoding="utf-8")
    before = len(target.claims())
    window.datasets.import_annotations(bad)
    assert informed[-1][0] == "Import annotations failed" and "broken.jsonl" in informed[-1][1]
    assert len(target.claims()) == before


def test_spacy_waits_for_the_user_when_preferences_say_so(new_window, settings, project,
                                                          reports, monkeypatch):
    monkeypatch.delenv("CLAIMWEAVE_NLP_AUTOSTART", raising=False)  # as in the real program
    settings.analyse_on_open = False
    w = new_window()
    assert w.open_project(project.path)
    assert not w.assist._start_timer.isActive()
    w.close_project()
    settings.analyse_on_open = True
    assert w.open_project(project.path)
    assert w.assist._start_timer.isActive()  # starts a moment after the window shows
    w.assist._start_timer.stop()
    w.close_project()


def test_cancel_during_a_long_read_stops_the_import(window, monkeypatch, tmp_path):

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QProgressDialog

    from claimweave.ui import transfer

    files = []
    for i in range(3):
        f = tmp_path / f"slow {i}.txt"
        f.write_text(f"Slow article {i}. The ferry ran late on day {i}.")
        files.append(f)
    original = transfer.read_source

    cancelled = threading.Event()
    reads: list[str] = []

    def slow_read(path):
        reads.append(path.name)
        cancelled.wait(30)  # a long PDF: still being read when the user presses Cancel
        return original(path)

    monkeypatch.setattr(transfer, "read_source", slow_read)

    def press_cancel() -> None:  # as soon as the progress dialog shows
        for d in QApplication.topLevelWidgets():
            if isinstance(d, QProgressDialog) and d.isVisible() and not cancelled.is_set():
                d.cancel()
                cancelled.set()

    watcher = QTimer()
    watcher.timeout.connect(press_cancel)
    watcher.start(20)
    summaries: list[str] = []
    monkeypatch.setattr(window, "inform", lambda _t, text, warning=False: summaries.append(text))
    window.import_paths(files)
    watcher.stop()
    titles = [d.title for d in window.session.project.documents()]
    assert cancelled.is_set() and reads[0] == "slow 0.txt"  # cancelled during file 1
    assert not any(t.startswith("slow") for t in titles)  # nothing after the cancel
    assert "Cancelled" in summaries[-1] or "cancelled" in summaries[-1]


def test_a_job_that_reports_nothing_still_shows_its_dialog(qtbot):

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QProgressDialog

    seen = threading.Event()

    def look() -> None:
        if any(isinstance(w, QProgressDialog) and w.isVisible()
               for w in QApplication.topLevelWidgets()):
            seen.set()

    watcher = QTimer()
    watcher.timeout.connect(look)
    watcher.start(20)
    # the job (which never reports) ends once its dialog has been seen on screen
    assert run_with_progress(None, "Report", "Writing…", lambda _report: seen.wait(30))
    watcher.stop()
