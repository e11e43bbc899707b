"""Rolling backups of a project file, made with SQLite's online backup API.

Every verb already commits to disk, so backups are not what keeps the last edit; they are
what undoes a *bad* hour (a wrong merge, a mass delete, a file damaged by another tool or
a failing disk). A backup is a complete project file: restoring is opening it.

Layout: ``<folder>/<name>.backups/<name>-YYYYMMDD-HHMMSS.claimweave`` beside the project;
the newest ``keep`` are kept. The copy reads through its own read-only connection, in steps
of a few megabytes; in WAL mode a reader never blocks the writer, so the program keeps
editing while a backup runs (in a worker thread, or between two edits).
"""

from __future__ import annotations

import filecmp
import glob
import os
import re
import sqlite3
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from . import database
from .errors import ClaimWeaveError
from .targets import check_output_target

DEFAULT_KEEP = 10
STEP_PAGES = 1024  # 4 MB at SQLite's default page size: a step takes milliseconds
SUFFIX = ".claimweave"
_STAMP = "%Y%m%d-%H%M%S"
PARTIAL = ".partial"  # <backup>.<pid>.partial while it is being written


class BackupError(ClaimWeaveError):
    """A backup could not be made (disk full, folder not writable); the project is unharmed."""


class _Restarted(Exception):
    """The source changed so often during a stepped copy that it kept starting over."""


def backup_folder(project_path: Path | str) -> Path:
    """``<name>.backups`` beside the project file."""
    path = Path(project_path)
    return path.with_name(f"{_stem(path)}.backups")


def _stem(path: Path) -> str:
    return path.name[: -len(SUFFIX)] if path.name.endswith(SUFFIX) else path.stem


def list_backups(project_path: Path | str, folder: Path | None = None) -> list[Path]:
    """The project's backups, oldest first (by the time in their names)."""
    path = Path(project_path)
    folder = folder or backup_folder(path)
    pattern = re.compile(re.escape(_stem(path)) + r"-(\d{8}-\d{6})(?:-(\d+))?"
                         + re.escape(SUFFIX) + "$")
    found: list[tuple[str, int, Path]] = []
    if folder.is_dir():
        for entry in folder.iterdir():
            m = pattern.match(entry.name)
            if m and entry.is_file():
                found.append((m.group(1), int(m.group(2) or 1), entry))
    return [p for _, _, p in sorted(found)]


def make_backup(project: Any, *, keep: int = DEFAULT_KEEP, folder: Path | None = None,
                step_pages: int = STEP_PAGES, now: datetime | None = None,
                unless_unchanged: bool = False,
                progress: Callable[[int, int], None] | None = None) -> Path:
    """Copy the project (a :class:`~claimweave.core.store.Project` or a path) to a new backup.

    The project is inspected first, as every command does: an emptied, foreign, newer or
    damaged file is refused with the same message (as a :class:`BackupError`) and nothing
    is written or pruned (a useless copy must not push the good ones out).
    Returns the backup's path and deletes all but the newest *keep* backups (never the
    newest copy that passes ``claimweave check``, see :func:`prune`). With
    *unless_unchanged*, a copy equal to the newest backup is dropped and that one returned,
    so automatic backups of an unchanged project do not push useful copies out. Safe to call
    from any thread: it never touches the program's own connection. Committed edits only
    (every verb commits at once, so that is every edit). Raises :class:`BackupError`.
    *progress* gets ``(pages copied, pages)`` after each step; whatever it raises (the user
    cancelled) stops the copy, removes the half-written file and is raised again.
    """
    if keep < 1:
        raise BackupError("at least one backup must be kept")
    source_path = Path(getattr(project, "path", project))
    folder = folder or backup_folder(source_path)
    try:
        database.inspect_file(source_path)
        check_output_target(folder, source_path, kind="folder", backups_ok=True)
    except ClaimWeaveError as exc:
        raise BackupError(f"{exc}; no backup was made") from None
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(f"{folder}: cannot create the backup folder ({exc.strerror or exc})"
                          ) from None
    target = _free_name(folder, _stem(source_path), now or datetime.now())
    partial = target.with_name(f"{target.name}.{os.getpid()}{PARTIAL}")
    kept = list_backups(source_path, folder) if unless_unchanged else []
    newest = kept[-1] if kept else None
    try:
        _copy(source_path, partial, step_pages, progress)
        if newest is not None and filecmp.cmp(partial, newest, shallow=False):
            _unlink(partial)  # nothing changed since: the newest copy already holds it
            return newest
        os.replace(partial, target)
    except (sqlite3.Error, OSError) as exc:
        _unlink(partial)
        raise BackupError(f"{source_path.name}: the backup failed ({exc}); the project itself "
                          "is unchanged") from None
    except BaseException:
        _unlink(partial)  # cancelled: no half-written copy stays behind
        raise
    prune(source_path, keep, folder)
    return target


