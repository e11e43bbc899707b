"""The assistance inside one document pane: claim candidates drawn faintly and walked with
N / Shift+N, entities underlined in their label's colour, Enter to accept a candidate.

Walking selects the candidate's text, so the pane's own Enter ("make a claim from the
selection") would work too; while the selection is exactly the current candidate, Enter
makes the claim at the candidate's offsets without the pane's snapping. Marks go through
the pane's visible-blocks painter (:class:`~claimweave.ui.panes.highlight_painter.MarkLayer`),
so a long document costs only what is on screen.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

from ...core.errors import ClaimWeaveError
from ...core.wording import score_text
from ...nlp.assist import AssistData
from ..panes import DocumentPane
from ..panes.highlight_painter import Mark, MarkLayer
from ..panes.text_view import KeyAction, plain_key
from ..refusals import report

if TYPE_CHECKING:
    from ...nlp.analysis import Analysis
    from ...nlp.candidates import Candidate

CANDIDATE_COLOR = "#a347ba"  # purple dots under the sentence: never the selection's blue
NUMERIC_COLOR = "#9a9996"
ENTITY_COLORS = {
    "PERSON": "#9141ac", "NORP": "#c64600", "FAC": "#865e3c", "ORG": "#1a5fb4",
    "GPE": "#26a269", "LOC": "#2ec27e", "PRODUCT": "#a51d2d", "EVENT": "#e5a50a",
    "WORK_OF_ART": "#613583", "LAW": "#63452c", "LANGUAGE": "#1c71d8",
}


def entity_color(label: str) -> str:
    """The underline colour of an entity label; numbers, dates and amounts stay grey."""
    return ENTITY_COLORS.get(label, NUMERIC_COLOR)


def candidate_tip(c: Candidate) -> str:
    reasons = "; ".join(c.reasons)
    return (f"<b>Claim candidate</b> · score {score_text(c.score)}<br>{escape(reasons)}<br>"
            "<i>N next · Shift+N previous · Enter makes it a claim</i>")


class AssistHost(Protocol):
    """What a pane's assistance needs from the controller."""

    data: AssistData
    show_candidates: bool
    show_entities: bool

    def set_show_candidates(self, on: bool) -> None: ...

    def analysing(self) -> bool: ...


