"""Suggestions: for the current claim, the claims (or unclaimed sentences) of other
documents it most probably agrees or disagrees with, best first, with the stance hint and
its cues.

Keys on the list: the link-mode relation keys (A agrees, C contradicts, S same claim,
E elaborates, R related; O chooses among all relations) accept the selected suggestion as a
link; a sentence first becomes a claim, in the same undo step. Delete or D dismisses it
for good (undoable); Enter or a double click shows it in the panes. The ranking itself is
:mod:`claimweave.nlp.suggest`; this panel asks a :class:`SuggestionSource` (the assistance
controller, which owns the index and rebuilds it off the UI thread) and turns the choices
into store verbs.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QPoint, QSortFilterProxyModel, Qt, Signal, SignalInstance
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import ClaimWeaveError, NotFoundError
from ...core.wording import counted, score_text
from ..panes.link_mode import RELATION_KEYS, menu_chooser
from ..refusals import report
from ..session import ProjectSession
from ..widgets import OneLineLabel
from .base import Panel, button_row, make_table
from .details_area import DetailsArea
from .table_model import RECORD_ROLE, Column, RecordTableModel

if TYPE_CHECKING:  # spaCy-side modules load when the first suggestion is ranked
    from ...nlp.suggest import Suggestion

TOP = 15
SCOPES = (("claims", "Claims"), ("sentences", "Unclaimed sentences"))  # of other documents
QUOTE_CHARS = 160
MIN_ROWS = 4  # the table keeps this many rows visible, however short the dock
LEGEND_ROWS = 6  # the keys legend is shown once the table has this many rows besides it
KEYS = ("Keys: A agrees · C contradicts · S same · E elaborates · R related · O other · "
        "D dismiss · Enter show")


@dataclass(frozen=True, slots=True)
class SuggestionAnswer:
    items: list[Suggestion]
    status: str = ""  # why the list is empty or may be out of date; "" when all is well


class SuggestionSource(Protocol):
    """The assistance controller, as this panel sees it."""

    suggestionsChanged: SignalInstance  # the index was rebuilt, analyses or the notice changed

    def suggestions(self, claim_id: str, scope: str, top: int) -> SuggestionAnswer: ...

    def notice(self) -> str | None: ...

    def annotator_name(self) -> str: ...


def _score_tip(s: Suggestion) -> str:
    meaning = f", meaning {score_text(s.meaning)}" if s.meaning else ""
    return (f"score {score_text(s.score)}: words {score_text(s.lexical)}, phrases "
            f"{score_text(s.phrases)}, names and numbers {score_text(s.entities)}{meaning}")


def _clip(text: str, n: int = QUOTE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


class SuggestionsPanel(Panel):
    WATCHES = ("claims", "links", "dismissed_suggestions", "documents", "relation_types")
    revealRequested = Signal(str, int, int)  # document id, start, end: show a sentence

    def __init__(self, session: ProjectSession, source: SuggestionSource,
                 parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.source = source
        self._dirty = True
        self._colors: dict[str, str] = {}
        self.claim_label = OneLineLabel()
        self.scope_box = QComboBox()
        for key, label in SCOPES:
            self.scope_box.addItem(label, key)
        self.scope_box.setToolTip("Rank the claims of other documents, or their sentences "
                                  "nobody has marked as a claim yet")
        self.scope_box.currentIndexChanged.connect(lambda _i: self.reload())
        self.model: RecordTableModel[Suggestion] = RecordTableModel(
            self._columns(), key=lambda s: f"{s.kind}:{s.target_ref}")
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        # Parented by the layout, after the scope box above it: Tab follows reading order
        # (as in the claims panel), also once the panel is in its dock.
        self.view = make_table(self.proxy, self.model, None, name="Suggestions")
        self.view.activated.connect(lambda _index: self.reveal())
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_details())
        # Its rows first: never fewer than MIN_ROWS, and the room left by the lines below
        # (their own heights) is the table's, not a share of a size hint of 20 rows.
        self.view.setMinimumHeight(self._table_height(MIN_ROWS))
        policy = self.view.sizePolicy()
        policy.setVerticalPolicy(QSizePolicy.Policy.Ignored)
        self.view.setSizePolicy(policy)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details_area = DetailsArea(self.details, least=1)  # the table keeps its rows
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.notice_label = QLabel()
        self.notice_label.setWordWrap(True)
        self.notice_label.setStyleSheet("QLabel { color: #9c4a00; }")
        self.notice_label.hide()
        self.keys = QLabel(KEYS)  # shown where there is room: see _fit_legend
        self.keys.setStyleSheet("QLabel { color: gray; }")
        self.keys.setWordWrap(True)
        self.agree_button = QPushButton("Agrees")
        self.contradict_button = QPushButton("Contradicts")
        self.other_button = QPushButton("Link as…")
        self.dismiss_button = QPushButton("Dismiss")
        for button, tip in (
                (self.agree_button, "Link the current claim to this one as agreeing (A)"),
                (self.contradict_button, "Link the current claim to this one as "
                                         "contradicting (C)"),
                (self.other_button, "Link with another relation (O; S same, E elaborates, "
                                    "R related)"),
                (self.dismiss_button, "Hide this suggestion for the current claim (D)")):
            button.setToolTip(tip)
        self.agree_button.clicked.connect(lambda: self.accept("agrees"))
        self.contradict_button.clicked.connect(lambda: self.accept("contradicts"))
        self.other_button.clicked.connect(self.accept_with_chooser)
        self.dismiss_button.clicked.connect(self.dismiss)
        self._shortcuts()

        top = QHBoxLayout()  # one row: the claim (cut to fit, whole in its tooltip), the scope
        top.setContentsMargins(4, 4, 4, 0)
        top.addWidget(self.claim_label, 1)
        top.addWidget(self.scope_box)
        layout = self._column = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.details_area)  # whole lines; a short screen scrolls the rest
        for widget in (self.status, self.notice_label, self.keys):
            widget.setContentsMargins(4, 0, 4, 0)
            layout.addWidget(widget)
        layout.addLayout(button_row(self.agree_button, self.contradict_button,
                                    self.other_button, self.dismiss_button))
        session.currentClaimChanged.connect(lambda _c: self.reload())
        source.suggestionsChanged.connect(self.reload)
        self.reload()

    def _columns(self) -> list[Column[Suggestion]]:
        titles = self._titles

        return [
            Column("Hint", lambda s: s.stance_hint, width=10,
                   color=lambda s: self._colors.get(s.stance_hint),
                   tooltip=lambda s: "\n".join(s.cues) or s.stance_hint),
            Column("Score", lambda s: s.score, width=5, tooltip=_score_tip, text=score_text),
            Column("Quote", lambda s: s.quote, width=24, stretch=True,
                   tooltip=lambda s: f"{titles().get(s.document_id, '')}\n\n{s.quote}"),
            # The cues are in the Hint tooltip and the details line: the dock stays narrow.
            Column("Document", lambda s: titles().get(s.document_id, ""), width=10),
        ]

    def _titles(self) -> dict[str, str]:
        return self.project.document_titles()

    def _shortcuts(self) -> None:
        def bind(key: QKeySequence | str, slot: object) -> None:
            shortcut = QShortcut(QKeySequence(key), self.view)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)

        for key, relation in RELATION_KEYS.items():
            bind(QKeySequence(key), lambda r=relation: self.accept(r))
        bind(QKeySequence(Qt.Key.Key_O), self.accept_with_chooser)
        bind(QKeySequence(Qt.Key.Key_D), self.dismiss)
        bind(QKeySequence(QKeySequence.StandardKey.Delete), self.dismiss)

    # ------------------------------------------------------------------ content
    @property
    def scope(self) -> str:
        return str(self.scope_box.currentData())

    def set_scope(self, scope: str) -> None:
        self.scope_box.setCurrentIndex(max(0, self.scope_box.findData(scope)))

    def _table_height(self, rows: int) -> int:
        """The table's height with its header and *rows* rows."""
        view = self.view
        return (view.horizontalHeader().sizeHint().height()
                + rows * view.verticalHeader().defaultSectionSize() + 2 * view.frameWidth())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit_lines()  # the wrapped lines' heights depend on the width only
        else:
            self._fit_legend()

    def _fit_lines(self) -> None:
        """Wrapped lines keep the height of their text at this width (a layout counts one
        line for a wrapping label and laid two over the table), then the legend is fitted."""
        width = max(1, self.width())
        for label in (self.status, self.notice_label):
            label.setMinimumHeight(label.heightForWidth(width) if label.text() else 0)
        self._fit_legend()

    def _fit_legend(self) -> None:
        """Show the keys legend only where the panel is tall enough for it beside
        :data:`LEGEND_ROWS` rows of the table and the whole details box: at 1024x700 its
        two lines left the table one row. The buttons' tooltips and F1 name the keys too."""
        layout, area = self._column, self.details_area
        spacing = layout.spacing()
        shown = not self.keys.isHidden()
        below = (layout.minimumSize().height() + self._table_height(LEGEND_ROWS)
                 - self.view.minimumHeight() + area.sizeHint().height() - area.minimumHeight())
        if shown:
            below -= self.keys.minimumSizeHint().height() + spacing
        need = self.keys.heightForWidth(max(1, self.width() - 8)) + spacing
        # shown, it keeps its place until the room is gone: no flicker at the threshold
        fits = self.height() >= below + need + (0 if shown else spacing)
        if fits != shown:
            self.keys.setVisible(fits)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.reload()

    def reload(self) -> None:
        notice = self.source.notice()
        self.notice_label.setText(f"⚠ {notice}" if notice else "")
        self.notice_label.setVisible(bool(notice))
        self._fit_lines()
        claim_id = self.session.current_claim
        claim = None
        if claim_id is not None:
            try:
                claim = self.project.claim(claim_id)
            except NotFoundError:
                claim = None
        if claim is None:
            self.claim_label.set_full_text("Pick a claim: suggestions for it appear here.")
            self._show([], " ")
            return
        self.claim_label.set_full_text(f"For “{_clip(claim.quote)}”")
        if not self.isVisible():
            self._dirty = True  # built lazily: nothing is ranked while the dock is closed
            return
        self._dirty = False
        self._colors = {r.name: r.color for r in self.project.relation_types()}
        answer = self.source.suggestions(claim.id, self.scope, TOP)
        status = answer.status
        if not answer.items and not status and self.scope == "claims":
            linked = len(self.project.links(claim_id=claim.id))
            if linked:  # the matches are there, already linked: not "nothing matches"
                status = (f"No other suggestions: {counted(linked, 'claim')} of other documents "
                          f"{'is' if linked == 1 else 'are'} already linked to it (P in a pane "
                          "scrolls to them)")
        self._show(answer.items, status)

    def _show(self, items: list[Suggestion], status: str) -> None:
        """List *items*; *status* says why the list may be empty or old ("" explains it)."""
        row = max(0, self.view.currentIndex().row())
        self.model.set_records(items)
        if not status:
            what = "claims" if self.scope == "claims" else "sentences"
            # A learned order need not follow the Score column (the default score): say so
            order = ("in the order your links taught (Score: the default score)"
                     if any(s.reason for s in items) else "best first")
            status = (f"{counted(len(items), what[:-1])} of other documents, {order}"
                      if items else f"No {what} of other documents share words with it")
        self.status.setText(status.strip())
        self._fit_lines()
        if items:
            self.view.setCurrentIndex(self.proxy.index(min(row, len(items) - 1), 0))
        self._show_details()
        writable = bool(items) and not self.session.read_only
        for button in (self.agree_button, self.contradict_button, self.other_button,
                       self.dismiss_button):
            button.setEnabled(writable)

    def _show_details(self) -> None:
        """The selected suggestion in full: where it is, its quote, the cues of its hint."""
        s = self.current()
        if s is None:
            self.details_area.set_text("")
            self._fit_legend()
            return
        kind = "claim" if s.claim_id else "sentence nobody has claimed yet"
        title = self._titles().get(s.document_id, "")
        cues = "; ".join(s.cues) or "no explicit cue"
        sure = "" if s.confidence >= 1.0 else f" (confidence {s.confidence:.0%})"
        why = f" · ranked by what you taught it: {escape(s.reason)}" if s.reason else ""
        self.details_area.set_text(
            f"<b>{escape(s.stance_hint)}</b>{sure} · score {score_text(s.score)} · {kind} in "
            f"<i>{escape(title)}</i>{why}<br>“{escape(_clip(s.quote, 400))}”<br>"
            f"<span style='color:gray'>Cues: {escape(cues)}</span>")
        self._fit_legend()  # the legend yields to a longer text

    def suggestions(self) -> list[Suggestion]:
        """The suggestions listed, in the order shown."""
        return [self.proxy.index(r, 0).data(RECORD_ROLE) for r in range(self.proxy.rowCount())]

    def current(self) -> Suggestion | None:
        index = self.view.currentIndex()
        return index.data(RECORD_ROLE) if index.isValid() else None

    def select(self, row: int) -> None:
        self.view.setCurrentIndex(self.proxy.index(row, 0))

    # ------------------------------------------------------------------ verbs
    def accept(self, relation: str) -> object | None:
        """Link the current claim to the selected suggestion with *relation*; a sentence
        becomes a claim first, in the same undo step. Returns the link, or None."""
        s, claim_id = self.current(), self.session.current_claim
        if s is None or claim_id is None:
            return None
        project, who = self.project, self.source.annotator_name()
        try:
            if s.claim_id is not None:
                link = project.link_claims(claim_id, s.claim_id, relation, annotator=who)
            else:
                with project.batch(f"Link to a suggested sentence ({relation})"):
                    new = project.add_claim(s.document_id, s.start, s.end, annotator=who)
                    link = project.link_claims(claim_id, new.id, relation, annotator=who)
        except ClaimWeaveError as exc:
            report(exc, self.message.emit)
            return None
        self.message.emit(f"Linked as {link.relation}: “{_clip(s.quote, 60)}” (Ctrl+Z undoes)")
        return link

    def accept_with_chooser(self) -> None:
        if self.current() is None:
            return
        rect = self.view.visualRect(self.view.currentIndex())
        pos = self.view.viewport().mapToGlobal(QPoint(rect.left() + 20, rect.bottom()))
        relation = menu_chooser(self, pos, self.project.relation_types())
        if relation:
            self.accept(relation)

    def dismiss(self) -> None:
        s, claim_id = self.current(), self.session.current_claim
        if s is None or claim_id is None:
            return
        try:
            self.project.dismiss_suggestion(claim_id, s.kind, s.target_ref)
        except ClaimWeaveError as exc:
            report(exc, self.message.emit)
            return
        self.message.emit("Suggestion dismissed; it stays hidden for this claim (Ctrl+Z "
                          "brings it back)")

    def reveal(self) -> None:
        """Show the selected suggestion in the panes beside the current claim."""
        s = self.current()
        if s is None:
            return
        claim_id = self.session.current_claim
        if s.claim_id is not None:
            self.session.activate_claims([c for c in (claim_id, s.claim_id) if c])
        else:
            self.revealRequested.emit(s.document_id, s.start, s.end)

