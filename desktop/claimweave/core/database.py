"""Opening, creating and checking project files.

Every check that can refuse a file runs *before* SQLite opens it for writing, on the raw
header bytes and through a read-only connection, so a refused file stays byte-for-byte
unchanged: not a project, truncated, corrupt, or from a newer ClaimWeave.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import struct
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import NamedTuple

from . import checked
from .errors import (
    CorruptProjectError,
    NewerProjectError,
    NotAProjectError,
    ProjectFileError,
    ProjectWriteError,
)
from .schema import APPLICATION_ID, DERIVED_TABLES, MIGRATIONS, SCHEMA_VERSION
from .schema_objects import (
    ForeignSchemaError,
    foreign_objects,
    missing_schema,
    restore_content_triggers,
)

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100


def _header(path: Path) -> bytes:
    """The first bytes of a project file; a pipe or device is refused, never waited on."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            if stat.S_ISDIR(os.fstat(fd).st_mode):
                raise IsADirectoryError
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise NotAProjectError(f"{path}: is not a regular file (a pipe, device or "
                                       "socket), not a project file")
            return fh.read(HEADER_SIZE)
    except FileNotFoundError:
        raise ProjectFileError(f"{path}: no such project file") from None
    except IsADirectoryError:
        raise NotAProjectError(f"{path}: is a folder, not a project file") from None
    except OSError as exc:
        raise ProjectFileError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def side_file(path: Path, suffix: str) -> Path:
    """``<project>-wal``, ``<project>-shm``: the files SQLite keeps beside a project."""
    return path.with_name(path.name + suffix)


def inspect_file(path: Path) -> int:
    """Check *path* is a ClaimWeave project this version can open; return its schema version.

    Reads only, and leaves no -wal/-shm files behind; raises NotAProjectError,
    CorruptProjectError or NewerProjectError.
    """
    return inspect(path).version


class Inspection(NamedTuple):
    """What inspecting a project found: its schema version and the foreign schema objects."""

    version: int
    foreign: list[str]


