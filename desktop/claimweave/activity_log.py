"""The activity log: what ClaimWeave did, so a failure a user reports leaves a trace.

A rotating file, ``claimweave.log`` beside the crash logs (:func:`claimweave.crash.log_dir`),
receives the ``claimweave`` loggers at INFO: each start, each project opened, each import,
export and merge, and each input refused with an ``error:`` message. Three files of 1 MB at
most are kept. Nothing is printed: the command line's stdout and stderr stay as they are.
No Qt here: the desktop program and the command line both turn it on.
"""

from __future__ import annotations

import logging
import os
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

from . import __version__
from .crash import log_dir

LOG_NAME = "claimweave.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(process)d]: %(message)s"



class _QuietFileHandler(RotatingFileHandler):
    """A log that cannot be written (a folder of another user, a full disk) is skipped
    without a word: the log must never change what a command prints."""

    def handleError(self, record: logging.LogRecord) -> None:
        pass


_handler: _QuietFileHandler | None = None


def enable(folder: Path | None = None, *, program: str = "claimweave") -> Path:
    """Send the ``claimweave`` loggers to the rotating file in *folder* (the log folder by
    default) and log the start; once per process and folder. Returns the file's path."""
    global _handler
    path = (folder or log_dir()) / LOG_NAME
    root = logging.getLogger("claimweave")
    if _handler is not None:
        if Path(_handler.baseFilename) == path.resolve():
            return path
        root.removeHandler(_handler)
        _handler.close()
    path.parent.mkdir(parents=True, exist_ok=True)
    # backslashreplace: a file name that is not UTF-8 reaches messages as lone surrogates
    _handler = _QuietFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS,
                                 encoding="utf-8", errors="backslashreplace", delay=True)
    _handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(_handler)
    root.setLevel(logging.INFO)
    root.info("%s %s started (%s; Python %s): %s", program, __version__, sys.platform,
              sys.version.split()[0], " ".join(os.path.basename(a) if i == 0 else a
                                               for i, a in enumerate(sys.argv)))
    return path


def refused(message: str) -> None:
    """Log an input refused with an ``error:`` line or a message box."""
    logging.getLogger("claimweave.refused").info("refused: %s", message)
