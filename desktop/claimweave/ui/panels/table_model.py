"""One table-model base for every panel table (documents, claims, links).

A table is a list of records and a list of :class:`Column` s that say how to show, sort and
(optionally) edit a field. Editing calls a store verb through the column's ``edit``
function; the store announces the change and the panel reloads, so the model never
patches itself and cannot drift from the file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from ...core.errors import ClaimWeaveError

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
RECORD_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class Column(Generic[R]):
    title: str
    value: Callable[[R], Any]
    edit: Callable[[R, str], None] | None = None
    color: Callable[[R], str | None] | None = None  # a swatch before the text
    tooltip: Callable[[R], str] | None = None
    width: int | None = None  # initial width in characters, for the view
    stretch: bool = False  # takes the table's spare width (the quote, not the last column)


def one_line(value: Any) -> str:
    return "" if value is None else " ".join(str(value).split())


class RecordTableModel(QAbstractTableModel, Generic[R]):
    """Rows of records; ``key`` gives each record a stable id to keep the selection."""

    message = Signal(str)  # a known error from an edit, for the status bar

    def __init__(self, columns: Sequence[Column[R]], key: Callable[[R], str],
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.key = key
        self.records: list[R] = []
        self.read_only = False

    # ------------------------------------------------------------------ content
    def set_records(self, records: Sequence[R]) -> None:
        self.beginResetModel()
        self.records = list(records)
        self.endResetModel()

    def record(self, row: int) -> R:
        return self.records[row]

    def row_of(self, key: str) -> int:
        return next((i for i, r in enumerate(self.records) if self.key(r) == key), -1)

    # ------------------------------------------------------------------ Qt model
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        rec = self.records[index.row()]
        col = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return one_line(col.value(rec))
        if role == Qt.ItemDataRole.EditRole:
            value = col.value(rec)
            return "" if value is None else str(value)
        if role == SORT_ROLE:
            value = col.value(rec)
            return value if isinstance(value, int | float) else one_line(value).casefold()
        if role == RECORD_ROLE:
            return rec
        if role == Qt.ItemDataRole.ToolTipRole:
            return col.tooltip(rec) if col.tooltip else (str(col.value(rec) or "") or None)
        if role == Qt.ItemDataRole.DecorationRole and col.color:
            color = col.color(rec)
            return QColor(color) if color else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and self.columns[index.column()].edit and not self.read_only:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        col = self.columns[index.column()]
        rec = self.records[index.row()]
        if col.edit is None:
            return False
        new = "" if value is None else str(value)
        old = col.value(rec)
        if new == ("" if old is None else str(old)):
            return False
        try:
            col.edit(rec, new)  # the store's change notice reloads the table
        except ClaimWeaveError as exc:
            self.message.emit(str(exc))
            return False
        return True
