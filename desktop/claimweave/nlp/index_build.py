"""Building the suggestion index straight into the project's tables in bounded memory.

:meth:`~.suggest.SuggestionIndex.build` keeps every passage's features, vectors and the
whole posting matrices in memory (the window queries it there): at 500,000 claims that
peaked at 7.4 GB. A command needs the index only as stored, so this build holds one
document's features at a time and one batch of vectors:

1. every analysed document in turn (:func:`~.suggest_build.walk`, the same walk as the
   build in memory): its sentences' terms are counted (the document frequencies), its
   passages packed and spilled to a temporary file (:class:`~.build_spill.PassageSpill`);
2. the idf is known: the passages are read back *batch* rows at a time, their vectors made
   by the index's own :meth:`~.term_vectors.TermVectors._vectors` and each batch's posting
   lists spilled, sorted by term (:class:`~.build_spill.PostingSpill`);
3. one transaction writes the vocabulary, the posting lists merged a bounded range of
   terms at a time, and the passages.

Nothing here knows the score's formula: the vectors, terms and idf are the index's, so the
stored tables are those :func:`~.index_store.store` writes of the index built in memory,
byte for byte, whatever the batch (tests/nlp/test_index_build.py). Cancelling, or a
process killed, before the last step's commit leaves no index (the next call builds it).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..core.store import Project
from ..core.suggest_index_repo import PassageRow, PostingRow
from .analysis import Analysis, CancelFn, Cancelled, is_cancelled
from .build_spill import PassageSpill, PostingSpill
from .index_store import pack_features, put
from .postings import PostingsBuilder
from .suggest_build import furniture_of, set_idf, walk
from .suggestion import SCOPES, ScoreConfig
from .term_vectors import SPACES

if TYPE_CHECKING:
    import threading

    from .suggest import SuggestionIndex

BATCH = 10_000
"""Passages whose vectors are made and sorted together (about 15 MB of postings each)."""

PHASES = ("documents", "passages", "postings")


@dataclass(frozen=True, slots=True)
class BuildProgress:
    """How far a stored build is: *phase* (of :data:`PHASES`) and its done / total (the
    documents read, the passages weighed, the posting lists written)."""

    phase: str
    done: int
    total: int

    @property
    def fraction(self) -> float:
        """The whole build's share done (the phases weighed by their measured time)."""
        share = {"documents": (0.0, 0.45), "passages": (0.45, 0.4), "postings": (0.85, 0.15)}
        first, part = share[self.phase]
        return first + part * (self.done / self.total if self.total else 1.0)


BuildProgressFn = Callable[[BuildProgress], None]


def build_stored(project: Project, analyses: Mapping[str, Analysis], key: str,
                 config: ScoreConfig | None = None, *, batch: int = BATCH,
                 progress: BuildProgressFn | None = None,
                 cancel: CancelFn | threading.Event | None = None,
                 staged: bool = False) -> bool:
    """Build the index of the analysed documents and store it under *key*; False (storing
    nothing) when the project is read-only. Raises :class:`~.analysis.Cancelled` when
    *cancel* is set: nothing is stored then. *staged*: written in many short transactions
    (a window's worker: the user's edits go on meanwhile), see :func:`~.index_store.put`."""
    if project.read_only:
        return False
    from .suggest import doc_extents

    say = progress or (lambda _p: None)
    built = spill_index(project, analyses, config, batch=batch, progress=say, cancel=cancel)
    index, passages, postings = built
    try:
        total = sum(postings[s].n_terms(sp) for s in SCOPES for sp in SPACES)
        arrays = {}
        for scope in SCOPES:
            arrays[f"{scope}.doc"] = _int32(passages[scope].doc)
            arrays[f"{scope}.furniture"] = _float32(passages[scope].furniture)
        arrays["extents"] = doc_extents(len(index.doc_ids), [
            (passages[s].doc, passages[s].end) for s in SCOPES]).tobytes()
        counted = _Counted(total, say, cancel)
        return put(project, key, index, arrays, _postings(postings, counted),
                   _passages(passages, counted), sorted(SPACES), staged=staged)
    finally:
        for spill in (*passages.values(), *postings.values()):
            spill.close()


Spilled = tuple["SuggestionIndex", dict[str, PassageSpill], dict[str, PostingSpill]]


