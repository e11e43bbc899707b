"""Short one-line labels from long quotes and titles, the same in every chart and report."""

from __future__ import annotations


def clip(text: str, n: int) -> str:
    """*text* on one line, cut to *n* characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def relation_label(name: str) -> str:
    """A relation's name as people read it: "same_claim" is shown as "same claim"."""
    return name.replace("_", " ")


def quoted(text: str) -> str:
    """*text* between quotation marks; a quote that holds double quotation marks itself
    gets single ones, so a quote ending in ” is never shown with ””."""
    if any(mark in text for mark in '"“”„'):
        return f"‘{text}’"
    return f"“{text}”"
