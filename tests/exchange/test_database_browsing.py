"""The project file as a database other tools browse: datasette's and sqlite-utils' view."""

from __future__ import annotations

import sqlite3

import sqlite_utils

from claimweave.core.database import migrate
from claimweave.core.schema import MIGRATIONS, SCHEMA_VERSION

from .datasets_sample import build


def test_full_text_tables_are_detected_and_searchable(project):
    build(project)
    path = project.path
    project.close()
    db = sqlite_utils.Database(sqlite3.connect(path))
    assert db["documents"].detect_fts() == "documents_fts"
    assert db["claims"].detect_fts() == "claims_fts"
    hits = [row["quote"] for row in db["claims"].search("prices")]
    assert sorted(hits) == sorted(["𝒜𝓈𝓉𝓇𝒶𝓁 letters say prices rose", "prices rose.\nSecond",
                                   "Prices rose by 5%."])
    assert [r["title"] for r in db["documents"].search("formula")] == ["Emoji & astral"]


def test_older_files_gain_detectable_indexes(tmp_path):
    path = tmp_path / "old.claimweave"
    con = sqlite3.connect(path, isolation_level=None)
    before = MIGRATIONS.index(next(m for m in MIGRATIONS if 'content="claims"' in m))
    for script in MIGRATIONS[:before]:
        con.executescript(script)
    con.execute(f"PRAGMA user_version = {before}")
    con.execute("INSERT INTO documents VALUES ('d', 'Old', NULL, NULL, NULL, NULL, NULL, NULL, "
                "'wages fell', 'h', 10, 't', 't', 0)")
    con.execute("INSERT INTO documents_fts(rowid, title, text) SELECT rowid, title, text "
                "FROM documents")
    assert sqlite_utils.Database(con)["documents"].detect_fts() is None
    migrate(con)
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db = sqlite_utils.Database(con)
    assert db["documents"].detect_fts() == "documents_fts"
    assert [r["id"] for r in db["documents"].search("wages")] == ["d"]


def test_immutable_uri_reads_a_closed_project(project):
    """The recipe in docs/file-format.md for a project in a folder one cannot write."""
    build(project)
    path = project.path
    project.close()
    con = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
    assert con.execute("SELECT count(*) FROM claims").fetchone()[0] == 9
    assert con.execute("SELECT count(*) FROM claims_fts WHERE claims_fts MATCH 'prices'"
                       ).fetchone()[0] == 3
