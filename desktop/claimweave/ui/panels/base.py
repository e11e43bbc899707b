"""What every side panel shares: its session, when it reloads, and how it reports errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QTableView,
    QWidget,
)

from ...core.model import Change
from ...core.store import Project
from ..refusals import attempt
from ..session import ProjectSession
from .table_model import SORT_ROLE, RecordTableModel


class Panel(QWidget):
    """A view of one aspect of the project that reloads when a relevant table changes.

    Subclasses set :attr:`WATCHES` to the store tables they show and implement
    :meth:`reload`. Known errors from store verbs become :attr:`message` signals for the
    status bar instead of dialogs, so annotating is never interrupted by a modal box.
    """

    WATCHES: tuple[str, ...] = ()
    message = Signal(str)

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        # Asks before a destructive verb; tests replace it to answer for the user.
        self.confirm: Callable[[str], bool] = self._ask_confirmation
        session.changed.connect(self._on_changed)

    def _ask_confirmation(self, question: str) -> bool:
        answer = QMessageBox.question(self, "Please confirm", question)
        return answer == QMessageBox.StandardButton.Yes

    @property
    def project(self) -> Project:
        return self.session.project

    def _on_changed(self, change: Change) -> None:
        if not self.WATCHES or change.touches(*self.WATCHES):
            self.reload()

    def reload(self) -> None:
        raise NotImplementedError

    def attempt(self, verb: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Call a store verb; a known error becomes a message and returns None."""
        return attempt(lambda: verb(*args, **kwargs), self.message.emit)


def empty_view_hint(view: QAbstractItemView, hint: Callable[[], str]) -> str:
    """What an empty table or tree says now: *hint*'s words, "" while it has rows."""
    model = view.model()
    if model is not None and model.rowCount() > 0:
        return ""
    return hint()


def paint_empty_hint(view: QAbstractItemView, text: str) -> None:
    """Write *text* in the placeholder colour at the top of an empty view's viewport."""
    if not text:
        return
    painter = QPainter(view.viewport())
    painter.setPen(view.palette().color(QPalette.ColorRole.PlaceholderText))
    margin = view.fontMetrics().height() // 2
    painter.drawText(view.viewport().rect().adjusted(margin, margin, -margin, -margin),
                     Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
                     | Qt.TextFlag.TextWordWrap, text)
    painter.end()


# Type checkers see the mixin as the view it is mixed into; at run time it is a plain class.
if TYPE_CHECKING:
    _View = QAbstractItemView
else:
    _View = object


class EmptyHint(_View):
    """Mixed into a table or tree (before the Qt class): the view says why it is empty
    (nothing made yet, or the filters hide it all) instead of showing a blank white box;
    :attr:`empty_hint` gives the words, "" for none."""

    empty_hint: Callable[[], str] = str

    def hint(self) -> str:
        """What the empty view says now ("" while it has rows)."""
        return empty_view_hint(self, self.empty_hint)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        paint_empty_hint(self, self.hint())


class HintTableView(EmptyHint, QTableView):
    """A table that says why it is empty (see :class:`EmptyHint`)."""


def make_table(model: QSortFilterProxyModel | RecordTableModel, source: RecordTableModel,
               parent: QWidget | None = None, *, name: str) -> HintTableView:
    """A sortable, row-selecting table sized from its columns' hints. *model* is a proxy
    that sorts *source*, or *source* itself when it sorts on its own (in the store); *name*
    is what a screen reader calls it."""
    view = HintTableView(parent)
    view.setAccessibleName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                         | QAbstractItemView.EditTrigger.EditKeyPressed
                         | QAbstractItemView.EditTrigger.SelectedClicked)
    view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within it
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(not any(c.stretch for c in source.columns))
    char = view.fontMetrics().horizontalAdvance("n")
    for i, col in enumerate(source.columns):
        if col.width:
            view.setColumnWidth(i, col.width * char + 16)
        if col.stretch:
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
    if isinstance(model, QSortFilterProxyModel):
        model.setSortRole(SORT_ROLE)
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the project's own order
    view.setSortingEnabled(True)
    return view


def button_row(*buttons: QWidget) -> QHBoxLayout:
    """Buttons packed to the left under a table, with no extra margins."""
    row = QHBoxLayout()
    row.setContentsMargins(4, 0, 4, 4)
    for b in buttons:
        row.addWidget(b)
    row.addStretch(1)
    return row
