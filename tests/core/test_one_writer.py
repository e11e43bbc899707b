"""One writer, enforced where the data lives: the lock is taken by default, a failing
listener cannot break a verb, and the undo history never lies or grows without bound."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from claimweave.core import project as project_module
from claimweave.core.errors import ProjectLockedError
from claimweave.core.store import Project

from .cli_run import digest, flood_project, run


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return flood_project(tmp_path / "key.claimweave")


def test_open_and_create_for_writing_take_the_lock(path: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    with Project.open(path) as window:  # as the window holds it
        with pytest.raises(ProjectLockedError):
            Project.open(path)
        with Project.open(path, read_only=True) as reader:
            assert reader.title == "Flood"
        before = digest(path)
        code, _, err = run(capsys, "classroom", "assign", path, "-o", tmp_path / "a.cwassign")
        assert code == 1 and "open in" in err  # no setting written behind the window
        assert digest(path) == before and window.get_setting("classroom_assignments") is None
    fresh = tmp_path / "new.claimweave"
    with Project.create(fresh), pytest.raises(ProjectLockedError):
        Project.open(fresh)


def test_a_listener_that_raises_does_not_break_the_verb(
        path: Path, caplog: pytest.LogCaptureFixture) -> None:
    heard: list[str] = []

    def broken(_change: object) -> None:
        raise ValueError("a view fell over")

    with Project.open(path) as project:
        project.subscribe(broken)
        project.subscribe(lambda change: heard.append(change.label))
        with caplog.at_level(logging.ERROR, logger="claimweave.core.project"):
            tag = project.add_tag("Weather")  # returns normally: the change is saved
        assert heard == ["Add tag Weather"]
        assert [t.id for t in project.tags()] == [tag.id] and project.can_undo
    assert any("a view fell over" in r.exc_text for r in caplog.records if r.exc_text)


def test_a_write_that_is_not_undoable_ends_the_history(path: Path) -> None:
    with Project.open(path) as project:
        project.add_tag("Weather")
        project.add_tag("Place")
        project.undo()
        assert project.can_undo and project.can_redo
        with project.batch("Recount", undoable=False):
            project.set_setting("recount", "1")
        assert not project.can_undo and not project.can_redo
        assert [t.name for t in project.tags()] == ["Weather"]


def test_the_undo_history_is_capped_by_size(path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(project_module, "UNDO_BYTES", 100_000)
    with Project.open(path) as project:
        for i in range(6):  # each delete keeps its document's 40,000-character text for undo
            doc = project.add_document(f"Article {i}. " + "word " * 8000, title=f"A{i}").document
            project.delete_document(doc.id)
        held = sum(step.size() for step in project._undo)
        assert held <= 100_000 and 1 <= len(project._undo) < 12
        assert project.undo_label is not None and "A5" in project.undo()  # the newest stays
        assert [d.title for d in project.documents()][-1] == "A5"


def test_one_step_larger_than_the_cap_is_still_undoable(path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(project_module, "UNDO_BYTES", 1_000)
    with Project.open(path) as project:
        doc = project.add_document("word " * 1000, title="Big").document
        project.delete_document(doc.id)
        assert len(project._undo) == 1
        project.undo()
        assert any(d.title == "Big" for d in project.documents())
