"""The claims table's model: the ids of the rows in order, and only the shown rows built.

At 100,000 claims, building a row object per claim cost seconds and sorting or filtering
them in a proxy as much again. This model holds the ordered ids the store computes in SQL
(:meth:`~claimweave.core.listing_repo.ListingRepo.claim_order`: filter and sort included)
and builds rows a page at a time when the view asks for them. An edit re-reads only the
claims it touched and puts each in its place by bisection over the ids, fetching the sort
keys of the few rows it compares with, so its cost does not grow with the project.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from functools import cmp_to_key
from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from ...core.listing_repo import ClaimQuery
from .claim_filter import ClaimRow
from .table_model import Column, Index, RecordTableModel

PAGE = 100  # rows built per fetch
KEEP = 3000  # rows kept built; beyond this the cache starts again from the page shown

RowMaker = Callable[[set[str]], Mapping[str, ClaimRow | None]]


class ClaimTableModel(RecordTableModel[ClaimRow]):
    """Claim rows by position, built on demand by *make_rows* (ids -> rows)."""

    def __init__(self, columns: Sequence[Column[ClaimRow]], project: Any, make_rows: RowMaker,
                 parent: Any = None) -> None:
        super().__init__(columns, key=lambda r: r.claim.id, parent=parent)
        self.project = project
        self.make_rows = make_rows
        self.query = ClaimQuery()
        self.ids: list[str] = []
        self._members: set[str] = set()  # the ids, for "is it shown?" without a scan
        self._built: dict[str, ClaimRow] = {}
        self._keys: dict[str, tuple[Any, ...]] = {}

    # ------------------------------------------------------------------ reading
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.ids)

    @property
    def records(self) -> list[ClaimRow]:
        """Every row, built (tests and small projects; the view never needs this)."""
        return [r for r in (self.record(i) for i in range(len(self.ids))) if r is not None]

    @records.setter
    def records(self, _value: list[ClaimRow]) -> None:
        pass  # the base class initialises it; rows live in self.ids and the cache

    def record(self, row: int) -> ClaimRow | None:  # type: ignore[override]
        claim_id = self.ids[row]
        built = self._built.get(claim_id)
        if built is None:
            self._build_page(row)
            built = self._built.get(claim_id)
        return built

    def _build_page(self, row: int) -> None:
        if len(self._built) > KEEP:
            self._built.clear()
        first = row - row % PAGE
        wanted = {i for i in self.ids[first:first + PAGE] if i not in self._built}
        self._built.update((k, v) for k, v in self.make_rows(wanted).items() if v is not None)

    def row_of(self, key: str) -> int:
        """The row of a shown claim, found by bisection over the sort keys (a scan of
        500,000 ids took milliseconds, and the current claim is looked up after each edit)."""
        if key not in self._members:
            return -1
        try:
            own = self._key(key)
        except KeyError:  # gone from the store since the ids were read
            own = None
        return self._locate(key, own)

    def _locate(self, claim_id: str, key: tuple[Any, ...] | None) -> int:
        """The row of a shown claim: found by its sort key when that did not change (a
        bisection of a few indexed reads), else by a scan."""
        if key is not None:
            try:
                row = self._bisect(self.ids, key) - 1
            except KeyError:  # it met a claim of this change that is gone or filtered out
                row = -1
            if 0 <= row < len(self.ids) and self.ids[row] == claim_id:
                return row
        return self.ids.index(claim_id)

    def _fits(self, row: int, claim_id: str, keys: Mapping[str, tuple[Any, ...]]) -> bool:
        """Whether the claim's new key still lies between its neighbours' keys."""
        key, before = keys[claim_id], self.query.before
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
    def set_query(self, query: ClaimQuery) -> None:
        if query != self.query:
            self.query = query
            self.reload()

    def reload(self) -> None:
        """Every id again from the store (filters, sort, or a change too big to patch)."""
        self.beginResetModel()
        self.ids = self.project.claim_order(self.query)
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
        self.ids = self.project.claim_order(query)
        self._members = set(self.ids)
        self._keys.clear()
        self.changePersistentIndexList(kept, [
            self.index(self.row_of(k), i.column()) if k is not None else QModelIndex()
            for k, i in zip(kept_ids, kept, strict=True)])
        self.layoutChanged.emit()

    def update(self, touched: Iterable[str], rows: Mapping[str, ClaimRow | None]) -> None:
        """Bring the rows of *touched* claims up to date (*rows*: their new rows, None for
        gone ones): each is removed, kept, or put in its place; other rows stay as they are.
        """
        touched = set(touched)
        for claim_id in touched:
            self._built.pop(claim_id, None)
            self._keys.pop(claim_id, None)
        self._built.update((k, v) for k, v in rows.items() if v is not None)
        new_keys = self.project.claim_sort_keys(self.query, touched)
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
        if not old and len(new_keys) == 1:  # one new row (a claim added): no copy of the ids
            (claim_id, key), = new_keys.items()
            place = self._bisect(self.ids, key)
            self.beginInsertRows(QModelIndex(), place, place)
            self.ids.insert(place, claim_id)
            self._members.add(claim_id)
            self.endInsertRows()
            return
        others = list(self.ids)
        for n in sorted(old.values(), reverse=True):
            del others[n]
        final, placed = others, []
        for claim_id in sorted(new_keys, key=cmp_to_key(self._compare)):
            place = self._bisect(final, new_keys[claim_id])
            final.insert(place, claim_id)
            placed.append((place, claim_id))
        if len(placed) == len(old) and all(old.get(c) == p for p, c in placed):
            for n in old.values():
                self.dataChanged.emit(self.index(n, 0), self.index(n, len(self.columns) - 1))
            return
        for n in sorted(old.values(), reverse=True):
            self.beginRemoveRows(QModelIndex(), n, n)
            self._members.discard(self.ids.pop(n))
            self.endRemoveRows()
        for place, claim_id in placed:
            self.beginInsertRows(QModelIndex(), place, place)
            self.ids.insert(place, claim_id)
            self._members.add(claim_id)
            self.endInsertRows()

    def _compare(self, a: str, b: str) -> int:
        ka, kb = self._keys[a], self._keys[b]
        return -1 if self.query.before(ka, kb) else 1 if self.query.before(kb, ka) else 0

    def _key(self, claim_id: str) -> tuple[Any, ...]:
        key = self._keys.get(claim_id)
        if key is None:
            key = self.project.claim_sort_keys(self.query, [claim_id])[claim_id]
            self._keys[claim_id] = key
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
