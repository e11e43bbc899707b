"""Snapping a selection to word or sentence boundaries before it becomes a claim.

A snapper is a plain function ``(text, start, end) -> (start, end)`` over code points, so
the pane neither knows nor cares how boundaries are found. Sentences come from a simple
regular-expression splitter for now; the spaCy sentence splitter replaces it later through
:func:`set_sentence_splitter` without touching the panes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable

Span = tuple[int, int]
Snapper = Callable[[str, int, int], Span]
SentenceSplitter = Callable[[str], list[Span]]

MODES = ("none", "word", "sentence")
DEFAULT_MODE = "word"  # a sloppy drag never makes a claim of half a word ("of warmi")
_WORD = re.compile(r"\w", re.UNICODE)
# A sentence ends at . ! ? … (with closing quotes or brackets) followed by space, or at a
# line break; CJK full stops end a sentence without a following space.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)|[。！？]+|\n+")


def snap_none(text: str, start: int, end: int) -> Span:
    return start, end


def snap_word(text: str, start: int, end: int) -> Span:
    """Grow the span to whole words and drop white space at both ends."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return start, end
    while start > 0 and _WORD.match(text[start - 1]) and _WORD.match(text[start]):
        start -= 1
    while end < len(text) and _WORD.match(text[end]) and _WORD.match(text[end - 1]):
        end += 1
    return start, end


def regex_sentences(text: str) -> list[Span]:
    """Sentence spans by punctuation and line breaks; white space between them is left out."""
    spans: list[Span] = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.start() if m.group().startswith("\n") else m.end()
        _add_trimmed(text, pos, end, spans)
        pos = m.end()
    _add_trimmed(text, pos, len(text), spans)
    return spans


def _add_trimmed(text: str, start: int, end: int, spans: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))


class SentenceSnapper:
    """Grows a span to the sentences it touches; caches the split of the last text."""

    def __init__(self, splitter: SentenceSplitter = regex_sentences) -> None:
        self.splitter = splitter
        self._text: str | None = None
        self._spans: list[Span] = []
        self._starts: list[int] = []

    def __call__(self, text: str, start: int, end: int) -> Span:
        if text is not self._text:
            self._text, self._spans = text, self.splitter(text)
            self._starts = [s for s, _ in self._spans]
        if not self._spans:
            return start, end
        first = max(0, bisect_right(self._starts, start) - 1)
        last = max(first, bisect_right(self._starts, max(start, end - 1)) - 1)
        s0, e0 = self._spans[first]
        new_start = s0 if e0 > start else start
        return min(new_start, start), max(self._spans[last][1], end)


_sentence_snapper = SentenceSnapper()


def set_sentence_splitter(splitter: SentenceSplitter) -> None:
    """Use another sentence splitter (spaCy's) for every pane from now on."""
    _sentence_snapper.splitter = splitter
    _sentence_snapper._text = None


def snapper_for(mode: str) -> Snapper:
    """The snapping function of a mode: "none", "word" or "sentence"."""
    if mode not in MODES:
        raise ValueError(f"unknown snapping mode {mode!r}; choose one of {', '.join(MODES)}")
    snappers: dict[str, Snapper] = {"none": snap_none, "word": snap_word,
                                    "sentence": _sentence_snapper}
    return snappers[mode]
