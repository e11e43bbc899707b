"""Row-level change logs: the mechanism behind undo and redo.

Every write the store makes goes through :class:`RowWriter`, which records the operation
with just enough to reverse it: an insert records its key, a delete the whole row, an
update the old values of the columns it changed. Undo replays a log's inverse through the
same writer, which yields the log that redo replays. Nothing else writes rows, so every
verb is undoable by construction and no verb has hand-written inverse code.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

Key = tuple[tuple[str, Any], ...]
_PARAMS = 999  # values per statement: SQLite's oldest limit on a statement's parameters
Row = dict[str, Any]

KEYS: dict[str, tuple[str, ...]] = {
    "settings": ("key",),
    "annotators": ("name",),
    "documents": ("id",),
    "tags": ("id",),
    "relation_types": ("id",),
    "claims": ("id",),
    "claim_tags": ("claim_id", "tag_id"),
    "links": ("id",),
}

# Full-text indexes kept beside their tables: table -> (fts table, indexed columns).
FTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "documents": ("documents_fts", ("title", "text")),
    "claims": ("claims_fts", ("quote", "note")),
}


@dataclass(slots=True)
class Op:
    action: str  # "insert" | "delete" | "update"
    table: str
    key: Key
    row: Row | None = None  # delete: the row removed; update: the old values changed


@dataclass(slots=True)
class ChangeLog:
    label: str
    ops: list[Op] = field(default_factory=list)
    nbytes: int = -1  # what its rows hold in memory, measured once the step is complete

    def size(self) -> int:
        """Roughly the bytes this step keeps alive (texts and values of the rows it holds)."""
        if self.nbytes < 0:
            self.nbytes = sum(64 + _row_size(op.row) for op in self.ops)
        return self.nbytes

    def touched(self) -> dict[str, set[str]]:
        """Table -> keys touched; a composite key is reported by its first column."""
        out: dict[str, set[str]] = {}
        for table, run in groupby(self.ops, key=_table):  # ops come in runs of one table
            out.setdefault(table, set()).update([str(op.key[0][1]) for op in run])
        return out

    def composite_keys(self) -> dict[str, set[tuple[str, ...]]]:
        """Table -> whole keys touched, for the tables whose key has several columns."""
        out: dict[str, set[tuple[str, ...]]] = {}
        for table, run in groupby(self.ops, key=_table):
            if len(KEYS.get(table, ())) != 1:
                keys = [tuple(str(v) for _c, v in op.key) for op in run if len(op.key) > 1]
                if keys:
                    out.setdefault(table, set()).update(keys)
        return out


def _table(op: Op) -> str:
    return op.table


def _row_size(row: Row | None) -> int:
    if not row:
        return 0
    return sum(len(v) if isinstance(v, (str, bytes)) else 8 for v in row.values())


def make_key(table: str, row: Row) -> Key:
    return tuple((col, row[col]) for col in KEYS[table])


def _names(cols: Iterable[str]) -> str:
    return ", ".join(f'"{c}"' for c in cols)


def _where(key: Key) -> tuple[str, list[Any]]:
    return " AND ".join(f'"{c}" = ?' for c, _ in key), [v for _, v in key]


class RowWriter:
    """Writes rows and records each write into the current :class:`ChangeLog`."""

    def __init__(self, con: sqlite3.Connection, log_provider: Callable[[], ChangeLog]) -> None:
        self.con = con
        self._log = log_provider

    def fetch(self, table: str, key: Key) -> Row | None:
        where, args = _where(key)
        # The rowid is needed to keep a full-text index in step; other tables lack one.
        rowid = 'rowid AS "__rowid__", ' if table in FTS else ""
        cur = self.con.execute(f'SELECT {rowid}* FROM "{table}" WHERE {where}', args)
        r = cur.fetchone()
        if r is None:
            return None
        return dict(zip([d[0] for d in cur.description], r, strict=True))

    def insert(self, table: str, row: Row) -> None:
        cols = list(row)
        self.con.execute(
            f'INSERT INTO "{table}" ({_names(cols)}) '
            f'VALUES ({", ".join("?" * len(cols))})',
            [row[c] for c in cols],
        )
        key = make_key(table, row)
        if table in FTS:
            self._fts_add(table, self.con.execute("SELECT last_insert_rowid()").fetchone()[0], row)
        self._log().ops.append(Op("insert", table, key))

    def insert_many(self, table: str, rows: Sequence[Row]) -> None:
        """Bulk insert of rows that share their columns (importers, benchmarks)."""
        if not rows:
            return
        cols = list(rows[0])
        self.insert_values(table, cols, [[r[c] for c in cols] for r in rows])

    def insert_values(self, table: str, cols: Sequence[str],
                      values: Sequence[Sequence[Any]]) -> None:
        """:meth:`insert_many` of rows given as value lists in the order of *cols*: an
        import of 100,000 claims builds no dict per row. Statements of many rows each (a
        statement per row cost 13 µs a claim more once the claims table had triggers:
        SQLite then prepares each statement for a partial rollback), and one for the
        full-text index of all the new rows."""
        if not values:
            return
        before = 0
        if table in FTS:  # the new rows' rowids feed the index; other tables may lack rowids
            before = self.con.execute(
                f'SELECT coalesce(max(rowid), 0) FROM "{table}"').fetchone()[0]
        row = f'({", ".join("?" * len(cols))})'
        per = max(1, _PARAMS // len(cols))  # rows per statement
        insert = f'INSERT INTO "{table}" ({_names(cols)}) VALUES '
        full = insert + ", ".join([row] * per)
        for start in range(0, len(values), per):
            chunk = values[start:start + per]
            self.con.execute(full if len(chunk) == per else insert + ", ".join([row] * len(chunk)),
                             [v for r in chunk for v in r])
        if table in FTS:
            fts, fcols = FTS[table]
            names = _names(fcols)
            self.con.execute(
                f"INSERT INTO {fts}(rowid, {names}) SELECT rowid, {names} FROM \"{table}\" "
                "WHERE rowid > ?",
                (before,),
            )
        key_cols = KEYS[table]
        at = [list(cols).index(c) for c in key_cols]
        if len(at) == 1:  # the common key of one column, without a generator per row
            name, i = key_cols[0], at[0]
            ops = [Op("insert", table, ((name, v[i]),)) for v in values]
        else:
            ops = [Op("insert", table, tuple(zip(key_cols, (v[i] for i in at), strict=True)))
                   for v in values]
        self._log().ops.extend(ops)

    def delete(self, table: str, key: Key) -> Row:
        row = self.fetch(table, key)
        if row is None:
            raise KeyError((table, key))
        rowid = row.pop("__rowid__", None)
        if table in FTS:
            self._fts_remove(table, rowid, row)
        where, args = _where(key)
        self.con.execute(f'DELETE FROM "{table}" WHERE {where}', args)
        self._log().ops.append(Op("delete", table, key, row))
        return row

    def update(self, table: str, key: Key, values: Row) -> None:
        row = self.fetch(table, key)
        if row is None:
            raise KeyError((table, key))
        rowid = row.pop("__rowid__", None)
        old = {c: row[c] for c in values}
        if old == values:
            return
        if table in FTS and any(c in FTS[table][1] for c in values):
            self._fts_remove(table, rowid, row)
            self._fts_add(table, rowid, {**row, **values})
        sets = ", ".join(f'"{c}" = ?' for c in values)
        where, args = _where(key)
        self.con.execute(f'UPDATE "{table}" SET {sets} WHERE {where}', [*values.values(), *args])
        self._log().ops.append(Op("update", table, key, old))

    def revert(self, ops: Iterable[Op]) -> None:
        """Apply the inverse of *ops*, newest first, recording into the current log. A run
        of deleted rows of one table comes back in statements of many rows (the redo of an
        import, the undo of a deleted document's claims), in the same order."""
        newest_first = list(reversed(list(ops)))
        i = 0
        while i < len(newest_first):
            op = newest_first[i]
            if op.action == "insert":
                self.delete(op.table, op.key)
            elif op.action == "delete":
                assert op.row is not None
                cols = list(op.row)
                j = i + 1
                while (j < len(newest_first) and newest_first[j].action == "delete"
                       and newest_first[j].table == op.table
                       and list(newest_first[j].row or ()) == cols):
                    j += 1
                self.insert_values(op.table, cols, [[r.row[c] for c in cols]  # type: ignore[index]
                                                    for r in newest_first[i:j]])
                i = j
                continue
            else:
                assert op.row is not None
                self.update(op.table, op.key, op.row)
            i += 1

    def _fts_add(self, table: str, rowid: int, row: Row) -> None:
        fts, cols = FTS[table]
        self.con.execute(
            f"INSERT INTO {fts}(rowid, {', '.join(cols)}) VALUES (?, {', '.join('?' * len(cols))})",
            [rowid, *(row[c] for c in cols)],
        )

    def _fts_remove(self, table: str, rowid: int, row: Row) -> None:
        fts, cols = FTS[table]
        self.con.execute(
            f"INSERT INTO {fts}({fts}, rowid, {', '.join(cols)}) "
            f"VALUES ('delete', ?, {', '.join('?' * len(cols))})",
            [rowid, *(row[c] for c in cols)],
        )
