"""Re-anchoring claims in a newer version of their document's text.

Each claim carries its quote and the 32 code points on either side of it. In the new text
a claim is placed, in this order:

1. **exact**: its quote occurs once; or several times and the stored context singles out
   one occurrence (a tie is not guessed);
2. **context**: the quote was edited, but its prefix and suffix each occur once, in order,
   and what lies between them is still close to the old quote;
3. **fuzzy**: near the claim's old relative place, the closest stretch of the new text is
   at least ``FUZZY_RATIO`` similar to the old quote.

Anything else is *unplaced*: the caller lists it for the user, it is never moved to a
guess.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher

EXACT, CONTEXT, FUZZY = "exact", "context", "fuzzy"
FUZZY_RATIO = 0.85
WINDOW = 3000  # code points either side of the old relative place searched fuzzily
MIN_CONTEXT = 8  # a prefix or suffix shorter than this is too weak to anchor by


@dataclass(frozen=True, slots=True)
class OldClaim:
    id: str
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str


@dataclass(frozen=True, slots=True)
class Placement:
    claim_id: str
    start: int | None  # None: unplaced
    end: int | None
    how: str | None  # EXACT | CONTEXT | FUZZY, None when unplaced
    score: float = 1.0


def reanchor(old_length: int, new_text: str, claims: list[OldClaim],
             progress: Callable[[int, int], None] | None = None) -> list[Placement]:
    """Where each claim goes in *new_text*, in the order given. *progress* hears
    ``(claims placed, claims)`` before each claim; what it raises (a cancel) stops here."""
    out = []
    for i, c in enumerate(claims):
        if progress is not None:
            progress(i, len(claims))
        out.append(_place(old_length, new_text, c))
    return out


def _place(old_length: int, text: str, c: OldClaim) -> Placement:
    hits = _occurrences(text, c.quote)
    if len(hits) == 1:
        return Placement(c.id, hits[0], hits[0] + len(c.quote), EXACT)
    if hits:
        scored = sorted(((_context_score(text, h, h + len(c.quote), c), h) for h in hits),
                        reverse=True)
        if scored[0][0] > scored[1][0]:
            h = scored[0][1]
            return Placement(c.id, h, h + len(c.quote), EXACT)
        return Placement(c.id, None, None, None, 0.0)  # the same quote in the same context
    bridged = _between_context(text, c)
    if bridged:
        return bridged
    return _fuzzy(old_length, text, c)


def _occurrences(text: str, needle: str) -> list[int]:
    out, i = [], text.find(needle)
    while i >= 0 and needle:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def _context_score(text: str, start: int, end: int, c: OldClaim) -> int:
    """How many code points of the stored prefix and suffix agree with this occurrence."""
    before = text[max(0, start - len(c.prefix)):start]
    after = text[end:end + len(c.suffix)]
    n = 0
    for x, y in zip(reversed(before), reversed(c.prefix), strict=False):
        if x != y:
            break
        n += 1
    for x, y in zip(after, c.suffix, strict=False):
        if x != y:
            break
        n += 1
    return n


def _between_context(text: str, c: OldClaim) -> Placement | None:
    if len(c.prefix) < MIN_CONTEXT or len(c.suffix) < MIN_CONTEXT:
        return None
    pre, suf = _occurrences(text, c.prefix), _occurrences(text, c.suffix)
    if len(pre) != 1 or len(suf) != 1:
        return None
    start, end = pre[0] + len(c.prefix), suf[0]
    if end <= start or not len(c.quote) / 2 <= end - start <= len(c.quote) * 2:
        return None
    ratio = SequenceMatcher(None, c.quote, text[start:end], autojunk=False).ratio()
    if ratio < FUZZY_RATIO / 1.2:  # the context on both sides vouches for the place
        return None
    return Placement(c.id, start, end, CONTEXT, round(ratio, 3))


def _fuzzy(old_length: int, text: str, c: OldClaim) -> Placement:
    centre = round(c.start * len(text) / max(old_length, 1))
    lo, hi = max(0, centre - WINDOW), min(len(text), centre + len(c.quote) + WINDOW)
    window = text[lo:hi]
    best: tuple[float, int, int] | None = None
    seen: set[int] = set()
    for block in SequenceMatcher(None, c.quote, window, autojunk=False).get_matching_blocks():
        s = max(0, block.b - block.a)  # the quote aligned on this block
        if block.size < 4 or s in seen:
            continue
        seen.add(s)
        span = _stretch(window, c.quote, s)
        if span is None:
            continue
        ratio = SequenceMatcher(None, c.quote, window[span[0]:span[1]], autojunk=False).ratio()
        if best is None or ratio > best[0]:
            best = (ratio, *span)
    if best is None or best[0] < FUZZY_RATIO:
        return Placement(c.id, None, None, None, best[0] if best else 0.0)
    ratio, s, e = best
    return Placement(c.id, lo + s, lo + e, FUZZY, round(ratio, 3))


def _stretch(window: str, quote: str, s: int) -> tuple[int, int] | None:
    """The stretch of *window* the quote covers when aligned at *s*: from its first to its
    last matching block (words may have been added or dropped), widened to whole words."""
    slack = len(quote) // 4 + 1
    lo, hi = max(0, s - slack), min(len(window), s + len(quote) + slack)
    region = window[lo:hi]
    blocks = [b for b in SequenceMatcher(None, quote, region, autojunk=False)
              .get_matching_blocks() if b.size >= 3]
    if not blocks:
        return None
    first, last = blocks[0], blocks[-1]
    start = max(0, first.b - first.a)
    end = min(len(region), last.b + last.size + (len(quote) - last.a - last.size))
    start, end = lo + start, lo + end
    while 0 < start < len(window) and window[start - 1].isalnum() and window[start].isalnum():
        start -= 1
    while 0 < end < len(window) and window[end - 1].isalnum() and window[end].isalnum():
        end += 1
    start, end = _trim(window, start, end)
    return (start, end) if end > start else None


def _trim(window: str, s: int, e: int) -> tuple[int, int]:
    """No claim starts or ends in the middle of white space."""
    while s < e and window[s].isspace():
        s += 1
    while e > s and window[e - 1].isspace():
        e -= 1
    return s, e
