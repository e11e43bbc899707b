"""Where the window keeps and writes files: one warning per project in a synced folder,
and no Save that could overwrite the project."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from claimweave.app import Opener
from claimweave.core.backup import BackupError, list_backups
from claimweave.core.store import Project
from claimweave.ui.backups import BackupController


def test_the_window_warns_once_per_project_in_a_synced_folder(tmp_path: Path, qtbot) -> None:
    notices: list[tuple[str, str]] = []
    opener = Opener(notify=lambda _parent, title, text, _warn: notices.append((title, text)))
    folder = tmp_path / "OneDrive - Contoso"
    folder.mkdir()
    session = opener.create(folder / "study.claimweave", None)
    assert session is not None
    session.project.close()
    for _ in range(2):
        session = opener.open(folder / "study.claimweave", None)
        assert session is not None
        session.project.close()
    assert len(notices) == 1 and "OneDrive" in notices[0][1]
    local = opener.create(tmp_path / "local.claimweave", None)
    assert local is not None and len(notices) == 1
    local.project.close()


def test_the_window_refuses_to_save_a_report_over_its_project(window, monkeypatch) -> None:
    said: list[tuple[str, str]] = []
    monkeypatch.setattr(window.datasets, "inform", lambda title, text, _w: said.append(
        (title, text)))
    path = window.session.project.path
    before = path.read_bytes()
    for target in (path, path.with_name(path.name + "-wal")):
        assert window.datasets.save_report(target) is None
        assert said[-1][0] == "Report failed" and "choose another name" in said[-1][1]
    assert path.read_bytes() == before and not path.with_name(path.name + "-wal.html").exists()
    assert window.datasets.save_report(path.with_suffix(".html")) == path.with_suffix(".html")


def test_a_project_with_planted_triggers_opens_read_only_and_says_why(tmp_path: Path,
                                                                      qtbot) -> None:
    notices: list[tuple[str, str]] = []
    opener = Opener(notify=lambda _parent, title, text, _warn: notices.append((title, text)))
    path = tmp_path / "study.claimweave"
    session = opener.create(path, None)
    assert session is not None
    session.project.close()
    con = sqlite3.connect(path)
    con.execute("CREATE TRIGGER planted AFTER INSERT ON tags BEGIN DELETE FROM claims; END")
    con.commit()
    con.close()
    session = opener.open(path, None)
    assert session is not None and session.project.read_only
    assert notices[-1][0] == "Opened read-only" and "'planted'" in notices[-1][1]
    assert "check --repair" in notices[-1][1]
    session.project.close()


def test_rolling_backups_refuse_a_project_another_tool_emptied(tmp_path: Path, qtbot) -> None:
    path = tmp_path / "study.claimweave"
    project = Project.create(path, lock=False)
    project.add_tag("Weather")
    controller = BackupController(project, keep=2)
    assert controller.wait() is None
    good = list_backups(path)
    assert len(good) == 1
    path.write_bytes(b"")  # another program empties the file behind the window
    with pytest.raises(BackupError, match="empty"):
        controller.backup_and_wait()
    assert list_backups(path) == good and good[0].stat().st_size > 0
    controller.close()
    project.close()


def test_the_window_says_when_it_shows_text_that_is_not_utf8(new_window, tmp_path: Path,
                                                             monkeypatch) -> None:
    path = tmp_path / "study.claimweave"
    with Project.create(path) as project:
        doc = project.add_document("The river rose two metres overnight.", title="Flood")
        project.add_claim(doc.document.id, quote="rose two metres", note="fine")
    con = sqlite3.connect(path)
    con.execute("UPDATE claims SET note = CAST(X'6869ff' AS TEXT)")
    con.commit()
    con.close()
    window = new_window()
    said: list[tuple[str, str]] = []
    monkeypatch.setattr(window, "inform", lambda title, text, warning=False: said.append(
        (title, text)))
    assert window.open_project(path)
    assert said and said[-1][0] == "Text that is not UTF-8"
    assert window.session.project.claims()[0].note == "hi\ufffd"
    window.close_project()


def test_an_automatic_backup_due_during_back_up_now_is_not_run_beside_it(
        tmp_path: Path, qtbot) -> None:
    import threading

    path = tmp_path / "study.claimweave"
    project = Project.create(path, lock=False)
    controller = BackupController(project, keep=3, every_edits=1)
    assert controller.wait() is None
    started: list[str] = []

    def run(job):  # type: ignore[no-untyped-def]
        project.add_tag("Weather")  # an edit: an automatic backup falls due
        started.extend(t.name for t in threading.enumerate() if t.name == "claimweave-backup")
        return job(None)

    made, new = controller.backup_and_wait(run)
    assert new and started == []
    assert controller.auto.pending_edits == 0  # the edit is in this copy: none is due
    assert list_backups(path)[-1] == made and len(list_backups(path)) == 2
    with Project.open(made, read_only=True) as copy:
        assert [t.name for t in copy.tags()] == ["Weather"]
    controller.close()
    assert len(list_backups(path)) == 2
    project.close()