class PaneAssist:
    """Candidates and entities of the document one pane shows."""

    def __init__(self, pane: DocumentPane, host: AssistHost) -> None:
        self.pane = pane
        self.host = host
        self.candidates: list[Candidate] = []
        self.current: Candidate | None = None
        self._entities_of: tuple[int, bool] | None = None  # (id of analysis, shown)
        pane.key_interceptors.append(self._intercept)

    def detach(self) -> None:
        """Give the pane back its own keys and drop the marks."""
        if self._intercept in self.pane.key_interceptors:
            self.pane.key_interceptors.remove(self._intercept)
        self.pane.view.set_marks("candidates", None)
        self.pane.view.set_marks("entities", None)

    # ------------------------------------------------------------------ marks
    def analysis(self) -> Analysis | None:
        return self.host.data.get(self.pane.document_id)

    def refresh(self) -> None:
        """Recompute the marks from the analysis, the claims and the toggles."""
        view = self.pane.view
        analysis = self.analysis()
        if self.host.show_candidates and analysis is not None and self.pane.document_id:
            claimed = [(c.start, c.end) for c in view.index.overlapping(0, len(view.text) + 1)]
            self.candidates = self.host.data.candidates(self.pane.document_id, view.text,
                                                        claimed) or []
            if self.current is not None and self.current not in self.candidates:
                self.current = None
            self._paint_candidates()
        else:
            self.candidates, self.current = [], None
            view.set_marks("candidates", None)
        shown = self.host.show_entities and analysis is not None
        key = (id(analysis), shown)
        if key != self._entities_of:
            from ...nlp.entities import LABEL_NAMES

            self._entities_of = key
            view.set_marks("entities", MarkLayer(
                [Mark(e.start, e.end, entity_color(e.label),
                      f"{escape(e.text)} — {e.label} ({LABEL_NAMES.get(e.label, e.label)})")
                 for e in analysis.entities], underline=True, under_claims=False)
                if shown and analysis is not None else None)

    def _paint_candidates(self) -> None:
        current = (self.current.start, self.current.end) if self.current else None
        self.pane.view.set_marks("candidates", MarkLayer(
            [Mark(c.start, c.end, CANDIDATE_COLOR, candidate_tip(c)) for c in self.candidates],
            current=current, dotted=True))

    # ------------------------------------------------------------------ walking
    def walk(self, step: int) -> Candidate | None:
        """Select the next (+1) or previous (-1) candidate after the cursor, wrapping."""
        if not self.host.show_candidates:
            self.host.set_show_candidates(True)
        pane = self.pane
        if pane.document_id is None:
            return None
        if self.analysis() is None:
            pane.message.emit("Claim candidates appear once this document is analysed"
                              + (" (see the status bar)" if self.host.analysing() else
                                 " (Assist > Analyse Documents)"))
            return None
        if not self.candidates:
            pane.message.emit("No claim candidates left in this document")
            return None
        from ...nlp.candidates import next_candidate

        back = step < 0
        found = next_candidate(self.candidates, self._walk_from(back), backwards=back)
        wrapped = found is None
        found = found or self.candidates[-1 if back else 0]
        self.set_current(found)
        n = self.candidates.index(found) + 1
        pane.message.emit(
            f"Claim candidate {n} of {len(self.candidates)}"
            + (" (wrapped around)" if wrapped else "")
            + f", score {score_text(found.score)}: {'; '.join(found.reasons)}. Enter makes it a "
              "claim; N / Shift+N next / previous; Esc leaves it")
        return found

    def _walk_from(self, back: bool) -> int:
        if self.current is not None:
            return self.current.start
        view = self.pane.view
        window = view.visible_window()
        cursor = view.offsets.to_codepoint(view.textCursor().position())
        if window.start <= cursor <= window.end:
            return cursor
        return window.end if back else window.start - 1

    def set_current(self, candidate: Candidate | None) -> None:
        view = self.pane.view
        self.current = candidate
        if candidate is None:
            view.clear_selection()
        else:
            view.select_span(candidate.start, candidate.end)
            view.scroll_to_span(candidate.start, candidate.end)
            view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._paint_candidates()

    def accept(self) -> str | None:
        """Make the current candidate a claim at exactly its offsets; the claim's id."""
        c, pane = self.current, self.pane
        if c is None or pane.document_id is None:
            return None
        try:
            claim = pane.session.project.add_claim(pane.document_id, c.start, c.end,
                                                   annotator=pane.annotator_name())
        except ClaimWeaveError as exc:
            report(exc, pane.message.emit)
            return None
        self.current = None
        pane.view.clear_selection()
        layers = pane.layers
        if layers is not None and claim.annotator not in layers:  # as the pane's own Enter
            pane.set_layers(frozenset({*layers, claim.annotator}))
        pane.session.set_current_claim(claim.id)
        pane.message.emit("Claim made from the candidate (Ctrl+Z undoes it); N goes on to "
                          "the next candidate")
        return claim.id

    # ------------------------------------------------------------------ keys
    def _intercept(self, pane: DocumentPane, event: QKeyEvent) -> KeyAction | None:
        pressed = plain_key(event)
        if pressed is None:
            return None
        key, shift = pressed
        if key == Qt.Key.Key_N:
            return lambda: self.walk(-1 if shift else 1)
        current = self.current
        if current is None or shift:
            return None
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and pane.view.selection_span() == (
                current.start, current.end) and not pane.session.read_only:
            return self.accept
        if key == Qt.Key.Key_Escape:
            return lambda: self.set_current(None)
        return None
