"""The built suggestion index, stored in the project beside the analyses it comes from.

Building the index of 100,000 claims takes seconds; ``claimweave suggest`` and the window
need it again and again while the claims have not changed. So the built index is kept as
derived data (no undo, nothing announced) under a key naming what it was built from: the
analyses' model and version, the score's settings, and the analysed documents' texts. It
is used only while :func:`~claimweave.nlp.suggest.signature` of the project is the one it
was built at: an added, edited or deleted claim or document makes it stale.

Format: tables (core/suggest_index_repo.py): the vocabulary, one posting list per term,
scope and space (numpy int32 rows and float32 weights as bytes), one row per passage
with its span features packed (zlib-compressed JSON) and the whole-scope arrays; no pickle,
since project files travel between people. :class:`~.stored_index.StoredIndex` reads them
as a query needs them, so opening a stored index reads neither features nor postings.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from ..core.errors import ClaimWeaveError
from ..core.store import Project
from ..core.suggest_index_repo import PassageRow, PostingRow, TermRow
from .features import SpanFeatures

if TYPE_CHECKING:
    import threading

    from .analysis import Analysis, CancelFn
    from .index_build import BuildProgressFn
    from .learning import LearnedRanker
    from .suggest import SuggestionIndex
    from .suggestion import ScoreConfig

T = TypeVar("T")

FORMAT = 15
"""Bumped whenever the stored layout or what the index holds changes: old entries miss."""


def pack_features(f: SpanFeatures, context: Counter[str] | None) -> bytes:
    """A passage's span features as compact JSON, zlib-compressed (read back without
    importing srsly; compressed, the passages of 100,000 claims take 35 MB less)."""
    return zlib.compress(json.dumps([
        dict(f.lemmas), sorted(f.words), sorted(f.entities), sorted(f.phrases), f.negations,
        f.hedges, {u: sorted(v) for u, v in f.numbers.items()}, f.sequence,
        sorted(f.negated_scope), f.finite, dict(context) if context else None,
        [list(q) for q in f.quantities], sorted(f.persons), [list(p) for p in f.paths],
        sorted(f.quoted), sorted(f.periods)],
        ensure_ascii=False, separators=(",", ":")).encode(), 1)  # inf (a bound): Infinity


def unpack_features(data: bytes) -> tuple[SpanFeatures, Counter[str] | None]:
    (lemmas, words, entities, phrases, negations, hedges, numbers, sequence, negated, finite,
     context, quantities, persons, paths, quoted, periods) = json.loads(zlib.decompress(data))
    f = SpanFeatures(Counter(lemmas), set(words), set(entities), set(phrases), list(negations),
                     list(hedges), {u: set(v) for u, v in numbers.items()}, list(sequence),
                     set(negated), finite, [(k, lo, hi) for k, lo, hi in quantities],
                     set(persons), [tuple(p) for p in paths], set(quoted),
                     {(w, x) for w, x in periods})
    return f, (Counter(context) if context else None)


def index_key(project: Project, analysed: Mapping[str, tuple[str, str]], config: ScoreConfig
              ) -> str:
    """What an index is built from, as a short key: the analysed documents with their
    texts and (model, version) of their analyses (*analysed*), the score's settings."""
    docs = project.document_hashes()
    parts = sorted(f"{i}:{docs[i]}:{m}:{v}" for i, (m, v) in analysed.items() if i in docs)
    digest = hashlib.sha256("\n".join([repr(config), *parts]).encode()).hexdigest()[:24]
    return f"suggest:{FORMAT}:{digest}"


def stored_index(project: Project, model: str, version: str,
                 config: ScoreConfig | None = None) -> SuggestionIndex | None:
    """The stored index of every document analysed by this model and version, when it is
    current: neither analyses nor spaCy are loaded. None when some document is not analysed
    yet, or nothing current is stored."""
    from .suggest import DEFAULT

    docs = project.document_hashes()
    have = project.analysed_documents(model, version)
    if not docs or any(have.get(i) != sha for i, sha in docs.items()):
        return None
    return opened(project, index_key(project, dict.fromkeys(docs, (model, version)),
                                     config or DEFAULT), config)


