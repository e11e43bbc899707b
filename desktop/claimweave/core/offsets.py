"""Offsets: code points (Python, spaCy, brat, W3C) against UTF-16 units (Qt).

ClaimWeave stores code points only. A view that hands positions to Qt converts at the
edge with one :class:`OffsetMap` per displayed text. The map keeps the sorted code-point
positions of astral characters (those that take two UTF-16 units), so each conversion is
a bisect, O(log k), and a text without astral characters takes a fast path.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from .errors import AmbiguousError, InvalidOperationError
from .wording import counted

CONTEXT_CHARS = 32
# Characters outside the Basic Multilingual Plane: two UTF-16 units each. A regex scan is
# about 20 times faster than a Python loop over a long text (6 ms against 120 ms for 1 MB).
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


class OffsetMap:
    """Converts between code-point and UTF-16 positions of one text."""

    __slots__ = ("_astral_cp", "_astral_u16", "length", "length_utf16")

    def __init__(self, text: str) -> None:
        astral = [m.start() for m in _ASTRAL.finditer(text)] if not text.isascii() else []
        self._astral_cp: list[int] = astral
        # UTF-16 position of each astral character's high surrogate.
        self._astral_u16: list[int] = [cp + n for n, cp in enumerate(astral)]
        self.length = len(text)
        self.length_utf16 = len(text) + len(astral)

    @property
    def has_astral(self) -> bool:
        return bool(self._astral_cp)

    def to_utf16(self, cp: int) -> int:
        """UTF-16 position of code point *cp* (0 <= cp <= len(text))."""
        if not self._astral_cp:
            return cp
        return cp + bisect_left(self._astral_cp, cp)

    def to_codepoint(self, u16: int) -> int:
        """Code point that starts at or contains UTF-16 position *u16*.

        A position inside a surrogate pair (Qt can report one) rounds down to the character
        that owns it, so a selection never splits an emoji.
        """
        if not self._astral_u16:
            return u16
        # Each astral character that starts before u16 adds one unit; for one whose low
        # surrogate *is* u16 the same count yields that character's own code point.
        return u16 - bisect_left(self._astral_u16, u16)


def check_span(text_length: int, start: int, end: int) -> None:
    """Raise if [start, end) is not a non-empty span inside a text of *text_length*."""
    if not (isinstance(start, int) and isinstance(end, int)):
        raise InvalidOperationError("span offsets must be whole numbers")
    if start < 0 or end > text_length:
        raise InvalidOperationError(
            f"span [{start}, {end}) lies outside the document (0 to {text_length} characters)"
        )
    if end <= start:
        raise InvalidOperationError(
            f"span [{start}, {end}) is empty: the end must come after the start")


def find_quote(text: str, quote: str, occurrence: int | None = None) -> tuple[int, int]:
    """Code-point span of *quote* in *text*.

    With *occurrence* (1-based) pick that match; without it the quote must be unique,
    so a script never anchors a claim to the wrong sentence silently.
    """
    if not quote:
        raise InvalidOperationError("the quote is empty")
    starts: list[int] = []
    i = text.find(quote)
    while i != -1:
        starts.append(i)
        i = text.find(quote, i + 1)
    if not starts:
        raise InvalidOperationError(f"quote not found in the document: {_clip(quote)!r}")
    if occurrence is None:
        if len(starts) > 1:
            raise AmbiguousError(
                f"quote occurs {len(starts)} times in the document: {_clip(quote)!r}; "
                "choose one with --occurrence N (1 is the first)"
            )
        return starts[0], starts[0] + len(quote)
    if not 1 <= occurrence <= len(starts):
        raise InvalidOperationError(
            f"occurrence {occurrence} asked for, but the quote occurs "
            f"{counted(len(starts), 'time')}"
        )
    s = starts[occurrence - 1]
    return s, s + len(quote)


@dataclass(frozen=True, slots=True)
class Anchor:
    """What a claim keeps of its text so it can be found again: quote and context."""

    quote: str
    prefix: str
    suffix: str


def anchor(text: str, start: int, end: int, context: int = CONTEXT_CHARS) -> Anchor:
    return Anchor(text[start:end], text[max(0, start - context) : start], text[end : end + context])


def _clip(s: str, n: int = 60) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"
