"""Counts in words for the messages users read: "1 document", "3 documents", never
"1 documents" or "document(s)"; "1 link has", "2 links have". One helper so every message
agrees."""

from __future__ import annotations


def counted(n: int, noun: str, plural: str = "", *, verb: tuple[str, str] | None = None
            ) -> str:
    """*n* and *noun*, plural unless *n* is 1 (*plural* when adding "s" is wrong); with
    *verb* (its singular and plural forms, ("has", "have")) followed by the form that agrees
    with *n*."""
    words = f"{n:,} {noun if n == 1 else plural or noun + 's'}"
    if verb is None:
        return words
    return f"{words} {verb[0] if n == 1 else verb[1]}"


def score_text(score: float) -> str:
    """A score as every list, tooltip and details line shows it: three decimals, so "0.000"
    and "0.102" line up and compare at a glance ("0.0" beside "0.102" did not)."""
    return f"{score:.3f}"
