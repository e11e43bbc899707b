"""The project file: pragmas, schema, and refusals that leave the file byte-for-byte unchanged."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from claimweave.core.errors import (
    CorruptProjectError,
    NewerProjectError,
    NotAProjectError,
    ProjectFileError,
    ProjectLockedError,
)
from claimweave.core.schema import APPLICATION_ID, DERIVED_TABLES, SCHEMA_VERSION
from claimweave.core.store import Project


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _siblings(path: Path) -> set[str]:
    return {p.name for p in path.parent.iterdir()}


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    path = tmp_path / "saved.claimweave"
    with Project.create(path, title="Saved") as p:
        text = "Moscow and Tehran signed a memorandum. It is not an alliance."
        doc = p.add_document(text).document
        p.add_claim(doc.id, quote="It is not an alliance.")
    return path


def test_connection_pragmas_and_strict_tables(saved: Path) -> None:
    with Project.open(saved) as p:
        one = lambda sql: p.con.execute(sql).fetchone()[0]  # noqa: E731
        assert one("PRAGMA foreign_keys") == 1
        assert one("PRAGMA journal_mode") == "wal"
        assert one("PRAGMA trusted_schema") == 0
        assert one("PRAGMA application_id") == APPLICATION_ID
        assert one("PRAGMA user_version") == SCHEMA_VERSION
        ddl = [r[0] for r in p.con.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE '%VIRTUAL%' "
            "AND name NOT LIKE '%fts%' AND name NOT LIKE 'sqlite%'")]
        assert ddl and all("STRICT" in sql for sql in ddl)
        fks = p.con.execute(
            "SELECT m.name, f.\"from\" FROM sqlite_master m, pragma_foreign_key_list(m.name) f "
            "WHERE m.type = 'table'").fetchall()
        indexed = {(r[0], r[1]) for r in p.con.execute(
            "SELECT m.name, ii.name FROM sqlite_master m, pragma_index_list(m.name) il, "
            "pragma_index_info(il.name) ii WHERE m.type = 'table' AND ii.seqno = 0")}
        assert all((t, col) in indexed for t, col in fks), "every foreign key has an index"


def test_committed_work_survives_without_close(tmp_path: Path) -> None:
    path = tmp_path / "k.claimweave"
    p = Project.create(path)
    p.add_document("Kept even though the program never closed the file.")
    # No close(): a second connection (another process after a crash) sees the commit.
    with Project.open(path, read_only=True) as q:
        assert len(q.documents()) == 1
    p.close()


@pytest.mark.parametrize(("content", "error"), [
    (b"", NotAProjectError),
    (b"just some text, not a database\n" * 10, NotAProjectError),
    (b"\x89PNG\r\n\x1a\n" + bytes(200), NotAProjectError),
])
def test_foreign_files_are_refused_untouched(tmp_path: Path, content: bytes, error) -> None:
    path = tmp_path / "x.claimweave"
    path.write_bytes(content)
    with pytest.raises(error):
        Project.open(path)
    assert path.read_bytes() == content
    assert _siblings(path) == {"x.claimweave"}


def test_another_applications_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t(x)")
    con.commit()
    con.close()
    before = _digest(path)
    with pytest.raises(NotAProjectError, match="another application"):
        Project.open(path)
    assert _digest(path) == before


def test_truncated_file_is_refused_untouched(saved: Path) -> None:
    data = saved.read_bytes()
    for cut in (50, 4096 + 100, len(data) // 2):
        saved.write_bytes(data[:cut])
        with pytest.raises((CorruptProjectError, NotAProjectError)):
            Project.open(saved)
        assert saved.read_bytes() == data[:cut]


def test_damaged_pages_are_refused_untouched(saved: Path) -> None:
    data = bytearray(saved.read_bytes())
    page = 4096
    for i in range(2 * page, len(data), page):  # scribble over every b-tree page header
        data[i:i + 12] = b"\xff" * 12
    saved.write_bytes(bytes(data))
    before = _digest(saved)
    with pytest.raises(CorruptProjectError):
        Project.open(saved)
    assert _digest(saved) == before
    assert not (saved.parent / (saved.name + "-wal")).exists()


@pytest.mark.parametrize("name", ["claims", "claims_document"])
def test_one_damaged_page_of_the_project_data_is_refused_at_open(saved: Path, name: str
                                                                 ) -> None:
    """The check at open reads the project's own tables and indexes (derived tables, which
    are rebuilt, are left out for speed): one bad page of a table or index is found."""
    con = sqlite3.connect(saved)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (name,)
                       ).fetchone()[0]
    con.close()
    with saved.open("r+b") as fh:
        fh.seek((root - 1) * page)
        fh.write(b"\xff" * 12)
    with pytest.raises(CorruptProjectError):
        Project.open(saved)
    with pytest.raises(CorruptProjectError):
        Project.open(saved, read_only=True)


def test_the_derived_tables_left_out_of_the_open_check_exist(saved: Path) -> None:
    con = sqlite3.connect(saved)
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    con.close()
    assert tables >= DERIVED_TABLES


def test_newer_schema_is_refused_untouched(saved: Path) -> None:
    con = sqlite3.connect(saved)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.commit()
    con.close()
    before = _digest(saved)
    with pytest.raises(NewerProjectError, match="newer ClaimWeave"):
        Project.open(saved)
    with pytest.raises(NewerProjectError):
        Project.open(saved, read_only=True)
    assert _digest(saved) == before


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ProjectFileError, match="no such project"):
        Project.open(tmp_path / "missing.claimweave")
    with pytest.raises(NotAProjectError, match="folder"):
        Project.open(tmp_path)
    with pytest.raises(ProjectFileError, match="already exists"):
        Project.create(tmp_path)
    a_file = tmp_path / "notes.txt"
    a_file.write_text("notes")
    with pytest.raises(ProjectFileError, match="is a file, not a folder"):
        Project.create(a_file / "new.claimweave")  # its "folder" is a file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_second_writer_is_locked_out_and_can_read(saved: Path) -> None:
    first = Project.open(saved, lock=True)
    try:
        with pytest.raises(ProjectLockedError):
            Project.open(saved, lock=True)
        with Project.open(saved, read_only=True) as reader:
            assert reader.stats()["claims"] == 1
    finally:
        first.close()
    Project.open(saved, lock=True).close()  # released on close


def test_older_schema_is_migrated(tmp_path: Path) -> None:
    """A file at schema version 1 opens in this version (later migrations run on open)."""
    from .old_files import v1_project

    path = v1_project(tmp_path / "v1.claimweave")
    with Project.open(path) as p:
        assert p.con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_unmakeable_lock_file_means_read_only(tmp_path: Path) -> None:
    from claimweave.core.errors import LockUnavailableError

    path = tmp_path / "shared.claimweave"
    Project.create(path, lock=False).close()  # no lock file yet
    (tmp_path / "shared.claimweave.lock").mkdir()  # something in the lock file's way
    with pytest.raises(LockUnavailableError, match="cannot create its lock file"):
        Project.open(path, lock=True)
    with Project.open(path, read_only=True) as project:
        assert project.read_only
