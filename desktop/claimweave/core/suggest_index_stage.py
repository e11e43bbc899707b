"""A stored suggestion index written in many short transactions (tables ``suggest_*``).

:meth:`~.suggest_index_repo.SuggestIndexRepo.suggest_index_put` writes an index in one
transaction: at 500,000 claims that holds the file's write lock for 17 s, and a window
building its index on a worker would make the user's own edits wait (SQLite's busy timeout
is 5 s, then "could not save"). Here the index is *staged* under a key and signature no
lookup matches (``…building:<id>``, an empty signature), its rows added a short
transaction at a time, and *published* in a last short one: its real key and signature set
and the indexes it replaces deleted. Until then no query sees it; an index left staged (the
process killed or the build cancelled) is dropped with its rows by the next index stored,
as every index of another signature is.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from contextlib import suppress

from .clock import new_id, now
from .project import ProjectBase
from .suggest_index_repo import PassageRow, PostingRow, TermRow, delete_replaced, insert_rows

STAGED = "building:"
"""The key of an index being written: the layout, this, and a random id."""


class SuggestIndexStageRepo(ProjectBase):
    """Suggestion indexes written a part at a time, invisible until published."""

    def suggest_index_stage(self, layout: str) -> int | None:
        """Begin an index (None, writing nothing, when read-only); returns its id."""
        if self.read_only:
            return None
        with self._derived_write():
            index_id = self.con.execute(
                "INSERT INTO suggest_indexes (key, signature, meta, created_at) "
                "VALUES (?, '', '{}', ?)", (f"{layout}{STAGED}{new_id()}", now())).lastrowid
        assert index_id is not None
        return int(index_id)

    def suggest_index_stage_rows(self, index_id: int, *, terms: Iterable[TermRow] = (),
                                 postings: Iterable[PostingRow] = (),
                                 passages: Iterable[PassageRow] = ()) -> None:
        """Add rows to the staged index *index_id*, in one short transaction."""
        with self._derived_write():
            insert_rows(self.con, index_id, terms, postings, passages)

    def suggest_index_publish(self, index_id: int, key: str, signature: str, meta: str,
                              arrays: Mapping[str, bytes], *, layout: str = "") -> None:
        """Make the staged index the one stored under *key* at *signature*, replacing as
        :meth:`~.suggest_index_repo.SuggestIndexRepo.suggest_index_put` replaces."""
        with self._derived_write():
            delete_replaced(self.con, key, signature, layout, keep=index_id)
            self.con.execute("UPDATE suggest_indexes SET key = ?, signature = ?, meta = ? "
                             "WHERE id = ?", (key, signature, meta, index_id))
            self.con.executemany("INSERT INTO suggest_arrays VALUES (?, ?, ?)",
                                 ((index_id, n, d) for n, d in arrays.items()))

    def suggest_index_drop(self, index_id: int) -> None:
        """Drop the staged index *index_id* and its rows (a build given up). Best effort:
        what it cannot drop (the disk full, the file locked) the next index stored drops."""
        if self.read_only:
            return
        with suppress(sqlite3.Error), self._derived_write():
            self.con.execute("DELETE FROM suggest_indexes WHERE id = ?", (index_id,))
