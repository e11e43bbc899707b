"""The NLP cache: derived analyses keyed by text hash, model and version. No undo."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

from .clock import now
from .errors import CorruptProjectError
from .project import ProjectBase
from .schema import CONTENT_TRIGGERS

P = ParamSpec("P")
T = TypeVar("T")
S = TypeVar("S", bound=ProjectBase)


def derived_read(method: Callable[Concatenate[S, P], T]) -> Callable[Concatenate[S, P], T]:
    """A read of derived tables. The check at open leaves them out (core/database.py), so
    damage SQLite meets there is reported as a damaged project, one clear line, instead of
    surfacing as a traceback; locking and other operational failures pass as they are."""

    @functools.wraps(method)
    def read(self: S, /, *args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.DatabaseError as exc:
            if type(exc) is not sqlite3.DatabaseError:
                raise
            raise CorruptProjectError(
                f"{self.path}: the project file is damaged in its derived data (spaCy "
                f"analyses, the suggestion index): {exc}. 'claimweave check' lists the "
                "damage; the file was not changed.") from None

    return read


class NlpCacheRepo(ProjectBase):
    """Cached spaCy analyses (written outside the undo log)."""

    _tracked: bool | None = None  # every content trigger present (read on first use)

    def content_signature(self) -> tuple[Any, ...]:
        """An exact fingerprint of the claims and documents, for caches of data derived
        from them (the suggestion index): the file's content version, which SQLite's own
        triggers move on every insert, update and delete of either table, whoever writes
        (core/schema.py, ``_V_CONTENT_VERSION``), and which never goes back. One row read.

        A file whose triggers another tool removed is not tracked: opened for writing, they
        are made again and the counter moved on (core/schema_objects.py); read-only, the
        signature is ``("untracked", N)``, which nothing derived was stored at."""
        row = self.con.execute("SELECT counter FROM content_version").fetchone()
        counter = int(row[0]) if row is not None else 0
        return ("content" if row is not None and self._content_tracked() else "untracked",
                counter)

    def reading_file(self) -> Path:
        """The file this project's connection reads, for the workers that analyse it and
        build its index on connections of their own: the project file, or the private copy
        an older file opened read-only is upgraded in (the file itself lacks newer tables)."""
        if self.read_only:
            row = self.con.execute("PRAGMA database_list").fetchone()
            if row is not None and row[2]:
                return Path(row[2])
        return self.path

    def _content_tracked(self) -> bool:
        """Whether every trigger keeping the content version is there (read once: the
        program never drops them, and a file is not changed beneath an open project)."""
        if self._tracked is None:
            found = {r[0] for r in self.con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
            self._tracked = found.issuperset(CONTENT_TRIGGERS)
        return self._tracked

    @derived_read
    def analysed_documents(self, model: str, version: str) -> dict[str, str]:
        """Document id -> the text hash of its cached analysis by this model and version
        (the blobs are not read)."""
        return dict(self.con.execute(
            "SELECT document_id, text_sha256 FROM nlp_cache WHERE model = ? AND version = ?",
            (model, version)))

    @derived_read
    def derived_get(self, key: str, signature: str) -> bytes | None:
        """Derived data stored under *key*, when it was built at this content signature."""
        row = self.con.execute("SELECT data FROM derived_cache WHERE key = ? AND signature = ?",
                               (key, signature)).fetchone()
        return bytes(row[0]) if row else None

    def derived_put(self, key: str, signature: str, data: bytes) -> bool:
        """Keep derived data (replacing what *key* held, and any entry of another signature:
        stale). No undo entry, no change announced; False, writing nothing, when read-only."""
        if self.read_only:
            return False
        with self._derived_write():
            self.con.execute("DELETE FROM derived_cache WHERE signature <> ?", (signature,))
            self.con.execute("INSERT OR REPLACE INTO derived_cache (key, signature, data, "
                             "created_at) VALUES (?, ?, ?, ?)", (key, signature, data, now()))
        return True

    def derived_delete(self, prefix: str) -> None:
        """Drop the derived data whose key starts with *prefix* (kept in a layout no longer
        read); nothing when read-only."""
        if self.read_only:
            return
        with self._derived_write():
            self.con.execute("DELETE FROM derived_cache WHERE substr(key, 1, ?) = ?",
                             (len(prefix), prefix))

    @derived_read
    def nlp_cache_get(self, document_id: str, text_sha256: str, model: str, version: str
                      ) -> bytes | None:
        """A cached analysis of this exact text by this model and version, or None."""
        row = self.con.execute(
            "SELECT data FROM nlp_cache WHERE document_id = ? AND text_sha256 = ? "
            "AND model = ? AND version = ?", (document_id, text_sha256, model, version)).fetchone()
        return bytes(row[0]) if row else None

    @derived_read
    def nlp_cache_newest(self, document_id: str, text_sha256: str) -> bytes | None:
        """The newest cached analysis of this exact text by any model (for reports that
        read entities without loading spaCy), or None."""
        row = self.con.execute(
            "SELECT data FROM nlp_cache WHERE document_id = ? AND text_sha256 = ? "
            "ORDER BY created_at DESC LIMIT 1", (document_id, text_sha256)).fetchone()
        return bytes(row[0]) if row else None

    def nlp_cache_put(self, document_id: str, text_sha256: str, model: str, version: str,
                      data: bytes) -> bool:
        """Store an analysis. Derived data: no undo entry, no change announced.

        Runs in its own short transaction (or joins the one in progress). Returns False,
        writing nothing, when the project is read-only or the document no longer exists.
        """
        if self.read_only:
            return False
        sql = ("INSERT OR REPLACE INTO nlp_cache (document_id, text_sha256, model, version, "
               "data, created_at) SELECT id, ?, ?, ?, ?, ? FROM documents WHERE id = ?")
        args = (text_sha256, model, version, data, now(), document_id)
        if self._current is not None:
            return self.con.execute(sql, args).rowcount > 0
        with self._derived_write():
            # Older analyses of the same document by the same model are dead weight.
            self.con.execute("DELETE FROM nlp_cache WHERE document_id = ? AND model = ? "
                             "AND version <> ?", (document_id, model, version))
            written = self.con.execute(sql, args).rowcount > 0
        return written
