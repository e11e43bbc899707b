"""Crash evidence, without Qt: where logs go, the report's text, and what the next start sees.

Three things make a crash survivable for the user and fixable for us:

- a *report* for every unexpected Python exception (versions, platform, traceback) written
  to a log file, so it can be read and copied even when the window is gone;
- *faulthandler* writing into a per-session file, so a native crash (a segfault in Qt or
  a C extension, which no Python handler sees) still leaves a traceback;
- a *marker*, so the next start knows a crash happened and can offer the log.

The dialog that shows a report lives in :mod:`claimweave.ui.crash_dialog`; this module
works in every process, including the command line and workers without a display.
"""

from __future__ import annotations

import atexit
import faulthandler
import os
import platform
import sys
import threading
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import IO

from . import APP_NAME, __version__

LOG_DIR_ENV = "CLAIMWEAVE_LOG_DIR"
PENDING_MARKER = "pending-crash.txt"  # holds the path of a report the user has not seen yet
NATIVE_PREFIX = "native-"
KEEP_REPORTS = 20

_native: IO[str] | None = None
_native_path: Path | None = None
_lock = threading.Lock()


# --------------------------------------------------------------------- where logs live
def log_dir() -> Path:
    """The folder for crash logs; created on first use.

    ``$CLAIMWEAVE_LOG_DIR`` wins (tests, portable installs). Otherwise each platform's
    place for logs: ``$XDG_STATE_HOME/ClaimWeave`` (default ``~/.local/state/ClaimWeave``)
    on Linux, ``%LOCALAPPDATA%\\ClaimWeave\\Logs`` on Windows, ``~/Library/Logs/ClaimWeave``
    on macOS.
    """
    override = os.environ.get(LOG_DIR_ENV)
    if override:
        folder = Path(override)
    elif sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        folder = Path(base) / APP_NAME / "Logs"
    elif sys.platform == "darwin":
        folder = Path.home() / "Library" / "Logs" / APP_NAME
    else:
        base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
        folder = Path(base) / APP_NAME
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# --------------------------------------------------------------------- the report
def versions() -> dict[str, str]:
    """Versions worth knowing in a bug report; never imports Qt or spaCy to find them."""
    from importlib import metadata  # 15 ms of imports every command would pay at start

    found = {
        APP_NAME: __version__,
        "Python": f"{platform.python_implementation()} {platform.python_version()}",
        "Platform": platform.platform(),
    }
    if getattr(sys, "frozen", False):
        found[APP_NAME] += " (packaged)"
    qtcore = sys.modules.get("PySide6.QtCore")
    if qtcore is not None:
        found["Qt"] = f"{qtcore.qVersion()} (PySide6 {getattr(qtcore, '__version__', '?')})"
    else:
        for dist in ("PySide6-Essentials", "PySide6"):
            try:
                found["PySide6"] = metadata.version(dist) + " (not loaded)"
                break
            except metadata.PackageNotFoundError:
                continue
    spacy = sys.modules.get("spacy")
    if spacy is not None:
        found["spaCy"] = str(getattr(spacy, "__version__", "?"))
    return found


def format_report(kind: type[BaseException], exc: BaseException,
                  tb: TracebackType | None, *, context: str | None = None) -> str:
    """A plain-text report meant to be pasted into a bug report as it is."""
    when = datetime.now().astimezone().isoformat(timespec="seconds")
    lines = [f"{APP_NAME} crash report, {when}"]
    lines += [f"{name}: {value}" for name, value in versions().items()]
    lines.append(f"Thread: {threading.current_thread().name}")
    if context:
        lines.append(f"While: {context}")
    lines.append("")
    lines.extend(line.rstrip("\n") for line in traceback.format_exception(kind, exc, tb))
    return "\n".join(lines) + "\n"


