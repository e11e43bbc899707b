"""One writer per project file across running programs.

SQLite keeps concurrent access safe, but two windows editing the same project would each
show a stale picture of the other's work. A running program therefore holds an advisory
lock on ``<project>.lock``; a second program finds it taken and opens the project
read-only. The operating system drops the lock when the process dies, so a crash never
leaves a project locked.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO

from .errors import LockUnavailableError, ProjectLockedError


def lock_path(project: Path) -> Path:
    return project.with_name(project.name + ".lock")


class ProjectLock:
    def __init__(self, project: Path) -> None:
        self.path = lock_path(project)
        self._fh: IO[str] | None = None
        self._made = False  # this lock made the file (so a refused open can take it away)

    def acquire(self) -> None:
        made = not self.path.exists()
        try:
            fh = self.path.open("a+")
        except OSError as exc:  # a read-only folder or share; a folder in the way
            raise LockUnavailableError(
                f"{self.path.with_suffix('').name}: cannot create its lock file "
                f"{self.path.name} ({exc.strerror or exc}), so it can only be read"
            ) from None
        try:
            _lock(fh)
        except OSError:
            fh.close()
            raise ProjectLockedError(
                f"{self.path.with_suffix('').name}: open in another running ClaimWeave"
            ) from None
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        self._fh = fh
        self._made = made

    def release(self) -> None:
        if self._fh is None:
            return
        try:
            _unlock(self._fh)
        finally:
            self._fh.close()
            # The file stays: unlinking it would let a process that opened it a moment
            # earlier lock a stale inode while a third one locks a new file.
            self._fh = None

    def abandon(self) -> None:
        """Release after a refused open: the lock file goes too if this lock made it, so a
        project that could not be opened is left as it was found."""
        if self._fh is not None and self._made:
            self._remove_file()  # still locked: whoever opens the name now gets a new file
        self.release()

    def _remove_file(self) -> None:
        try:
            self.path.unlink()
        except OSError:
            pass
        self._made = False


if sys.platform == "win32":  # pragma: no cover - exercised by the Windows build
    import msvcrt

    def _lock(fh: IO[str]) -> None:
        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(fh: IO[str]) -> None:
        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fh: IO[str]) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fh: IO[str]) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
