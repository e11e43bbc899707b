"""Counts in words for the messages users read: "1 document", "3 documents", never
"1 documents" or "document(s)". One helper so every message agrees."""

from __future__ import annotations


def counted(n: int, noun: str, plural: str = "") -> str:
    """*n* and *noun*, plural unless *n* is 1 (*plural* when adding "s" is wrong)."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


def score_text(score: float) -> str:
    """A score as every list, tooltip and details line shows it: three decimals, so "0.000"
    and "0.102" line up and compare at a glance ("0.0" beside "0.102" did not)."""
    return f"{score:.3f}"