def store(project: Project, key: str, index: SuggestionIndex) -> bool:
    """Keep *index* under *key* (False, keeping nothing, when the project is read-only)."""
    import numpy as np

    arrays = {}
    for scope in ("claims", "sentences"):
        arrays[f"{scope}.doc"] = np.asarray(index._doc_array[scope], np.int32).tobytes()
        arrays[f"{scope}.furniture"] = np.asarray(index._furniture[scope],
                                                  np.float32).tobytes()
    arrays["extents"] = np.asarray(index.doc_extents(), np.float64).tobytes()
    postings = ((scope, space, t, s.rows[s.bounds[k]:s.bounds[k + 1]].astype(np.int32)
                 .tobytes(), s.weights[s.bounds[k]:s.bounds[k + 1]].tobytes())
                for (scope, space), s in index._spaces.items()
                for k, t in enumerate(s.terms.tolist()))
    passages = ((scope, row, p.claim_id or f"{index.doc_ids[p.doc]}:{p.start}:{p.end}",
                 p.start, p.end, p.likeness, pack_features(p.features, p.context))
                for scope in ("claims", "sentences")
                for row, p in enumerate(index.passages(scope)))
    return put(project, key, index, arrays, postings, passages,
               sorted({s for _, s in index._spaces}))


def put(project: Project, key: str, index: SuggestionIndex, arrays: Mapping[str, bytes],
        postings: Iterable[PostingRow], passages: Iterable[PassageRow], spaces: list[str],
        *, staged: bool = False) -> bool:
    """Write an index whose vocabulary is *index*'s and whose other parts are given
    (iterables, read as they are written: a stored build streams them from its files).
    *staged*: in many short transactions (core/suggest_index_stage.py), so that a window's
    own edits need not wait for the whole index to be written; invisible until the last."""
    from .stored_index import term_name

    meta = json.dumps({"format": FORMAT, "doc_ids": index.doc_ids,
                       "n_sentences": index.n_sentences, "signature": list(index.signature),
                       "n_idf": len(index._idf), "n_terms": len(index.term_ids),
                       "spaces": spaces})
    terms = ((term_name(k), i, index.df[i]) for k, i in index.term_ids.items())
    signature, layout = json.dumps(list(index.signature)), f"suggest:{FORMAT}:"
    if staged:
        if not _put_staged(project, key, signature, meta, arrays, terms, postings, passages,
                           layout):
            return False
    elif project.suggest_index_put(key, signature, meta, arrays, terms, postings, passages,
                                   layout=layout) is None:
        return False
    project.derived_delete("suggest:")  # an index kept in an older layout
    index.stored_key = key
    return True


STAGE_ROWS = 5000
STAGE_BYTES = 16 << 20
"""A staged write's transactions: at most this many rows, of posting lists this many bytes
(at 500,000 claims a character n-gram's list takes 2 MB): tenths of a second each."""


def _put_staged(project: Project, key: str, signature: str, meta: str,
                arrays: Mapping[str, bytes], terms: Iterable[TermRow],
                postings: Iterable[PostingRow], passages: Iterable[PassageRow], layout: str
                ) -> bool:
    index_id = project.suggest_index_stage(layout)
    if index_id is None:
        return False
    try:
        for some_terms in _parts(terms, lambda _t: 0):
            project.suggest_index_stage_rows(index_id, terms=some_terms)
        for some_postings in _parts(postings, lambda p: len(p[3]) + len(p[4])):
            project.suggest_index_stage_rows(index_id, postings=some_postings)
        for some_passages in _parts(passages, lambda p: len(p[6])):
            project.suggest_index_stage_rows(index_id, passages=some_passages)
        project.suggest_index_publish(index_id, key, signature, meta, arrays, layout=layout)
    except BaseException:
        with contextlib.suppress(ClaimWeaveError):
            project.suggest_index_drop(index_id)  # else the next index stored drops it
        raise
    return True


def _parts(rows: Iterable[T], size: Callable[[T], int]) -> Iterator[list[T]]:
    """*rows* in lists of at most :data:`STAGE_ROWS` rows and about :data:`STAGE_BYTES`."""
    part: list[T] = []
    held = 0
    for row in rows:
        part.append(row)
        held += size(row)
        if len(part) >= STAGE_ROWS or held >= STAGE_BYTES:
            yield part
            part, held = [], 0
    if part:
        yield part


