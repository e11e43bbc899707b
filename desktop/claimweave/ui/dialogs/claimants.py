"""The project's claimants: rename, add an alias, merge two into one, delete.

Non-modal; every action is one store verb (undoable with Ctrl+Z in the window), and the
list follows every change to the project.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import ClaimWeaveError
from ...core.model import Change, Claimant
from ...core.store import Project
from ..refusals import report
from ..session import ProjectSession


class ClaimantsDialog(QDialog):
    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Claimants")
        self.resize(560, 380)
        self.table = QTableWidget(0, 3)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move in it
        self.table.setAccessibleName("Claimants")
        self.table.setHorizontalHeaderLabels(["claimant", "also known as", "claims"])
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setColumnWidth(0, 200)
        self.table.setColumnWidth(1, 260)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.status = QLabel("One entry per person or body; a claim without a claimant is its "
                             "author's own.")
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        for text, slot in (("Rename…", self._ask_rename), ("Add Alias…", self._ask_alias),
                           ("Merge Into…", self._ask_merge), ("Delete", self._delete)):
            b = QPushButton(text)
            b.setAutoDefault(False)  # Enter in the table renames nothing by surprise
            b.setEnabled(not session.read_only)
            b.clicked.connect(slot)
            buttons.addWidget(b)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(close)
        session.changed.connect(self._on_change)
        self.reload()

    def reload(self) -> None:
        self.claimants = self.session.project.claimants()
        self.table.setRowCount(len(self.claimants))
        for r, k in enumerate(self.claimants):
            for c, value in enumerate((k.name, "; ".join(k.aliases), str(k.claims))):
                self.table.setItem(r, c, QTableWidgetItem(value))

    def _on_change(self, change: Change) -> None:
        if change.touches("claimants", "claims"):
            self.reload()

    def selected(self) -> Claimant | None:
        row = self.table.currentRow()
        return self.claimants[row] if 0 <= row < len(self.claimants) else None

    # ---------------------------------------------------------------- verbs
    def rename(self, name: str, new: str) -> bool:
        return self._do(lambda p: p.update_claimant(name, name=new))

    def add_alias(self, name: str, alias: str) -> bool:
        return self._do(lambda p: p.add_claimant_alias(name, alias))

    def merge(self, keep: str, other: str) -> bool:
        return self._do(lambda p: p.merge_claimants(keep, other))

    def _do(self, verb: Callable[[Project], object]) -> bool:
        try:
            verb(self.session.project)
        except ClaimWeaveError as exc:
            report(exc, self.status.setText)
            return False
        return True

    # ---------------------------------------------------------------- buttons
    def _ask_rename(self) -> None:
        k = self.selected()
        if k is not None:
            new, ok = QInputDialog.getText(self, "Rename claimant", "New name:", text=k.name)
            if ok:
                self.rename(k.id, new)

    def _ask_alias(self) -> None:
        k = self.selected()
        if k is not None:
            alias, ok = QInputDialog.getText(self, "Add alias",
                                             f"Another name of {k.name} (“the minister”):")
            if ok:
                self.add_alias(k.id, alias)

    def _ask_merge(self) -> None:
        k = self.selected()
        others = [o.name for o in self.claimants if k is not None and o.id != k.id]
        if k is None or not others:
            return
        keep, ok = QInputDialog.getItem(self, "Merge claimant",
                                        f"{k.name} is the same as:", others, 0, False)
        if ok:
            self.merge(keep, k.id)

    def _delete(self) -> None:
        k = self.selected()
        if k is not None:
            self._do(lambda p: p.delete_claimant(k.id))
