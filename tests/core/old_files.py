"""Project files as earlier ClaimWeave versions wrote them, for migration tests."""

from __future__ import annotations

from pathlib import Path

from claimweave.core import database
from claimweave.core.schema import APPLICATION_ID, MIGRATIONS


def v1_project(path: Path) -> Path:
    """An empty project at schema version 1 (only the first migration applied)."""
    con = database.connect(path)
    con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    con.execute("BEGIN")
    for statement in database._split_sql(MIGRATIONS[0]):
        con.execute(statement)
    con.execute("PRAGMA user_version = 1")
    con.execute("COMMIT")
    con.close()
    return path
