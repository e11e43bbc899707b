"""What a project search asks SQLite, and where its words are in a text.

A query is first handed to FTS5 as written, so phrases ("sea wall"), AND / OR / NOT, NEAR
and prefixes (harb*) work; a query FTS5 cannot parse (U.S., Russia-Iran, a stray bracket)
is searched as its words instead, so punctuation never fails a search. The same query is
turned into regular expressions that find each hit in a text, so the window can show every
occurrence, highlight it, and land on the one the user picked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})
_TOKEN = re.compile(r'"([^"]*)"|(\w+)(\*?)')
CONTEXT = 60  # characters shown on each side of a hit


@dataclass(frozen=True, slots=True)
class SearchMatch:
    """One hit: a place in a document text, or a claim whose quote or note matches.

    ``context`` is the text shown for it and ``marks`` the (start, end) spans of the
    matched words within ``context``; ``start``/``end`` are code points in the document.
    """

    kind: str  # "document" or "claim"
    id: str
    document_id: str
    start: int | None
    end: int | None
    context: str
    marks: tuple[tuple[int, int], ...] = ()


def words_query(query: str) -> str:
    """Every word of *query* as a quoted FTS5 string: a query that always parses."""
    return " ".join('"' + t.replace('"', '""') + '"' for t in re.findall(r"\w+", query))


def match_queries(query: str) -> list[str]:
    """The FTS5 queries to try in turn: as written, then word by word."""
    safe = words_query(query)
    if not safe:
        return []
    raw = query.strip()
    return [raw, safe] if raw != safe else [safe]


def patterns(query: str) -> list[re.Pattern[str]]:
    """Regular expressions for the phrases and words the query looks for (operators and
    column names left out); a prefix query (harb*) matches the rest of the word."""
    found = []
    for phrase, word, star in _TOKEN.findall(query):
        if phrase:
            words = re.findall(r"\w+", phrase)
            if words:
                found.append(r"\W+".join(re.escape(w) for w in words))
        elif word and word not in _OPERATORS:
            found.append(re.escape(word) + (r"\w*" if star else ""))
    return [re.compile(rf"(?<!\w){p}(?!\w)", re.IGNORECASE) for p in dict.fromkeys(found)]


def spans(text: str, found: list[re.Pattern[str]], limit: int) -> list[tuple[int, int]]:
    """The places in *text* where any pattern matches, in reading order, overlaps merged."""
    hits = sorted((m.start(), m.end()) for p in found for m in p.finditer(text))
    merged: list[tuple[int, int]] = []
    for start, end in hits:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged[:limit]


def context_of(text: str, start: int, end: int, all_spans: list[tuple[int, int]]
               ) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The line of text around a hit (on one line, with … where it is cut) and the marks
    of every hit inside it, relative to the returned string."""
    lo, hi = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
    while lo > 0 and lo < start and not text[lo - 1].isspace():
        lo += 1  # start on a whole word
    while hi < len(text) and hi > end and not text[hi].isspace():
        hi -= 1
    prefix = "…" if lo > 0 else ""
    piece = text[lo:hi].replace("\n", " ")
    marks = tuple((max(s, lo) - lo + len(prefix), min(e, hi) - lo + len(prefix))
                  for s, e in all_spans if s < hi and e > lo)
    return prefix + piece + ("…" if hi < len(text) else ""), marks
