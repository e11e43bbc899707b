"""The classroom's known errors: each becomes one clear message naming the file at fault."""

from __future__ import annotations

from ..core.errors import ClaimWeaveError, ImportRefusedError


class ClassroomError(ClaimWeaveError):
    """A classroom step cannot be done (wrong kind of file, output exists, no key ...)."""


class SubmissionRefusedError(ImportRefusedError):
    """A submission is refused at collection: another assignment, tampered, corrupt or a
    duplicate student. The message starts with the file's path."""