def spill_index(project: Project, analyses: Mapping[str, Analysis],
                config: ScoreConfig | None = None, *, batch: int = BATCH,
                progress: BuildProgressFn | None = None,
                cancel: CancelFn | threading.Event | None = None) -> Spilled:
    """The first two phases: (the index's vocabulary, its passages and its posting lists
    per scope, in temporary files). The caller closes the files."""
    from .suggest import SuggestionIndex

    say = progress or (lambda _p: None)
    index = SuggestionIndex(config)  # its vocabulary only: the passages go to the spills
    passages = {scope: PassageSpill() for scope in SCOPES}
    postings = {scope: PostingSpill() for scope in SCOPES}
    try:
        _read_documents(index, project, analyses, passages, say, cancel)
        _weigh(index, passages, postings, batch, say, cancel)
    except BaseException:
        for spill in (*passages.values(), *postings.values()):
            spill.close()
        raise
    return index, passages, postings


def _read_documents(index: SuggestionIndex, project: Project,
                    analyses: Mapping[str, Analysis], spills: dict[str, PassageSpill],
                    say: BuildProgressFn, cancel: CancelFn | threading.Event | None) -> None:
    df: Counter[tuple[str, str]] = Counter()
    for n, (doc_id, _text, sentences, claims) in enumerate(
            walk(index, project, analyses, {}, df, keep=False)):
        if is_cancelled(cancel):
            raise Cancelled
        for scope, found in (("claims", claims), ("sentences", sentences)):
            for p in found:
                ref = p.claim_id or f"{doc_id}:{p.start}:{p.end}"
                spills[scope].add(ref, pack_features(p.features, p.context), p.doc, p.start,
                                  p.end, p.likeness, furniture_of(index, p))
        say(BuildProgress("documents", n + 1, len(index.doc_ids)))
    set_idf(index, df)


def _weigh(index: SuggestionIndex, passages: dict[str, PassageSpill],
           postings: dict[str, PostingSpill], batch: int, say: BuildProgressFn,
           cancel: CancelFn | threading.Event | None) -> None:
    """Every passage's vectors, *batch* rows at a time, into the posting spills. Claims
    first, in row order, as the build in memory goes: the terms only claims have get
    their ids in the same order."""
    total = sum(len(s) for s in passages.values())
    done = 0
    for scope in SCOPES:
        spill, kind = passages[scope], "claim" if scope == "claims" else "sentence"
        for lo in range(0, len(spill), batch):
            if is_cancelled(cancel):
                raise Cancelled
            hi = min(lo + batch, len(spill))
            rows = {s: PostingsBuilder() for s in SPACES}
            for row, ref, packed in spill.read(lo, hi):
                for s, v in index._vectors(spill.passage(row, ref, packed, kind)).items():
                    rows[s].add(v)
            for s in SPACES:
                postings[scope].add(s, rows[s].build(), lo)
            done += hi - lo
            say(BuildProgress("passages", done, total))


class _Counted:
    """Progress (every so many terms) and cancel while the index is written."""

    EVERY = 2000

    def __init__(self, total: int, say: BuildProgressFn,
                 cancel: CancelFn | threading.Event | None) -> None:
        self.total, self.say, self.cancel, self.done = total, say, cancel, 0

    def tick(self) -> None:
        self.check()
        self.done += 1
        if self.done % self.EVERY == 0 or self.done == self.total:
            self.say(BuildProgress("postings", self.done, self.total))

    def check(self) -> None:
        if is_cancelled(self.cancel):
            raise Cancelled  # inside the write: it is rolled back


def _postings(spills: dict[str, PostingSpill], counted: _Counted) -> Iterator[PostingRow]:
    for scope in SCOPES:
        for space in SPACES:
            for term, rows, weights in spills[scope].merged(space):
                counted.tick()
                yield scope, space, term, rows, weights


def _passages(spills: dict[str, PassageSpill], counted: _Counted) -> Iterator[PassageRow]:
    for scope in SCOPES:
        spill = spills[scope]
        for lo in range(0, len(spill), BATCH):
            counted.check()
            for row, ref, packed in spill.read(lo, min(lo + BATCH, len(spill))):
                yield (scope, row, ref, spill.start[row], spill.end[row], spill.likeness[row],
                       packed)


def _int32(values: object) -> bytes:
    import numpy as np

    return np.asarray(values, np.int32).tobytes()


def _float32(values: object) -> bytes:
    import numpy as np

    return np.asarray(values, np.float32).tobytes()
