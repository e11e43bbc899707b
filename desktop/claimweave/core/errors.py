"""Known errors: each one becomes a clear message for the user, never a crash report.

Anything that is *not* a ClaimWeaveError is a bug and goes to the crash handler.
"""

from __future__ import annotations


class ClaimWeaveError(Exception):
    """A known, expected failure with a message meant for the user."""


class ProjectFileError(ClaimWeaveError):
    """The project file cannot be used; the file was left untouched."""


class NotAProjectError(ProjectFileError):
    """The file is not a ClaimWeave project (not SQLite, or another application's database)."""


class CorruptProjectError(ProjectFileError):
    """The file is a truncated or damaged project."""


class NewerProjectError(ProjectFileError):
    """The file was written by a newer ClaimWeave whose schema this version does not know."""


class ProjectLockedError(ProjectFileError):
    """Another running ClaimWeave holds the project open for writing."""


class ProjectWriteError(ProjectFileError):
    """SQLite could not write the project (busy with another writer, disk full, read-only
    medium); the change was rolled back and nothing was changed."""


class LockUnavailableError(ProjectLockedError):
    """The lock file cannot be made (read-only folder): the project can be read only."""


class ReadOnlyProjectError(ClaimWeaveError):
    """A change was asked of a project opened read-only."""


class ImportRefusedError(ClaimWeaveError):
    """A file given for import cannot be imported; the message names the file and why."""


class InvalidOperationError(ClaimWeaveError):
    """An edit that would break the model (empty span, self-link ...); nothing was changed."""


class NotFoundError(ClaimWeaveError):
    """No document, claim, tag, relation or link has the given id or name."""


class AmbiguousError(ClaimWeaveError):
    """An id prefix or a quote matches more than one thing."""


class NothingToUndoError(ClaimWeaveError):
    """Undo or redo was asked for with an empty history."""


class StaleIndexError(ClaimWeaveError):
    """A suggestion index stored in the project was replaced by a newer one while it was
    being read: its rows are gone; open the stored index again (or wait for the rebuild)."""
