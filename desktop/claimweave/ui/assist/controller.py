"""The spaCy assistance in the main window: one controller, created with the window.

The window gains three calls: it creates the controller once (menu "Assist", the
Suggestions dock, status-bar widgets), calls :meth:`AssistController.open` when a project
is shown and :meth:`AssistController.close` when it goes. Everything else happens here:

- a short while after a project opens (start-up never waits for spaCy) a :class:`Job`
  loads the pipeline and analyses the documents, those on screen first, with progress in
  the status bar; closing the project or the program cancels it. The worker has its own
  connection and writes the NLP cache; each analysis is handed to the UI thread as soon as
  it exists;
- with the analyses, "sentence" snapping uses spaCy's sentences, the panes can show claim
  candidates (walked with N / Shift+N, accepted with Enter) and entities, the claims table
  filters by entity, and claims can be tagged by their entities' labels (one undo step);
- the Suggestions panel asks :meth:`suggestions`, which a :class:`SuggestionRanker`
  answers (the index, built lazily and rebuilt only when stale: see ``ranking.py``).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QProgressBar,
    QToolButton,
)

from ...core.errors import ClaimWeaveError, NotFoundError
from ...core.model import Change
from ...nlp.assist import AnalysisRun, AssistData, analyse_project
from ...nlp.pipeline import ModelUnavailableError, PipelineInfo, PipelineLoader
from ..panels.suggestions import SuggestionAnswer, SuggestionsPanel
from ..panes import DocumentPane, set_sentence_splitter
from ..panes.snapping import regex_sentences
from ..session import ProjectSession
from .loader import Job, shared_loader
from .pane_assist import PaneAssist
from .ranking import SuggestionRanker

if TYPE_CHECKING:  # the spaCy-side modules load on first use, after start-up
    from ...nlp.analysis import AnalysisProgress

START_DELAY_MS = 400  # after the window is painted; a quick open-and-close starts nothing
AUTOSTART_ENV = "CLAIMWEAVE_NLP_AUTOSTART"  # "0": analyse only when asked (the test suite)


class AssistController(QObject):
    """See the module docstring. ``window`` is the main window (docks, panels, comparison,
    show_message, reveal)."""

    suggestionsChanged = Signal()
    analysesChanged = Signal()

    def __init__(self, window: QMainWindow, *, loader: PipelineLoader | None = None) -> None:
        super().__init__(window)
        self.window: Any = window
        self.pipeline_loader = loader  # None: the process-wide one (spaCy loads once)
        self.session: ProjectSession | None = None
        self.data = AssistData()
        self.show_candidates = False
        self.show_entities = False
        self.panes: dict[int, PaneAssist] = {}
        self.panel: SuggestionsPanel | None = None
        self.analysis_job: Job | None = None
        self.ranker: SuggestionRanker | None = None
        self._analyse_again = False
        self._status = ""
        self._placed = False
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.timeout.connect(self._refresh_all)
        self._entities_timer = QTimer(self)
        self._entities_timer.setSingleShot(True)
        self._entities_timer.timeout.connect(self._refresh_entity_filter)
        self._start_timer = QTimer(self)
        self._start_timer.setSingleShot(True)
        self._start_timer.timeout.connect(self.start_analysis)
        self._build_actions()
        self._build_menu()
        self._build_dock()
        self._build_status()
        self._update_actions()

    # ================================================================== window parts
    def _action(self, text: str, slot: Any, shortcut: str | None = None, tip: str = "",
                *, checkable: bool = False) -> QAction:
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.setCheckable(checkable)
        if checkable:
            action.toggled.connect(slot)
        else:
            action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        self.candidates_action = self._action(
            "Show Claim &Candidates", self.set_show_candidates, "Ctrl+Shift+C",
            "Mark faintly the sentences likely to state a claim", checkable=True)
        self.entities_action = self._action(
            "Show &Entities", self.set_show_entities, "Ctrl+Shift+E",
            "Underline people, places, organisations, dates … found by spaCy", checkable=True)
        self.next_action = self._action("&Next Claim Candidate", lambda: self.walk(1), "N",
                                        "Select the next claim candidate in the pane")
        self.previous_action = self._action("&Previous Claim Candidate", lambda: self.walk(-1),
                                            "Shift+N")
        for action in (self.next_action, self.previous_action):
            # The pane handles the key itself; here the key is only shown next to the entry.
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.tag_action = self._action("&Tag Claims by Entity Label…", self.choose_entity_tagging,
                                       tip="Add tags such as person or organisation to "
                                           "claims that name one (one undo step)")
        self.analyse_action = self._action("&Analyse Documents", self.start_analysis,
                                           tip="Run spaCy over the documents not analysed yet")

    def _build_menu(self) -> None:
        bar = self.window.menuBar()
        self.menu = QMenu("&Assist", self.window)
        self.menu.addActions([self.candidates_action, self.next_action, self.previous_action])
        self.menu.addSeparator()
        self.menu.addAction(self.entities_action)
        self.menu.addAction(self.tag_action)
        self.menu.addSeparator()
        self.menu.addAction(self.analyse_action)
        before = next((a for a in bar.actions() if a.text().replace("&", "") == "Help"), None)
        if before is not None:
            bar.insertMenu(before, self.menu)
        else:
            bar.addMenu(self.menu)

    def _build_dock(self) -> None:
        dock = QDockWidget("Suggestions", self.window)
        dock.setObjectName("dock_suggestions")
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        right = Qt.DockWidgetArea.RightDockWidgetArea
        self.window.addDockWidget(right, dock)
        self.window.docks["suggestions"] = dock  # the window hides and empties it with the rest
        self.dock = dock
        toggle = dock.toggleViewAction()
        toggle.setText("&Suggestions")
        toggle.setShortcut(QKeySequence("Ctrl+Shift+G"))
        self.menu.addSeparator()
        self.menu.addAction(toggle)
        self._list_in_view_menu(toggle)
        dock.hide()

    def _list_in_view_menu(self, toggle: QAction) -> None:
        """Beside the other panels' entries in View, after the last of them."""
        bar = self.window.menuBar()
        view = next((a.menu() for a in bar.actions() if a.text().replace("&", "") == "View"),
                    None)
        if view is None:
            return
        panels = [d.toggleViewAction() for d in self.window.docks.values() if d is not self.dock]
        entries = view.actions()
        last = max((entries.index(a) for a in panels if a in entries), default=-1)
        if last < 0:
            view.addAction(toggle)
        elif last + 1 < len(entries):
            view.insertAction(entries[last + 1], toggle)
        else:
            view.addAction(toggle)

    def _place_dock(self) -> None:
        """Under the codebook, sharing the right-hand column, unless the user moved it."""
        codebook = self.window.docks.get("codebook")
        if self._placed or codebook is None:
            self.dock.show()
            return
        self._placed = True
        # Added to the right area again, it goes under the codebook's tab group (splitting
        # a tabbed dock would only add one more tab).
        self.window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock,
                                  Qt.Orientation.Vertical)
        self.dock.show()
        self.window.resizeDocks([codebook, self.dock], [2, 3], Qt.Orientation.Vertical)

    def _build_status(self) -> None:
        bar = self.window.statusBar()
        self.status_label = QLabel()
        self.status_label.setContentsMargins(6, 0, 6, 0)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(140)
        self.progress.setMaximumHeight(14)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.cancel_button = QToolButton()
        self.cancel_button.setText("✕")
        self.cancel_button.setAutoRaise(True)
        self.cancel_button.setToolTip("Stop analysing (Assist > Analyse Documents resumes)")
        self.cancel_button.clicked.connect(self.cancel_analysis)
        self.cancel_button.hide()
        bar.addPermanentWidget(self.status_label)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)

    def _update_actions(self) -> None:
        open_ = self.session is not None
        writable = open_ and not self.session.read_only  # type: ignore[union-attr]
        ready = bool(self.data.analyses)
        for action in (self.candidates_action, self.entities_action, self.next_action,
                       self.previous_action, self.analyse_action):
            action.setEnabled(open_)
        self.tag_action.setEnabled(writable and ready and self.data.has_entities)

    def _set_status(self, text: str, tip: str = "") -> None:
        self._status = text
        self.status_label.setText(text)
        self.status_label.setToolTip(tip)

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
        self.dock.setWidget(self.panel)
        self._place_dock()
        session.changed.connect(self._on_changed)
        container = self._container()
        if container is not None:
            container.documentsChanged.connect(lambda _ids: self._hook_panes())
            self._hook_panes()
        self._set_status("")
        self._update_actions()
        if start is None:
            start = os.environ.get(AUTOSTART_ENV, "1") != "0"
        if start:
            self._start_timer.start(START_DELAY_MS)

    def close(self) -> None:
        """The project goes: cancel the work, forget its analyses, give the panes back."""
        self._start_timer.stop()
        self._refresh_timer.stop()
        self._entities_timer.stop()
        if self.panel is not None:
            try:
                self.suggestionsChanged.disconnect(self.panel.reload)
            except (RuntimeError, TypeError):
                pass
        if self.analysis_job is not None:
            self.analysis_job.cancel(wait=1.0)  # let go of the file before it closes
            self.analysis_job.deleteLater()
            self.analysis_job = None
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
        self._analyse_again = False
        set_sentence_splitter(regex_sentences)
        self.progress.hide()
        self.cancel_button.hide()
        self._set_status("")
        self._update_actions()

    def _container(self) -> Any:
        comparison = getattr(self.window, "comparison", None)
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
        if change.touches("documents") and self.data.info is not None:
            missing = [d.id for d in self.session.project.documents()  # type: ignore[union-attr]
                       if d.id not in self.data.analyses]
            if missing:
                self.start_analysis()
        self._update_actions()

    def _refresh_all(self) -> None:
        for assist in self.panes.values():
            assist.refresh()

    # ================================================================== analysis
    def loader(self) -> PipelineLoader:
        return self.pipeline_loader or shared_loader()

    def analysing(self) -> bool:
        return self.analysis_job is not None and self.analysis_job.running

    def start_analysis(self) -> Job | None:
        """Load spaCy and analyse the documents not analysed yet, on a worker thread."""
        self._start_timer.stop()
        session = self.session
        if session is None:
            return None
        if self.analysing():
            self._analyse_again = True
            return self.analysis_job
        first = [d for d in (self._container().documents() if self._container() else []) if d]
        path, read_only, loader = session.project.path, session.read_only, self.loader()

        def work(post: Any, cancel: Any) -> AnalysisRun:
            return analyse_project(
                path, loader, read_only=read_only, first=first, cancel=cancel,
                say=lambda msg: post("say", msg),
                progress=lambda p: post("progress", p),
                on_loaded=lambda info: post("loaded", info),
                on_document=lambda doc_id, a: post("document", (doc_id, a)))

        job = self.analysis_job = Job("analysis", work, self)
        job.posted.connect(self._on_analysis)
        self._set_status("spaCy: starting…")
        self.cancel_button.show()
        job.start()
        return job

    def cancel_analysis(self) -> None:
        job = self.analysis_job
        if job is not None and job.running:
            job.cancel()
            self._analysis_ended(f"Analysis stopped: {len(self.data.analyses)} documents "
                                 "analysed (Assist > Analyse Documents resumes)")

    def _on_analysis(self, kind: str, payload: Any) -> None:
        if kind == "say":
            self._set_status(f"spaCy: {payload}…")
        elif kind == "loaded":
            self._loaded(payload)
        elif kind == "progress":
            self._progress(payload)
        elif kind == "document":
            self._document(*payload)
        elif kind == "done":
            run: AnalysisRun = payload
            self._analysis_ended("")
            if self.session is not None and self._analyse_again:
                self._analyse_again = False
                self.start_analysis()
            elif run.result.parsed or run.info.notice:
                notice = f" — {run.info.notice}" if run.info.notice else ""
                self.window.show_message(f"Analysed {len(run.result.parsed)} documents with "
                                         f"{run.info.name}{notice}")
        elif kind == "cancelled":
            self._analysis_ended("Analysis stopped")
        elif kind == "failed":
            self._failed(payload)

    def _loaded(self, info: PipelineInfo) -> None:
        self.data.info = info
        if info.notice:
            self.window.show_message(f"spaCy: {info.notice}")
        self.suggestionsChanged.emit()  # the panel shows the notice

    def _progress(self, p: AnalysisProgress) -> None:
        if not p.chars_total:
            return
        self.progress.setMaximum(p.chars_total)
        self.progress.setValue(p.chars_done)
        self.progress.show()
        self._set_status(f"Analysing documents: {p.documents_done} of {p.documents_total}")

    def _document(self, doc_id: str, analysis: Any) -> None:
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
            self._entities_timer.start(0)  # once for a burst of documents
        self._update_actions()
        self.analysesChanged.emit()

    def _refresh_entity_filter(self) -> None:
        claims = self.window.panels.get("claims")
        if claims is None or self.session is None:
            return
        if claims.entities is not self.data:
            claims.set_entity_source(self.data)
        else:
            claims.refresh_entities()

    def _analysis_ended(self, text: str) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        info = self.data.info
        if text:
            self._set_status(text)
        elif info is not None:
            self._set_status(
                f"spaCy: {info.name}" + (" · entity features off" if info.notice else ""),
                info.notice or f"{len(self.data.analyses)} documents analysed with "
                               f"{info.name} {info.version}")
        self._update_actions()
        self.suggestionsChanged.emit()

    def _failed(self, exc: BaseException) -> None:
        self._analysis_ended("spaCy unavailable")
        if isinstance(exc, ModelUnavailableError | ClaimWeaveError):
            self.window.show_message(f"spaCy assistance is off: {exc}")
            return
        self.window.show_message(f"Analysing the documents failed: {exc}")
        raise exc  # a bug: to the crash handler (log and report), here on the UI thread

    def _split_sentences(self, text: str) -> list[tuple[int, int]]:
        return self.data.sentences_of_text(text) or regex_sentences(text)

    # ================================================================== panes
    def set_show_candidates(self, on: bool) -> None:
        self.show_candidates = bool(on)
        if self.candidates_action.isChecked() != self.show_candidates:
            self.candidates_action.setChecked(self.show_candidates)
        self._refresh_all()
        if on and self.session is not None and not self.data.analyses and not self.analysing():
            self.start_analysis()

    def set_show_entities(self, on: bool) -> None:
        self.show_entities = bool(on)
        if self.entities_action.isChecked() != self.show_entities:
            self.entities_action.setChecked(self.show_entities)
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
        session = self.session
        if session is None:
            return
        claims_panel = self.window.panels.get("claims")
        shown = claims_panel.visible_claims() if claims_panel is not None else []
        every = [c.id for c in session.project.claims()]
        choices: list[tuple[str, list[str]]] = []
        if session.current_claim:
            choices.append(("The current claim", [session.current_claim]))
        if shown and len(shown) != len(every):
            choices.append((f"The {len(shown)} claims shown in the Claims table", shown))
        choices.append((f"All {len(every)} claims", every))
        label, ok = QInputDialog.getItem(
            self.window, "Tag claims by entity label",
            "Give claims tags named after the kinds of names they mention (person, "
            "organisation, country or city …). Which claims?", [c[0] for c in choices], 0,
            False)
        if ok:
            self.tag_by_entity(dict(choices)[label])

    def tag_by_entity(self, claim_ids: list[str]) -> int:
        """Tag the claims by their entities' labels in one undo step; tags added."""
        from ...nlp.entities import tag_by_entity_labels

        if self.session is None:
            return 0
        try:
            done = tag_by_entity_labels(self.session.project, self.data.analyses, claim_ids)
        except ClaimWeaveError as exc:
            self.window.show_message(str(exc))
            return 0
        if done.tags_added:
            new = f"; new tags: {', '.join(done.tags_created)}" if done.tags_created else ""
            self.window.show_message(f"Tagged {done.claims_tagged} claims by entity label "
                                     f"({done.tags_added} tags{new}); Ctrl+Z undoes it")
        else:
            self.window.show_message("No claim got a new tag: none of them names a person, "
                                     "place or organisation the analysis found, or they "
                                     "have those tags already")
        return done.tags_added

    # ================================================================== suggestions
    def notice(self) -> str | None:
        info = self.data.info
        return info.notice if info is not None else None

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