def _free_name(folder: Path, stem: str, when: datetime) -> Path:
    base = f"{stem}-{when.strftime(_STAMP)}"
    candidate = folder / f"{base}{SUFFIX}"
    n = 2
    while candidate.exists() or any(folder.glob(glob.escape(candidate.name) + ".*" + PARTIAL)):
        candidate = folder / f"{base}-{n}{SUFFIX}"
        n += 1
    return candidate


def _copy(source: Path, target: Path, step_pages: int,
          progress: Callable[[int, int], None] | None) -> None:
    """Backup API copy, stepped; falls back to one step if edits keep restarting it."""
    src = sqlite3.connect(source.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        try:
            _copy_once(src, target, step_pages, progress)
        except _Restarted:
            _unlink(target)
            _copy_once(src, target, -1, progress)  # one read transaction: no restarts
    finally:
        src.close()
    _fsync(target)


def _copy_once(src: sqlite3.Connection, target: Path, step_pages: int,
               report: Callable[[int, int], None] | None) -> None:
    copied = 0

    def progress(_status: int, remaining: int, total: int) -> None:
        nonlocal copied
        copied += min(step_pages, total) if step_pages > 0 else total
        if report is not None:
            report(total - remaining, total)
        if remaining and copied > 5 * max(total, 1):
            raise _Restarted

    dst = sqlite3.connect(target)
    try:
        src.backup(dst, pages=step_pages, progress=progress)
        rows = dst.execute("PRAGMA quick_check").fetchall()
    finally:
        dst.close()
    if rows != [("ok",)]:
        raise sqlite3.DatabaseError(f"the copy fails its check ({rows[0][0]})")


def _fsync(path: Path) -> None:
    """Flush the copy to disk before it gets its final name."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass


def prune(project_path: Path | str, keep: int, folder: Path | None = None) -> list[Path]:
    """Delete all but the newest *keep* backups; returns the deleted paths.

    The newest backup that passes ``claimweave check`` is never deleted: when the kept ones
    all fail it (the project was damaged by another tool and backed up so), it stays
    beside them. Copies left half-written by a killed backup (``.partial``) go too. A
    backup that cannot be deleted (open in a program, on Windows) stays until a later prune.
    """
    backups = list_backups(project_path, folder)
    doomed = backups[: max(0, len(backups) - keep)]
    if doomed:
        good = _newest_good(backups)
        doomed = [p for p in doomed if p != good]
    deleted = _remove_stale_partials(project_path, folder)
    for path in doomed:
        try:
            _unlink(path)
            for side in ("-wal", "-shm", ".lock"):
                _unlink(path.with_name(path.name + side))
        except OSError:
            continue
        deleted.append(path)
    return deleted


_GOOD: dict[tuple[str, int, int], bool] = {}  # a backup does not change: checked once


def passes_check(path: Path) -> bool:
    """Whether *path* passes ``claimweave check`` (remembered per file, size and time)."""
    from .integrity import check  # the check reads backups through this module's folder

    try:
        st = path.stat()
    except OSError:
        return False
    key = (str(path), st.st_size, st.st_mtime_ns)
    if key not in _GOOD:
        try:
            _GOOD[key] = check(path).ok
        except (ClaimWeaveError, OSError):
            _GOOD[key] = False
    return _GOOD[key]


def _newest_good(backups: list[Path]) -> Path | None:
    return next((p for p in reversed(backups) if passes_check(p)), None)


def _remove_stale_partials(project_path: Path | str, folder: Path | None) -> list[Path]:
    """Half-written copies whose backup process is gone (killed, or the machine stopped)."""
    folder = folder or backup_folder(Path(project_path))
    stem = _stem(Path(project_path))
    gone = []
    for entry in folder.glob(glob.escape(stem) + "-*" + SUFFIX + ".*" + PARTIAL):
        pid = entry.name[: -len(PARTIAL)].rsplit(".", 1)[-1]
        if pid.isdigit() and not _alive(int(pid), entry):
            try:
                _unlink(entry)
            except OSError:
                continue
            gone.append(entry)
    return gone


def _alive(pid: int, entry: Path) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # pragma: no cover - os.kill would end the process there
        try:
            return time.time() - entry.stat().st_mtime < 3600
        except OSError:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: it exists, under another user
        return True
    return True


class AutoBackup:
    """When to back up an open project: on open, then after *every_edits* edits or
    *every_seconds* of editing, whichever comes first. Qt-free; the desktop drives it.

    Wiring: ``auto = AutoBackup(project.path)``; ``unsubscribe = project.subscribe(
    auto.on_change)``; ``auto.backup_now()`` after opening; a timer calls ``auto.tick()``
    every minute. *runner* executes the backup (default: at once, in this thread; the
    desktop may pass one that submits to a worker thread). *on_error* receives a
    :class:`BackupError`, which must not interrupt editing.
    """

    def __init__(self, project_path: Path | str, *, keep: int = DEFAULT_KEEP,
                 every_edits: int = 50, every_seconds: float = 600.0,
                 folder: Path | None = None,
                 runner: Callable[[Callable[[], None]], None] | None = None,
                 on_error: Callable[[BackupError], None] | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.project_path = Path(project_path)
        self.keep = keep
        self.every_edits = every_edits
        self.every_seconds = every_seconds
        self.folder = folder
        self.runner = runner or (lambda job: job())
        self.on_error = on_error
        self.clock = clock
        self.pending_edits = 0
        self.last_backup: Path | None = None
        self._last_time = clock()

    def on_change(self, _change: object = None) -> None:
        """A project listener: counts committed edits, backs up every *every_edits*."""
        self.pending_edits += 1
        if self.pending_edits >= self.every_edits:
            self.backup_now()

    def tick(self) -> None:
        """Call periodically; backs up when edits are pending and the interval has passed."""
        if self.pending_edits and self.clock() - self._last_time >= self.every_seconds:
            self.backup_now()

    def backup_now(self) -> None:
        """Back up now (on open, before a risky operation such as a merge, on close)."""
        self.pending_edits = 0
        self._last_time = self.clock()
        self.runner(self._job)

    def backup_here(self, progress: Callable[[int, int], None] | None = None) -> Path:
        """Back up now in this thread, raising what fails (File > Back Up Now, on a worker
        with a progress dialog): the same rules as the automatic backups."""
        self.pending_edits = 0
        self._last_time = self.clock()
        self.last_backup = self._make(progress)
        return self.last_backup

    def _make(self, progress: Callable[[int, int], None] | None = None) -> Path:
        return make_backup(self.project_path, keep=self.keep, folder=self.folder,
                           unless_unchanged=True, progress=progress)

    def _job(self) -> None:
        try:
            self.last_backup = self._make()
        except (ClaimWeaveError, OSError) as exc:  # a damaged project is refused, not copied
            if self.on_error is None:
                raise
            self.on_error(exc if isinstance(exc, BackupError) else BackupError(
                f"{self.project_path.name}: no backup was made ({exc})"))
