"""Source criticism in the panes: reused passages marked, and the claimant proposal.

``SourceMarks`` watches the panes of one comparison container. Passages that the shown
documents share word for word (analysis/provenance.py) are drawn as a faint violet band
under the claims in *both* panes, the tooltip naming the other document and which is
earlier; only the shown documents are compared, so this stays cheap in a large project.

It also proposes who asserts the current claim (nlp/claimants.py) on a worker thread, once
spaCy's pipeline is loaded (by the assistance: at start-up, or Assist > Analyse Documents;
this never loads it on its own), and installs the **W** key in every pane: W accepts the
proposal for the current claim (one undoable step). Nothing is ever set without that key
or the panel's Accept button.
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent

from ..analysis.provenance import Passage, TextSource, reused_passages
from ..core.errors import ClaimWeaveError
from ..core.model import Change, Claim
from .assist.loader import Job, shared_loader
from .panes.container import PaneContainer
from .panes.highlight_painter import Mark, MarkLayer
from .panes.pane import DocumentPane
from .panes.text_view import KeyAction, plain_key
from .refusals import report
from .session import ProjectSession

REUSE_LAYER = "reuse"
REUSE_COLOR = "#6a3fd0"  # drawn at the marks' faint alpha: a light violet band


class SourceMarks(QObject):
    proposalChanged = Signal(object)  # Proposal | None for the current claim
    passagesChanged = Signal()
    message = Signal(str)

    def __init__(self, session: ProjectSession, container: PaneContainer,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.container = container
        self.passages: list[Passage] = []
        self.proposal: Any = None  # nlp.claimants.Proposal for the current claim
        self._job: Job | None = None
        self._asked: tuple[str, str | None] | None = None  # (claim, claimant) last proposed for
        self._installed: set[int] = set()
        container.documentsChanged.connect(lambda _docs: self.refresh())
        session.changed.connect(self._on_change)
        session.currentClaimChanged.connect(lambda _c: self.propose())
        self.refresh()

    # ------------------------------------------------------------------ reused text
    def refresh(self) -> None:
        """Find the passages the shown documents share and mark them in their panes."""
        project = self.session.project
        shown = [d for d in dict.fromkeys(self.container.documents()) if d]
        docs = {d.id: d for d in project.documents()}
        sources = [TextSource(d, project.text(d), docs[d].published, docs[d].position,
                              docs[d].text_sha256) for d in shown if d in docs]
        self.passages = reused_passages(sources) if len(sources) > 1 else []
        titles = {d: docs[d].title for d in shown if d in docs}
        for pane in self.container.panes():
            self._install(pane)
            doc = pane.document_id
            marks = [self._mark(p, doc, titles) for p in self.passages if p.side(doc or "")]
            pane.view.set_marks(REUSE_LAYER, MarkLayer(_disjoint(marks)) if marks else None)
        self.passagesChanged.emit()

    def _mark(self, p: Passage, doc: str | None, titles: dict[str, str]) -> Mark:
        side, other = p.side(doc or ""), p.other(doc or "")
        assert side is not None
        tip = (f"Reused text: {p.words} words also in \u201c{titles[other.document_id]}\u201d "
               f"({which_first(p, doc)})")
        return Mark(side.start, side.end, REUSE_COLOR, tip)

    def _on_change(self, change: Change) -> None:
        if change.touches("documents"):
            self.refresh()
        current = self.session.current_claim
        if current and current in change.ids.get("claims", ()):
            claim = self._current()
            if claim is None or (claim.id, claim.claimant_id) != self._asked:
                self.propose()  # its claimant changed: a tag or a note does not ask again

    # ------------------------------------------------------------------ claimant proposals
    def propose(self) -> None:
        """Propose a claimant for the current claim, on a worker; None when it has one."""
        if self._job is not None:
            self._job.cancel()
            self._job = None
        self._set_proposal(None)
        claim = self._current()
        self._asked = (claim.id, claim.claimant_id) if claim else None
        if claim is None or claim.claimant_id is not None:
            return
        loader = shared_loader()
        if not loader.ready:  # spaCy loads with the assistance (Assist menu), not for this
            return
        project = self.session.project
        text, known = project.text(claim.document_id), project.claimants()

        def work(post: Any, cancel: threading.Event) -> Any:
            from ..nlp.claimants import propose

            pipeline = loader.load()
            if cancel.is_set() or not pipeline.info.has_parser:
                return None
            found = propose(pipeline.nlp, {claim.document_id: text}, [claim], known)
            return found[0] if found else None

        job = Job("claimant", work, self)
        job.posted.connect(lambda kind, payload, j=job: self._done(j, kind, payload))
        self._job = job
        job.start()

    def _done(self, job: Job, kind: str, payload: Any) -> None:
        if job is not self._job or kind not in ("done", "failed"):
            return
        self._job = None
        if kind == "done" and payload is not None and payload.claim == self.session.current_claim:
            self._set_proposal(payload)

    def _set_proposal(self, proposal: Any) -> None:
        if proposal is not self.proposal:
            self.proposal = proposal
            self.proposalChanged.emit(proposal)

    def accept(self) -> bool:
        """Set the proposed claimant on its claim (W, or the panel's Accept button)."""
        p = self.proposal
        if p is None or self.session.read_only:
            return False
        try:
            self.session.project.set_claimant(p.claim, p.claimant)
        except ClaimWeaveError as exc:
            report(exc, self.message.emit)
            return False
        self.message.emit(f"Claimant set to {p.claimant} (Ctrl+Z undoes it)")
        return True

    def _current(self) -> Claim | None:
        claim_id = self.session.current_claim
        if not claim_id:
            return None
        try:
            return self.session.project.claim(claim_id)
        except ClaimWeaveError:
            return None

    # ------------------------------------------------------------------ the W key
    def _install(self, pane: DocumentPane) -> None:
        if id(pane) not in self._installed:
            self._installed.add(id(pane))
            pane.key_interceptors.append(self._intercept)

    def _intercept(self, pane: DocumentPane, event: QKeyEvent) -> KeyAction | None:
        pressed = plain_key(event)
        if pressed is None or pressed != (Qt.Key.Key_W, False) or self.proposal is None:
            return None
        return self.accept

    def close(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self._job = None
        for pane in self.container.panes():
            if self._intercept in pane.key_interceptors:
                pane.key_interceptors.remove(self._intercept)
            pane.view.set_marks(REUSE_LAYER, None)


def which_first(p: Passage, doc: str | None) -> str:
    """Which side of a shared passage was published first, as seen from *doc*."""
    if p.earlier is None:
        return "which came first is unknown"
    return "this one is earlier" if p.earlier == doc else "the other is earlier"


def _disjoint(marks: list[Mark]) -> list[Mark]:
    """One layer holds marks that do not overlap: overlapping passages merge, tips joined."""
    out: list[Mark] = []
    for m in sorted(marks, key=lambda m: (m.start, m.end)):
        if out and m.start < out[-1].end:
            last = out[-1]
            out[-1] = Mark(last.start, max(last.end, m.end), last.color, f"{last.tip}\n{m.tip}")
        else:
            out.append(m)
    return out
