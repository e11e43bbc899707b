"""The links table: which claim agrees with or contradicts which, across documents.

Clicking a row activates both claims, so the panes bring the pair into view together. The
boxes above it filter by a document at either end, relation and words (link_filter.py).
The table is lazy (lazy_model.py), like the claims table: the filters and the sort are a
:class:`~claimweave.core.listing_repo.LinkQuery` the store answers in SQL, and only the
rows on screen are built, each reading the two claims at its ends.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from ...analysis.labels import relation_label
from ...core.errors import NotFoundError
from ...core.listing_repo import LinkQuery
from ...core.model import Change, Claim, Link
from ..session import INCREMENTAL_LIMIT, ProjectSession
from .base import Panel, button_row, make_table
from .lazy_model import LazyTableModel
from .link_filter import LinkFilter, LinkFilterBar
from .table_model import RECORD_ROLE, Column


@dataclass(frozen=True, slots=True)
class LinkRow:
    link: Link
    source_quote: str
    source_document: str
    target_quote: str
    target_document: str
    color: str
    source_document_id: str = ""
    target_document_id: str = ""


def _row(link: Link, a: Claim, b: Claim, titles: dict[str, str], colors: dict[str, str]
         ) -> LinkRow:
    return LinkRow(link, a.quote, titles.get(a.document_id, ""), b.quote,
                   titles.get(b.document_id, ""), colors.get(link.relation_type_id, ""),
                   a.document_id, b.document_id)


def link_rows(project: Any) -> list[LinkRow]:
    """Every link's row, in the store's order (what a full reload of the table shows)."""
    links = project.links()
    rows = _rows_of(project, links, project.document_titles(),
                    {r.id: r.color for r in project.relation_types()})
    return [r for r in (rows.get(k.id) for k in links) if r is not None]


def _rows_of(project: Any, links: list[Link], titles: dict[str, str],
             colors: dict[str, str]) -> dict[str, LinkRow]:
    """Rows of *links*, reading only the claims at their ends."""
    claims = {c.id: c for c in project.claims(ids={e for k in links
                                                     for e in (k.source, k.target)})}
    out: dict[str, LinkRow] = {}
    for link in links:
        a, b = claims.get(link.source), claims.get(link.target)
        if a is not None and b is not None:
            out[link.id] = _row(link, a, b, titles, colors)
    return out


def some_link_rows(project: Any, ids: set[str], titles: dict[str, str],
                   colors: dict[str, str]) -> dict[str, LinkRow | None]:
    """The rows of these links as :func:`link_rows` makes them, in the store's order,
    and None for each link that is gone."""
    out: dict[str, LinkRow | None] = dict(_rows_of(project, project.links(ids=ids), titles,
                                                    colors))
    out.update((i, None) for i in ids - out.keys())
    return out


class LinkTableModel(LazyTableModel[LinkRow]):
    """Link rows in the order of a :class:`LinkQuery`, built a page at a time."""

    def __init__(self, columns: list[Column[LinkRow]], project: Any,
                 make_rows: Any, parent: Any = None) -> None:
        super().__init__(columns, lambda r: r.link.id, LinkQuery(), project.link_order,
                         project.link_sort_keys, make_rows, parent)


class LinksPanel(Panel):
    WATCHES = ("links", "claims", "relation_types", "documents")

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._titles: dict[str, str] = {}
        self._colors: dict[str, str] = {}
        self.model = LinkTableModel(self._columns(), session.project, lambda ids: some_link_rows(
            self.project, ids, self._titles, self._colors))
        self.model.read_only = session.read_only
        self.model.message.connect(self.message)
        self.proxy = self.model  # what the view shows (filtering and sorting are the model's)
        self.filter_bar = LinkFilterBar(self)
        self.filter_bar.changed.connect(self.set_filter)
        self.view = make_table(self.model, self.model, self, name="Links")
        self.view.empty_hint = self._empty_hint
        self.view.clicked.connect(self._activate)
        self.view.activated.connect(self._activate)
        self.delete_button = QPushButton("Delete link")
        self.delete_button.clicked.connect(self.delete_current)
        chosen = self.view.selectionModel()  # the button is there for a chosen link only
        for signal in (chosen.selectionChanged, chosen.currentChanged, self.model.modelReset,
                       self.model.rowsRemoved, self.model.layoutChanged):
            signal.connect(lambda *_: self._update_buttons())
        shortcut = QShortcut(QKeySequence.StandardKey.Delete, self.view)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(self.delete_current)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.view)
        layout.addLayout(button_row(self.delete_button))
        self.reload()
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.delete_button.setEnabled(not self.session.read_only
                                      and self.chosen_link() is not None)

    def set_filter(self, chosen: LinkFilter) -> None:
        """Show the links the filter boxes choose (the store selects them)."""
        query = replace(self.model.query, document_id=chosen.document_id,
                        relation=chosen.relation).with_text(chosen.text)
        self.model.set_query(query)

    def _empty_hint(self) -> str:
        chosen = self.filter_bar.current()
        if chosen.document_id or chosen.relation or chosen.text.strip():
            return "No links match these filters."
        return ("No links yet: on a claim press L, then A (agrees) or C (contradicts), "
                "or drag one highlight onto a claim in another pane.")

    def _columns(self) -> list[Column[LinkRow]]:
        def set_note(row: LinkRow, note: str) -> None:
            self.project.update_link(row.link.id, note=note)

        return [
            Column("Source", lambda r: r.source_quote, width=30, stretch=True,
                   tooltip=lambda r: f"{r.source_document}\n\n{r.source_quote}",
                   sort="source"),
            Column("Source document", lambda r: r.source_document, width=16,
                   sort="source_document"),
            Column("Relation", lambda r: relation_label(r.link.relation), width=11,
                   color=lambda r: r.color, sort="relation"),
            Column("Target", lambda r: r.target_quote, width=30, stretch=True,
                   tooltip=lambda r: f"{r.target_document}\n\n{r.target_quote}",
                   sort="target"),
            Column("Target document", lambda r: r.target_document, width=16,
                   sort="target_document"),
            Column("Note", lambda r: r.link.note, set_note, width=16, sort="note"),
        ]

    def _on_changed(self, change: Change) -> None:
        if change.touches("relation_types", "documents"):
            self.reload()
        elif change.touches("links", "claims"):
            self._update(change)

    def _update(self, change: Change) -> None:
        """Rebuild only the rows of links this change touched, directly or by a claim."""
        links = set(change.ids.get("links", set()))
        claims = change.ids.get("claims", set())
        if len(links) + len(claims) > INCREMENTAL_LIMIT:
            self.reload()
            return
        for claim_id in claims:  # a claim's offsets (and so its quote) may have changed
            try:
                links.update(k.id for k in self.project.links(claim_id=claim_id))
            except NotFoundError:
                continue  # deleted: its links were deleted in the same change
        self.model.update(links, some_link_rows(self.project, links, self._titles,
                                                self._colors))

    def reload(self) -> None:
        current = self.current_link()
        self._titles = self.project.document_titles()
        self._colors = {r.id: r.color for r in self.project.relation_types()}
        self.filter_bar.set_choices(list(self._titles.items()),
                                    [r.name for r in self.project.relation_types()])
        self.model.reload()
        row = self.model.row_of(current.link.id) if current else -1
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, 0))

    def current_link(self) -> LinkRow | None:
        index = self.view.currentIndex()
        return index.data(RECORD_ROLE) if index.isValid() else None

    def _activate(self, index: QModelIndex) -> None:
        row: LinkRow | None = index.data(RECORD_ROLE)
        if row is not None:
            self.session.activate_claims([row.link.source, row.link.target])

    def chosen_link(self) -> LinkRow | None:
        """The current link if its row is selected (not just the cursor left behind)."""
        index = self.view.currentIndex()
        if not self.view.selectionModel().isRowSelected(index.row(), index.parent()):
            return None
        return self.current_link()

    def delete_current(self) -> None:
        row = self.chosen_link()
        if row is not None:
            self.attempt(self.project.delete_link, row.link.id)
