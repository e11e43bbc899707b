"""The project file's lifecycle, transactions, undo and change events.

:class:`ProjectBase` is the root every repository mixin (documents, claims, codebook, links,
review data, search, NLP cache) builds on; :class:`claimweave.core.store.Project` composes
them into the one facade the rest of the program sees. Each public verb validates its
arguments first, runs as one transaction, records a change log for undo, and announces a
:class:`~claimweave.core.model.Change` to listeners after the commit.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from functools import cached_property
from pathlib import Path
from typing import Any, Self, TypeVar

from . import database
from .changelog import ChangeLog, RowWriter
from .clock import new_id, now
from .errors import (
    AmbiguousError,
    InvalidOperationError,
    NotFoundError,
    NothingToUndoError,
    ProjectWriteError,
    ReadOnlyProjectError,
)
from .lock import ProjectLock
from .model import Change
from .readcache import ReadCache
from .schema import DEFAULT_RELATIONS
from .validation import UUID

Listener = Callable[[Change], None]
T = TypeVar("T")
BATCH_CACHE_KIB = 65536  # SQLite's page cache during a batch (its default is 2 MB)
_WRITE_FAILURES = ("locked", "busy", "disk", "full", "readonly", "I/O")
UNDO_LIMIT = 1000
_ID_TABLES = frozenset({"documents", "tags", "relation_types", "claims", "links", "claimants"})
UNDO_BYTES = 256 * 1024 * 1024
"""Undo keeps deleted rows in memory (a deleted document's whole text): at most this much."""
_log = logging.getLogger(__name__)
DOCUMENTS_LOCKED = "documents_locked"
"""Setting that fixes a project's documents (assignment files); see classroom/roles.py."""


class ProjectBase:
    """An open project file. Use :meth:`create` or :meth:`open`; close it when done."""

    def __init__(self, path: Path, con: sqlite3.Connection, *, read_only: bool,
                 lock: ProjectLock | None) -> None:
        self.path = path
        self.con = con
        self.read_only = read_only
        self._lock = lock
        self.replaced_text = False  # text not valid UTF-8 was read with U+FFFD (bad_text.py)
        self._listeners: list[Listener] = []
        self._undo: list[ChangeLog] = []
        self._redo: list[ChangeLog] = []
        self._current: ChangeLog | None = None
        self._writer = RowWriter(con, self._require_log)
        self._reads = ReadCache(con)  # document order, codebook, relation types

    @cached_property
    def db(self) -> Any:
        """The file as a :class:`sqlite_utils.Database` for reading in scripts and notebooks
        (``project.db["claims"].rows_where(...)``). Writes go through the verbs above, which
        keep undo, search and the model's rules; sqlite-utils loads on first use only.
        """
        import sqlite_utils  # 0.15 s of imports (numpy among them) the window does not need

        return sqlite_utils.Database(self.con)

    # ----------------------------------------------------------------- lifecycle
    @classmethod
    def create(cls, path: Path | str, *, title: str | None = None, lock: bool = True) -> Self:
        """Create a new project file with the default relation types, locked for this
        process (see :meth:`open`). If it cannot be finished (a full disk), nothing is left."""
        path = Path(path)
        con = database.create_file(path)
        project = cls(path, con, read_only=False, lock=None)
        try:
            project._take_lock(lock)
            with project._transaction("Create project", undoable=False):
                w = project._writer
                w.insert("settings", {"key": "title", "value": title or path.stem})
                stamp = now()
                for pos, (name, color, polarity, symmetric) in enumerate(DEFAULT_RELATIONS):
                    w.insert("relation_types", {
                        "id": new_id(), "name": name, "color": color, "polarity": polarity,
                        "symmetric": int(symmetric), "position": pos,
                        "created_at": stamp, "updated_at": stamp,
                    })
        except BaseException:
            con.close()
            database.remove_project_files(path)
            if project._lock:
                project._lock.abandon()
            raise
        _log.info("created %s", path)
        return project

    @classmethod
    def open(cls, path: Path | str, *, read_only: bool = False, lock: bool = True) -> Self:
        """Open an existing project; refuses foreign, corrupt or newer files untouched.

        Opened for writing, the project is reserved for this process (one writer: a
        command must not change a project behind an open window); if another process
        holds it, :class:`ProjectLockedError` is raised and the caller may open read-only.
        ``lock=False`` is for a process that already holds it. A refused open leaves no
        lock file behind.
        """
        path = Path(path)
        project_lock = None
        inspected = None
        if lock and not read_only:
            inspected = database.inspect(path)  # before a lock file appears beside it
            project_lock = ProjectLock(path)
            project_lock.acquire()
        try:
            con = database.open_file(path, read_only=read_only, inspected=inspected)
        except BaseException:
            if project_lock:
                project_lock.abandon()
            raise
        _log.info("opened %s %s", path, "read-only" if read_only else "for writing")
        return cls(path, con, read_only=read_only, lock=project_lock)

    def _take_lock(self, lock: bool) -> None:
        if lock:
            self._lock = ProjectLock(self.path)
            self._lock.acquire()

    def close(self) -> None:
        with suppress(sqlite3.Error):
            if not self.read_only:
                self.con.execute("PRAGMA optimize")
                self.con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.con.close()
        if self._lock:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _cached(self, name: str, tables: tuple[str, ...], read: Callable[[], T]) -> T:
        """*read()*, kept until a write to one of *tables* (core/readcache.py)."""
        return self._reads.get(name, tables, self._current, read)

    # ----------------------------------------------------------------- events
    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call *listener* after every committed change; returns the unsubscribe function."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def _announce(self, change: Change) -> None:
        """Tell every listener; one that raises is logged and the others still hear of it
        (as napari's EventEmitter does): the change is committed, the verb succeeded."""
        for listener in list(self._listeners):
            try:
                listener(change)
            except Exception:
                _log.exception("a listener failed on %r (%s); the change was saved",
                               change.label, getattr(listener, "__qualname__", listener))

    # ----------------------------------------------------------------- transactions
    def _require_log(self) -> ChangeLog:
        if self._current is None:
            raise RuntimeError("store write outside a transaction")
        return self._current

    def _begin(self) -> None:
        with self._write_errors():
            self.con.execute("BEGIN IMMEDIATE")

    def _commit(self) -> None:
        with self._write_errors():
            self.con.execute("COMMIT")

    def _rollback(self) -> None:
        if self.con.in_transaction:
            self.con.execute("ROLLBACK")

    @contextmanager
    def _write_errors(self) -> Iterator[None]:
        """SQLite's refusals to write become a message; the transaction is rolled back."""
        try:
            yield
        except sqlite3.OperationalError as exc:
            reason = str(exc)
            if not any(word in reason for word in _WRITE_FAILURES):
                raise  # e.g. a malformed statement: a bug, for the crash handler
            if "locked" in reason or "busy" in reason:
                reason = "another program is writing to it; try again in a moment"
            raise ProjectWriteError(f"{self.path.name}: could not save ({reason}); nothing "
                                    "was changed") from exc

    @contextmanager
    def _transaction(self, label: str, *, undoable: bool = True, kind: str = "do",
                     moves: tuple[list[ChangeLog], list[ChangeLog]] | None = None
                     ) -> Iterator[ChangeLog]:
        """Run the body as one SQLite transaction; nested calls join the outer one.

        *moves* (undo and redo): the stack the replayed step leaves and the one its inverse
        joins, updated before listeners hear of the change so they see the new labels.
        """
        if self.read_only:
            raise ReadOnlyProjectError(
                f"{self.path.name} is open read-only; the change was not made")
        if self._current is not None:
            yield self._current
            return
        log = ChangeLog(label)
        self._begin()
        self._current = log
        try:
            with self._write_errors():  # a full disk mid-import is a message, not a crash
                yield log
            self._commit()
        except BaseException:
            self._rollback()
            self._reads.rolled_back(log)
            raise
        finally:
            self._current = None
        self._reads.committed(log)
        if moves is not None:
            moves[0].pop()
            moves[1].append(log)
        if not log.ops:
            return
        if kind == "do":
            self._record(log, undoable)
        self._announce(Change(label, kind, log.touched(), log.composite_keys()))

    @contextmanager
    def _derived_write(self) -> Iterator[None]:
        """Write derived data (caches, indexes: no undo entry, no change announced) in a
        short transaction of its own, or join the one in progress, which commits or rolls
        it back with the rest. The caller checks :attr:`read_only` first."""
        if self._current is not None:
            yield
            return
        self._begin()
        try:
            with self._write_errors():  # a full disk is a message, as in _transaction
                yield
            self._commit()
        except BaseException:
            self._rollback()
            raise

    def _record(self, log: ChangeLog, undoable: bool) -> None:
        """Add a step to the undo history, within UNDO_LIMIT steps and UNDO_BYTES of rows
        held (the newest step always stays). A step that is not undoable ends the history:
        undoing an older step across it would revert rows it has since changed."""
        self._redo.clear()
        if not undoable:
            self._undo.clear()
            return
        self._undo.append(log)
        held = sum(step.size() for step in self._undo)
        while len(self._undo) > 1 and (len(self._undo) > UNDO_LIMIT or held > UNDO_BYTES):
            held -= self._undo.pop(0).size()

    @contextmanager
    def batch(self, label: str, *, undoable: bool = True) -> Iterator[ChangeLog]:
        """Group several verbs into one undo step: ``with project.batch("Import"): ...``.

        An import writes 100,000 rows into half a dozen indexes; SQLite's default 2 MB page
        cache spilled them mid-transaction (a tenth of the import's time), so an outermost
        batch works with BATCH_CACHE_KIB and gives the memory back when it ends."""
        if self.read_only or self._current is not None:
            with self._transaction(label, undoable=undoable) as log:
                yield log
            return
        previous = self.con.execute("PRAGMA cache_size").fetchone()[0]
        self.con.execute(f"PRAGMA cache_size = -{BATCH_CACHE_KIB}")
        try:
            with self._transaction(label, undoable=undoable) as log:
                yield log
        finally:
            self.con.execute(f"PRAGMA cache_size = {int(previous)}")

    # ----------------------------------------------------------------- undo
    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def undo_label(self) -> str | None:
        return self._undo[-1].label if self._undo else None

    @property
    def redo_label(self) -> str | None:
        return self._redo[-1].label if self._redo else None

    def undo(self) -> str:
        """Revert the last change; returns its label."""
        return self._replay(self._undo, self._redo, "undo")

    def redo(self) -> str:
        """Re-apply the last undone change; returns its label."""
        return self._replay(self._redo, self._undo, "redo")

    def _replay(self, source: list[ChangeLog], target: list[ChangeLog], kind: str) -> str:
        if not source:
            raise NothingToUndoError(f"nothing to {kind}")
        log = source[-1]
        with self._transaction(log.label, kind=kind, moves=(source, target)):
            self._writer.revert(log.ops)
        return log.label

    # ----------------------------------------------------------------- settings
    @property
    def title(self) -> str:
        return self.get_setting("title") or self.path.stem

    def set_title(self, title: str) -> None:
        self.set_setting("title", title, label="Rename project")

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        row = self.con.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str, *, label: str | None = None) -> None:
        with self._transaction(label or f"Set {key}"):
            if self.get_setting(key) is None:
                self._writer.insert("settings", {"key": key, "value": value})
            else:
                self._writer.update("settings", (("key", key),), {"value": value})

    # ----------------------------------------------------------------- annotators
    def annotators(self) -> list[str]:
        return [r[0] for r in self.con.execute("SELECT name FROM annotators ORDER BY name")]

    def _ensure_annotator(self, name: str) -> None:
        if name and not self.con.execute(
                "SELECT 1 FROM annotators WHERE name = ?", (name,)).fetchone():
            self._writer.insert("annotators", {"name": name, "created_at": now()})

    # ----------------------------------------------------------------- helpers
    def _fresh_id(self, table: str, given: str | None) -> str:
        """A new id, or *given* (kept from an import) when it is a UUID not yet in use."""
        return self._fresh_ids(table, [given])[0]

    def _fresh_ids(self, table: str, given: list[str | None]) -> list[str]:
        """:meth:`_fresh_id` for many, with one query for the ids given (and one for the
        unplaced claims, whose ids are taken too)."""
        for ident in given:
            if ident is not None and not UUID.match(ident):
                raise InvalidOperationError(f"{ident!r} is not a lowercase UUID")
        wanted = [i for i in given if i is not None]
        taken = self.existing_ids(table, wanted)
        unplaced: set[str] = set()
        if table == "claims" and wanted:  # the parked claims are few: read them all
            unplaced = {r[0] for r in self.con.execute(
                "SELECT claim_id FROM unplaced_claims")}.intersection(wanted)
        for ident in given:
            if ident in taken:
                raise InvalidOperationError(f"id {ident} is already in use")
            if ident in unplaced:
                raise InvalidOperationError(f"id {ident} is already in use by an unplaced "
                                            "claim (place it or drop it first)")
        return [new_id() if ident is None else ident for ident in given]

    def has_id(self, table: str, ident: str | None) -> bool:
        """Whether *table* (documents, tags, relation_types, claims or links) holds a row
        with exactly this id: importers keep the ids a file gives when they are free."""
        if table not in _ID_TABLES:
            raise ValueError(f"not a table of ids: {table}")
        return bool(ident) and self.con.execute(
            f"SELECT 1 FROM {table} WHERE id = ?", (ident,)).fetchone() is not None

    def existing_ids(self, table: str, idents: Iterable[str]) -> set[str]:
        """Those of *idents* that *table* holds (:meth:`has_id` for many at once: one query,
        where an import of 100,000 claims asked 100,000 times)."""
        if table not in _ID_TABLES:
            raise ValueError(f"not a table of ids: {table}")
        wanted = [i for i in idents if i]
        if not wanted:
            return set()
        return {r[0] for r in self.con.execute(  # a join: no temporary index of the ids
            f"SELECT t.id FROM json_each(?) j JOIN {table} t ON t.id = j.value",
            (json.dumps(wanted),))}

    def _resolve(self, table: str, what: str, ref: str) -> str:
        """A full id from a full id or a unique prefix of one."""
        ref = (ref or "").strip()
        if not ref:
            raise NotFoundError(f"no {what} id given")
        if self.con.execute(f"SELECT 1 FROM {table} WHERE id = ?", (ref,)).fetchone():
            return ref
        if len(ref) < 4:
            raise NotFoundError(f"no {what} with id {ref!r} (give at least 4 characters)")
        rows = self.con.execute(
            f"SELECT id FROM {table} WHERE id >= ? AND id < ? LIMIT 2",
            (ref.lower(), ref.lower() + "\uffff")).fetchall()
        if not rows:
            raise NotFoundError(f"no {what} with id {ref!r}")
        if len(rows) > 1:
            raise AmbiguousError(f"{what} id prefix {ref!r} matches several; give more characters")
        return str(rows[0][0])

    def _find_by_name(self, table: str, name: str | None) -> str | None:
        if not name:
            return None
        row = self.con.execute(f"SELECT id FROM {table} WHERE name = ?", (name.strip(),)).fetchone()
        return row[0] if row else None
