"""Long work off the UI thread with a progress dialog: exports, collections, hand-ins.

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


@dataclass
class _State(Generic[T]):
    done: int = 0
    total: int = 0
    result: T | None = None
    error: BaseException | None = None
    finished: threading.Event = field(default_factory=threading.Event)


def run_with_progress(parent: QWidget | None, title: str, label: str,
                      job: Callable[[Report], T]) -> T:
    """Run ``job(report)`` on a worker thread while the window stays painted; return its
    result or raise its exception here, on the UI thread, where it can become a message."""
    state: _State[T] = _State()

    def report(done: int, total: int) -> None:
        state.done, state.total = done, total

    def work() -> None:
        try:
            state.result = job(report)
        except BaseException as exc:  # handed to the UI thread below
            state.error = exc
        finally:
            state.finished.set()

    # No Cancel button: Qt documents a null button text as that; PySide6's stubs want a str.
    dialog = QProgressDialog(label, None, 0, 0, parent)  # type: ignore[call-overload]
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setValue(0)  # starts Qt's show-after-a-delay timer: jobs that report nothing too
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(POLL_MS)

    def poll() -> None:
        if state.total:
            dialog.setMaximum(state.total)
            dialog.setValue(min(state.done, state.total))
        if state.finished.is_set():
            loop.quit()

    timer.timeout.connect(poll)
    thread = threading.Thread(target=work, name=f"claimweave-{title.lower()}", daemon=True)
    thread.start()
    timer.start()
    if not state.finished.is_set():
        # Painting goes on, clicks and keys wait: the dialog has nothing to click and the
        # window must not open or close a project under the job.
        loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    timer.stop()
    thread.join()
    dialog.close()
    dialog.deleteLater()
    if state.error is not None:
        raise state.error
    return state.result  # type: ignore[return-value]
