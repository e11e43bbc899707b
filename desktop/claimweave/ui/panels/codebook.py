"""The codebook: the tag tree. Create, rename in place, recolour, nest (drag or "Move
under…"), delete with confirmation; tick a tag to toggle it on the current claim.

The first nine tags in codebook order carry the number keys 1-9 that tag the current claim
in a pane; the Key column shows them so the keyboard flow can be learnt from the screen.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QDropEvent,
    QPixmap,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QColorDialog,
    QHeaderView,
    QInputDialog,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import NotFoundError
from ...core.model import Change, Tag
from ...core.wording import counted
from ..session import ProjectSession
from .base import EmptyHint, Panel, button_row
from .claim_filter import subtree

TAG_ID = Qt.ItemDataRole.UserRole + 10
NUMBER_KEYS = 9


def numbered_tags(tags: list[Tag]) -> list[Tag]:
    """The tags that number keys 1-9 toggle, in codebook order."""
    return tags[:NUMBER_KEYS]


def swatch(color: str, size: int = 12) -> QPixmap:
    pix = QPixmap(size, size)
    pix.fill(QColor(color))
    return pix


EMPTY_CODEBOOK = ("No tags yet: New adds one. Keys 1-9 then tag the current claim with the "
                  "tag of that key.")


class TagTree(EmptyHint, QTreeView):
    """A tree that nests a dragged tag under the one it is dropped on (or at top level);
    empty, it says how to make the first tag and use its key."""

    def __init__(self, on_move: Callable[[str, str | None], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_move = on_move
        self.empty_hint = lambda: EMPTY_CODEBOOK
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)

    def dropEvent(self, event: QDropEvent) -> None:
        dragged = self.currentIndex().siblingAtColumn(0).data(TAG_ID)
        target = self.indexAt(event.position().toPoint())
        parent = target.siblingAtColumn(0).data(TAG_ID) if target.isValid() else None
        # The store re-parents and the panel rebuilds; the view must not move rows itself.
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        if dragged and dragged != parent:
            self._on_move(dragged, parent)


class CodebookPanel(Panel):
    # Counts change only with tags and taggings (a deleted claim's taggings are deleted
    # with it); a claim added or edited without tags leaves the codebook as it is.
    WATCHES = ("tags", "claim_tags")

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._loading = False
        self.tags: dict[str, Tag] = {}
        self.items: dict[str, QStandardItem] = {}
        self._counts: dict[str, QStandardItem] = {}  # tag id -> its count cell
        self.model = QStandardItemModel(self)
        self.model.setHorizontalHeaderLabels(["Tag", "Key", "Claims"])
        self.model.itemChanged.connect(self._item_changed)
        self.view = TagTree(self.move_tag, self)
        self.view.setAccessibleName("Codebook: tags")
        self.view.setModel(self.model)
        self.view.setIconSize(QSize(12, 12))
        self.view.setUniformRowHeights(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)

        buttons = []
        for label, tip, slot in (
                ("New", "Add a tag (under the selected one with Shift)", self._new_clicked),
                ("Colour…", "Change the selected tag's colour", lambda: self.recolor_tag()),
                ("Nest…", "Move the selected tag under another tag", self._move_clicked),
                ("Delete", "Delete the selected tag", lambda: self.delete_tag())):
            b = QToolButton()
            b.setText(label)
            b.setToolTip(tip)
            b.setEnabled(not session.read_only)
            b.clicked.connect(slot)
            buttons.append(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addLayout(button_row(*buttons))
        session.currentClaimChanged.connect(lambda _id: self._update_checks())
        self.reload()

    # ------------------------------------------------------------------ content
    def _on_changed(self, change: Change) -> None:
        if change.touches("tags"):
            self.reload()
        elif change.touches("claim_tags"):  # only the counts of its tags and ticks differ
            tags = {key[1] for key in change.keys.get("claim_tags", ())}
            for tag_id, count in self.project.tag_claim_counts(tags & self._counts.keys()
                                                               ).items():
                self._counts[tag_id].setText(str(count))
            self._update_checks()

    def reload(self) -> None:
        selected = self.selected_tag()
        self._loading = True
        try:
            tags = self.project.tags()
            counts = self.project.claims_per_tag()
            keys = {t.id: str(i + 1) for i, t in enumerate(numbered_tags(tags))}
            self.tags = {t.id: t for t in tags}
            self.items = {}
            self._counts = {}
            self.model.removeRows(0, self.model.rowCount())
            pending = list(tags)
            while pending:  # parents before children, whatever the stored order
                placed = [t for t in pending if not t.parent_id or t.parent_id in self.items
                          or t.parent_id not in self.tags]
                for t in placed:
                    self._add_row(t, keys.get(t.id, ""), counts.get(t.name, 0))
                pending = [t for t in pending if t not in placed]
            self.view.expandAll()
        finally:
            self._loading = False
        self._update_checks()
        if selected and selected in self.items:
            self.select_tag(selected)

    def _add_row(self, tag: Tag, key: str, count: int) -> None:
        name = QStandardItem(tag.name)
        name.setData(tag.id, TAG_ID)
        name.setIcon(swatch(tag.color))
        name.setToolTip(tag.description or tag.name)
        name.setEditable(not self.session.read_only)
        name.setDragEnabled(not self.session.read_only)
        name.setDropEnabled(not self.session.read_only)
        cells = [name, QStandardItem(key), QStandardItem(str(count))]
        self._counts[tag.id] = cells[2]
        for cell in cells[1:]:
            cell.setEditable(False)
            cell.setDragEnabled(False)
            cell.setData(tag.id, TAG_ID)
            cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        parent = self.items.get(tag.parent_id or "")
        (parent or self.model.invisibleRootItem()).appendRow(cells)
        self.items[tag.id] = name

    def _update_checks(self) -> None:
        """Tick the tags of the current claim; tags are checkable only when there is one."""
        claim_id = self.session.current_claim
        have: set[str] = set()
        if claim_id:
            try:
                have = set(self.project.claim(claim_id).tag_ids)
            except NotFoundError:  # the claim was deleted a moment ago
                claim_id = None
        self._loading = True
        try:
            for tag_id, item in self.items.items():
                item.setCheckable(bool(claim_id) and not self.session.read_only)
                if claim_id:
                    item.setCheckState(Qt.CheckState.Checked if tag_id in have
                                       else Qt.CheckState.Unchecked)
                else:
                    item.setData(None, Qt.ItemDataRole.CheckStateRole)
        finally:
            self._loading = False

    def selected_tag(self) -> str | None:
        index = self.view.currentIndex()
        return index.siblingAtColumn(0).data(TAG_ID) if index.isValid() else None

    def select_tag(self, tag_id: str) -> None:
        item = self.items.get(tag_id)
        if item is not None:
            self.view.setCurrentIndex(item.index())

    def index_of(self, tag_id: str) -> QModelIndex:
        item = self.items.get(tag_id)
        return item.index() if item is not None else QModelIndex()

    # ------------------------------------------------------------------ edits
    def _item_changed(self, item: QStandardItem) -> None:
        if self._loading or item.column() != 0:
            return
        tag = self.tags.get(item.data(TAG_ID))
        if tag is None:
            return
        if item.text() != tag.name:
            if self.attempt(self.project.update_tag, tag.id, name=item.text()) is None:
                self._loading = True
                item.setText(tag.name)
                self._loading = False
            return
        claim_id = self.session.current_claim
        if claim_id and item.isCheckable():
            self.attempt(self.project.toggle_tag, claim_id, tag.id)

    def create_tag(self, name: str | None = None, parent: str | None = None,
                   edit: bool = True) -> Tag | None:
        """Add a tag with a free name and (in the window) open its name for typing."""
        if name is None:
            taken = {t.name.casefold() for t in self.tags.values()}
            name = next(n for n in (f"New tag {i}" if i else "New tag" for i in range(1000))
                        if n.casefold() not in taken)
        tag = self.attempt(self.project.add_tag, name, parent=parent)
        if tag is not None:
            self.select_tag(tag.id)
            if edit:
                self.view.edit(self.index_of(tag.id))
        return tag

    def recolor_tag(self, tag_id: str | None = None, color: str | None = None) -> None:
        tag_id = tag_id or self.selected_tag()
        if not tag_id:
            return
        if color is None:
            chosen = QColorDialog.getColor(QColor(self.tags[tag_id].color), self,
                                           f"Colour of {self.tags[tag_id].name}")
            if not chosen.isValid():
                return
            color = chosen.name()
        self.attempt(self.project.update_tag, tag_id, color=color)

    def move_tag(self, tag_id: str, parent_id: str | None) -> None:
        self.attempt(self.project.update_tag, tag_id, parent=parent_id)

    def delete_tag(self, tag_id: str | None = None) -> None:
        tag_id = tag_id or self.selected_tag()
        if not tag_id:
            return
        tag = self.tags[tag_id]
        count = self.project.claims_per_tag().get(tag.name, 0)
        question = (f"Delete the tag “{tag.name}”?\n\n{counted(count, 'claim')} will lose it; tags "
                    "nested in it move up one level. Undo brings it back.")
        if self.confirm(question):
            self.attempt(self.project.delete_tag, tag_id)

    def _new_clicked(self) -> None:
        shift = QApplication.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier
        self.create_tag(parent=self.selected_tag() if shift else None)

    def _move_clicked(self) -> None:
        tag_id = self.selected_tag()
        if not tag_id:
            return
        inside = self._subtree(tag_id)
        choices = ["(top level)"] + [t.name for t in self.tags.values() if t.id not in inside]
        name, ok = QInputDialog.getItem(self, "Move under", f"Nest “{self.tags[tag_id].name}” "
                                        "under:", choices, 0, False)
        if ok:
            parent = None if name == choices[0] else self.project.resolve_tag(name)
            self.move_tag(tag_id, parent)

    def _subtree(self, tag_id: str) -> set[str]:
        return set(subtree(list(self.tags.values()), tag_id))
