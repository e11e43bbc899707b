"""The content signature that data derived from the claims and documents (the stored
suggestion index) is kept under: it must change with every change to either table, however
it is made and whatever the clock says, and never come back to a value it had."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from claimweave.core import claims_repo, database, documents_repo, retext_repo
from claimweave.core.errors import ClaimWeaveError
from claimweave.core.schema import CONTENT_TRIGGERS, SCHEMA_VERSION
from claimweave.core.store import Project

from .old_files import v1_project
from .test_hostile_files import plant  # statements of another program, ClaimWeave closed
from .test_store import TEXT_A, TEXT_B

DEMO = Path(__file__).resolve().parents[2] / "project_files" / "demo.claimweave"
FROZEN = "2026-12-01T21:00:00.000Z"


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every write of the store stamps the same millisecond (fast edits, a coarse clock)."""
    for module in (claims_repo, documents_repo, retext_repo):
        monkeypatch.setattr(module, "now", lambda: FROZEN)


def test_two_edits_in_the_same_millisecond_give_two_signatures(project: Project,
                                                               frozen: None) -> None:
    doc = project.add_document(TEXT_A).document.id
    claim = project.add_claim(doc, 0, 10).id
    seen = [project.content_signature()]
    project.update_claim(claim, start=1, end=12)
    seen.append(project.content_signature())
    project.update_claim(claim, start=2, end=14)
    seen.append(project.content_signature())
    assert project.claim(claim).updated_at == FROZEN  # the timestamps cannot tell them apart
    assert len(set(seen)) == 3


def test_undo_to_an_older_timestamp_is_not_taken_for_another_state(project: Project,
                                                                   frozen: None) -> None:
    """Edit one claim; undo (its older stamp comes back); edit the other claim in the same
    millisecond: counts, newest stamp and newest ids are all as after the first edit, but
    the claims are not, so the signature must differ."""
    doc = project.add_document(TEXT_A).document.id
    first, second = project.add_claim(doc, 0, 10).id, project.add_claim(doc, 20, 30).id
    project.update_claim(first, start=1, end=12)
    after_first = project.content_signature()
    project.undo()
    undone = project.content_signature()
    project.update_claim(second, start=21, end=33)
    after_second = project.content_signature()
    project.undo()  # back to the claims as they were before either edit
    again = project.content_signature()
    assert len({after_first, undone, after_second, again}) == 4


def test_document_changes_that_keep_their_import_stamp_move_it(project: Project) -> None:
    a = project.add_document(TEXT_A).document.id
    project.add_document(TEXT_B)
    seen = [project.content_signature()]
    project.move_document(a, 1)  # the order of documents: the index numbers them by it
    seen.append(project.content_signature())
    project.update_text(a, TEXT_A + " More text.")
    seen.append(project.content_signature())
    project.update_document(a, title="Renamed")
    seen.append(project.content_signature())
    assert len(set(seen)) == 4


def _one_claim(path: Path) -> tuple[str, tuple]:
    """A project at *path* with one claim: (its id, the content signature)."""
    with Project.create(path) as p:
        doc = p.add_document(TEXT_A).document.id
        return p.add_claim(doc, 0, 10).id, p.content_signature()


def test_writes_made_by_another_tool_move_it(tmp_path: Path) -> None:
    """The file may be written with ClaimWeave closed (docs/file-format.md): SQLite's own
    triggers count those writes too, timestamps or not."""
    path = tmp_path / "p.claimweave"
    claim, before = _one_claim(path)
    plant(path, f"UPDATE claims SET start = 1, \"end\" = 11 WHERE id = '{claim}'")
    with Project.open(path, read_only=True) as p:
        assert p.content_signature() != before


def test_a_refused_edit_leaves_it_alone(project: Project) -> None:
    doc = project.add_document(TEXT_A).document.id
    claim = project.add_claim(doc, 0, 10).id
    before = project.content_signature()
    with pytest.raises(ClaimWeaveError):
        project.update_claim(claim, start=5, end=2)
    assert project.content_signature() == before


def test_removed_triggers_are_made_again_and_what_was_derived_before_is_stale(
        tmp_path: Path) -> None:
    """A tool removed a trigger and then edited a claim, uncounted. Read-only, the
    signature says the file is untracked (nothing derived is stored at it) and stays the
    same (a window does not rebuild for ever); opened for writing, the trigger is made
    again and the counter moved on, so what was derived before the edit is stale."""
    path = tmp_path / "p.claimweave"
    claim, tracked = _one_claim(path)
    plant(path, f"DROP TRIGGER {CONTENT_TRIGGERS[1]}",
           f"UPDATE claims SET start = 1 WHERE id = '{claim}'")
    with Project.open(path, read_only=True) as p:
        untracked = p.content_signature()
        assert untracked[0] == "untracked" and untracked == p.content_signature() != tracked
    with Project.open(path) as p:
        healed = p.content_signature()
        assert healed[0] == "content" and healed not in (tracked, untracked)
        p.update_claim(claim, start=2)
        assert p.content_signature() != healed
    con = sqlite3.connect(path)
    assert {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = "
                                      "'trigger'")} == set(CONTENT_TRIGGERS)
    con.close()


@pytest.mark.parametrize("read_only", [False, True])
def test_older_files_open_with_the_counter_and_its_triggers(tmp_path: Path,
                                                            read_only: bool) -> None:
    for old in (v1_project(tmp_path / "v1.claimweave"),
                Path(shutil.copy(DEMO, tmp_path / "demo.claimweave"))):
        before = old.read_bytes() if read_only else None
        with Project.open(old, read_only=read_only) as p:
            assert p.con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
            names = {r[0] for r in p.con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
            assert names >= set(CONTENT_TRIGGERS)
            first = p.content_signature()
            assert first[0] == "content" and first == p.content_signature()
            if not read_only:
                p.add_document(f"A new report on {old.name}.")
                assert p.content_signature() != first
            if read_only:  # a worker's own connection reads the upgraded copy too
                assert p.reading_file() != old
                worker = Project(old, database.connect(p.reading_file(), read_only=True),
                                 read_only=True, lock=None)
                try:
                    assert worker.content_signature() == first
                finally:
                    worker.con.close()
            else:
                assert p.reading_file() == old
        if read_only:
            assert old.read_bytes() == before  # upgraded in a private copy only
