"""A table model that holds the ids of its rows in order and builds only the rows shown.

At 100,000 claims, building a row object per claim cost seconds and sorting or filtering
them in a proxy as much again. This model holds the ordered ids the store computes in SQL
(filter and sort included: :meth:`~claimweave.core.listing_repo.ListingRepo.claim_order`,
:meth:`~claimweave.core.listing_repo.ListingRepo.link_order`) and builds rows a page at a
time when the view asks for them. An edit re-reads only the rows it touched and puts each in
its place by bisection over the ids, fetching the sort keys of the few rows it compares
with, so its cost does not grow with the project. The claims and links tables are two
instances (claim_model.py, links.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from functools import cmp_to_key
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import QModelIndex, Qt

from .table_model import Column, Index, RecordTableModel

PAGE = 100  # rows built per fetch
KEEP = 3000  # rows kept built; beyond this the cache starts again from the page shown

R = TypeVar("R")
Key = tuple[Any, ...]


class Query(Protocol):
    """What the store answers a table with (e.g. ``ClaimQuery``, ``LinkQuery``)."""

    sort: str | None
    descending: bool

    def before(self, a: Key, b: Key) -> bool: ...


Order = Callable[[Any], list[str]]  # query -> ids in its order
SortKeys = Callable[[Any, Iterable[str]], dict[str, Key]]  # query, ids -> their keys


class LazyTableModel(RecordTableModel[R]):
    """Rows by position, built on demand by *make_rows* (ids -> rows, None for gone ones);
    *order* and *sort_keys* are the store's answers for a query like *query*."""

    def __init__(self, columns: Sequence[Column[R]], key: Callable[[R], str], query: Any,
                 order: Order, sort_keys: SortKeys,
                 make_rows: Callable[[set[str]], Mapping[str, R | None]],
                 parent: Any = None) -> None:
        super().__init__(columns, key=key, parent=parent)
        self.order_of, self.sort_keys_of, self.make_rows = order, sort_keys, make_rows
        self.query = query
        self.ids: list[str] = []
        self._members: set[str] = set()  # the ids, for "is it shown?" without a scan
        self._built: dict[str, R] = {}
        self._keys: dict[str, Key] = {}

    # ------------------------------------------------------------------ reading
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.ids)

    @property
    def records(self) -> list[R]:
        """Every row, built (tests and small projects; the view never needs this)."""
        return [r for r in (self.record(i) for i in range(len(self.ids))) if r is not None]

    @records.setter
    def records(self, _value: list[R]) -> None:
        pass  # the base class initialises it; rows live in self.ids and the cache

    def record(self, row: int) -> R | None:  # type: ignore[override]
        row_id = self.ids[row]
        built = self._built.get(row_id)
        if built is None:
            self._build_page(row)
            built = self._built.get(row_id)
        return built

    def _build_page(self, row: int) -> None:
        if len(self._built) > KEEP:
            self._built.clear()
        first = row - row % PAGE
        wanted = {i for i in self.ids[first:first + PAGE] if i not in self._built}
        self._built.update((k, v) for k, v in self.make_rows(wanted).items() if v is not None)

    def row_of(self, key: str) -> int:
        """The row of a shown record, found by bisection over the sort keys (a scan of
        500,000 ids took milliseconds, and the current claim is looked up after each edit)."""
        if key not in self._members:
            return -1
        try:
            own = self._key(key)
        except KeyError:  # gone from the store since the ids were read
            own = None
        return self._locate(key, own)

    def _locate(self, row_id: str, key: tuple[Any, ...] | None) -> int:
        """The row of a shown record: found by its sort key when that did not change (a
        bisection of a few indexed reads), else by a scan."""
        if key is not None:
            try:
                row = self._bisect(self.ids, key) - 1
            except KeyError:  # it met a row of this change that is gone or filtered out
                row = -1
            if 0 <= row < len(self.ids) and self.ids[row] == row_id:
                return row
        return self.ids.index(row_id)

    def _fits(self, row: int, row_id: str, keys: Mapping[str, tuple[Any, ...]]) -> bool:
        """Whether the row's new key still lies between its neighbours' keys."""
        key, before = keys[row_id], self.query.before
        if row > 0:
            left = self.ids[row - 1]
            if not before(keys[left] if left in keys else self._key(left), key):
                return False
        if row + 1 < len(self.ids):
            right = self.ids[row + 1]
            if not before(key, keys[right] if right in keys else self._key(right)):
                return False
        return True

    # ------------------------------------------------------------------ content
    def set_query(self, query: Any) -> None:
        if query != self.query:
            self.query = query
            self.reload()

    def reload(self) -> None:
        """Every id again from the store (filters, sort, or a change too big to patch)."""
        self.beginResetModel()
        self.ids = self.order_of(self.query)
        self._members = set(self.ids)
        self._built.clear()
        self._keys.clear()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is a new query; the selection follows its rows."""
        key = self.columns[column].sort if 0 <= column < len(self.columns) else None
        query = replace(self.query, sort=key,
                        descending=key is not None and order == Qt.SortOrder.DescendingOrder)
        if query == self.query:
            return
        self.layoutAboutToBeChanged.emit()
        kept = self.persistentIndexList()
        kept_ids = [self.ids[i.row()] if 0 <= i.row() < len(self.ids) else None for i in kept]
        self.query = query
        self.ids = self.order_of(query)
        self._members = set(self.ids)
        self._keys.clear()
        self.changePersistentIndexList(kept, [
            self.index(self.row_of(k), i.column()) if k is not None else QModelIndex()
            for k, i in zip(kept_ids, kept, strict=True)])
        self.layoutChanged.emit()

    def update(self, touched: Iterable[str], rows: Mapping[str, R | None]) -> None:
        """Bring the rows of *touched* ids up to date (*rows*: their new rows, None for
        gone ones): each is removed, kept, or put in its place; other rows stay as they are.
        """
        touched = set(touched)
        for row_id in touched:
            self._built.pop(row_id, None)
            self._keys.pop(row_id, None)
        self._built.update((k, v) for k, v in rows.items() if v is not None)
        new_keys = self.sort_keys_of(self.query, touched)
        shown = touched & self._members
        if len(shown) > 8:
            where = {c: n for n, c in enumerate(self.ids)}
            old = {c: where[c] for c in shown}
        else:
            old = {c: self._locate(c, new_keys.get(c)) for c in shown}
        self._keys.update(new_keys)
        if old.keys() == new_keys.keys() and all(self._fits(n, c, new_keys)
                                                 for c, n in old.items()):
            for n in old.values():  # each stays where it is: a tag, a note, a link
                self.dataChanged.emit(self.index(n, 0), self.index(n, len(self.columns) - 1))
            return
        if not old and len(new_keys) == 1:  # one new row (a claim added): no copy of ids
            (row_id, key), = new_keys.items()
            place = self._bisect(self.ids, key)
            self.beginInsertRows(QModelIndex(), place, place)
            self.ids.insert(place, row_id)
            self._members.add(row_id)
            self.endInsertRows()
            return
        others = list(self.ids)
        for n in sorted(old.values(), reverse=True):
            del others[n]
        final, placed = others, []
        for row_id in sorted(new_keys, key=cmp_to_key(self._compare)):
            place = self._bisect(final, new_keys[row_id])
            final.insert(place, row_id)
            placed.append((place, row_id))
        if len(placed) == len(old) and all(old.get(c) == p for p, c in placed):
            for n in old.values():
                self.dataChanged.emit(self.index(n, 0), self.index(n, len(self.columns) - 1))
            return
        for n in sorted(old.values(), reverse=True):
            self.beginRemoveRows(QModelIndex(), n, n)
            self._members.discard(self.ids.pop(n))
            self.endRemoveRows()
        for place, row_id in placed:
            self.beginInsertRows(QModelIndex(), place, place)
            self.ids.insert(place, row_id)
            self._members.add(row_id)
            self.endInsertRows()

    def _compare(self, a: str, b: str) -> int:
        ka, kb = self._keys[a], self._keys[b]
        return -1 if self.query.before(ka, kb) else 1 if self.query.before(kb, ka) else 0

    def _key(self, row_id: str) -> tuple[Any, ...]:
        key = self._keys.get(row_id)
        if key is None:
            key = self.sort_keys_of(self.query, [row_id])[row_id]
            self._keys[row_id] = key
        return key

    def _bisect(self, ids: list[str], key: tuple[Any, ...]) -> int:
        """Where a row with *key* goes in *ids* (after rows it ties with)."""
        lo, hi = 0, len(ids)
        before = self.query.before
        while lo < hi:
            mid = (lo + hi) // 2
            if before(key, self._key(ids[mid])):
                hi = mid
            else:
                lo = mid + 1
        return lo
