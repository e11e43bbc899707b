"""The built suggestion index, stored in the project beside the analyses it comes from.

Building the index of 100,000 claims takes seconds; ``claimweave suggest`` and the window
need it again and again while the claims have not changed. So the built index is kept as
derived data (no undo, nothing announced) under a key naming what it was built from: the
analyses' model and version, the score's settings, and the analysed documents' texts. It
is used only while :func:`~claimweave.nlp.suggest.signature` of the project is the one it
was built at: an added, edited or deleted claim or document makes it stale.

Format: msgpack (srsly, which spaCy brings) of plain lists and numpy arrays as bytes; no
pickle, since project files travel between people. Each passage's span features are packed
on their own and unpacked only when a query touches the passage (the query claim, the
suggestions shown, the pairs a learned ranker looks at), so loading reads no features.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..core.store import Project
from .features import SpanFeatures

if TYPE_CHECKING:
    from .analysis import Analysis
    from .learning import LearnedRanker
    from .suggest import SuggestionIndex
    from .suggestion import ScoreConfig

FORMAT = 2
"""Bumped whenever the stored layout or what the index holds changes: old entries miss."""
_SEP = "\x00"


def pack_features(f: SpanFeatures, context: Counter[str] | None) -> bytes:
    import srsly

    return srsly.msgpack_dumps([
        dict(f.lemmas), sorted(f.words), sorted(f.entities), sorted(f.phrases), f.negations,
        f.hedges, {u: sorted(v) for u, v in f.numbers.items()}, f.sequence,
        sorted(f.negated_scope), f.finite, dict(context) if context else None,
        [list(q) for q in f.quantities], sorted(f.persons)])


def unpack_features(data: bytes) -> tuple[SpanFeatures, Counter[str] | None]:
    import srsly

    (lemmas, words, entities, phrases, negations, hedges, numbers, sequence, negated, finite,
     context, quantities, persons) = srsly.msgpack_loads(data)
    f = SpanFeatures(Counter(lemmas), set(words), set(entities), set(phrases), list(negations),
                     list(hedges), {u: set(v) for u, v in numbers.items()}, list(sequence),
                     set(negated), finite, [(k, lo, hi) for k, lo, hi in quantities],
                     set(persons))
    return f, (Counter(context) if context else None)


def index_key(project: Project, analysed: Mapping[str, tuple[str, str]], config: ScoreConfig
              ) -> str:
    """What an index is built from, as a short key: the analysed documents with their
    texts and (model, version) of their analyses (*analysed*), the score's settings."""
    docs = {d.id: d for d in project.documents()}
    parts = sorted(f"{i}:{docs[i].text_sha256}:{m}:{v}" for i, (m, v) in analysed.items()
                   if i in docs)
    digest = hashlib.sha256("\n".join([repr(config), *parts]).encode()).hexdigest()[:24]
    return f"suggest:{FORMAT}:{digest}"


def stored_index(project: Project, model: str, version: str,
                 config: ScoreConfig | None = None) -> SuggestionIndex | None:
    """The stored index of every document analysed by this model and version, when it is
    current: neither analyses nor spaCy are loaded. None when some document is not analysed
    yet, or nothing current is stored."""
    from .suggest import DEFAULT, signature

    docs = project.documents()
    have = project.analysed_documents(model, version)
    if not docs or any(have.get(d.id) != d.text_sha256 for d in docs):
        return None
    key = index_key(project, {d.id: (model, version) for d in docs}, config or DEFAULT)
    data = project.derived_get(key, json.dumps(list(signature(project))))
    index = loads(data, project, config) if data is not None else None
    if index is not None:
        index.stored_key = key
    return index


def dumps(index: SuggestionIndex) -> bytes:
    import numpy as np
    import srsly

    def passages(items: Sequence[Any]) -> dict[str, Any]:
        return {
            "doc": np.asarray([p.doc for p in items], np.int32).tobytes(),
            "start": np.asarray([p.start for p in items], np.int64).tobytes(),
            "end": np.asarray([p.end for p in items], np.int64).tobytes(),
            "likeness": np.asarray([p.likeness for p in items], np.float64).tobytes(),
            "claim": [p.claim_id or "" for p in items],
            "packed": [pack_features(p.features, p.context) for p in items],
        }

    spaces = {f"{scope}{_SEP}{name}": {
        "n": s.n, "rows": s.rows.tobytes(), "weights": s.weights.tobytes(),
        "terms": s.terms.astype(np.int64).tobytes(), "bounds": s.bounds.tobytes()}
        for (scope, name), s in index._spaces.items()}
    payload = {
        "format": FORMAT, "doc_ids": index.doc_ids, "n_sentences": index.n_sentences,
        "signature": json.dumps(list(index.signature)),
        "terms": [f"{k}{_SEP}{v}" for (k, v) in index.term_ids],
        "df": np.asarray(index.df, np.int64).tobytes(),
        "idf": np.asarray(index._idf, np.float64).tobytes(),
        "claims": passages(index.claims), "sentences": passages(index.sentences),
        "spaces": spaces,
        "furniture": {k: v.tobytes() for k, v in index._furniture.items()},
    }
    return zlib.compress(srsly.msgpack_dumps(payload), 1)


