"""Short one-line labels from long quotes and titles, the same in every chart and report."""

from __future__ import annotations


def clip(text: str, n: int) -> str:
    """*text* on one line, cut to *n* characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"