def write_report(kind: type[BaseException], exc: BaseException, tb: TracebackType | None,
                 *, context: str | None = None, folder: Path | None = None) -> tuple[Path, str]:
    """Write the report to a new log file and mark it as not yet seen; (path, text).

    The marker is cleared by :func:`acknowledge` once the user has been shown the report;
    if the program dies before that, the next start offers it.
    """
    text = format_report(kind, exc, tb, context=context)
    folder = folder or log_dir()
    with _lock:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        path = folder / f"crash-{stamp}-{os.getpid()}.log"
        n = 2
        while path.exists():
            path = folder / f"crash-{stamp}-{os.getpid()}-{n}.log"
            n += 1
        path.write_text(text, encoding="utf-8")
        (folder / PENDING_MARKER).write_text(str(path), encoding="utf-8")
        _prune(folder)
    return path, text


def _prune(folder: Path) -> None:
    reports = sorted(folder.glob("crash-*.log"), key=lambda p: p.stat().st_mtime)
    for old in reports[:-KEEP_REPORTS]:
        old.unlink(missing_ok=True)


# --------------------------------------------------------------------- native crashes
def enable_native_log(folder: Path | None = None) -> Path:
    """Have faulthandler write native crashes (and fatal signals) to a per-session file.

    The file is ``native-<pid>.log``; a clean exit deletes it while it is empty, so one
    that is left behind with content, by a process no longer running, is a native crash.
    Idempotent; returns the file's path.
    """
    global _native, _native_path
    if _native is not None and _native_path is not None:
        return _native_path
    folder = folder or log_dir()
    path = folder / f"{NATIVE_PREFIX}{os.getpid()}.log"
    _native = path.open("w", encoding="utf-8")
    _native_path = path
    faulthandler.enable(_native, all_threads=True)
    atexit.register(_close_native_log)
    return path


def native_log_path() -> Path | None:
    """The file faulthandler writes to in this process, or None when not enabled."""
    return _native_path


def _close_native_log() -> None:
    global _native, _native_path
    if _native is None or _native_path is None:
        return
    faulthandler.disable()
    _native.close()
    try:
        if _native_path.stat().st_size == 0:
            _native_path.unlink()
    except OSError:
        pass
    _native, _native_path = None, None


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # pragma: no cover - exercised by the Windows build
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)
        if handle:
            ctypes.windll.kernel32.CloseHandle(handle)
            return True
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# --------------------------------------------------------------------- the next start
def previous_crash(folder: Path | None = None) -> Path | None:
    """The log of a crash the user has not been shown yet, newest first; None if none.

    A Python crash report whose dialog never appeared (the marker), or the faulthandler
    file left with content by a session that is no longer running. Empty files left by
    sessions that were killed without a trace are tidied away here.
    """
    folder = folder or log_dir()
    candidates: list[Path] = []
    marker = folder / PENDING_MARKER
    if marker.is_file():
        target = Path(marker.read_text(encoding="utf-8").strip())
        if target.is_file():
            candidates.append(target)
        else:
            marker.unlink(missing_ok=True)
    for native in folder.glob(f"{NATIVE_PREFIX}*.log"):
        pid = native.stem[len(NATIVE_PREFIX):]
        if not pid.isdigit() or _pid_alive(int(pid)):
            continue
        if native.stat().st_size == 0:
            native.unlink(missing_ok=True)
        else:
            candidates.append(native)
    if not candidates:
        return None
    return max(candidates, key=lambda p: p.stat().st_mtime)


def acknowledge(path: Path, folder: Path | None = None) -> Path:
    """The user has seen this log: don't offer it again. Returns where the log now is.

    The log is kept; a native log is renamed ``crash-<time>-native-<pid>.log``.
    """
    folder = folder or log_dir()
    marker = folder / PENDING_MARKER
    if marker.is_file() and Path(marker.read_text(encoding="utf-8").strip()) == path:
        marker.unlink(missing_ok=True)
    if path.name.startswith(NATIVE_PREFIX) and path.is_file():
        stamp = datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y%m%d-%H%M%S")
        target = path.with_name(f"crash-{stamp}-native-{path.stem[len(NATIVE_PREFIX):]}.log")
        path.rename(target)
        return target
    return path


def read_log(path: Path, limit: int = 200_000) -> str:
    """A log's text for display; the end is kept when it is very long (tracebacks end there)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    return text if len(text) <= limit else "…\n" + text[-limit:]
