"""Small reads the verbs need again and again, kept until a write changes their table.

Every claim read sorts by its document's position, and every tag or link verb looks up the
codebook or the relation types. Reading them each time made a single-claim verb cost a
pass over the documents table (their rows sit behind each article's text). A cached value
depends on some tables and stays valid until

- a transaction writes one of them (seen in its change log, even before it commits),
- a transaction is rolled back after the value was read inside it, or
- another connection commits (``PRAGMA data_version``: a project open read-only while
  another program edits it).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from .changelog import ChangeLog

T = TypeVar("T")


@dataclass(slots=True)
class _Entry:
    value: Any
    tables: frozenset[str]
    version: int
    log: ChangeLog | None  # the transaction it was read in (None: committed state)
    seen: int  # how many of that log's operations were checked for writes to the table


class ReadCache:
    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con
        self._entries: dict[str, _Entry] = {}

    def get(self, name: str, tables: tuple[str, ...], current: ChangeLog | None,
            read: Callable[[], T]) -> T:
        """The value cached as *name* (read from *tables*), or ``read()`` (then cached)
        when it may have changed. *current*: the transaction in progress, if any."""
        version = self.con.execute("PRAGMA data_version").fetchone()[0]
        entry = self._entries.get(name)
        if entry is not None and self._valid(entry, current, version):
            return entry.value  # type: ignore[no-any-return]
        value = read()
        self._entries[name] = _Entry(value, frozenset(tables), version, current,
                                     len(current.ops) if current else 0)
        return value

    def _valid(self, entry: _Entry, current: ChangeLog | None, version: int) -> bool:
        if entry.version != version:
            return False
        if current is None:
            return entry.log is None
        if entry.log is None:  # read before this transaction began
            entry.log, entry.seen = current, 0
        elif entry.log is not current:
            return False
        ops = current.ops
        if any(op.table in entry.tables for op in ops[entry.seen:]):
            return False
        entry.seen = len(ops)
        return True

    def committed(self, log: ChangeLog) -> None:
        """A transaction committed: forget what it wrote, keep what it only read."""
        touched = {op.table for op in log.ops}
        for name in list(self._entries):
            entry = self._entries[name]
            if entry.tables & touched:
                del self._entries[name]
            elif entry.log is log:
                entry.log, entry.seen = None, 0

    def rolled_back(self, log: ChangeLog) -> None:
        for name in [n for n, e in self._entries.items() if e.log is log]:
            del self._entries[name]
