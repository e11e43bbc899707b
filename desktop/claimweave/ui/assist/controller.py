"""The spaCy assistance in the main window: one controller, created with the window.

The window gains three calls: it creates the controller once, calls
:meth:`AssistController.open` when a project is shown and :meth:`AssistController.close`
when it goes. The controller coordinates parts with one job each:

- :class:`~.menus.AssistMenus`: the menu "Assist", its actions and the Suggestions dock;
- :class:`~.status.AnalysisStatus`: the status-bar label, progress bar and ✕;
- :class:`~.runner.AnalysisRunner`: a short while after a project opens (start-up never
  waits for spaCy) it loads the pipeline and analyses the documents, those on screen
  first, on a worker with its own connection; each analysis reaches the UI thread as soon
  as it exists; closing the project or the program cancels it without waiting;
- :class:`~.pane_assist.PaneAssist`: with the analyses, "sentence" snapping uses spaCy's
  sentences, the panes show claim candidates (N / Shift+N, Enter) and entities;
- :class:`~.entities.EntityTools`: the claims table's entity filter, tags by entity label;
- :class:`~.ranking.SuggestionRanker`: the suggestion index the Suggestions panel asks
  through :meth:`suggestions` (built lazily, rebuilt only when stale).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from ...core.errors import ClaimWeaveError, NotFoundError
from ...core.model import Change
from ...core.wording import counted
from ...nlp.assist import AnalysisRun, AssistData
from ...nlp.pipeline import ModelUnavailableError, PipelineInfo, PipelineLoader
from ..panels.suggestions import SuggestionAnswer, SuggestionsPanel
from ..panes import DocumentPane, PaneContainer, set_sentence_splitter
from ..panes.snapping import regex_sentences
from ..session import ProjectSession
from .entities import EntityTools
from .loader import Job, shared_loader
from .menus import AssistMenus
from .pane_assist import PaneAssist
from .ranking import SuggestionRanker
from .runner import AnalysisRunner, RunPlan
from .status import AnalysisStatus
from .window import AssistWindow

if TYPE_CHECKING:
    from ...nlp.analysis import Analysis, AnalysisProgress

START_DELAY_MS = 400  # after the window is painted; a quick open-and-close starts nothing
AUTOSTART_ENV = "CLAIMWEAVE_NLP_AUTOSTART"  # "0": analyse only when asked (the test suite)
RESUME = "(Assist > Analyse Documents resumes)"


class AssistController(QObject):
    """See the module docstring."""

    suggestionsChanged = Signal()
    analysesChanged = Signal()
    progressed = Signal(int, int)  # documents analysed, of, across runs that follow each other

    def __init__(self, window: AssistWindow, *, loader: PipelineLoader | None = None) -> None:
        super().__init__(window.window())
        self.window = window
        self.pipeline_loader = loader  # None: the process-wide one (spaCy loads once)
        self.session: ProjectSession | None = None
        self.data = AssistData()
        self.show_candidates = False
        self.show_entities = False
        self.panes: dict[int, PaneAssist] = {}
        self.panel: SuggestionsPanel | None = None
        self.ranker: SuggestionRanker | None = None
        self.menus = AssistMenus(window, show_candidates=self.set_show_candidates,
                                 show_entities=self.set_show_entities, walk=self.walk,
                                 tag_by_entity=self.choose_entity_tagging,
                                 analyse=self.start_analysis)
        self.status = AnalysisStatus(window.statusBar(), self.cancel_analysis)
        self.entity_tools = EntityTools(
            window, lambda: (self.session, self.data) if self.session is not None else None,
            self)
        self.runner = AnalysisRunner(self._run_plan, self)
        self.runner.started.connect(self.status.started)
        self.runner.said.connect(lambda text: self.status.say(f"spaCy: {text}…"))
        self.runner.loaded.connect(self._loaded)
        self.runner.progressed.connect(self._progressed)
        self.runner.analysed.connect(self._document)
        self.runner.ended.connect(self._ended)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.timeout.connect(self._refresh_all)
        self._start_timer = QTimer(self)
        self._start_timer.setSingleShot(True)
        self._start_timer.timeout.connect(self.start_analysis)
        self._update_actions()

    def _update_actions(self) -> None:
        writable = self.session is not None and not self.session.read_only
        self.menus.update(open_=self.session is not None,
                          can_tag=writable and bool(self.data.analyses)
                          and self.data.has_entities)

    # ================================================================== project
    def open(self, session: ProjectSession, *, start: bool | None = None) -> None:
        """A project is shown: make its panel, hook its panes, analyse after a moment
        (unless *start* is False, or None and ``$CLAIMWEAVE_NLP_AUTOSTART`` is "0")."""
        self.close()
        self.session = session
        self.data = AssistData()
        self.ranker = SuggestionRanker(session, self.data, self)
        self.ranker.changed.connect(self.suggestionsChanged)
        self.ranker.failed.connect(
            lambda why: self.window.show_message(f"Ranking suggestions failed: {why}"))
        self.panel = SuggestionsPanel(session, self)
        self.panel.message.connect(self.window.show_message)
        self.panel.revealRequested.connect(self.window.reveal)
        self.window.panels["suggestions"] = self.panel
        self.menus.dock.setWidget(self.panel)
        self.menus.place_dock()
        session.changed.connect(self._on_changed)
        container = self._container()
        if container is not None:
            container.documentsChanged.connect(lambda _ids: self._hook_panes())
            self._hook_panes()
        self.status.say("")
        self._update_actions()
        if start is None:
            start = os.environ.get(AUTOSTART_ENV, "1") != "0"
        if start:
            self._start_timer.start(START_DELAY_MS)

    def close(self) -> None:
        """The project goes: cancel the work (its worker ends by itself, on its own
        connection), forget its analyses, give the panes back."""
        self._start_timer.stop()
        self._refresh_timer.stop()
        self.entity_tools.stop()
        if self.panel is not None:
            try:
                self.suggestionsChanged.disconnect(self.panel.reload)
            except (RuntimeError, TypeError):
                pass
        self.runner.cancel()
        if self.ranker is not None:
            self.ranker.close()
            self.ranker.deleteLater()
            self.ranker = None
        for assist in self.panes.values():
            try:
                assist.detach()
            except RuntimeError:  # the pane is already gone with its container
                pass
        self.panes = {}
        if self.session is not None:
            try:
                self.session.changed.disconnect(self._on_changed)
            except (RuntimeError, TypeError):
                pass
        self.session = None
        self.panel = None  # the window deletes the dock's widget with the other panels
        self.data = AssistData()
        set_sentence_splitter(regex_sentences)
        self.status.clear()
        self._update_actions()

    def _container(self) -> PaneContainer | None:
        comparison = self.window.comparison
        return comparison.container if comparison is not None else None

    def _pane_list(self) -> list[DocumentPane]:
        container = self._container()
        return container.panes() if container is not None else []

    def _hook_panes(self) -> None:
        panes = self._pane_list()
        alive = {id(p) for p in panes}
        self.panes = {k: v for k, v in self.panes.items() if k in alive}
        for pane in panes:
            if id(pane) not in self.panes:
                assist = self.panes[id(pane)] = PaneAssist(pane, self)
                pane.documentChanged.connect(lambda _d, a=assist: a.refresh())
                # other annotators' claims shown or hidden: other sentences are unclaimed
                pane.layer_button.layersChanged.connect(lambda _l, a=assist: a.refresh())
                assist.refresh()

    def assist_for(self, pane: DocumentPane) -> PaneAssist | None:
        return self.panes.get(id(pane))

    def _on_changed(self, change: Change) -> None:
        if change.touches("claims"):
            self._refresh_timer.start(0)  # after the panes brought their claim index up to date
        # analysed once (or loading now: the run may have listed the documents already)
        if change.touches("documents") and (self.data.info is not None or self.analysing()):
            missing = [d.id for d in self.session.project.documents()  # type: ignore[union-attr]
                       if d.id not in self.data.analyses]
            if missing:
                self.start_analysis()
                if self.analysing():  # the count shown follows the documents that arrive
                    self._show_counts(self.status.documents_arrived(len(missing)))
        self._update_actions()

    def _refresh_all(self) -> None:
        for assist in self.panes.values():
            assist.refresh()

    # ================================================================== analysis
    def loader(self) -> PipelineLoader:
        return self.pipeline_loader or shared_loader()

    def analysing(self) -> bool:
        return self.runner.running()

    def start_analysis(self) -> Job | None:
        """Load spaCy and analyse the documents not analysed yet, on a worker thread."""
        self._start_timer.stop()
        return self.runner.start()

    def _run_plan(self) -> RunPlan | None:
        session, container = self.session, self._container()
        if session is None:
            return None
        first = [d for d in (container.documents() if container is not None else []) if d]
        return RunPlan(session.project.reading_file(), session.read_only, self.loader(), first)

    def _progressed(self, p: AnalysisProgress) -> None:
        self._show_counts(self.status.show_progress(p))

    def _show_counts(self, counts: tuple[int, int] | None) -> None:
        if counts is not None:
            self.progressed.emit(*counts)

    def cancel_analysis(self) -> None:
        if self.runner.cancel():
            done = counted(len(self.data.analyses), "document")
            self._analysis_ended(f"Analysis stopped: {done} analysed {RESUME}")

    def _ended(self, kind: str, payload: Any, again: bool) -> None:
        if kind == "done":
            run: AnalysisRun = payload
            if again:  # the runner starts once more: the count goes on
                self.status.next_run()
                self._update_actions()
                self.suggestionsChanged.emit()
                return
            self._analysis_ended("")
            if run.result.parsed or run.info.notice:
                notice = f" — {run.info.notice}" if run.info.notice else ""
                done = counted(len(run.result.parsed), "document")
                self.window.show_message(f"Analysed {done} with {run.info.name}{notice}")
        elif kind == "cancelled":
            self._analysis_ended("Analysis stopped")
        elif kind == "failed":
            self._failed(payload)

    def _loaded(self, info: PipelineInfo) -> None:
        self.data.info = info
        if info.notice:
            self.window.show_message(f"spaCy: {info.notice}")
        self.suggestionsChanged.emit()  # the panel shows the notice

    def _document(self, doc_id: str, analysis: Analysis) -> None:
        if self.session is None:
            return
        try:
            doc = self.session.project.document(doc_id)
        except NotFoundError:
            return
        self.data.add(doc_id, doc.text_sha256, analysis)
        set_sentence_splitter(self._split_sentences)  # forget sentences split without it
        for assist in self.panes.values():
            if assist.pane.document_id == doc_id:
                assist.refresh()
        if self.data.has_entities:
            self.entity_tools.analyses_changed()
        self._update_actions()
        self.analysesChanged.emit()

    def _analysis_ended(self, text: str) -> None:
        self.status.ended(text, self.data.info, len(self.data.analyses))
        self._update_actions()
        self.suggestionsChanged.emit()

    def _failed(self, exc: BaseException) -> None:
        """The model or spaCy itself is missing: assistance is off. Another known error
        (a document deleted meanwhile …): a message, and the analysis can be resumed.
        Anything else is a bug: to the crash handler."""
        if isinstance(exc, ModelUnavailableError | ImportError):
            self._analysis_ended("spaCy unavailable")
            self.window.show_message(f"spaCy assistance is off: {exc}")
            return
        if isinstance(exc, ClaimWeaveError):
            self._analysis_ended(f"Analysis stopped {RESUME}")
            self.window.show_message(f"Analysing the documents stopped: {exc} {RESUME}")
            return
        self._analysis_ended("spaCy unavailable")
        self.window.show_message(f"Analysing the documents failed: {exc}")
        raise exc  # a bug: to the crash handler (log and report), here on the UI thread

    def _split_sentences(self, text: str) -> list[tuple[int, int]]:
        return self.data.sentences_of_text(text) or regex_sentences(text)

    # ================================================================== panes
    def set_show_candidates(self, on: bool) -> None:
        self.show_candidates = bool(on)
        if self.menus.candidates_action.isChecked() != self.show_candidates:
            self.menus.candidates_action.setChecked(self.show_candidates)
        self._refresh_all()
        if on and self.session is not None and not self.data.analyses and not self.analysing():
            self.start_analysis()

    def set_show_entities(self, on: bool) -> None:
        self.show_entities = bool(on)
        if self.menus.entities_action.isChecked() != self.show_entities:
            self.menus.entities_action.setChecked(self.show_entities)
        self._refresh_all()
        if on and self.data.info is not None and not self.data.has_entities:
            self.window.show_message(f"spaCy: {self.data.info.notice}")
        if on and self.session is not None and not self.data.analyses and not self.analysing():
            self.start_analysis()

    def walk(self, step: int) -> None:
        container = self._container()
        pane = container.active_pane() if container is not None else None
        assist = self.assist_for(pane) if pane is not None else None
        if assist is not None:
            assist.walk(step)

    # ================================================================== entity tags
    def choose_entity_tagging(self) -> None:
        self.entity_tools.choose_tagging()

    def tag_by_entity(self, claim_ids: list[str]) -> int:
        """Tag the claims by their entities' labels in one undo step; tags added."""
        return self.entity_tools.tag(claim_ids)

    # ================================================================== suggestions
    def notice(self) -> str | None:
        """spaCy's notice (no English model), then the meaning model's (not installed)."""
        from ...nlp.meaning import notice

        info = self.data.info
        said = [n for n in (info.notice if info is not None else None, notice()) if n]
        return "; ".join(said) or None

    def annotator_name(self) -> str:
        container = self._container()
        return container.annotator_name() if container is not None else ""

    def suggestions(self, claim_id: str, scope: str, top: int) -> SuggestionAnswer:
        if self.ranker is None:
            return SuggestionAnswer([], " ")
        if not self.data.analyses:
            status = ("Analysing the documents: suggestions follow…" if self.analysing() else
                      "Suggestions need the documents analysed (Assist > Analyse Documents)")
            return SuggestionAnswer([], status)
        return self.ranker.answer(claim_id, scope, top)
