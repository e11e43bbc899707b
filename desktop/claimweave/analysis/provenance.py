"""Reused text: passages two documents share word for word, or nearly.

Every document is cut into words (``\\w+``, case-folded) and every run of ``SHINGLE``
words is hashed once, so finding the shared runs costs time linear in the words (plus the
matches), never a comparison of every character with every other. Matches on one
diagonal (word i of A, word j of B, j - i constant) are joined across a changed word or
two; joined runs that continue each other on nearby diagonals (a word inserted or
dropped) are joined again. A passage counts when it spans at least ``min_words`` words in
both documents. The earlier document is the one published first; with a date missing on
either side (or the same date) nobody can tell, and ``earlier`` is None.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..core.model import Document

MIN_WORDS = 20
SHINGLE = 5  # words per hashed run; a shorter min_words uses min_words
MAX_POSTINGS = 100  # a run found more often than this is boilerplate, not a reprint
COPY_SHARE = 0.5  # a document this much of whose words are reused text is likely a copy
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class TextSource:
    """What the finder needs of a document: plain data, so it runs off the UI thread."""

    id: str
    text: str
    published: str | None = None
    position: int = 0
    sha256: str = ""  # for the cache: equal texts give equal answers


@dataclass(frozen=True, slots=True)
class Span:
    document_id: str
    start: int  # code points, end exclusive
    end: int
    words: int

    def to_json(self) -> dict[str, object]:
        return {"document_id": self.document_id, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Passage:
    a: Span
    b: Span
    words: int  # the shorter side's number of words
    earlier: str | None  # document id of the earlier publication, or None if unknown

    def to_json(self) -> dict[str, object]:
        """The shape of ``claimweave provenance --json``."""
        return {"a": self.a.to_json(), "b": self.b.to_json(), "words": self.words,
                "earlier": self.earlier}

    def side(self, doc_id: str) -> Span | None:
        return self.a if self.a.document_id == doc_id else (
            self.b if self.b.document_id == doc_id else None)

    def other(self, doc_id: str) -> Span:
        return self.b if self.a.document_id == doc_id else self.a


@dataclass(frozen=True, slots=True)
class CopyCandidate:
    """A document most of whose words another one also has: probably a copy of it."""

    copy: str
    original: str
    share: float  # fraction of the copy's words inside passages shared with the original


def reused_passages(sources: Sequence[TextSource], min_words: int = MIN_WORDS
                    ) -> list[Passage]:
    """Every passage of at least *min_words* words shared by two of *sources*."""
    if min_words < 2:
        raise ValueError("min_words must be at least 2")
    if not all(s.sha256 for s in sources):
        return _find(sources, min_words)
    key = (min_words, tuple((s.id, s.sha256, s.published, s.position) for s in sources))
    if key not in _CACHE:  # the window asks again after every edit; texts rarely change
        while len(_CACHE) >= CACHE_SIZE:
            del _CACHE[next(iter(_CACHE))]
        _CACHE[key] = tuple(_find(sources, min_words))
    return list(_CACHE[key])


CACHE_SIZE = 8
_CACHE: dict[tuple[object, ...], tuple[Passage, ...]] = {}


def _find(sources: Sequence[TextSource], min_words: int) -> list[Passage]:
    k = min(SHINGLE, min_words)
    tokens = [[w.casefold() for w in _WORD.findall(s.text)] for s in sources]
    # A run of k words -> where it occurs, as (document << 32 | word). Most runs occur once:
    # they stay in `first`, and only a repeat makes a list (half the memory, twice as fast).
    first: dict[int, int] = {}
    repeats: dict[int, list[int]] = {}
    for n, toks in enumerate(tokens):
        base = n << 32
        runs = zip(*(toks[j:] for j in range(k)), strict=False)  # ends with the last full run
        for i, h in enumerate(map(hash, runs)):
            code = base | i
            prev = first.setdefault(h, code)
            if prev != code:
                found = repeats.get(h)
                if found is None:
                    repeats[h] = [prev, code]
                else:
                    found.append(code)
    # (doc a, doc b) -> diagonal -> word positions in a where a run of k words matches
    hits: dict[tuple[int, int], dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for post in repeats.values():
        if len(post) > MAX_POSTINGS:
            continue
        for x in range(len(post)):
            for y in range(x + 1, len(post)):
                da, i = divmod(post[x], 1 << 32)
                db, j = divmod(post[y], 1 << 32)
                if da != db:
                    hits[(da, db)][j - i].append(i)
    spans: dict[int, list[tuple[int, int]]] = {}  # word offsets, only of documents with hits
    out: list[Passage] = []
    for (da, db), diagonals in hits.items():
        sa, sb = sources[da], sources[db]
        for n in (da, db):
            if n not in spans:
                spans[n] = [m.span() for m in _WORD.finditer(sources[n].text)]
        for ia, ea, ib, eb in _chain(_runs(diagonals, k)):
            n_words = min(ea - ia, eb - ib)
            if n_words < min_words:
                continue
            wa, wb = spans[da], spans[db]
            out.append(_passage(sa, sb, (wa[ia][0], wa[ea - 1][1], ea - ia),
                                (wb[ib][0], wb[eb - 1][1], eb - ib), n_words))
    order = {s.id: (s.position, n) for n, s in enumerate(sources)}
    out.sort(key=lambda p: (order[p.a.document_id], p.a.start, order[p.b.document_id]))
    return out


def _runs(diagonals: dict[int, list[int]], k: int) -> list[tuple[int, int, int, int]]:
    """Runs of matching words per diagonal as (start a, end a, start b, end b), words."""
    runs = []
    for d, starts in diagonals.items():
        starts.sort()
        first = last = starts[0]
        for i in starts[1:]:
            if i - last > 2 * k:  # more than a changed word or two: a new run
                runs.append((first, last + k, first + d, last + k + d))
                first = i
            last = i
        runs.append((first, last + k, first + d, last + k + d))
    return runs


def _chain(runs: list[tuple[int, int, int, int]], gap: int = 3
           ) -> Iterable[tuple[int, int, int, int]]:
    """Join runs that continue each other in both documents (a word added or dropped)."""
    runs.sort()
    current: list[int] | None = None
    for ia, ea, ib, eb in runs:
        if current and ia - current[1] <= gap and abs(ib - current[3]) <= gap \
                and ib >= current[2]:
            current[1] = max(current[1], ea)
            current[3] = max(current[3], eb)
            continue
        if current:
            yield tuple(current)  # type: ignore[misc]
        current = [ia, ea, ib, eb]
    if current:
        yield tuple(current)  # type: ignore[misc]


def _passage(sa: TextSource, sb: TextSource, a: tuple[int, int, int],
             b: tuple[int, int, int], words: int) -> Passage:
    earlier = None
    if sa.published and sb.published and sa.published != sb.published:
        earlier = sa.id if sa.published < sb.published else sb.id
    span_a, span_b = Span(sa.id, *a), Span(sb.id, *b)
    if earlier == sb.id:  # the earlier publication goes first
        span_a, span_b = span_b, span_a
    return Passage(span_a, span_b, words, earlier)


def project_passages(documents: Sequence[Document], read_text: Callable[[str], str],
                     min_words: int = MIN_WORDS) -> list[Passage]:
    """Reused passages among a project's documents; texts are read only when the cached
    answer for these texts (by their hashes) is missing."""
    key = (min_words, tuple((d.id, d.text_sha256, d.published, d.position) for d in documents))
    if key in _CACHE:
        return list(_CACHE[key])
    return reused_passages([TextSource(d.id, read_text(d.id), d.published, d.position,
                                       d.text_sha256) for d in documents], min_words)


def covering(passages: Iterable[Passage], doc_id: str, start: int, end: int
             ) -> list[Passage]:
    """Passages of *doc_id* that hold at least half of the span [start, end)."""
    found = []
    for p in passages:
        side = p.side(doc_id)
        if side is None:
            continue
        overlap = min(end, side.end) - max(start, side.start)
        if overlap > 0 and overlap * 2 >= end - start:
            found.append(p)
    return found


def copy_candidates(passages: Iterable[Passage], word_counts: dict[str, int],
                    share: float = COPY_SHARE) -> list[CopyCandidate]:
    """Pairs where the later (or, undated, the shorter) document is mostly shared text."""
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for p in passages:
        if p.earlier:
            later = p.b.document_id if p.earlier == p.a.document_id else p.a.document_id
        else:
            later = min((p.a.document_id, p.b.document_id),
                        key=lambda d: word_counts.get(d, 0))
        side = p.side(later)
        assert side is not None
        shared[(later, p.other(later).document_id)] += side.words
    out = [CopyCandidate(c, o, round(n / word_counts[c], 3))
           for (c, o), n in shared.items() if word_counts.get(c) and n / word_counts[c] >= share]
    return sorted(out, key=lambda c: -c.share)


def word_count(text: str) -> int:
    return sum(1 for _ in _WORD.finditer(text))
