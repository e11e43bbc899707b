"""Timestamps and ids, in one place so every table writes them the same way."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime


def now() -> str:
    """UTC time as ISO 8601 with millisecond precision and a ``Z`` suffix."""
    t = datetime.now(UTC)
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


def new_id() -> str:
    """A random UUID: merging projects from several machines needs no renumbering."""
    return str(uuid.uuid4())
