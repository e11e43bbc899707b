"""Where a command may write a file, and the one way every file is written.

``export -o``, ``report -o``, the classroom files, ``backup --folder`` and the window's
Save dialogs all name a target chosen by a person, who can mistype it as the project
itself, its ``-wal``, or a FIFO. :func:`check_output_target` refuses such a target before
any work is done; :func:`atomic_write` writes a file under a temporary name beside the
target and renames it over the target only when it is complete, so a failed or killed
write never leaves half a file, and an existing file is only ever replaced whole.

A folder given where a file is written is refused with a message asking for a file name
(no name is made up for the user). New files get the user's umask (``0666 & ~umask``, as
``open()`` would give them, not the ``0600`` of :mod:`tempfile`); a file that is replaced
keeps its permissions.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any, Literal

from .errors import ClaimWeaveError

Kind = Literal["file", "folder", "any"]
SIDE_SUFFIXES = ("-wal", "-shm", "-journal", ".lock")
"""Files SQLite and ClaimWeave keep beside a project; writing one corrupts or unlocks it."""
PARTIAL_SUFFIX = ".part"


class OutputTargetError(ClaimWeaveError):
    """A file cannot be written where the user asked; nothing was written."""


def check_output_target(path: Path | str, protected: Iterable[Path | str] | Path | str = (),
                        *, kind: Kind = "file", exist_ok: bool = True,
                        backups_ok: bool = False) -> Path:
    """Refuse *path* as a place to write unless it is safe; returns it as a Path.

    Refused: a symbolic link, a device, a FIFO or a socket; a folder where a file is
    written (``kind="file"``) or a file where a folder is (``kind="folder"``); a file
    target whose folder does not exist; with ``exist_ok=False``, any existing
    target; and, for each project in *protected*, the project file itself (also through
    another path or a hard link), its side files (-wal, -shm, -journal, .lock) and its
    backups folder or anything inside it (the folder itself is allowed with *backups_ok*).
    """
    target = Path(path)
    what = f"{target}"
    try:
        st: os.stat_result | None = os.lstat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise OutputTargetError(f"{what}: cannot be written ({exc.strerror or exc})") from None
    if st is not None:
        _check_type(what, st.st_mode, kind)
        if not exist_ok:
            raise OutputTargetError(f"{what}: already exists; choose another name or remove it")
    parent = target.parent if str(target.parent) else Path(".")
    if kind != "folder" and not parent.is_dir():  # a folder is made with its parents
        raise OutputTargetError(f"{parent}: no such folder")
    real = Path(os.path.realpath(parent)) / target.name
    for project in _as_list(protected):
        _check_not_project_file(what, real, st, Path(project), backups_ok)
    return target


def _check_type(what: str, mode: int, kind: Kind) -> None:
    if stat.S_ISLNK(mode):
        if kind == "folder" and os.path.isdir(what):
            return  # a folder kept on another disk: files are made inside it, none replaced
        raise OutputTargetError(f"{what}: is a symbolic link; give the path of the file itself")
    if stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
        raise OutputTargetError(f"{what}: is a pipe or socket, not a file")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        raise OutputTargetError(f"{what}: is a device, not a file")
    if stat.S_ISDIR(mode) and kind == "file":
        raise OutputTargetError(f"{what}: is a folder; give the name of a file to write "
                                "(for example FOLDER/NAME.EXT)")
    if stat.S_ISREG(mode) and kind == "folder":
        raise OutputTargetError(f"{what}: is a file; this command writes into a folder")


def _as_list(protected: Iterable[Path | str] | Path | str) -> list[Path | str]:
    return [protected] if isinstance(protected, (str, os.PathLike)) else list(protected)


def _check_not_project_file(what: str, real: Path, st: os.stat_result | None, project: Path,
                            backups_ok: bool) -> None:
    from .backup import backup_folder  # backup.py writes through this module

    home = Path(os.path.realpath(project))
    if real == home or (st is not None and _same_file(real, home)):
        raise OutputTargetError(f"{what}: is the project file {project.name} itself; "
                                "choose another name")
    for suffix in SIDE_SUFFIXES:
        if real == home.with_name(home.name + suffix):
            raise OutputTargetError(f"{what}: is a file SQLite or ClaimWeave keeps beside the "
                                    f"project {project.name}; choose another name")
    backups = backup_folder(home)
    if (real == backups and not backups_ok) or backups in real.parents:
        raise OutputTargetError(f"{what}: is in the backups folder of {project.name}; "
                                "choose another place")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def umask_mode() -> int:
    """The mode ``open()`` gives a new file: 0666 less the process's umask."""
    return 0o666 & ~_umask()


def _umask() -> int:
    with suppress(OSError, ValueError):  # Linux: read it without changing it
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)  # elsewhere: set and restore (a moment's race, no other way)
    os.umask(mask)
    return mask


@contextmanager
def atomic_write(path: Path | str, *, binary: bool = False,
                 protected: Iterable[Path | str] | Path | str = (),
                 encoding: str = "utf-8", newline: str | None = "\n",
                 sync: bool = True) -> Iterator[IO[Any]]:
    """Write *path* completely or not at all: ``with atomic_write(p) as fh: fh.write(...)``.

    *sync=False* skips waiting for the disk before the rename, for exports of thousands of
    small files (a brat folder: 2,000 waits took 18 s); each file is still whole or absent.

    The target is checked first (:func:`check_output_target`, file targets only). Data goes
    to a hidden ``.NAME.XXXX.part`` beside it, is flushed to disk, and is renamed over the
    target; on any error the temporary file is removed and the target is untouched. OS
    errors (no space, no permission) become an :class:`OutputTargetError` naming the file.
    """
    target = check_output_target(path, protected, kind="file")
    folder = target.parent if str(target.parent) else Path(".")
    try:
        old_mode = stat.S_IMODE(os.stat(target).st_mode) if target.exists() else None
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=PARTIAL_SUFFIX, dir=folder)
    except OSError as exc:
        raise OutputTargetError(f"{target}: cannot be written ({exc.strerror or exc})") from None
    try:
        with suppress(OSError):  # a file system without modes (FAT, some shares)
            os.fchmod(fd, umask_mode() if old_mode is None else old_mode)
        if binary:
            fh: IO[Any] = os.fdopen(fd, "wb")
        else:
            fh = os.fdopen(fd, "w", encoding=encoding, newline=newline)
        with fh:
            yield fh
            fh.flush()
            if sync:
                os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        with suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputTargetError(
                f"{target}: cannot be written ({exc.strerror or exc}); nothing was written"
            ) from None
        raise


def write_text(path: Path | str, text: str, *,
               protected: Iterable[Path | str] | Path | str = ()) -> Path:
    """Write *text* (UTF-8) to *path* atomically; see :func:`atomic_write`."""
    with atomic_write(path, protected=protected) as fh:
        fh.write(text)
    return Path(path)
