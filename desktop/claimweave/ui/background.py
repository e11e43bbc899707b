"""Long work off the UI thread with a progress dialog and Cancel: exports, reports,
reading files to import or merge, collections.

The job runs in a plain Python thread and must not touch widgets or the window's
:class:`~claimweave.core.store.Project` (SQLite connections belong to the thread that
made them): it opens what it reads itself. It reports ``(done, total)`` through the
callback it is given; the dialog polls that state, so no Qt object crosses threads.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

T = TypeVar("T")
Report = Callable[[int, int], None]
POLL_MS = 50
SHOW_AFTER_MS = 400


class JobCancelled(Exception):
    """The user pressed Cancel (or Esc) in a job's progress dialog; the job changed nothing
    (exports write through an atomic file, reading jobs have nothing to undo)."""


@dataclass
class _State(Generic[T]):
    done: int = 0
    total: int = 0
    result: T | None = None
    error: BaseException | None = None
    cancelled: bool = False
    finished: threading.Event = field(default_factory=threading.Event)


def run_with_progress(parent: QWidget | None, title: str, label: str,
                      job: Callable[[Report], T], *, cancel: str = "wait") -> T:
    """Run ``job(report)`` on a worker thread while the window stays painted; return its
    result or raise its exception here, on the UI thread, where it can become a message.

    The dialog's Cancel raises :class:`JobCancelled` here. *cancel* says how: "wait" ends
    the job at its next ``report`` call (which raises in the worker) and waits for that, so
    nothing is written after the user was told it was cancelled; "abandon" returns at once
    and drops the result of a job that only reads. Every job has a Cancel.
    """
    state: _State[T] = _State()

    def report(done: int, total: int) -> None:
        if state.cancelled:
            raise JobCancelled
        state.done, state.total = done, total

    def work() -> None:
        try:
            state.result = job(report)
        except BaseException as exc:  # handed to the UI thread below
            state.error = exc
        finally:
            state.finished.set()

    dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setAutoReset(False)
    dialog.setAutoClose(False)
    def cancelled() -> None:
        state.cancelled = True

    dialog.canceled.connect(cancelled)  # the button
    dialog.rejected.connect(cancelled)  # Esc
    dialog.setValue(0)  # starts Qt's show-after-a-delay timer: jobs that report nothing too
    loop = QEventLoop()
    timer = QTimer()  # wakes the loop below to show the worker's progress
    timer.setInterval(POLL_MS)
    thread = threading.Thread(target=work, name=f"claimweave-{title.lower()}", daemon=True)
    thread.start()
    timer.start()
    while not state.finished.is_set() and not (state.cancelled and cancel == "abandon"):
        if state.total:
            dialog.setMaximum(state.total)
            dialog.setValue(min(state.done, state.total))
        if state.cancelled:
            dialog.setLabelText("Cancelling…")
        # Until the window-modal dialog shows, clicks and keys wait: the window must not
        # open or close a project under the job. Once it shows, it takes them (Cancel).
        flags = QEventLoop.ProcessEventsFlag.WaitForMoreEvents
        if not dialog.isVisible():
            flags |= QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents
        loop.processEvents(flags)
    timer.stop()
    if not (state.cancelled and cancel == "abandon"):
        thread.join()
    dialog.canceled.disconnect(cancelled)  # to Qt, closing the dialog is cancelling it
    dialog.rejected.disconnect(cancelled)
    dialog.reset()  # stops its show-after-a-delay timer: a quick job's dialog never shows
    dialog.close()
    dialog.deleteLater()
    if state.cancelled and (cancel == "abandon" or isinstance(state.error, JobCancelled)):
        raise JobCancelled  # (a job that finished before it heard of it returns its result)
    if state.error is not None:
        raise state.error
    return state.result  # type: ignore[return-value]
