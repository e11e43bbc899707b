"""Counts in words for the messages users read: "1 document", "3 documents", never
"1 documents" or "document(s)". One helper so every message agrees."""

from __future__ import annotations


def counted(n: int, noun: str, plural: str = "") -> str:
    """*n* and *noun*, plural unless *n* is 1 (*plural* when adding "s" is wrong)."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"
