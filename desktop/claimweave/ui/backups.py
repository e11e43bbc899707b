"""Rolling backups while a project is open: the desktop's driver of core.backup.AutoBackup.

A backup copies the file through its own connection, so it runs on a worker thread and
editing goes on; one backup at a time (File > Back Up Now runs its own worker, behind a
progress dialog with Cancel, and the automatic ones wait for it). When the project closes,
a backup of pending edits is finished before the file is released.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from ..core.backup import AutoBackup, BackupError, backup_folder, list_backups
from ..core.store import Project
from .background import Report

# Runs a backup job, given a progress callback, e.g. on a worker with a progress dialog.
Runner = Callable[[Callable[[Report], Path]], Path]

TICK_MS = 60_000
KEEP = 10
EVERY_EDITS = 50
EVERY_SECONDS = 600.0


class BackupController(QObject):
    """Backs up on open, after every 50 edits or 10 minutes of editing, and on close;
    reports failures, never interrupts. A copy equal to the newest backup is dropped."""

    failed = Signal(str)  # emitted on the UI thread with the reason

    def __init__(self, project: Project, parent: QObject | None = None, *,
                 keep: int = KEEP, every_edits: int = EVERY_EDITS,
                 every_seconds: float = EVERY_SECONDS, folder: Path | None = None) -> None:
        super().__init__(parent)
        self._thread: threading.Thread | None = None
        self._error: str | None = None
        self._by_hand = False  # File > Back Up Now is running
        self.auto = AutoBackup(project.path, keep=keep, every_edits=every_edits,
                               every_seconds=every_seconds, folder=folder,
                               runner=self._run, on_error=self._remember_error)
        self._unsubscribe: Callable[[], None] | None = project.subscribe(self.auto.on_change)
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.tick)
        self._timer.start()
        self.auto.backup_now()  # kept only when it differs from the newest backup

    @property
    def folder(self) -> Path:
        return self.auto.folder or backup_folder(self.auto.project_path)

    @property
    def last_backup(self) -> Path | None:
        return self.auto.last_backup

    def _remember_error(self, exc: BackupError) -> None:
        self._error = str(exc)  # on the worker; reported from the UI thread in tick()

    def _run(self, job: Callable[[], None]) -> None:
        if self._by_hand or (self._thread is not None and self._thread.is_alive()):
            self.auto.pending_edits += 1  # a backup is running: the next tick takes these
            return
        self._thread = threading.Thread(target=job, name="claimweave-backup", daemon=True)
        self._thread.start()

    def tick(self) -> None:
        """Timer: report a failure from the worker, back up when edits wait long enough."""
        if self._error is not None:
            error, self._error = self._error, None
            self.failed.emit(error)
        self.auto.tick()

    def backup_now(self) -> None:
        self.wait()
        self.auto.backup_now()

    def backup_and_wait(self, run: Runner | None = None) -> tuple[Path, bool]:
        """Back up now and wait (File > Back Up Now): the backup's path and whether it is
        new (False: nothing changed since that one); BackupError when it failed.

        *run* runs the copy (by default here, at once); the window's runs it on a worker
        behind a progress dialog, whose Cancel leaves no file. Automatic backups due
        meanwhile wait for the next tick.
        """
        self.wait()
        before = list_backups(self.auto.project_path, self.auto.folder)
        self._by_hand = True
        try:
            made = run(self.auto.backup_here) if run else self.auto.backup_here()
        finally:
            self._by_hand = False
        return made, made not in before

    def wait(self, *, report: bool = True) -> str | None:
        """Block until a running backup has finished (quick: a few hundred ms at most);
        its failure, if any, is returned (and reported through *failed* when *report*)."""
        if self._thread is not None:
            self._thread.join()
        error, self._error = self._error, None
        if error is not None and report:
            self.failed.emit(error)
        return error

    def close(self) -> None:
        """Stop; back up pending edits and wait, so the file can be released safely."""
        self._timer.stop()
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        if self.auto.pending_edits:
            self.backup_now()
        self.wait()