def opened(project: Project, key: str, config: ScoreConfig | None = None
           ) -> SuggestionIndex | None:
    """The index stored under *key* when it is current (and readable), else None."""
    from .stored_index import StoredIndex, read_meta
    from .suggest import signature

    found = project.suggest_index_find(key, json.dumps(list(signature(project))))
    meta = read_meta(found[1]) if found is not None else None
    if found is None or meta is None or meta.get("format") != FORMAT:
        return None  # missing, stale, or damaged: built again
    index = StoredIndex(project, found[0], meta, config)
    index.stored_key = key
    return index


def load_or_build(project: Project, analyses: Mapping[str, Analysis],
                  config: ScoreConfig | None = None, *,
                  progress: BuildProgressFn | None = None,
                  cancel: CancelFn | threading.Event | None = None) -> SuggestionIndex:
    """The stored index when it is current, else a new one: built straight into the
    project's tables when it is writable (:mod:`.index_build`: bounded memory, *progress*
    told, :class:`~.analysis.Cancelled` raised when *cancel* is set, nothing stored then),
    else in the same bounded memory into temporary files it is queried from
    (:mod:`.spilled_index`). *analyses* may be :class:`~.cache.CachedAnalyses`."""
    from .cache import CachedAnalyses
    from .index_build import build_stored
    from .suggest import DEFAULT

    versions = (analyses.versions() if isinstance(analyses, CachedAnalyses)
                else {i: (a.model, a.version) for i, a in analyses.items()})
    key = index_key(project, versions, config or DEFAULT)
    index = opened(project, key, config)
    if index is None and build_stored(project, analyses, key, config, progress=progress,
                                      cancel=cancel):
        index = opened(project, key, config)
    if index is None:  # read-only, or the claims changed while it was built
        from .spilled_index import spilled_index

        index = spilled_index(project, analyses, config, progress=progress, cancel=cancel)
    return index


def learned_ranker(project: Project, index: SuggestionIndex) -> LearnedRanker:
    """The re-ranker fitted on the project's links and dismissals: stored beside the index
    it was fitted with (fitting scores every linked claim against every claim: seconds at
    2,000 links), and fitted again when the links or dismissals change."""
    import numpy as np

    from .learning import FEATURES, LearnedRanker, decisions_of

    decisions = decisions_of(project)
    digest = hashlib.sha256(repr((sorted(decisions.links), sorted(decisions.dismissed),
                                  sorted(decisions.claimants.items()))).encode()).hexdigest()[:24]
    meaning = "m" if index.meaning is not None else "-"  # the default score it corrects
    key = f"learned:{FORMAT}:{len(FEATURES)}{meaning}:{index.stored_key}:{digest}"
    current = json.dumps(list(index.signature))
    data = project.derived_get(key, current) if index.stored_key else None

    def array(values: list[float] | None) -> Any:
        return None if values is None else np.asarray(values, np.float64)

    def floats(a: Any) -> list[float] | None:  # JSON floats read back to the same bits
        return None if a is None else [float(x) for x in a]

    if data is not None:
        try:
            d = json.loads(data)
            return LearnedRanker(
                weights=array(d["weights"]), mean=array(d["mean"]), scale=array(d["scale"]),
                associations={k: dict(v) for k, v in d["associations"].items()},
                claimants=decisions.claimants, n_links=d["n_links"],
                n_examples=d["n_examples"], prior=d["prior"], pull=d["pull"],
                partners={k: frozenset(v) for k, v in d["partners"].items()})
        except (ValueError, KeyError, TypeError, AttributeError):
            pass  # refitted below
    ranker = LearnedRanker.fit(index, decisions)
    if index.stored_key:
        project.derived_put(key, current, json.dumps({
            "weights": floats(ranker.weights), "mean": floats(ranker.mean),
            "scale": floats(ranker.scale), "associations": ranker.associations,
            "n_links": ranker.n_links, "n_examples": ranker.n_examples,
            "prior": ranker.prior, "pull": ranker.pull,
            "partners": {k: sorted(v) for k, v in ranker.partners.items()}}).encode())
    return ranker
