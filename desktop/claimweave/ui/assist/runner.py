"""Analysis runs: one :class:`Job` at a time runs ``analyse_project`` on a worker thread.

- Asked to start while a run is going, the runner remembers it and starts once more when
  that run is done (documents added meanwhile get analysed); any end of a run (done,
  cancelled, failed, stopped) forgets the request, so nothing starts later by surprise.
- Cancelling never waits: the worker has its own connection and ends by itself (between
  chunks, or after ``spacy.load``). While a cancelled worker is still alive, a new run is
  queued and starts only when it has ended, so two parsers never run at once.
- Only the current run's messages are passed on: a late message of a cancelled run (of a
  project that is closed by now) is dropped, never applied to the next project.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from ...nlp.assist import AnalysisRun, analyse_project
from ...nlp.pipeline import PipelineLoader
from .loader import END_KINDS, POLL_MS, Job


@dataclass(frozen=True, slots=True)
class RunPlan:
    """What a run analyses: the project file (opened by the worker), and the documents on
    screen, analysed first."""

    path: Path
    read_only: bool
    loader: PipelineLoader
    first: list[str]


class AnalysisRunner(QObject):
    """Starts, queues and cancels analysis runs; re-emits the current run's messages."""

    said = Signal(str)              # what the loader is doing
    loaded = Signal(object)         # PipelineInfo, before any parsing
    progressed = Signal(object)     # AnalysisProgress
    analysed = Signal(str, object)  # document id, Analysis
    started = Signal()
    ended = Signal(str, object, bool)  # "done" | "cancelled" | "failed", payload, runs again

    def __init__(self, plan: Callable[[], RunPlan | None], parent: QObject | None = None
                 ) -> None:
        super().__init__(parent)
        self._plan = plan
        self.job: Job | None = None
        self._queued = False       # self.job waits for a stopped worker to end
        self._again = False        # asked to start while running
        self._stopped: list[Job] = []  # cancelled jobs whose threads still run
        self._wait = QTimer(self)
        self._wait.setInterval(POLL_MS)
        self._wait.timeout.connect(self._launch)

    def running(self) -> bool:
        return self._queued or (self.job is not None and self.job.running)

    def start(self) -> Job | None:
        """Start a run (or queue it behind a stopped worker); while one runs, run once
        more after it. The job, or None when there is nothing to analyse."""
        if self.running():
            self._again = True
            return self.job
        plan = self._plan()
        if plan is None:
            return None

        def work(post: Any, cancel: Any) -> AnalysisRun:
            return analyse_project(
                plan.path, plan.loader, read_only=plan.read_only, first=plan.first,
                cancel=cancel, say=lambda msg: post("say", msg),
                progress=lambda p: post("progress", p),
                on_loaded=lambda info: post("loaded", info),
                on_document=lambda doc_id, a: post("document", (doc_id, a)))

        if self.job is not None:  # the last run, over
            self.job.deleteLater()
        job = self.job = Job("analysis", work, self)
        job.posted.connect(lambda kind, payload: self._on_posted(job, kind, payload))
        self._queued = True
        self.started.emit()
        self._launch()
        return job

    def _launch(self) -> None:
        for ended in [j for j in self._stopped if not j.alive]:
            self._stopped.remove(ended)
            ended.deleteLater()
        if self._stopped:  # a cancelled parser still runs: one parser at a time
            self._wait.start()
            return
        self._wait.stop()
        if self._queued and self.job is not None:
            self._queued = False
            self.job.start()

    def cancel(self) -> bool:
        """Stop the run without waiting for its thread; whether one was going."""
        self._again = False
        job, was = self.job, self.running()
        self._queued = False
        self._wait.stop()
        if job is not None:
            job.cancel()
            if job.alive:
                self._stopped.append(job)
            self.job = None
        return was

    def _on_posted(self, job: Job, kind: str, payload: Any) -> None:
        if job is not self.job:
            return  # a cancelled run's late message: its project may be gone
        if kind == "say":
            self.said.emit(payload)
        elif kind == "loaded":
            self.loaded.emit(payload)
        elif kind == "progress":
            self.progressed.emit(payload)
        elif kind == "document":
            self.analysed.emit(*payload)
        elif kind in END_KINDS:
            again, self._again = self._again and kind == "done", False
            self.ended.emit(kind, payload, again)
            if again:
                self.start()
