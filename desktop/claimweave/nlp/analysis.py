"""One document's linguistic analysis as plain data, and the batch runner that makes it.

An :class:`Analysis` holds what the features need and nothing more: sentences, tokens
(span, lower-cased lemma, fine tag, a few flags), entities and key phrases, every offset a
code point into the stored text. It is built from ``Doc.to_array`` columns so the work
after spaCy stays a small fraction of spaCy's own (target: the whole analysis costs at most
1.25x ``nlp.pipe`` on the same text). It needs no spaCy to be read, so views and the
suggester use it on any thread.

Long texts are cut at line breaks into chunks of at most :data:`CHUNK_CHARS` so that no
document trips spaCy's ``max_length``, and so that cancel and progress react within about a
second even in a 1,000,000-character document. A line break always ends a sentence here
(articles put headlines, bylines and paragraphs on their own lines), so cutting there
changes no sentence.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from .entity_names import entity_key
from .pipeline import LoadedPipeline

CHUNK_CHARS = 30_000
BATCH_SIZE = 16

# Token flags (bits of Analysis.tok_flags).
STOP, PUNCT, SPACE, NUM, ALPHA, NEG = 1, 2, 4, 8, 16, 32
NEGATION_WORDS = frozenset({
    "no", "not", "n't", "never", "nor", "neither", "none", "nobody", "nothing", "nowhere",
    "cannot", "without",
})
_LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True, slots=True)
class Entity:
    start: int
    end: int
    label: str
    text: str

    @property
    def key(self) -> str:
        """Case- and article-free form, with a country's other names folded into it, so
        "the United States" meets "U.S." and "Iranian" meets "Tehran" (entity_names.py)."""
        return entity_key(self.text)


@dataclass(frozen=True, slots=True)
class Phrase:
    """A key phrase: a noun chunk (or, without a parser, a run of content words)."""

    start: int
    end: int
    key: str  # its content lemmas joined by spaces, e.g. "military cooperation"


@dataclass(slots=True)
class Analysis:
    model: str
    version: str
    text_length: int
    sentences: list[tuple[int, int]] = field(default_factory=list)
    tok_start: list[int] = field(default_factory=list)
    tok_end: list[int] = field(default_factory=list)
    tok_lemma: list[int] = field(default_factory=list)  # index into lemmas
    tok_tag: list[int] = field(default_factory=list)  # index into tags
    tok_flags: list[int] = field(default_factory=list)
    lemmas: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    phrases: list[Phrase] = field(default_factory=list)
    _keys: dict[str, list[int]] = field(default_factory=dict, repr=False, compare=False)

    def _sorted_keys(self, name: str, items: list[Any], attr: str) -> list[int]:
        """Start or end offsets of sentences/entities/phrases, kept for bisecting.

        Each of these lists is in text order and its items do not overlap, so their starts
        and their ends are both sorted.
        """
        key = f"{name}.{attr}"
        keys = self._keys.get(key)
        if keys is None or len(keys) != len(items):
            keys = self._keys[key] = [getattr(x, attr) if attr != "s" and attr != "e"
                                      else x[0 if attr == "s" else 1] for x in items]
        return keys

    @property
    def sentence_starts(self) -> list[int]:
        return self._sorted_keys("sentences", self.sentences, "s")

    # -------------------------------------------------------------- lookups
    def token_range(self, start: int, end: int) -> range:
        """Indexes of the tokens that lie inside [start, end) (partly is enough)."""
        return range(bisect_right(self.tok_end, start), bisect_left(self.tok_start, end))

    def sentence_index(self, pos: int) -> int | None:
        """The sentence containing *pos*, else the one after it, else None."""
        i = bisect_right(self.sentence_starts, pos) - 1
        if i >= 0 and self.sentences[i][1] > pos:
            return i
        return i + 1 if i + 1 < len(self.sentences) else None

    def sentences_in(self, start: int, end: int) -> list[int]:
        """Indexes of the sentences that overlap [start, end)."""
        starts = self.sentence_starts
        lo = max(0, bisect_right(starts, start) - 1)
        hi = bisect_left(starts, end)
        return [i for i in range(lo, hi) if self.sentences[i][1] > start]

    def entities_in(self, start: int, end: int) -> list[Entity]:
        """Entities that overlap [start, end)."""
        ends = self._sorted_keys("entities", self.entities, "end")
        starts = self._sorted_keys("entities", self.entities, "start")
        return self.entities[bisect_right(ends, start):bisect_left(starts, end)]

    def phrases_in(self, start: int, end: int) -> list[Phrase]:
        """Key phrases that lie wholly inside [start, end)."""
        starts = self._sorted_keys("phrases", self.phrases, "start")
        ends = self._sorted_keys("phrases", self.phrases, "end")
        return self.phrases[bisect_left(starts, start):bisect_right(ends, end)]

    def lemma(self, i: int) -> str:
        return self.lemmas[self.tok_lemma[i]]

    def tag(self, i: int) -> str:
        return self.tags[self.tok_tag[i]]


ProgressFn = Callable[["AnalysisProgress"], None]
CancelFn = Callable[[], bool]


@dataclass(frozen=True, slots=True)
class AnalysisProgress:
    documents_done: int
    documents_total: int
    chars_done: int
    chars_total: int


class Cancelled(Exception):
    """Raised inside the runner when cancel() returned True; nothing partial is returned."""


def is_cancelled(cancel: CancelFn | threading.Event | None) -> bool:
    if cancel is None:
        return False
    return cancel.is_set() if isinstance(cancel, threading.Event) else bool(cancel())


def chunks(text: str, limit: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """(offset, piece) with pieces of at most *limit* code points, cut after a line break
    (else after a space, else anywhere)."""
    pos, n = 0, len(text)
    while pos < n:
        if n - pos <= limit:
            yield pos, text[pos:]
            return
        cut = text.rfind("\n", pos + limit // 2, pos + limit)
        if cut < 0:
            cut = text.rfind(" ", pos + limit // 2, pos + limit)
        end = cut + 1 if cut >= 0 else pos + limit
        yield pos, text[pos:end]
        pos = end


def analyse_texts(pipeline: LoadedPipeline, texts: Sequence[str], *,
                  progress: ProgressFn | None = None,
                  cancel: CancelFn | threading.Event | None = None,
                  batch_size: int = BATCH_SIZE) -> Iterator[tuple[int, Analysis]]:
    """Yield (index into texts, Analysis) as each text is finished, in order.

    Runs nlp.pipe over all chunks of all texts in batches. Raises :class:`Cancelled` as soon
    as *cancel* says so (checked between chunks); results yielded before that stay valid.
    """
    nlp, info = pipeline.nlp, pipeline.info
    total_chars = sum(len(t) for t in texts)
    pieces = [(chunk, (i, off)) for i, t in enumerate(texts) for off, chunk in chunks(t)]
    counts = [0] * len(texts)
    for _, (i, _) in pieces:
        counts[i] += 1
    builders = {i: _Builder(info.name, info.version, len(t)) for i, t in enumerate(texts)}
    done_chars = done_docs = 0

    def stream() -> Iterable[tuple[str, tuple[int, int]]]:
        for piece in pieces:
            if is_cancelled(cancel):
                raise Cancelled
            yield piece

    for doc, (i, off) in nlp.pipe(stream(), as_tuples=True, batch_size=batch_size):
        pipeline.parse_calls += 1
        builders[i].add(doc, off, info.has_parser)
        counts[i] -= 1
        done_chars += len(doc.text)
        if counts[i] == 0:
            done_docs += 1
            yield i, builders.pop(i).finish()
        if progress is not None:
            progress(AnalysisProgress(done_docs, len(texts), done_chars, total_chars))
        if is_cancelled(cancel):
            raise Cancelled
    for i in sorted(builders):  # empty texts have no chunks
        yield i, builders[i].finish()


def analyse_text(pipeline: LoadedPipeline, text: str) -> Analysis:
    """One text, for callers that have only one."""
    return next(analyse_texts(pipeline, [text]))[1]


class _Builder:
    """Accumulates the chunks of one text into an Analysis."""

    _ATTRS: Any = None

    def __init__(self, model: str, version: str, length: int) -> None:
        self.a = Analysis(model, version, length)
        self._lemma_ids: dict[str, int] = {}
        self._tag_ids: dict[str, int] = {}

    def _intern(self, table: dict[str, int], values: list[str], s: str) -> int:
        i = table.get(s)
        if i is None:
            i = table[s] = len(values)
            values.append(s)
        return i

    def add(self, doc: Any, off: int, has_parser: bool) -> None:
        import numpy as np
        from spacy.attrs import (
            DEP,
            IDX,
            IS_ALPHA,
            IS_PUNCT,
            IS_SPACE,
            IS_STOP,
            LEMMA,
            LENGTH,
            LIKE_NUM,
            LOWER,
            TAG,
        )

        a, text, strings = self.a, doc.text, doc.vocab.strings
        if len(doc):
            arr = doc.to_array([IDX, LENGTH, LEMMA, LOWER, TAG, DEP, IS_STOP, IS_PUNCT,
                                IS_SPACE, LIKE_NUM, IS_ALPHA])
            idx = arr[:, 0].astype(np.int64) + off
            a.tok_start.extend(idx.tolist())
            a.tok_end.extend((idx + arr[:, 1].astype(np.int64)).tolist())
            lemma_col = np.where(arr[:, 2] != 0, arr[:, 2], arr[:, 3])
            uniq, inverse = np.unique(lemma_col, return_inverse=True)
            ids = np.array([self._intern(self._lemma_ids, a.lemmas, strings[int(h)].lower())
                            for h in uniq.tolist()], dtype=np.int64)
            a.tok_lemma.extend(ids[inverse].tolist())
            tuniq, tinv = np.unique(arr[:, 4], return_inverse=True)
            tids = np.array([self._intern(self._tag_ids, a.tags, strings[int(h)] if h else "")
                             for h in tuniq.tolist()], dtype=np.int64)
            a.tok_tag.extend(tids[tinv].tolist())
            neg_hashes = [strings.add(w) for w in NEGATION_WORDS]
            neg = np.isin(arr[:, 3], neg_hashes) | (arr[:, 5] == strings.add("neg"))
            flags = (arr[:, 6] * STOP + arr[:, 7] * PUNCT + arr[:, 8] * SPACE
                     + arr[:, 9] * NUM + arr[:, 10] * ALPHA + neg * NEG)
            a.tok_flags.extend(flags.astype(np.int64).tolist())
        if has_parser or doc.has_annotation("SENT_START"):
            sents = [(s.start_char, s.end_char) for s in doc.sents]
        else:
            sents = [(0, len(text))]
        for s, e in sents:
            for m in _LINE.finditer(text, s, e):
                ls, le = m.span()
                seg = text[ls:le]
                stripped = seg.strip()
                if stripped:
                    lead = len(seg) - len(seg.lstrip())
                    a.sentences.append((off + ls + lead, off + ls + lead + len(stripped)))
        for ent in doc.ents:
            a.entities.append(Entity(off + ent.start_char, off + ent.end_char, ent.label_,
                                     ent.text))
        base = len(a.tok_start) - len(doc)
        if has_parser:
            for chunk in doc.noun_chunks:
                self._phrase(base + chunk.start, base + chunk.end)
        else:
            self._content_runs(base, base + len(doc))

    def _phrase(self, i: int, j: int) -> None:
        a = self.a
        words = [a.lemmas[a.tok_lemma[k]] for k in range(i, j) if is_content(a.tok_flags[k])]
        if len(words) >= 2:
            a.phrases.append(Phrase(a.tok_start[i], a.tok_end[j - 1], " ".join(words)))

    def _content_runs(self, i: int, j: int) -> None:
        """Without a parser: runs of two or more adjacent content words stand in for chunks."""
        a, run = self.a, i
        for k in range(i, j + 1):
            if k < j and is_content(a.tok_flags[k]) and a.tok_flags[k] & ALPHA:
                continue
            if k - run >= 2:
                self._phrase(run, k)
            run = k + 1

    def finish(self) -> Analysis:
        return self.a


def is_content(flags: int) -> bool:
    """A word that carries meaning: not a stop word, punctuation or space; a word or number."""
    return not flags & (STOP | PUNCT | SPACE) and bool(flags & (ALPHA | NUM))
