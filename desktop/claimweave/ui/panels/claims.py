"""The claims table: every claim of the project, filterable; choosing a row shows the claim.

Choosing a row calls :meth:`ProjectSession.activate_claims`, which makes the panes scroll to
the claim; when the current claim changes elsewhere (a pane, the links table) the table
follows without echoing the activation back. The table is lazy (claim_model.py): filters
and sorting are a query the store answers in SQL, and only the rows on screen are built.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Any, Protocol

from PySide6.QtCore import QModelIndex, QSignalBlocker
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from ...analysis.labels import relation_label
from ...core.model import Change, Claim, Tag
from ..session import INCREMENTAL_LIMIT, ProjectSession
from ..widgets import TypingPause
from .base import Panel, make_table
from .claim_filter import UNLINKED, ClaimRow, subtree
from .claim_model import ClaimTableModel
from .table_model import RECORD_ROLE, Column


def claim_rows(project: Any) -> list[ClaimRow]:
    """Every claim's row, in the project's order (what a full reload of the table shows)."""
    titles = project.document_titles()
    colors = {t.id: t.color for t in project.tags()}
    claims = project.claims()
    rows = some_claim_rows(project, {c.id for c in claims}, titles, colors)
    return [r for r in (rows[c.id] for c in claims) if r is not None]


def some_claim_rows(project: Any, ids: set[str], titles: dict[str, str],
                    colors: dict[str, str]) -> dict[str, ClaimRow | None]:
    """The rows of these claims (document title, link count and relations, tag colours),
    in the store's order, and None for each claim that is gone."""
    out: dict[str, ClaimRow | None] = {}
    claims = project.claims(ids=ids)
    links = project.claim_link_summary(c.id for c in claims)
    for c in claims:
        count, relations = links.get(c.id, (0, frozenset()))
        out[c.id] = ClaimRow(c, titles.get(c.document_id, ""), count, relations,
                             tuple(colors[t] for t in c.tag_ids))
    out.update((cid, None) for cid in ids - out.keys())
    return out


class EntitySource(Protocol):
    """Named entities of claims (the spaCy analyses, provided by the assistance)."""

    def entity_choices(self, claims: Iterable[Claim]) -> list[tuple[str, str, int]]: ...

    def claims_mentioning(self, claims: Iterable[Claim], name: str) -> frozenset[str]: ...


class LazyCombo(QComboBox):
    """A combo box that fills its list only when it opens (costly lists, e.g. entities)."""

    def __init__(self, fill: Callable[[], None]) -> None:
        super().__init__()
        self._fill = fill

    def showPopup(self) -> None:
        self._fill()
        super().showPopup()


def fill_combo(combo: QComboBox, everything: str, items: Sequence[tuple[str, Any]]) -> None:
    """Refill a filter combo, keeping the current choice when it still exists."""
    current = combo.currentData()
    with QSignalBlocker(combo):
        combo.clear()
        combo.addItem(everything, None)
        for label, data in items:
            combo.addItem(label, data)
        index = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(index, 0))


