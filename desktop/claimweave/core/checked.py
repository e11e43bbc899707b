"""Project files that passed the check at open, remembered while they stay unchanged.

The check at open (``quick_check`` of the project's own tables, core/database.py) reads
them whole: 70 ms of CPU at 100,000 claims and 360 ms at 500,000, at every open, though most
opens are of a file nothing has touched since the last one. A file whose device, inode,
size, modification and change times, and those of its ``-wal``, are what they were when it
last passed is not read again. Any write, by ClaimWeave, SQLite or another program, sets
the change time to the present, and no program can set it back (on Windows, where that
field is the creation time, the modification time carries it); a file is remembered only
when its times lie at least :data:`SETTLE_NS` before the check, so a write in the same
clock tick as the check cannot pass for no change. The record is a small JSON file beside
the logs (``checked-projects.json``, the newest :data:`KEEP` files); failing to read or
write it only means checking again.
"""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

SETTLE_NS = 2_000_000_000
KEEP = 200
FILE_NAME = "checked-projects.json"

Stamp = list[int]


def stamp(path: Path) -> Stamp | None:
    """What must stay the same for a passed check to still hold (None: cannot tell)."""
    try:
        main = os.stat(path)
    except OSError:
        return None
    try:
        wal = os.stat(path.with_name(path.name + "-wal"))
        wal_part = [wal.st_size, wal.st_mtime_ns, wal.st_ctime_ns]
    except OSError:
        wal_part = [0, 0, 0]
    return [main.st_dev, main.st_ino, main.st_size, main.st_mtime_ns, main.st_ctime_ns,
            *wal_part]


def passed(path: Path, now: Stamp | None) -> bool:
    """True when *path*, stamped *now*, passed the check and has not changed since."""
    return now is not None and _read().get(_key(path)) == now


def remember(path: Path, taken: Stamp | None) -> None:
    """*path*, stamped *taken* before its check, passed: remember it if it had settled."""
    if taken is None:
        return
    newest = max(taken[3], taken[4], taken[6], taken[7])
    if newest > time.time_ns() - SETTLE_NS:
        return  # changed a moment ago: another write could share the clock tick
    record = _read()
    record.pop(_key(path), None)
    record[_key(path)] = taken
    kept = dict(list(record.items())[-KEEP:])
    try:
        target = _file()
        scratch = target.with_name(f"{target.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        scratch.write_text(json.dumps(kept), encoding="utf-8")
        os.replace(scratch, target)
    except OSError:
        pass  # the next open checks again


def _key(path: Path) -> str:
    return os.path.abspath(path)


def _file() -> Path:
    from ..crash import log_dir  # the per-user folder the logs and crash reports go to

    return log_dir() / FILE_NAME


def _read() -> dict[str, Stamp]:
    try:
        data = json.loads(_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
