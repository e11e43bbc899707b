"""spaCy work off the UI thread: loading the pipeline, analysing documents, building the
suggestion index.

A :class:`Job` runs a plain function on a daemon thread. The function never touches a
widget nor the window's :class:`~claimweave.core.store.Project` (it opens its own
connection, see :func:`claimweave.nlp.assist.worker_project`); it *posts* messages into a
queue that a timer on the UI thread drains, so no Qt object crosses threads (the same rule
as :mod:`claimweave.ui.background`, without its modal dialog: annotating goes on while the
documents are analysed). Cancelling sets an event the work checks between chunks (about a
second at most) and stops delivering messages at once; nobody waits for the thread: a job
still loading spaCy when its project closes finishes that load for the next project and
then stops (:attr:`Job.alive` says when).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from ...nlp.pipeline import PipelineLoader

POLL_MS = 40
Post = Callable[[str, Any], None]
Work = Callable[[Post, threading.Event], Any]
END_KINDS = ("done", "cancelled", "failed")

_shared: PipelineLoader | None = None


def shared_loader() -> PipelineLoader:
    """The process-wide pipeline loader: spaCy loads once, whichever project asks first."""
    global _shared
    if _shared is None:
        _shared = PipelineLoader()
    return _shared


class Job(QObject):
    """One piece of work on a daemon thread; its messages arrive on the UI thread.

    ``posted(kind, payload)`` carries what the work posted; the job ends with one of
    ``done`` (payload: the work's result), ``cancelled`` or ``failed`` (payload: the
    exception), after which ``finished`` is emitted. ``running`` is already False when
    that last message arrives, so its handler may start the next job.
    """

    posted = Signal(str, object)
    finished = Signal()

    def __init__(self, name: str, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._work = work
        self._queue: queue.SimpleQueue[tuple[str, Any]] = queue.SimpleQueue()
        self.cancel_event = threading.Event()
        self.worker: threading.Thread | None = None  # not "thread": QObject.thread() is Qt's
        self.thread_ident: int | None = None  # the worker's, for tests and logs
        self.running = False
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._drain)

    def start(self) -> None:
        self.running = True
        self.worker = threading.Thread(target=self._run, name=f"claimweave-{self.name}",
                                       daemon=True)
        self.worker.start()
        self._timer.start()

    def _run(self) -> None:
        from ...nlp.analysis import Cancelled

        self.thread_ident = threading.get_ident()

        def post(kind: str, payload: Any = None) -> None:
            self._queue.put((kind, payload))

        try:
            result = self._work(post, self.cancel_event)
        except Cancelled:
            post("cancelled", None)
        except BaseException as exc:  # handed to the UI thread
            post("failed", exc)
        else:
            post("done", result)

    def _drain(self) -> None:
        while self.running:
            try:
                kind, payload = self._queue.get_nowait()
            except queue.Empty:
                return
            if kind in END_KINDS:
                self._stop()
                self.posted.emit(kind, payload)
                self.finished.emit()
            else:
                self.posted.emit(kind, payload)

    def _stop(self) -> None:
        self.running = False
        self._timer.stop()

    @property
    def alive(self) -> bool:
        """Whether the worker thread still runs (also after :meth:`cancel`)."""
        return self.worker is not None and self.worker.is_alive()

    def cancel(self) -> None:
        """Ask the work to stop and deliver nothing more; the thread ends on its own."""
        self.cancel_event.set()
        self._stop()
