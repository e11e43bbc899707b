"""``claimweave check --repair``: remove what another program planted, after a backup.

Only what can be removed without judging the user's data is repaired: triggers, views and
indexes ClaimWeave did not create (a changed index of its own is made again as defined),
and ClaimWeave's own triggers and indexes another program removed, which are made again.
Damaged rows are reported by the check and left for the user to restore from a backup.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from . import database
from .backup import make_backup
from .errors import CorruptProjectError
from .lock import ProjectLock
from .schema_objects import (
    SchemaObject,
    foreign_objects,
    missing_objects,
    remove_foreign_objects,
)


@dataclass(frozen=True, slots=True)
class Repair:
    """What a repair did: the backup made first and the objects removed."""

    backup: Path | None
    removed: tuple[SchemaObject, ...]
    restored: tuple[SchemaObject, ...] = ()  # ClaimWeave's own, made again

    def to_json(self) -> dict[str, object]:
        return {"backup": str(self.backup) if self.backup else None,
                "removed": [o.describe() for o in self.removed],
                "restored": [o.describe() for o in self.restored]}


def planned_repairs(path: Path) -> list[SchemaObject]:
    """What :func:`repair` would remove, read without changing the file."""
    version = database.inspect_file(path)
    con = database.connect(path, read_only=True)
    try:
        return foreign_objects(con, version) + missing_objects(con, version)
    finally:
        con.close()


def repair(path: Path) -> Repair:
    """Back the project up, then drop its foreign schema objects in one transaction.

    Holds the project's lock meanwhile, so a running ClaimWeave is not changed behind its
    back (ProjectLockedError). Nothing to remove: nothing is done, no backup is made.
    """
    lock = ProjectLock(path)
    lock.acquire()
    try:
        if not planned_repairs(path):
            return Repair(None, ())
        backup = make_backup(path)
        version = database.inspect_file(path)
        con = database.connect(path)
        try:
            done = remove_foreign_objects(con, version)
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.IntegrityError as exc:  # rows that break an index made again
            raise CorruptProjectError(
                f"{path}: cannot make ClaimWeave's own indexes again ({exc}): rows of the "
                f"project break them; the file was not changed (backup: {backup})") from None
        finally:
            con.close()
        return Repair(backup, tuple(o for o in done if not o.missing),
                      tuple(o for o in done if o.missing))
    finally:
        lock.release()