class ClaimsPanel(Panel):
    WATCHES = ("claims", "claim_tags", "links", "tags", "documents", "relation_types")

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._syncing = False
        self._tags: list[Tag] = []
        self._titles: dict[str, str] = {}
        self._tag_colors: dict[str, str] = {}
        self._link_ends: dict[str, tuple[str, str]] = {}
        self.model = ClaimTableModel(self._columns(), session.project, lambda ids: some_claim_rows(
            self.project, ids, self._titles, self._tag_colors))
        self.model.read_only = session.read_only
        self.model.message.connect(self.message)
        self.proxy = self.model  # what the view shows (filtering and sorting are the model's)
        # Parented by the layout below, after the filter boxes: Tab follows the order the
        # children were added (kept when the panel moves into its dock), so the boxes
        # above the table come before it, as they are read.
        self.view = make_table(self.model, self.model, None, name="Claims")
        self.view.empty_hint = self._empty_hint
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)

        self.document_box = QComboBox()
        self.tag_box = QComboBox()
        self.relation_box = QComboBox()
        self.annotator_box = QComboBox()
        # Listing the entities of every claim costs ~90 ms at 10,000 claims: done when the
        # list opens, not on every change; shown once analyses with entities exist.
        self.entity_box = LazyCombo(self._fill_entities)
        self.entity_box.hide()
        self.entities: EntitySource | None = None
        self.text_box = QLineEdit()
        self.text_box.setPlaceholderText("Filter quotes, notes, tags…")
        self.text_box.setClearButtonEnabled(True)
        self.text_box.setAccessibleName("Filter claims by text")
        filters = QHBoxLayout()
        filters.setContentsMargins(4, 4, 4, 0)
        for box, tip in ((self.document_box, "Only claims of this document"),
                         (self.tag_box, "Only claims with this tag (or one nested in it)"),
                         (self.relation_box, "Only claims linked with this relation"),
                         (self.annotator_box, "Only claims made by this annotator"),
                         (self.entity_box, "Only claims that mention this name (a person, "
                                           "place, organisation … found by spaCy)")):
            box.setToolTip(tip)
            box.setAccessibleName(tip)
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            box.setMinimumContentsLength(8)
            box.currentIndexChanged.connect(self._apply_filter)
            filters.addWidget(box)
        # A long title must not squeeze the text box: the box stays about 18 characters
        # wide (its list still opens as wide as the longest title).
        self.document_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.document_box.setMinimumContentsLength(18)
        self.typing = TypingPause(self.text_box)
        self.typing.settled.connect(self._apply_filter)
        filters.addWidget(self.text_box, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.view)
        session.currentClaimChanged.connect(self.show_claim)
        session.claimsActivated.connect(lambda ids: self.show_claim(ids[0] if ids else None))
        self.reload()

    def _columns(self) -> list[Column[ClaimRow]]:
        def set_note(row: ClaimRow, note: str) -> None:
            self.project.update_claim(row.claim.id, note=note)

        def set_claimant(row: ClaimRow, name: str) -> None:
            self.project.set_claimant(row.claim.id, name.strip() or None)

        return [
            Column("Document", lambda r: r.document, width=16, sort="document"),
            Column("Quote", lambda r: r.claim.quote, width=40, stretch=True,
                   tooltip=lambda r: r.claim.quote, sort="quote"),
            Column("Tags", lambda r: ", ".join(r.claim.tags), width=14,
                   color=lambda r: r.tag_colors[0] if r.tag_colors else None, sort="tags"),
            Column("Links", lambda r: r.links, width=5,
                   tooltip=lambda r: ", ".join(sorted(r.relations)) or "no links",
                   sort="links"),
            Column("Note", lambda r: r.claim.note, set_note, width=24, sort="note"),
            Column("Annotator", lambda r: r.claim.annotator, width=10, sort="annotator"),
            Column("Claimant", lambda r: r.claim.claimant or "", set_claimant, width=16,
                   tooltip=lambda r: r.claim.claimant or "the document's author"),
        ]

    # ------------------------------------------------------------------ content

    def _on_changed(self, change: Change) -> None:
        if change.touches("tags", "documents", "relation_types"):
            self.reload()
        elif change.touches("claims", "claim_tags", "links"):
            self._update(change)

    def _update(self, change: Change) -> None:
        """Rebuild only the rows of the claims this change touched (their links too)."""
        claims = change.ids.get("claims", set()) | change.ids.get("claim_tags", set())
        links = change.ids.get("links", set())
        if len(claims) + len(links) > INCREMENTAL_LIMIT:
            self.reload()
            return
        touched = set(claims)
        for link_id in links:
            touched.update(self._link_ends.pop(link_id, ()))
        for link in self.project.links(ids=links):
            self._link_ends[link.id] = (link.source, link.target)
            touched.update(self._link_ends[link.id])
        self._syncing = True
        try:
            rows = some_claim_rows(self.project, touched, self._titles, self._tag_colors)
            self.model.update(touched, rows)
            if any(r is not None and r.claim.annotator not in self._annotator_names()
                   for r in rows.values()):
                fill_combo(self.annotator_box, "All annotators",
                           [(a or "(anonymous)", a) for a in self._annotators()])
            self.show_claim(self.session.current_claim)
        finally:
            self._syncing = False

    def reload(self) -> None:
        self._syncing = True
        try:
            project = self.project
            self._titles = project.document_titles()
            self._link_ends = {k.id: (k.source, k.target) for k in project.links()}
            tags = self._tags = project.tags()
            self._tag_colors = {t.id: t.color for t in tags}
            fill_combo(self.document_box, "All documents",
                       [(title, i) for i, title in self._titles.items()])
            fill_combo(self.tag_box, "All tags", [(t.name, t.id) for t in tags])
            fill_combo(self.relation_box, "Any relation",
                       [(relation_label(r.name), r.name) for r in project.relation_types()]
                       + [("(no links)", UNLINKED)])
            fill_combo(self.annotator_box, "All annotators",
                       [(a or "(anonymous)", a) for a in self._annotators()])
            self._apply_filter(reload=True)
            self.show_claim(self.session.current_claim)
        finally:
            self._syncing = False

    def set_entity_source(self, source: EntitySource | None) -> None:
        """Offer the entity filter (None hides it); call again when the analyses grew."""
        self.entities = source
        self.refresh_entities()

    def refresh_entities(self) -> None:
        """More documents were analysed: the entity list is read again when it next opens
        (listing the entities of every claim reads every claim: seconds at 100,000), and a
        chosen entity is applied again now."""
        self.entity_box.setVisible(self.entities is not None)
        if self.entities is None or self.entity_box.count() == 0:
            fill_combo(self.entity_box, "Any entity", [])  # shown before it is first opened
        elif self.entity_box.currentData() is not None:
            self._fill_entities()
            self._apply_filter()

    def _fill_entities(self) -> None:
        source = self.entities
        choices = source.entity_choices(self._claims()) if source is not None else []
        current = self.entity_box.currentData()
        items = [(f"{name} ({label.lower()}) · {n}", name) for name, label, n in choices]
        if current is not None and current not in [name for _l, name in items]:
            items.insert(0, (f"{current} · 0", current))  # keep the choice the user made
        fill_combo(self.entity_box, "Any entity", items)
        self.entity_box.setVisible(source is not None)

    def entity_names(self) -> list[str]:
        """The names the entity filter offers, most mentioned first."""
        self._fill_entities()
        return [self.entity_box.itemData(i) for i in range(1, self.entity_box.count())]

    def _claims(self) -> list[Claim]:
        return self.project.claims()

    def _annotators(self) -> list[str]:
        """Named annotators (the store records them), and "" when some claim has none."""
        anonymous = "" in self.project.claim_annotators()
        return sorted({*self.project.annotators(), *([""] if anonymous else [])})

    def _annotator_names(self) -> set[str]:
        box = self.annotator_box
        return {box.itemData(i) for i in range(1, box.count())}

    def _apply_filter(self, *, reload: bool = False) -> None:
        """Show the claims the filter boxes choose (*reload*: read them again even when the
        filters did not change)."""
        tag_id = self.tag_box.currentData()
        entity = self.entity_box.currentData() if self.entities is not None else None
        query = replace(self.model.query, **{
            "document_id": self.document_box.currentData(),
            "tag_ids": subtree(self._tags, tag_id) if tag_id else None,
            "relation": self.relation_box.currentData(),
            "annotator": self.annotator_box.currentData(),
            "claim_ids": (self.entities.claims_mentioning(self._claims(), entity)
                          if self.entities is not None and entity else None),
        }).with_text(self.text_box.text())
        if reload or query != self.model.query:
            self.model.query = query
            self.model.reload()
            self.show_claim(self.session.current_claim)  # its row again, if still shown

    def set_filter(self, *, document_id: str | None = None, tag_id: str | None = None,
                   relation: str | None = None, annotator: str | None = None,
                   entity: str | None = None, text: str = "") -> None:
        """Choose filters programmatically (menus, tests); None means "all"."""
        for box, data in ((self.document_box, document_id), (self.tag_box, tag_id),
                          (self.relation_box, relation), (self.annotator_box, annotator)):
            with QSignalBlocker(box):
                box.setCurrentIndex(max(0, box.findData(data)) if data is not None else 0)
        if entity is not None:
            self._fill_entities()
        with QSignalBlocker(self.entity_box):
            self.entity_box.setCurrentIndex(
                max(0, self.entity_box.findData(entity)) if entity is not None else 0)
        with QSignalBlocker(self.text_box):
            self.text_box.setText(text)
        self._apply_filter()

    def filtering(self) -> bool:
        """Whether a filter box narrows the table (so an empty table is not an empty project)."""
        boxes = (self.document_box, self.tag_box, self.relation_box, self.annotator_box,
                 self.entity_box)
        return any(b.currentIndex() > 0 for b in boxes) or bool(self.text_box.text().strip())

    def _empty_hint(self) -> str:
        if self.filtering():
            return "No claims match these filters."
        return ("No claims yet: select a passage in an article and press Enter "
                "(or right-click it) to make it a claim.")

    def visible_claims(self) -> list[str]:
        """The claims shown, as the filter boxes say (typing not yet applied is, first)."""
        if self.typing.pending():
            self.typing.settle()
        return list(self.model.ids)

    # ------------------------------------------------------------------ selection
    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing or not current.isValid():
            return
        row: ClaimRow = current.data(RECORD_ROLE)
        self._syncing = True
        try:
            self.session.activate_claims([row.claim.id])
        finally:
            self._syncing = False

    def show_claim(self, claim_id: str | None) -> None:
        """Select the claim's row (if the filters show it) without activating it again."""
        row = self.model.row_of(claim_id) if claim_id else -1
        index = self.model.index(row, 0) if row >= 0 else QModelIndex()
        was, self._syncing = self._syncing, True
        try:
            if index.isValid():
                self.view.setCurrentIndex(index)
                self.view.scrollTo(index)
            else:
                self.view.selectionModel().clearSelection()
        finally:
            self._syncing = was

