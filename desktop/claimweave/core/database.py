"""Opening, creating and checking project files.

Every check that can refuse a file runs *before* SQLite opens it for writing, on the raw
header bytes and through a read-only connection, so a refused file stays byte-for-byte
unchanged: not a project, truncated, corrupt, or from a newer ClaimWeave.
"""

from __future__ import annotations

import os
import sqlite3
import struct
from pathlib import Path

from .errors import CorruptProjectError, NewerProjectError, NotAProjectError, ProjectFileError
from .schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100


def _header(path: Path) -> bytes:
    try:
        with path.open("rb") as fh:
            return fh.read(HEADER_SIZE)
    except FileNotFoundError:
        raise ProjectFileError(f"{path}: no such project file") from None
    except IsADirectoryError:
        raise NotAProjectError(f"{path}: is a folder, not a project file") from None
    except OSError as exc:
        raise ProjectFileError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def inspect_file(path: Path) -> int:
    """Check *path* is a ClaimWeave project this version can open; return its schema version.

    Reads only, and leaves no -wal/-shm files behind; raises NotAProjectError,
    CorruptProjectError or NewerProjectError.
    """
    head = _header(path)
    if len(head) == 0:
        raise NotAProjectError(f"{path}: the file is empty, not a ClaimWeave project")
    if not head.startswith(SQLITE_MAGIC):
        raise NotAProjectError(f"{path}: not a ClaimWeave project (not an SQLite database)")
    if len(head) < HEADER_SIZE:
        raise CorruptProjectError(f"{path}: the project file is truncated")
    page_size = struct.unpack(">H", head[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    size = path.stat().st_size
    if page_size < 512 or size % page_size:
        raise CorruptProjectError(f"{path}: the project file is truncated or damaged")
    # The header's page count is only valid when its change counter matches (file format
    # spec, offset 92); in WAL mode the newest pages may still sit in the -wal file.
    page_count, valid_for = struct.unpack(">I", head[28:32])[0], struct.unpack(">I", head[92:96])[0]
    counter = struct.unpack(">I", head[24:28])[0]
    if page_count and valid_for == counter and size < page_size * page_count:
        raise CorruptProjectError(f"{path}: the project file is truncated")
    return _inspect_with_sqlite(path)


def _inspect_with_sqlite(path: Path) -> int:
    """Read identity and version, and run quick_check, through a read-only connection.

    Without a -wal file the file is opened as immutable, so SQLite creates no side files;
    with one (the project is open elsewhere, or a crash left it) read-only mode reads the
    newest committed state through it.
    """
    wal = path.with_name(path.name + "-wal")
    uri = path.resolve().as_uri() + ("?mode=ro" if wal.exists() else "?immutable=1")
    try:
        con = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise CorruptProjectError(f"{path}: cannot be opened ({exc})") from None
    try:
        app_id = con.execute("PRAGMA application_id").fetchone()[0]
        if app_id != APPLICATION_ID:
            raise NotAProjectError(
                f"{path}: an SQLite database of another application, not a ClaimWeave project")
        user_version = con.execute("PRAGMA user_version").fetchone()[0]
        if user_version > SCHEMA_VERSION:
            raise NewerProjectError(
                f"{path}: written by a newer ClaimWeave (file format {user_version}; this "
                f"version reads up to {SCHEMA_VERSION}). Update ClaimWeave to open it; the file "
                "was not changed.")
        rows = con.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        raise CorruptProjectError(f"{path}: the project file is damaged ({exc})") from None
    finally:
        con.close()
    problems = [r[0] for r in rows if r[0] != "ok"]
    if problems:
        raise CorruptProjectError(f"{path}: the project file is damaged ({problems[0]})")
    return int(user_version)


def peek_setting(path: Path, key: str) -> str | None:
    """One setting of a project file, read without checking or changing the file (e.g. its
    classroom role, to decide how to open it); None when it is absent or unreadable.
    Opening the file afterwards checks it and reports what is wrong with it."""
    wal = path.with_name(path.name + "-wal")
    try:
        uri = path.resolve().as_uri() + ("?mode=ro" if wal.exists() else "?immutable=1")
        con = sqlite3.connect(uri, uri=True)
        try:
            row = con.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        finally:
            con.close()
    except (sqlite3.Error, OSError, ValueError):
        return None
    return row[0] if row else None


def connect(path: Path | str, *, read_only: bool = False) -> sqlite3.Connection:
    """A connection with the pragmas every ClaimWeave connection needs.

    Autocommit mode (isolation_level=None): the store opens its own transactions, so a
    verb is one transaction and nothing is left pending when the program is killed.
    """
    target = Path(path)
    if read_only:
        con = sqlite3.connect(target.resolve().as_uri() + "?mode=ro", uri=True,
                              isolation_level=None)
    else:
        con = sqlite3.connect(str(target), isolation_level=None)
    con.execute("PRAGMA foreign_keys = ON")
    con.execute("PRAGMA trusted_schema = OFF")
    con.execute("PRAGMA busy_timeout = 5000")
    if not read_only:
        con.execute("PRAGMA journal_mode = WAL")
        # NORMAL in WAL mode: a committed transaction survives a program crash; a power cut
        # may lose the last commits but never corrupts the file.
        con.execute("PRAGMA synchronous = NORMAL")
    return con


def create_file(path: Path) -> sqlite3.Connection:
    """Create a new, empty project file at *path* (which must not exist)."""
    if path.exists():
        raise ProjectFileError(f"{path}: already exists; choose another name")
    if not path.parent.exists():
        raise ProjectFileError(f"{path.parent}: no such folder")
    try:
        con = connect(path)
    except sqlite3.Error as exc:
        raise ProjectFileError(f"{path}: cannot be created ({exc})") from None
    con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    migrate(con)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return con


def migrate(con: sqlite3.Connection) -> None:
    """Apply the migrations this file lacks, each in its own transaction."""
    current = con.execute("PRAGMA user_version").fetchone()[0]
    for version in range(current, SCHEMA_VERSION):
        con.execute("BEGIN IMMEDIATE")
        try:
            for statement in _split_sql(MIGRATIONS[version]):
                con.execute(statement)
            con.execute(f"PRAGMA user_version = {version + 1}")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise


def _split_sql(script: str) -> list[str]:
    """Split a migration into statements (executescript would commit on its own)."""
    statements, buf = [], ""
    for line in script.splitlines(keepends=True):
        if line.lstrip().startswith("--"):
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            statements.append(buf.strip())
            buf = ""
    if buf.strip():
        statements.append(buf.strip())
    return statements


def open_file(path: Path, *, read_only: bool = False, version: int | None = None
              ) -> sqlite3.Connection:
    """Open an existing project after inspecting it; upgrade its schema if it is older.

    *version*: what :func:`inspect_file` returned for it just before (the caller inspected
    it already, e.g. before taking its lock): ``quick_check`` reads every page of the file,
    0.1 s at 60 MB, so it runs once per open.
    """
    if version is None:
        version = inspect_file(path)
    if read_only and version < SCHEMA_VERSION:
        raise ProjectFileError(
            f"{path}: uses an older file format and cannot be upgraded while opened read-only"
        )
    if not read_only and not os.access(path, os.W_OK):
        raise ProjectFileError(f"{path}: the file is read-only; open it read-only or copy it")
    try:
        con = connect(path, read_only=read_only)
    except sqlite3.DatabaseError as exc:
        raise CorruptProjectError(f"{path}: cannot be opened ({exc})") from None
    try:
        if not read_only:
            migrate(con)
    except BaseException as exc:
        con.close()  # a file that cannot be upgraded is not held open
        if isinstance(exc, sqlite3.DatabaseError):
            raise CorruptProjectError(f"{path}: cannot be opened ({exc})") from None
        raise
    return con