def loads(data: bytes, project: Project, config: ScoreConfig | None = None
          ) -> SuggestionIndex | None:
    """The stored index, reading texts from *project* when a suggestion quotes one; None
    when *data* is of another format or damaged (then build it again)."""
    import numpy as np
    import srsly

    from .postings import Postings
    from .suggest import SuggestionIndex
    from .suggestion import Passage

    try:
        d = srsly.msgpack_loads(zlib.decompress(data))
        if d.get("format") != FORMAT:
            return None
        index = SuggestionIndex(config)
        index.doc_ids = list(d["doc_ids"])
        index.texts = _Texts(project)  # type: ignore[assignment]
        index.n_sentences = d["n_sentences"]
        index.signature = tuple(json.loads(d["signature"]))
        keys = [tuple(t.split(_SEP, 1)) for t in d["terms"]]
        index.term_ids = {k: i for i, k in enumerate(keys)}
        index.term_kind = [k[0] for k in keys]
        index.df = np.frombuffer(d["df"], np.int64).tolist()
        index._idf = np.frombuffer(d["idf"], np.float64).tolist()
        for scope, kind in (("claims", "claim"), ("sentences", "sentence")):
            p = d[scope]
            docs = np.frombuffer(p["doc"], np.int32)
            starts = np.frombuffer(p["start"], np.int64).tolist()
            ends = np.frombuffer(p["end"], np.int64).tolist()
            likeness = np.frombuffer(p["likeness"], np.float64).tolist()
            items = [Passage(kind, doc, s, e, c or None, None, None, lk, packed)
                     for doc, s, e, c, lk, packed in zip(docs.tolist(), starts, ends, p["claim"],
                                                         likeness, p["packed"], strict=True)]
            setattr(index, scope, items)
            index._doc_array[scope] = docs.copy()
            index._furniture[scope] = np.frombuffer(d["furniture"][scope], np.float32).copy()
        index.claim_row = {p.claim_id: n for n, p in enumerate(index.claims) if p.claim_id}
        index.sentence_row = {f"{index.doc_ids[p.doc]}:{p.start}:{p.end}": n
                              for n, p in enumerate(index.sentences)}
        for key, s in d["spaces"].items():
            scope, name = key.split(_SEP, 1)
            index._spaces[(scope, name)] = Postings.of_arrays(
                s["n"], np.frombuffer(s["rows"], np.int32), np.frombuffer(s["weights"],
                                                                       np.float32),
                np.frombuffer(s["terms"], np.int64), np.frombuffer(s["bounds"], np.int64))
    except (ValueError, KeyError, TypeError, zlib.error):
        return None  # a damaged entry is rebuilt, never trusted
    return index


def load_or_build(project: Project, analyses: Mapping[str, Analysis],
                  config: ScoreConfig | None = None) -> SuggestionIndex:
    """The stored index when it is current, else a new one (stored when the project is
    writable)."""
    from .suggest import DEFAULT, SuggestionIndex, signature

    key = index_key(project, {i: (a.model, a.version) for i, a in analyses.items()},
                    config or DEFAULT)
    current = json.dumps(list(signature(project)))
    data = project.derived_get(key, current)
    if data is not None:
        index = loads(data, project, config)
        if index is not None:
            return index
    index = SuggestionIndex.build(project, analyses, config=config)
    project.derived_put(key, current, dumps(index))
    index.stored_key = key
    return index


def learned_ranker(project: Project, index: SuggestionIndex) -> LearnedRanker:
    """The re-ranker fitted on the project's links and dismissals: stored beside the index
    it was fitted with (fitting scores every linked claim against every claim: seconds at
    2,000 links), and fitted again when the links or dismissals change."""
    import numpy as np
    import srsly

    from .learning import LearnedRanker, decisions_of

    decisions = decisions_of(project)
    digest = hashlib.sha256(repr((sorted(decisions.links), sorted(decisions.dismissed),
                                  sorted(decisions.claimants.items()))).encode()).hexdigest()[:24]
    key = f"learned:{FORMAT}:{index.stored_key}:{digest}"
    current = json.dumps(list(index.signature))
    data = project.derived_get(key, current) if index.stored_key else None
    def array(b: bytes | None) -> Any:
        return None if b is None else np.frombuffer(b, np.float64).copy()

    def tobytes(a: Any) -> bytes | None:
        return None if a is None else np.asarray(a, np.float64).tobytes()

    if data is not None:
        try:
            d = srsly.msgpack_loads(data)
            return LearnedRanker(
                weights=array(d["weights"]), mean=array(d["mean"]), scale=array(d["scale"]),
                associations={k: dict(v) for k, v in d["associations"].items()},
                claimants=decisions.claimants, n_links=d["n_links"],
                n_examples=d["n_examples"])
        except (ValueError, KeyError, TypeError):
            pass  # refitted below
    ranker = LearnedRanker.fit(index, decisions)
    if index.stored_key:
        project.derived_put(key, current, srsly.msgpack_dumps({
            "weights": tobytes(ranker.weights), "mean": tobytes(ranker.mean),
            "scale": tobytes(ranker.scale), "associations": ranker.associations,
            "n_links": ranker.n_links, "n_examples": ranker.n_examples}))
    return ranker


class _Texts(Mapping[str, str]):
    """Document texts read when a suggestion quotes one (a stored index keeps none)."""

    def __init__(self, project: Project) -> None:
        self._project = project
        self._read: dict[str, str] = {}

    def __getitem__(self, doc_id: str) -> str:
        text = self._read.get(doc_id)
        if text is None:
            text = self._read[doc_id] = self._project.text(doc_id)
        return text

    def __iter__(self) -> Iterator[str]:
        return iter(self._project.document_titles())

    def __len__(self) -> int:
        return len(self._project.document_titles())

