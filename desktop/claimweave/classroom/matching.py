"""Which claims of one annotator correspond to which of another: span matching by overlap.

Two claims match when they are in the same document and the Jaccard overlap of their
code-point ranges, |A ∩ B| / |A ∪ B|, is at least :data:`THRESHOLD` (0.5). Matching is
one-to-one and greedy: all candidate pairs are taken in order of decreasing overlap (ties:
earlier key claim first, then earlier other claim), and a pair is kept when neither claim is
matched yet. A threshold of 0.5 accepts a student's span that differs from the key's by a
few words at either end but not one that covers only half of it.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from .layers import Span

THRESHOLD = 0.5


def jaccard(a: Span, b: Span) -> float:
    """|A ∩ B| / |A ∪ B| of two claims' code-point ranges (0 in different documents)."""
    if a.document != b.document:
        return 0.0
    inter = min(a.end, b.end) - max(a.start, b.start)
    if inter <= 0:
        return 0.0
    return inter / (max(a.end, b.end) - min(a.start, b.start))


@dataclass(frozen=True, slots=True)
class Match:
    key: Span
    other: Span
    overlap: float


def match_spans(key: Sequence[Span], other: Sequence[Span],
                threshold: float = THRESHOLD) -> list[Match]:
    """The one-to-one greedy matching of *other*'s claims to *key*'s, best overlap first."""
    by_doc: dict[str, list[Span]] = {}
    for s in other:
        by_doc.setdefault(s.document, []).append(s)
    starts: dict[str, list[int]] = {}
    for doc, in_doc in by_doc.items():
        in_doc.sort(key=lambda s: s.start)
        starts[doc] = [s.start for s in in_doc]
    reach = 1 / threshold - 1 if threshold > 0 else float("inf")
    candidates = []
    for k in key:
        spans = by_doc.get(k.document)
        if not spans:
            continue
        # J >= t needs o.start >= k.end - len(k) / t (the union is at most len(k) / t) and
        # o.start < k.end (they overlap): only claims starting in that window are scored.
        low = bisect_left(starts[k.document], k.start - (k.end - k.start) * reach)
        high = bisect_left(starts[k.document], k.end)
        for o in spans[low:high]:
            score = jaccard(k, o)
            if score >= threshold:
                candidates.append((-score, k.start, k.end, o.start, o.end, k.id, o.id, k, o))
    candidates.sort(key=lambda c: c[:7])
    used_key: set[str] = set()
    used_other: set[str] = set()
    matches = []
    for neg, *_, k, o in candidates:
        if k.id in used_key or o.id in used_other:
            continue
        used_key.add(k.id)
        used_other.add(o.id)
        matches.append(Match(k, o, -neg))
    return matches
