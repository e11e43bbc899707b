"""Schema objects another program planted in a project: found, refused, removed.

A trigger runs on ordinary edits (one planted by another tool rewrote titles and deleted
tag assignments, outside the undo log); a view or an index can do the same through the
functions it calls, and a changed index can make edits fail. ClaimWeave creates no
views, and exactly the triggers (the content version's, core/schema.py) and indexes of its
migrations, so anything else of those kinds is foreign. The expected set is read from the
migrations themselves (applied to an in-memory database), so it cannot drift from the
schema.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

from .errors import ProjectFileError
from .schema import CONTENT_TRIGGERS, MIGRATIONS, SCHEMA_VERSION

KINDS = ("trigger", "view", "index")
_ON = re.compile(r"\bON (\w+)")  # the table of a trigger's or an index's SQL


class ForeignSchemaError(ProjectFileError):
    """The project holds triggers, views or indexes ClaimWeave did not create."""


@dataclass(frozen=True, slots=True)
class SchemaObject:
    """One trigger, view or index: its kind, name, table and SQL as stored in the file."""

    kind: str
    name: str
    table: str
    sql: str | None
    changed: bool = False  # one of ClaimWeave's names, with another definition
    missing: bool = False  # one of ClaimWeave's own, which the file lacks

    def describe(self) -> str:
        what = f"{self.kind} {self.name!r} on {self.table}"
        return f"{what} (changed)" if self.changed else f"{what} (missing)" if self.missing \
            else what


def _normal(sql: str | None) -> str:
    return " ".join((sql or "").split())


@lru_cache(maxsize=8)
def _expected(version: int) -> tuple[dict[tuple[str, str], str], dict[str, frozenset[str]]]:
    """What the first *version* migrations create, from one in-memory database: opening a
    project needs both halves, and each build costs 8-13 ms."""
    from .database import _split_sql  # database imports this module at load

    con = sqlite3.connect(":memory:")
    try:
        for script in MIGRATIONS[:version]:
            for statement in _split_sql(script):
                con.execute(statement)
        objects = {(kind, name): _normal(sql) for kind, name, sql in con.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE type IN ('trigger', 'view', "
            "'index') AND name NOT LIKE 'sqlite_%'")}
        names = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        tables = {n: frozenset(r[1] for r in con.execute(f'PRAGMA table_info("{n}")'))
                  for n in names}
        return objects, tables
    finally:
        con.close()


def expected_objects(version: int) -> dict[tuple[str, str], str]:
    """(kind, name) -> normalised SQL of what the first *version* migrations create."""
    return _expected(version)[0]


def expected_tables(version: int) -> dict[str, frozenset[str]]:
    """Table -> its columns, as the first *version* migrations create them (FTS5's own
    shadow tables included: without them the search index is broken)."""
    return _expected(version)[1]


def missing_schema(con: sqlite3.Connection, version: int) -> list[str]:
    """What a ClaimWeave file of *version* must have and *con*'s file lacks: whole tables
    (dropped by another tool, or a file cut short by a broken copy) and columns."""
    want = expected_tables(min(version, len(MIGRATIONS)))
    have = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    missing = [f"table {n}" for n in want if n not in have]
    for name in want:
        if name in have:
            columns = {r[1] for r in con.execute(f'PRAGMA table_info("{name}")')}
            missing += [f"column {name}.{c}" for c in sorted(want[name] - columns)]
    return missing


def foreign_objects(con: sqlite3.Connection, version: int) -> list[SchemaObject]:
    """The triggers, views and indexes in *con*'s file that the migrations up to *version*
    do not create, or create differently; SQLite's own automatic indexes are not listed."""
    expected = expected_objects(min(version, len(MIGRATIONS)))
    found = []
    for kind, name, table, sql in con.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('trigger', "
            "'view', 'index') AND name NOT LIKE 'sqlite_autoindex_%' ORDER BY type, name"):
        want = expected.get((kind, name))
        if want is None or want != _normal(sql):
            found.append(SchemaObject(kind, name, table, sql, changed=want is not None))
    return found


def missing_objects(con: sqlite3.Connection, version: int) -> list[SchemaObject]:
    """ClaimWeave's own triggers and indexes that *con*'s file lacks (another tool dropped
    them): without the content version's triggers the stored suggestion index is not used
    (until a writable open makes them again: :func:`restore_content_triggers`); without an
    index, reads are slow or duplicates get in."""
    expected = expected_objects(min(version, len(MIGRATIONS)))
    have = set(con.execute("SELECT type, name FROM sqlite_master WHERE type IN ('trigger', "
                           "'view', 'index')"))
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    found = []
    for (kind, name), sql in sorted(expected.items()):
        table = _ON.search(sql)
        if (kind, name) not in have and table is not None and table[1] in tables:
            found.append(SchemaObject(kind, name, table[1], sql, missing=True))
    return found


@contextmanager
def _immediate(con: sqlite3.Connection) -> Iterator[None]:
    """One write transaction on *con*: committed, or rolled back on any failure."""
    con.execute("BEGIN IMMEDIATE")
    try:
        yield
        con.execute("COMMIT")
    except BaseException:
        if con.in_transaction:
            con.execute("ROLLBACK")
        raise


_UNCOUNTED = "UPDATE content_version SET counter = counter + 1"
"""The content version's triggers were missing or changed: edits made meanwhile may not
have moved the counter, so it moves on once, and nothing derived before them counts."""


def restore_content_triggers(con: sqlite3.Connection) -> None:
    """Make again the triggers that keep the content version if another tool removed them,
    and move the counter on (:data:`_UNCOUNTED`). Run when a project opens for writing,
    after :func:`~.database.migrate` (so the file is at :data:`SCHEMA_VERSION`)."""
    have = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    missing = [name for name in CONTENT_TRIGGERS if name not in have]
    if not missing:
        return
    expected = expected_objects(SCHEMA_VERSION)
    with _immediate(con):
        for name in missing:
            con.execute(expected[("trigger", name)])
        con.execute(_UNCOUNTED)


def remove_foreign_objects(con: sqlite3.Connection, version: int) -> list[SchemaObject]:
    """Drop every foreign object and make every missing one of ClaimWeave's own again, in
    one transaction (a changed index of ClaimWeave's own is created again as the
    migrations define it); returns what was removed or made."""
    doomed = foreign_objects(con, version) + missing_objects(con, version)
    if not doomed:
        return []
    expected = expected_objects(min(version, len(MIGRATIONS)))
    with _immediate(con):
        for obj in doomed:
            quoted = '"' + obj.name.replace('"', '""') + '"'
            con.execute(f"DROP {obj.kind.upper()} IF EXISTS {quoted}")
            if obj.changed or obj.missing:
                con.execute(expected[(obj.kind, obj.name)])
        if any(o.kind == "trigger" and o.name in CONTENT_TRIGGERS for o in doomed):
            con.execute(_UNCOUNTED)
    return doomed
