"""The login name: who made a claim when no annotator is named (window and command line)."""

from __future__ import annotations

import getpass


def login_name() -> str:
    """The user's login name, or "" where the system knows none (no user database, say)."""
    try:
        return getpass.getuser()
    except Exception:  # getpass raises several types when no user name is known
        return ""
