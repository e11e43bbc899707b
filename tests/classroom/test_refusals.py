"""Collection refuses, naming the file, what does not belong to the class; nothing is written."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from claimweave.classroom.assignment import make_assignment
from claimweave.classroom.collect import collect
from claimweave.classroom.errors import ClassroomError, SubmissionRefusedError
from claimweave.classroom.roles import DOCUMENTS_LOCKED, STUDENT
from claimweave.classroom.submission import hand_in, start_submission
from claimweave.core.store import Project

from .conftest import KEY_CLAIMS, Exercise


def refused(ex: Exercise, *submissions: Path, match: str, source: Path | None = None) -> str:
    out = ex.folder / "class.claimweave"
    with pytest.raises(SubmissionRefusedError, match=match) as info:
        collect(source or ex.assignment, list(submissions), out)
    assert not out.exists()
    assert not list(ex.folder.glob(".class.claimweave.*"))  # no staged leftovers
    return str(info.value)


def test_submission_of_another_assignment(exercise: Exercise) -> None:
    other = exercise.folder / "second.cwassign"
    make_assignment(exercise.key, other)  # same texts, another assignment id
    good = exercise.submit("ann", KEY_CLAIMS)
    stray = exercise.folder / "bob.claimweave"
    start_submission(other, "bob", stray)
    hand_in(stray, exercise.folder / "bob.cwsubmit")
    message = refused(exercise, good, exercise.folder / "bob.cwsubmit",
                      match="another assignment")
    assert message.startswith(str(exercise.folder / "bob.cwsubmit"))
    # With the key as source the stray one is refused too, however many assignments it made.
    refused(exercise, good, exercise.folder / "bob.cwsubmit", match="another assignment",
            source=exercise.key)


def test_submission_on_other_documents(exercise: Exercise, tmp_path: Path) -> None:
    key = tmp_path / "other-key.claimweave"
    with Project.create(key) as p:
        p.add_document("Quite another article about something else entirely.")
    make_assignment(key, tmp_path / "other.cwassign")
    start_submission(tmp_path / "other.cwassign", "bob", tmp_path / "bob.claimweave")
    hand_in(tmp_path / "bob.claimweave", tmp_path / "bob.cwsubmit")
    refused(exercise, tmp_path / "bob.cwsubmit", match="another assignment")


@pytest.mark.parametrize("edit", [
    'UPDATE claims SET start = start + 1',
    "UPDATE settings SET value = 'someone else' WHERE key = 'classroom.student'",
    "DELETE FROM claim_tags",
])
def test_tampered_submission(exercise: Exercise, edit: str) -> None:
    path = exercise.submit("ann", KEY_CLAIMS)
    con = sqlite3.connect(path)
    con.execute(edit)
    con.commit()
    con.close()
    message = refused(exercise, path, match="changed after it was handed in")
    assert str(path) in message


def test_truncated_submission(exercise: Exercise) -> None:
    path = exercise.submit("ann", KEY_CLAIMS)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 100])
    message = refused(exercise, path, match="truncated|damaged")
    assert str(path) in message


def test_not_a_project(exercise: Exercise) -> None:
    path = exercise.folder / "notes.cwsubmit"
    path.write_text("my answers: claim 1, claim 2", encoding="utf-8")
    refused(exercise, path, match="not a ClaimWeave project")


def test_working_copy_is_not_a_submission(exercise: Exercise) -> None:
    exercise.submit("ann", KEY_CLAIMS)
    refused(exercise, exercise.folder / "ann.claimweave", match="not a submission")


def test_duplicate_student(exercise: Exercise) -> None:
    first = exercise.submit("ann", KEY_CLAIMS)
    again = exercise.folder / "ann-again.cwsubmit"
    shutil.copy(first, again)
    refused(exercise, first, again, match="'ann' is already collected")
    # Names differing only in case are the same student.
    bob = exercise.submit("ANN", KEY_CLAIMS[:1])
    refused(exercise, first, bob, match="already collected")


def test_copied_work_under_another_name(exercise: Exercise) -> None:
    first = exercise.submit("ann", KEY_CLAIMS)
    copy = exercise.folder / "eve.claimweave"
    shutil.copy(exercise.folder / "ann.claimweave", copy)
    with Project.open(copy) as p:
        p.set_setting(STUDENT, "eve")
    hand_in(copy, exercise.folder / "eve.cwsubmit")
    refused(exercise, first, exercise.folder / "eve.cwsubmit", match="copied")


def test_student_cannot_be_called_key(exercise: Exercise) -> None:
    with pytest.raises(ClassroomError, match="reserved"):
        start_submission(exercise.assignment, "Key", exercise.folder / "k.claimweave")


def test_hand_in_refuses_changed_documents(exercise: Exercise) -> None:
    work = exercise.folder / "ann.claimweave"
    start_submission(exercise.assignment, "ann", work)
    with Project.open(work) as p:
        p.set_setting(DOCUMENTS_LOCKED, "0")
        p.delete_document(p.documents()[0].id)
    with pytest.raises(ClassroomError, match="documents differ"):
        hand_in(work, exercise.folder / "ann.cwsubmit")
    assert not (exercise.folder / "ann.cwsubmit").exists()


def test_start_needs_an_assignment(exercise: Exercise) -> None:
    with pytest.raises(ClassroomError, match="not an assignment"):
        start_submission(exercise.key, "ann", exercise.folder / "a.claimweave")


def test_outputs_are_never_overwritten(exercise: Exercise) -> None:
    with pytest.raises(ClassroomError, match="already exists"):
        make_assignment(exercise.key, exercise.assignment)


def test_assign_from_the_command_line_waits_for_the_window(exercise: Exercise, capsys) -> None:
    """The assignment is recorded in the key project: the command takes its lock, so it
    refuses (changing nothing) while a window has the key open, like every command that
    writes."""
    from claimweave.cli import main

    out = exercise.folder / "again.cwassign"
    with Project.open(exercise.key, lock=True) as window:
        before = window.get_setting("classroom.assignments")
        assert main(["classroom", "assign", str(exercise.key), "-o", str(out)]) == 1
        assert "open in a running ClaimWeave" in capsys.readouterr().err
        assert not out.exists() and window.get_setting("classroom.assignments") == before
    assert main(["classroom", "assign", str(exercise.key), "-o", str(out)]) == 0
    assert out.exists()
