"""A refused input in the window: the user reads why where they work (the status bar, a
panel's or dialog's line) and the activity log keeps it at INFO, as it keeps the command
line's ``error:`` lines and the window's warning boxes (ui/window/base.py ``inform``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from .. import activity_log
from ..core.errors import ClaimWeaveError

T = TypeVar("T")


def report(exc: ClaimWeaveError, say: Callable[[str], object] | None = None) -> str:
    """Log the refusal and show its message with *say*; returns the message."""
    message = str(exc)
    activity_log.refused(message)
    if say is not None:
        say(message)
    return message


def attempt(verb: Callable[[], T], say: Callable[[str], object]) -> T | None:
    """Run *verb*; a refusal (a :class:`ClaimWeaveError`) is reported and gives None."""
    try:
        return verb()
    except ClaimWeaveError as exc:
        report(exc, say)
        return None