def inspect(path: Path) -> Inspection:
    """:func:`inspect_file`, also naming the schema objects ClaimWeave did not create."""
    head = _header(path)
    if len(head) == 0:
        raise NotAProjectError(f"{path}: the file is empty, not a ClaimWeave project")
    if not head.startswith(SQLITE_MAGIC):
        raise NotAProjectError(f"{path}: not a ClaimWeave project (not an SQLite database)")
    if len(head) < HEADER_SIZE:
        raise CorruptProjectError(f"{path}: the project file is truncated")
    if _has_wal(path):
        # A save may still be in the -wal: a checkpoint that was interrupted leaves a main
        # file shorter than its header says, with the missing pages in the -wal. Only SQLite
        # can tell that from damage, so it judges, reading through the -wal.
        return _inspect_with_sqlite(path)
    page_size = struct.unpack(">H", head[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    size = path.stat().st_size
    if page_size < 512 or size % page_size:
        raise CorruptProjectError(f"{path}: the project file is truncated or damaged")
    # The header's page count is only valid when its change counter matches (file format
    # spec, offset 92).
    page_count, valid_for = struct.unpack(">I", head[28:32])[0], struct.unpack(">I", head[92:96])[0]
    counter = struct.unpack(">I", head[24:28])[0]
    if page_count and valid_for == counter and size < page_size * page_count:
        raise CorruptProjectError(f"{path}: the project file is truncated")
    return _inspect_with_sqlite(path)


def _has_wal(path: Path) -> bool:
    try:
        return side_file(path, "-wal").stat().st_size > 0
    except OSError:
        return False


def _inspect_with_sqlite(path: Path) -> Inspection:
    """Identity, version, quick_check and foreign schema objects, read without writing."""
    with reading_uri(path) as uri:
        return _judge(uri, path)


@contextmanager
def reading_uri(path: Path) -> Iterator[str]:
    """A URI that reads the project's newest committed state and leaves no side files.

    Without a -wal the file is opened as immutable, so SQLite creates no side files. With
    one and its -shm (the project is open elsewhere, or a process was killed) a read-only
    connection reads through them. A -wal without its -shm (copied or synced without it)
    is read from a private copy of the pair, since a read-only connection would leave a
    -shm behind.
    """
    if not _has_wal(path):
        yield path.resolve().as_uri() + "?immutable=1"
    elif side_file(path, "-shm").exists():
        yield path.resolve().as_uri() + "?mode=ro"
    else:
        with tempfile.TemporaryDirectory(prefix="claimweave-read-") as tmp:
            yield copy_with_wal(path, Path(tmp)).as_uri() + "?mode=rw"


def copy_with_wal(path: Path, folder: Path) -> Path:
    """A private copy of the project and its -wal in *folder*, read without touching them."""
    copy = folder / path.name
    try:
        shutil.copyfile(path, copy)
        shutil.copyfile(side_file(path, "-wal"), side_file(copy, "-wal"))
    except OSError as exc:
        raise ProjectFileError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    return copy


def _judge(uri: str, path: Path) -> Inspection:
    taken = checked.stamp(path)  # before reading: a write during the check must show
    ran = False
    try:
        con = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise CorruptProjectError(f"{path}: cannot be opened ({exc})") from None
    try:
        con.execute("PRAGMA trusted_schema = OFF")
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
        if not checked.passed(path, taken):  # unchanged since it passed: not read again
            problems, ran = _quick_check(con), True
            if problems:
                raise CorruptProjectError(f"{path}: the project file is damaged ({problems[0]})")
        missing = missing_schema(con, user_version)
        if missing:
            shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more"
                                              if len(missing) > 5 else "")
            raise CorruptProjectError(f"{path}: the project file is damaged: it lacks {shown}. "
                                      "Restore it from a backup; the file was not changed.")
        foreign = [obj.describe() for obj in foreign_objects(con, user_version)]
    except sqlite3.DatabaseError as exc:
        raise CorruptProjectError(f"{path}: the project file is damaged ({exc})") from None
    finally:
        con.close()
    if ran:
        checked.remember(path, taken)
    return Inspection(int(user_version), foreign)


def _quick_check(con: sqlite3.Connection) -> list[str]:
    """What SQLite's quick_check finds wrong in the project's own tables and their indexes.
    The derived tables (:data:`~.schema.DERIVED_TABLES`) are left out: reading them too
    would make every open cost follow the stored suggestion index, which is rebuilt when
    missing; ``claimweave check`` runs the full integrity_check."""
    tables = [r[0] for r in con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name")]
    problems: list[str] = []
    for table in (t for t in tables if t not in DERIVED_TABLES):
        quoted = '"' + table.replace('"', '""') + '"'
        problems += [r[0] for r in con.execute(f"PRAGMA quick_check({quoted})") if r[0] != "ok"]
    return problems


class _ReadOnlyConnection(sqlite3.Connection):
    """A read-only connection that tidies up after itself.

    Reading a WAL-mode file makes SQLite create ``-wal`` and ``-shm`` beside it, and a
    read-only connection cannot remove them. When neither existed before, :meth:`close`
    opens the file once more, writably and without writing, and closes it: if no other
    program has the project open, SQLite then deletes both (there is nothing to copy back,
    so the project's bytes stay the same); if one has, they stay, as they must.
    """

    tidy: Path | None = None
    scratch: tempfile.TemporaryDirectory[str] | None = None  # a private copy being read

    def close(self) -> None:
        super().close()
        if self.scratch is not None:
            self.scratch.cleanup()
            self.scratch = None
        target, self.tidy = self.tidy, None
        if target is None or not os.access(target, os.W_OK):
            return
        if not side_file(target, "-wal").exists():
            return
        try:
            con = sqlite3.connect(str(target))
            try:
                con.execute("SELECT count(*) FROM sqlite_master").fetchone()
            finally:
                con.close()
        except sqlite3.Error:
            pass  # the files stay: harmless, SQLite removes them on the next clean close


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
    verb is one transaction and nothing is left pending when the program is killed. Text
    is decoded by sqlite3's fast path; a project holding text that is not valid UTF-8
    switches its connection to :data:`DECODE_TEXT` when it first meets some (see
    ``core/bad_text.py``).
    """
    target = Path(path)
    con: sqlite3.Connection
    if read_only:
        con = _connect_read_only(target)
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


def _connect_read_only(target: Path) -> _ReadOnlyConnection:
    """A read-only connection, also where the user may not write (a shared or archived
    folder): SQLite reads a WAL-mode file through a -shm it must be able to create.

    - the folder is writable: ``mode=ro``; -wal/-shm it makes are tidied on close;
    - it is not, and no -wal holds pending pages: ``immutable=1`` (no side files needed;
      nobody can be writing without them);
    - it is not, and a -wal and -shm are there: ``mode=ro`` reads the -shm read-only;
    - it is not, and a -wal is there without its -shm: a private copy of the pair, in a
      temporary folder removed on close.
    """
    uri = target.resolve().as_uri()
    folder = target.resolve().parent
    fresh = not any(side_file(target, s).exists() for s in ("-wal", "-shm"))
    scratch = None
    if os.access(folder, os.W_OK | os.X_OK):
        source = uri + "?mode=ro"
    elif not _has_wal(target):
        source = uri + "?mode=ro&immutable=1"
    elif side_file(target, "-shm").exists():
        source = uri + "?mode=ro"
    else:
        scratch = tempfile.TemporaryDirectory(prefix="claimweave-read-")
        try:
            copy = copy_with_wal(target, Path(scratch.name))
        except BaseException:
            scratch.cleanup()
            raise
        source = copy.as_uri() + "?mode=ro"
    con = sqlite3.connect(source, uri=True, isolation_level=None, factory=_ReadOnlyConnection)
    con.tidy = target if fresh and scratch is None else None
    con.scratch = scratch
    return con


DECODE_TEXT = partial(bytes.decode, encoding="utf-8", errors="replace")
"""sqlite3 text_factory: invalid UTF-8 becomes U+FFFD. Not the default: any factory but
``str`` leaves sqlite3's fast path, and listing 100,000 claims took 0.25 s longer."""


def create_file(path: Path) -> sqlite3.Connection:
    """Create a new, empty project file at *path* (which must not exist).

    If it cannot be finished (a full disk, a medium that fails), the file and its side
    files are removed again: a refused ``new`` leaves nothing behind.
    """
    if path.exists() or path.is_symlink():
        raise ProjectFileError(f"{path}: already exists; choose another name")
    if not path.parent.exists():
        raise ProjectFileError(f"{path.parent}: no such folder")
    if not path.parent.is_dir():
        raise ProjectFileError(f"{path.parent}: is a file, not a folder; choose another place")
    con: sqlite3.Connection | None = None
    try:
        con = connect(path)
        con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        migrate(con)
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except BaseException as exc:
        if con is not None:
            con.close()
        remove_project_files(path)
        if isinstance(exc, sqlite3.Error):
            raise ProjectWriteError(f"{path}: cannot be created ({exc})") from None
        raise
    return con


def remove_project_files(path: Path) -> None:
    """Delete a project file this program just made, with its side files."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            side_file(path, suffix).unlink()
        except (FileNotFoundError, NotADirectoryError):
            pass


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


def _upgraded_copy(path: Path) -> sqlite3.Connection:
    """An older project opened read-only (archived, or in a folder the user cannot write):
    the file is never changed, so a private copy is upgraded and read, then removed when the
    connection closes."""
    source = _connect_read_only(path)
    scratch = tempfile.TemporaryDirectory(prefix="claimweave-upgrade-")
    copy = Path(scratch.name) / path.name
    try:
        target = sqlite3.connect(copy)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        writer = connect(copy)
        try:
            migrate(writer)
        finally:
            writer.close()
        con = connect(copy, read_only=True)
    except BaseException as exc:
        scratch.cleanup()
        if isinstance(exc, sqlite3.Error | OSError):
            raise CorruptProjectError(f"{path}: cannot be read ({exc})") from None
        raise
    assert isinstance(con, _ReadOnlyConnection)
    con.scratch = scratch
    return con


def open_file(path: Path, *, read_only: bool = False,
              inspected: Inspection | None = None) -> sqlite3.Connection:
    """Open an existing project after inspecting it; upgrade its schema if it is older.

    For writing, a file holding triggers, views or indexes that ClaimWeave did not create
    is refused (they would run on ordinary edits): ``claimweave check --repair`` removes
    them. Read-only opening allows it, so such a file can still be checked and exported.
    *inspected*: what :func:`inspect` just said of the file (quick_check reads all of it:
    0.1 to 0.26 s on a 60 MB project, so it is not run twice in one open).
    """
    version, foreign = inspected or inspect(path)
    if read_only and version < SCHEMA_VERSION:
        return _upgraded_copy(path)
    if not read_only and foreign:
        raise ForeignSchemaError(
            f"{path}: holds schema objects ClaimWeave did not create ({', '.join(foreign)}); "
            "they would run on ordinary edits. Remove them with 'claimweave check --repair "
            "PROJECT' (it makes a backup first), or open the project read-only; the file was "
            "not changed.")
    if not read_only and not os.access(path, os.W_OK):
        raise ProjectFileError(f"{path}: the file is read-only; open it read-only or copy it")
    try:
        con = connect(path, read_only=read_only)
    except sqlite3.DatabaseError as exc:
        raise CorruptProjectError(f"{path}: cannot be opened ({exc})") from None
    try:
        if not read_only:
            migrate(con)
            restore_content_triggers(con)
    except BaseException as exc:
        con.close()  # a file that cannot be upgraded is not held open
        if isinstance(exc, sqlite3.DatabaseError):
            raise CorruptProjectError(f"{path}: cannot be opened ({exc})") from None
        raise
    return con
