"""The suggestion index of one open project, as the Suggestions panel needs it.

Built lazily (the first time the panel asks), off the UI thread, with its own read-only
connection (:func:`claimweave.nlp.assist.build_index`); a project of :data:`STORED_FROM`
documents or more gets it built into its tables instead, in bounded memory, its progress
shown and a close cancelling it (:func:`claimweave.nlp.assist.build_stored_index`), and
queried from there. It is current while
``suggest.signature(project)`` and the analyses it was built from are unchanged. A stale
index is rebuilt on the UI thread when the last build took under :data:`SYNC_BUILD_S`
(small projects: the list is always exact), else on a worker once edits have paused for
:data:`REBUILD_QUIET_MS` (a pure-Python worker competes with the UI for the interpreter,
and a burst of edits needs one rebuild); the old index answers meanwhile, without the
claims that are gone.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from ...core.errors import NotFoundError, StaleIndexError
from ...nlp.assist import AssistData, build_index, build_stored_index, fit_on_stored
from ..panels.suggestions import SuggestionAnswer
from ..session import ProjectSession
from .loader import Job

if TYPE_CHECKING:
    from ...nlp.analysis import Analysis
    from ...nlp.index_build import BuildProgress
    from ...nlp.learning import LearnedRanker
    from ...nlp.suggest import SuggestionIndex

SYNC_BUILD_S = 0.12
STORED_FROM = 200
"""Analysed documents from which the index is built into the project's tables on a worker
(bounded memory, progress shown, reused by ``claimweave suggest``) and queried from there;
below, it is kept in memory and rebuilt there when cheap (the list is always exact)."""
REBUILD_QUIET_MS = 1500
REFIT_EVERY = 3  # decisions (links made, suggestions dismissed) between two refits


class SuggestionRanker(QObject):
    changed = Signal()  # a (re)built index is ready: ask again
    failed = Signal(str)

    def __init__(self, session: ProjectSession, data: AssistData,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.data = data
        self.index: SuggestionIndex | None = None
        self.job: Job | None = None
        self.build_seconds: float | None = None
        self.progress: BuildProgress | None = None  # of a stored build under way
        self._version = -1
        self.learned: LearnedRanker | None = None
        self._decided = 0  # changes to links, dismissals and claimants seen so far
        self._fitted: tuple[int, int] | None = None  # (index id, self._decided) of the fit
        self.fit_job: Job | None = None
        session.changed.connect(self._count_decisions)
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.timeout.connect(self.rebuild)

    def close(self) -> None:
        self._quiet.stop()
        for job in (self.job, self.fit_job):
            if job is not None:
                job.cancel()
                job.deleteLater()
        self.job = self.fit_job = None

    def is_current(self) -> bool:
        return (self.index is not None and self._version == self.data.version
                and self.index.is_current(self.session.project))

    def answer(self, claim_id: str, scope: str, top: int) -> SuggestionAnswer:
        """The best *top* suggestions for a claim, or why there are none yet."""
        from ...nlp.suggest import NotAnalysedError, suggestions_for

        stale = not self.is_current()
        cheap = self.build_seconds is not None and self.build_seconds < SYNC_BUILD_S
        if stale and (self.index is None or cheap):
            self.rebuild()  # the first build, or one cheap enough to wait for
            stale = not self.is_current()
        elif stale:
            self._quiet.start(REBUILD_QUIET_MS)
        if self.index is None:
            return SuggestionAnswer([], f"Ranking the claims of the project…{self._building()}")
        project = self.session.project
        self._maybe_refit()
        learned = self.learned if self.learned is not None and (
            self._fitted is not None and self._fitted[0] == id(self.index)) else None
        try:
            items = suggestions_for(project, self.index, claim_id, scope=scope, top=top,
                                    learned=learned)
        except NotAnalysedError:
            return SuggestionAnswer([], "Updating the suggestions…" if stale else
                                    "This claim's document is not analysed yet")
        except NotFoundError:
            return SuggestionAnswer([], " ")
        except StaleIndexError:  # a stored index whose rows a new one just replaced
            return SuggestionAnswer([], f"Updating the suggestions…{self._building()}")
        if stale:  # drop what the old index offers but the project no longer has
            items = [s for s in items if s.claim_id is None or self._exists(s.claim_id)]
        return SuggestionAnswer(items, f"Updating the suggestions…{self._building()}" if stale
                                else "")

    def _count_decisions(self, change: Any) -> None:
        if change.touches("links", "dismissed_suggestions", "claims"):
            self._decided += 1

    def _maybe_refit(self) -> None:
        """Refit what the suggester learns from the user's links, on a worker, once the
        index changed or :data:`REFIT_EVERY` decisions were made since the last fit."""
        from ...nlp.learning import LearnedRanker, decisions_of

        if self.index is None or (self.fit_job is not None and self.fit_job.running):
            return
        now = (id(self.index), self._decided)
        last = self._fitted
        if last is not None and last[0] == now[0] and now[1] - last[1] < REFIT_EVERY:
            return
        decisions = decisions_of(self.session.project)  # read here: the worker has no project
        index, previous = self.index, self.learned
        path, key = self.session.project.path, index.stored_key

        def work(_post: Any, _cancel: Any) -> LearnedRanker | None:
            if key:  # a stored index reads through the UI's connection: the worker opens it
                return fit_on_stored(path, key, decisions)
            # The previous fit lends what it computed per query (same index only).
            return LearnedRanker.fit(index, decisions, previous=previous)

        def done(kind: str, payload: Any) -> None:
            if kind == "failed":
                raise payload  # a bug: to the crash handler, here on the UI thread
            if kind == "done" and payload is not None:
                self.learned, self._fitted = payload, now
                self.changed.emit()

        self.fit_job = Job("learning", work, self)
        self.fit_job.posted.connect(done)
        self.fit_job.start()

    def _exists(self, claim_id: str) -> bool:
        try:
            self.session.project.claim(claim_id)
        except NotFoundError:
            return False
        return True

    def rebuild(self) -> None:
        """Build the index again: here when the last build was cheap, else on a worker."""
        if self.job is not None and self.job.running:
            return
        version, analyses, previous = self.data.version, dict(self.data.analyses), self.index
        if self._stored(analyses):
            self._rebuild_stored(version, analyses)
            return
        if self.build_seconds is not None and self.build_seconds < SYNC_BUILD_S:
            from ...nlp.suggest import SuggestionIndex

            t0 = time.perf_counter()
            self.index = SuggestionIndex.build(self.session.project, analyses,
                                               previous=previous)
            self.build_seconds = time.perf_counter() - t0
            self._version = version
            return
        path = self.session.project.reading_file()

        def work(_post: Any, _cancel: Any) -> tuple[SuggestionIndex, float]:
            t0 = time.perf_counter()
            index = build_index(path, analyses, previous)
            return index, time.perf_counter() - t0

        def done(kind: str, payload: Any) -> None:
            if kind == "failed":
                self.failed.emit(str(payload))
                raise payload  # a bug: to the crash handler, here on the UI thread
            if kind == "done":
                self.index, self.build_seconds = payload
                self._version = version
            self.changed.emit()

        self.job = Job("suggestions", work, self)
        self.job.posted.connect(done)
        self.job.start()

    def _stored(self, analyses: Mapping[str, Analysis]) -> bool:
        """Whether the index is kept in the project's tables rather than in memory: for a
        writable project of :data:`STORED_FROM` analysed documents or more."""
        return not self.session.project.read_only and len(analyses) >= STORED_FROM

    def _rebuild_stored(self, version: int, analyses: Mapping[str, Analysis]) -> None:
        """Answer from the index stored in the project when it is current (a command may
        have built it), else build and store it on a worker, telling its progress."""
        from ...nlp.index_store import index_key, opened
        from ...nlp.suggest import DEFAULT

        project = self.session.project
        key = index_key(project, {i: (a.model, a.version) for i, a in analyses.items()},
                        DEFAULT)
        found = opened(project, key)
        if found is not None:
            self.index, self._version = found, version
            return
        path = project.path

        def work(post: Any, cancel: Any) -> float:
            t0 = time.perf_counter()
            build_stored_index(path, analyses, key, cancel=cancel,
                               progress=lambda p: post("progress", p))
            return time.perf_counter() - t0

        def done(kind: str, payload: Any) -> None:
            if kind == "progress":
                shown = self.progress
                self.progress = payload
                if shown is None or int(20 * shown.fraction) != int(20 * payload.fraction):
                    self.changed.emit()  # the panel shows how far it is, every 5 %
                return
            self.progress = None
            if kind == "failed":
                self.failed.emit(str(payload))
                raise payload  # a bug: to the crash handler, here on the UI thread
            if kind == "done":
                self.build_seconds = payload
                index = opened(self.session.project, key)  # None: claims changed meanwhile
                if index is not None:
                    self.index, self._version = index, version
            self.changed.emit()

        self.job = Job("suggestions", work, self)
        self.job.posted.connect(done)
        self.job.start()

    def _building(self) -> str:
        """How far a stored build is, for the panel's status line ("" when unknown)."""
        return f" {int(100 * self.progress.fraction)} %" if self.progress is not None else ""
