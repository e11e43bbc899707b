"""Link suggestions: for one claim, the claims and the unclaimed sentences of *other*
documents that most probably agree or disagree with it, best first.

Score of a candidate ``c`` for the claim ``q`` (:class:`ScoreConfig`, :data:`DEFAULT`):

    words(x)  = sublinear tf-idf over canonical content lemmas (1 + ln tf) * idf, plus
                key phrases (0.5 * idf), adjacent lemma pairs (0.5 * idf) and, for a claim,
                the other lemmas of its sentence (0.3 * idf; short claims get context)
    chars(x)  = tf-idf over character 3-5-grams of the lemmas ("<allia", "llian" ...),
                so "alliance"/"allied"/"ally" and unlemmatised forms still meet
    base      = 0.6 * cos(words) + 0.4 * cos(chars)     (chars count only when a word or
                number is shared, or when their cosine alone is >= 0.25)
    score     = base * (1 + 0.2 * cos(entities)) / 1.2 * (1 + 0.3 * cos(numbers)) / 1.3
                * 0.5 if c is page furniture (no finite verb, < 4 content words)

    idf(t) = ln((1 + N) / (1 + df(t))) + 1, N and df counted over all sentences of the
    project's analysed documents (not only claims), the same idf for every span.

- canonical lemmas: lower-cased lemmas of words that are not stop words, punctuation or
  spaces (numbers count), mapped through a small curated synonym list
  (:mod:`.lexicon`: "collaboration" -> "cooperation", "purchase" -> "buy");
- entities: people, places, organisations, groups (keyed case- and article-free), idf
  weighted; a multiplicative boost, because the names' words already count as lemmas;
- numbers: each unit ("mm", "percent", "time", "year", a currency) and each unit=value,
  idf weighted; a claim about "94 mm" meets the other "94 mm" (and "60 mm": the same
  proposition, a likely contradiction);
- the reported parts add up to the score: ``lexical`` (lemmas and characters),
  ``phrases`` (key phrases and lemma pairs), ``entities`` (what the entity and number
  boosts add). Scores lie in [0, 1].
Without a model (blank pipeline) lemmas are lower-cased words (the character n-grams then
carry the morphology), entities are off and phrases are runs of content words.
:data:`V1` reproduces the first formula (one cosine over lemmas + 0.5 entities + 0.5
phrases) for comparison in the quality benchmark.

Measured (tests/perf/test_suggest_quality.py; recall@1/3/5, MRR; "large" = every other
claim-like sentence marked as a claim too):

    set                         pool    suggester            v1                raw TF-IDF
    development (Russia-Iran)   41    .23 .46 .52 .38   .21 .33 .44 .33   .21 .37 .48 .34
                                192   .15 .25 .29 .24   .17 .23 .25 .23   .13 .19 .23 .20
    HELD-OUT (demo project)     35    .55 .71 .79 .66   .53 .66 .74 .60   .47 .68 .71 .60
                                105   .47 .66 .68 .58   .47 .61 .61 .54   .42 .61 .63 .53

Weights were set before measuring (0.4 characters, 0.3 context, 0.5 phrases/pairs, 0.3
numbers); only the entity boost was lowered (0.5 -> 0.2) because both sets agreed on it.
Tried and dropped: pseudo-relevance feedback (worse on the development set).

Candidates: claims of other documents (scope "claims"), or sentences of other documents
that pass the hard candidate rules (length, not a question, finite verb) and that claims
do not already cover for half or more (scope "sentences"). Suggestions the user dismissed
and claims already linked to the claim are left out (:func:`suggestions_for`).

Each suggestion carries a stance hint and its cues (:mod:`.stance`), judged with ``base``.

Speed: the index keeps one sparse matrix per scope and space (words, characters, entities,
numbers) as numpy posting lists (term -> rows, weights), so a query touches only the rows
that share a term with the claim; query vectors are made on demand (no per-claim vectors are
kept). 10,000 claims: build about 2 s, query median 3-5 ms. Build the index on a worker
thread; rebuild it after claims change, passing the old index, whose span features are
reused.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from ..core.errors import ClaimWeaveError, InvalidOperationError
from ..core.model import Claim
from ..core.store import Project
from .analysis import Analysis
from .candidates import covered, merge_spans, rate_sentence
from .features import SpanFeatures, span_features
from .learning import LearnedRanker
from .lexicon import canonical
from .stance import stance_hint

SCOPES = ("claims", "sentences")
CHAR_ALONE = 0.25  # a character n-gram cosine that counts without any shared word
_SPACES = ("w", "c", "e", "n")  # words (lemmas, bigrams, phrases), characters, names, numbers


@dataclass(frozen=True, slots=True)
class ScoreConfig:
    """The knobs of the score (see the module docstring); :data:`DEFAULT` is what the
    program uses, :data:`V1` reproduces the first formula for comparison."""

    char_weight: float = 0.4  # share of the character n-gram cosine in the base similarity
    phrase_weight: float = 0.5  # key phrases, relative to a lemma
    bigram_weight: float = 0.5  # adjacent content-lemma pairs, relative to a lemma
    context_weight: float = 0.3  # lemmas of a claim's sentence outside the claim
    synonyms: bool = True  # map lemmas through the curated synonym list
    entity_boost: float = 0.2  # multiplicative: (1 + b * entity cosine) / (1 + b)
    number_boost: float = 0.3  # multiplicative: (1 + b * number cosine) / (1 + b)
    entity_add: float = 0.0  # v1 only: entities as additive terms of the word vector
    furniture: float = 0.5  # factor for candidates without a finite verb and < 4 words
    gram_sizes: tuple[int, ...] = (3, 4, 5)


DEFAULT = ScoreConfig()
V1 = ScoreConfig(char_weight=0.0, phrase_weight=0.5, bigram_weight=0.0, context_weight=0.0,
                 synonyms=False, entity_boost=0.0, number_boost=0.0, entity_add=0.5,
                 furniture=1.0)


class NotAnalysedError(ClaimWeaveError):
    """The claim's document has no analysis yet (run the analysis first)."""


@dataclass(frozen=True, slots=True)
class Suggestion:
    kind: str  # "claim" or "sentence"
    document_id: str
    claim_id: str | None
    start: int
    end: int
    quote: str
    score: float
    lexical: float  # the parts of score from lemmas (and characters), from shared names and
    entities: float  # numbers (the boosts), and from key phrases and lemma pairs
    phrases: float
    stance_hint: str
    cues: tuple[str, ...]
    confidence: float = 1.0  # of the stance hint (nlp/stance.py)
    reason: str = ""  # why it ranks here when learning re-ordered it ("learned from ...")

    @property
    def target_ref(self) -> str:
        """What :meth:`Project.dismiss_suggestion` takes as target_ref for this suggestion."""
        return self.claim_id or f"{self.document_id}:{self.start}:{self.end}"

    def to_json(self) -> dict[str, Any]:
        """The stable shape of ``claimweave suggest --json``."""
        return {"document_id": self.document_id, "claim_id": self.claim_id,
                "start": self.start, "end": self.end, "quote": self.quote,
                "score": round(self.score, 4), "stance_hint": self.stance_hint,
                "cues": list(self.cues)}


@dataclass(slots=True)
class _Passage:
    kind: str
    doc: int  # index into SuggestionIndex.doc_ids
    start: int
    end: int
    claim_id: str | None
    _features: SpanFeatures | None
    _context: Counter[str] | None = None  # lemmas of the enclosing sentences, not in the span
    likeness: float = 1.0  # a sentence's claim candidate score (claims: 1.0)
    packed: bytes | None = None  # features and context of a stored index, read when needed

    @property
    def features(self) -> SpanFeatures:
        if self._features is None:
            from .index_store import unpack_features

            self._features, self._context = unpack_features(self.packed or b"")
            self.packed = None
        return self._features

    @property
    def context(self) -> Counter[str] | None:
        if self._features is None:
            self.features  # noqa: B018 -- unpacks both
        return self._context


class _Space:
    """A sparse matrix (rows = passages) stored as posting lists for fast sparse dots:
    ``terms`` (sorted, unique) and ``bounds`` delimit each term's slice of ``rows`` and
    ``weights``, so a query touches only the rows that share one of its terms."""

    def __init__(self, rows: list[dict[int, float]]) -> None:
        import numpy as np

        self.n = len(rows)
        counts = np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows))
        total = int(counts.sum())
        t = np.fromiter((t for r in rows for t in r), dtype=np.int64, count=total)
        w = np.fromiter((w for r in rows for w in r.values()), dtype=np.float32, count=total)
        idx = np.repeat(np.arange(len(rows), dtype=np.int32), counts)
        order = np.argsort(t, kind="stable")
        self.rows = idx[order]
        self.weights = w[order]
        self.terms, first = np.unique(t[order], return_index=True)
        self.bounds = np.append(first, total).astype(np.int64)

    @classmethod
    def of_arrays(cls, n: int, rows: Any, weights: Any, terms: Any, bounds: Any) -> _Space:
        space = cls.__new__(cls)
        space.n, space.rows, space.weights = n, rows, weights
        space.terms, space.bounds = terms, bounds
        return space

    def dot(self, query: Mapping[int, float]) -> Any:
        import numpy as np

        scores = np.zeros(self.n, dtype=np.float32)
        if not query or not len(self.terms):
            return scores
        wanted = np.fromiter(query, dtype=np.int64, count=len(query))
        at = np.searchsorted(self.terms, wanted)
        for term, k, qw in zip(wanted.tolist(), at.tolist(), query.values(), strict=True):
            if k < len(self.terms) and self.terms[k] == term:
                a, b = self.bounds[k], self.bounds[k + 1]
                scores[self.rows[a:b]] += qw * self.weights[a:b]
        return scores


_GRAMS: dict[tuple[str, tuple[int, ...]], tuple[str, ...]] = {}


def char_grams(lemma: str, sizes: tuple[int, ...] = (3, 4, 5)) -> tuple[str, ...]:
    """Character n-grams of a lemma with boundary marks ("<ally>" -> "<al", "all", ...)."""
    key = (lemma, sizes)
    grams = _GRAMS.get(key)
    if grams is None:
        w = f"<{lemma}>"
        grams = tuple(w[i:i + n] for n in sizes for i in range(len(w) - n + 1))
        if len(_GRAMS) < 200_000:
            _GRAMS[key] = grams
    return grams


class SuggestionIndex:
    """Everything needed to rank suggestions, built once from analyses and claims."""

    def __init__(self, config: ScoreConfig | None = None) -> None:
        self.config = config or DEFAULT
        self.doc_ids: list[str] = []
        self.texts: dict[str, str] = {}
        self.n_sentences = 0
        self.claims: list[_Passage] = []
        self.sentences: list[_Passage] = []
        self.claim_row: dict[str, int] = {}
        self.sentence_row: dict[str, int] = {}
        self.feature_memo: dict[tuple[str, int, int], SpanFeatures] = {}
        self.signature: tuple[Any, ...] = ()
        self.stored_key = ""  # its key in the project's derived data, once stored there
        self.term_ids: dict[tuple[str, str], int] = {}  # (kind, key) -> id
        self.term_kind: list[str] = []
        self.df: list[int] = []
        self._idf: list[float] = []
        self._spaces: dict[tuple[str, str], _Space] = {}
        self._doc_array: dict[str, Any] = {}
        self._furniture: dict[str, Any] = {}

    # -------------------------------------------------------------- building
    @classmethod
    def build(cls, project: Project, analyses: Mapping[str, Analysis], *,
              previous: SuggestionIndex | None = None,
              config: ScoreConfig | None = None) -> SuggestionIndex:
        """Index every claim and sentence of the analysed documents.

        Reads the project on the calling thread (give a worker its own Project). Documents
        without an analysis are left out. *previous* lends its span features.
        """
        self = cls(config)
        memo = previous.feature_memo if previous is not None else {}
        self.signature = signature(project)
        docs = [d for d in project.documents() if d.id in analyses]
        self.doc_ids = [d.id for d in docs]
        doc_index = {d: i for i, d in enumerate(self.doc_ids)}
        claims_by_doc: dict[str, list[Claim]] = {}
        for c in project.claims():
            if c.document_id in doc_index:
                claims_by_doc.setdefault(c.document_id, []).append(c)
        df: Counter[tuple[str, str]] = Counter()
        for doc_id in self.doc_ids:
            text = self.texts[doc_id] = project.text(doc_id)
            analysis = analyses[doc_id]
            claimed = merge_spans((c.start, c.end) for c in claims_by_doc.get(doc_id, ()))
            sentence_feats = []
            for n, (s, e) in enumerate(analysis.sentences):
                feats = self._features(memo, doc_id, analysis, text, s, e)
                sentence_feats.append(feats)
                self.n_sentences += 1
                df.update(self._terms(feats, None).keys())
                if claimed and covered(claimed, s, e) * 2 >= e - s:
                    continue  # claimed sentences are offered as claims, not again
                rated = rate_sentence(analysis, text, n)
                if rated is None:
                    continue  # headlines, bylines, questions: they state nothing to link
                self.sentence_row[f"{doc_id}:{s}:{e}"] = len(self.sentences)
                self.sentences.append(_Passage("sentence", doc_index[doc_id], s, e, None, feats,
                                               likeness=rated.score))
            for c in claims_by_doc.get(doc_id, ()):
                feats = self._features(memo, doc_id, analysis, text, c.start, c.end)
                context: Counter[str] = Counter()
                if self.config.context_weight:
                    for k in analysis.sentences_in(c.start, c.end):
                        context.update(sentence_feats[k].lemmas)
                    for lemma in feats.lemmas:
                        context.pop(lemma, None)
                self.claim_row[c.id] = len(self.claims)
                self.claims.append(_Passage("claim", doc_index[doc_id], c.start, c.end, c.id,
                                            feats, context or None))
        n = self.n_sentences
        for key, count in df.items():
            self._term(key)
            self.df[self.term_ids[key]] = count
        self._idf = [math.log((1 + n) / (1 + d)) + 1.0 for d in self.df]
        self._vectorise()
        return self

    def _features(self, memo: dict[tuple[str, int, int], SpanFeatures], doc_id: str,
                  analysis: Analysis, text: str, s: int, e: int) -> SpanFeatures:
        key = (doc_id, s, e)
        feats = memo.get(key) or span_features(analysis, text, s, e)
        self.feature_memo[key] = feats
        return feats

    def _term(self, key: tuple[str, str]) -> int:
        i = self.term_ids.get(key)
        if i is None:
            i = self.term_ids[key] = len(self.df)
            self.df.append(0)
            self.term_kind.append(key[0])
        return i

    def _terms(self, f: SpanFeatures, context: Counter[str] | None
               ) -> dict[tuple[str, str], float]:
        """Term -> raw weight before idf: sublinear tf for lemmas (a span's own), the
        configured relative weights for the other kinds. Kinds: "l" lemma, "p" key phrase,
        "b" lemma pair, "e" entity, "c" character n-gram, "n" number."""
        cfg = self.config
        canon = canonical if cfg.synonyms else _same
        out: dict[tuple[str, str], float] = {}
        for lemma, count in f.lemmas.items():
            key = ("l", canon(lemma))
            out[key] = out.get(key, 0.0) + 1.0 + math.log(count)
        if context:
            for lemma in context:
                key = ("l", canon(lemma))
                out.setdefault(key, cfg.context_weight)
        if cfg.phrase_weight:
            for p in f.phrases:
                out[("p", p)] = cfg.phrase_weight
        if cfg.bigram_weight:
            seq = [canon(x) for x in f.sequence]
            for a, b in pairwise(seq):
                if a != b:
                    out[("b", f"{a} {b}")] = cfg.bigram_weight
        if cfg.entity_add or cfg.entity_boost:
            for e in f.entities:
                out[("e", e)] = cfg.entity_add or 1.0
        if cfg.char_weight:
            for lemma in f.lemmas:
                if lemma[:1].isdigit():
                    continue  # numbers are compared as numbers
                for g in char_grams(lemma, cfg.gram_sizes):
                    key = ("c", g)
                    out[key] = out.get(key, 0.0) + 1.0
        if cfg.number_boost:
            for unit, values in f.numbers.items():
                if unit:
                    out[("n", unit)] = 1.0
                for v in values:
                    out[("n", f"{unit}={v}")] = 1.0
        return out

    def _space_of(self, kind: str) -> str:
        if kind in "lpb" or (kind == "e" and self.config.entity_add):
            return "w"
        return "n" if kind == "n" else "c" if kind == "c" else "e"

    def _vectors(self, p: _Passage) -> dict[str, dict[int, float]]:
        """The passage's vectors, one per space, each L2-normalised; char n-gram counts get
        a sublinear tf. Terms never seen in a sentence get the largest idf."""
        vecs: dict[str, dict[int, float]] = {s: {} for s in _SPACES}
        top_idf = math.log(1 + self.n_sentences) + 1.0
        for key, w in self._terms(p.features, p.context).items():
            i = self.term_ids.get(key)
            idf = self._idf[i] if i is not None and i < len(self._idf) else top_idf
            if i is None:
                i = self._term(key)
            if key[0] == "c":
                w = 1.0 + math.log(w)
            vecs[self._space_of(key[0])][i] = w * idf
        for v in vecs.values():
            norm = math.sqrt(sum(w * w for w in v.values())) or 1.0
            for i in v:
                v[i] /= norm
        return vecs

    def _vectorise(self) -> None:
        import numpy as np

        for scope, passages in (("claims", self.claims), ("sentences", self.sentences)):
            rows: dict[str, list[dict[int, float]]] = {s: [] for s in _SPACES}
            for p in passages:
                for s, v in self._vectors(p).items():
                    rows[s].append(v)
            for s in _SPACES:
                self._spaces[(scope, s)] = _Space(rows[s])
            self._doc_array[scope] = np.asarray([p.doc for p in passages], dtype=np.int32)
            # Page furniture is damped; a sentence is weighted by how claim-like it is, so
            # statements rank above reported questions and captions of the same words.
            self._furniture[scope] = np.asarray(
                [(self.config.furniture if _is_furniture(p.features) else 1.0) * p.likeness
                 for p in passages], dtype=np.float32)

    def _combine(self, dots: dict[str, Any]) -> tuple[Any, Any]:
        """(score, base similarity) from the per-space dot products (arrays or floats)."""
        import numpy as np

        cfg = self.config
        chars = dots["c"]
        if cfg.char_weight:  # spelling alone links nothing unless it is close
            chars = np.where((dots["w"] > 0) | (dots["n"] > 0) | (chars >= CHAR_ALONE),
                             chars, 0.0)
        base = (1.0 - cfg.char_weight) * dots["w"] + cfg.char_weight * chars
        boost = ((1.0 + cfg.entity_boost * dots["e"]) * (1.0 + cfg.number_boost * dots["n"])
                 / ((1.0 + cfg.entity_boost) * (1.0 + cfg.number_boost)))
        return base * boost, base

    def _parts(self, qv: dict[str, dict[int, float]], cv: dict[str, dict[int, float]],
               furniture: float) -> tuple[float, float, float, float, float]:
        """(score, base, lexical, entities, phrases) of one pair, computed exactly."""
        cfg = self.config
        by_kind = {"l": 0.0, "p": 0.0, "b": 0.0, "e": 0.0}
        dots = {}
        for s in _SPACES:
            q, c = qv[s], cv[s]
            total = 0.0
            for i, w in q.items():
                if i in c:
                    x = w * c[i]
                    total += x
                    if s == "w":
                        by_kind[self.term_kind[i]] += x
            dots[s] = total
        score, base = self._combine(dots)
        score *= furniture
        norm = furniture / ((1.0 + cfg.entity_boost) * (1.0 + cfg.number_boost))
        lexical = ((1.0 - cfg.char_weight) * by_kind["l"] + cfg.char_weight * dots["c"]) * norm
        phrases = (1.0 - cfg.char_weight) * (by_kind["p"] + by_kind["b"]) * norm
        return score, base, lexical, score - lexical - phrases, phrases

    def _score(self, scope: str, qv: dict[str, dict[int, float]], doc: int,
               dots: dict[str, Any] | None = None) -> Any:
        if dots is None:
            dots = self.space_dots(scope, qv)
        score = self._combine(dots)[0] * self._furniture[scope]
        score[self._doc_array[scope] == doc] = -1.0
        return score

    # -------------------------------------------------------------- querying
    def is_current(self, project: Project) -> bool:
        """False once claims or documents changed since the build (then rebuild)."""
        return self.signature == signature(project)

    def suggest(self, claim_id: str, *, scope: str = "claims", top: int = 10,
                exclude: Iterable[tuple[str, str]] = (),
                learned: LearnedRanker | None = None) -> list[Suggestion]:
        """Best *top* suggestions for a claim. *exclude*: (kind, ref) pairs to leave out,
        e.g. the project's dismissed suggestions and the claims already linked. *learned*
        (fitted on the project's decisions) re-orders the top when it is active."""
        import numpy as np

        if scope not in SCOPES:
            raise InvalidOperationError(f"scope must be one of {', '.join(SCOPES)}")
        row = self.claim_row.get(claim_id)
        if row is None:
            raise NotAnalysedError("the claim's document has not been analysed yet; "
                                   "run the analysis first")
        q = self.claims[row]
        passages = self.claims if scope == "claims" else self.sentences
        if not passages:
            return []
        qv = self._vectors(q)
        dots = self.space_dots(scope, qv)
        score = self._score(scope, qv, q.doc, dots)
        lookup = self.claim_row if scope == "claims" else self.sentence_row
        kind = "claim" if scope == "claims" else "sentence"
        for target_kind, ref in exclude:
            i = lookup.get(ref)
            if target_kind == kind and i is not None:
                score[i] = -1.0
        reason = ""
        if learned is not None and learned.active:
            best = learned.rerank(self, scope, q, qv, score, dots)[:top]
            reason = learned.reason()
        else:
            k = min(top, len(passages))
            top_k = np.argpartition(-score, k - 1)[:k] if k < len(passages) else np.arange(k)
            best = sorted(top_k.tolist(), key=lambda i: (-float(score[i]), i))
        out = []
        for i in best:
            if score[i] < 0:
                continue  # the query's own document, excluded or dismissed
            if score[i] <= 1e-6 and not reason:
                break  # (re-ranked: a partner the learned associations found may share none)
            p = passages[i]
            _, base, lexical, entities, phrases = self._parts(
                qv, self._vectors(p), float(self._furniture[scope][i]))
            hint = stance_hint(q.features, p.features, base)
            doc_id = self.doc_ids[p.doc]
            out.append(Suggestion(
                kind, doc_id, p.claim_id, p.start, p.end, self.texts[doc_id][p.start:p.end],
                float(score[i]), lexical, entities, phrases, hint.hint, hint.cues,
                hint.confidence, reason))
        return out

    # -------------------------------------------------------------- for learning.py
    def passages(self, scope: str) -> list[_Passage]:
        return self.claims if scope == "claims" else self.sentences

    def vectors_of(self, p: _Passage) -> dict[str, dict[int, float]]:
        return self._vectors(p)

    def space_dots(self, scope: str, qv: dict[str, dict[int, float]]) -> dict[str, Any]:
        """Per space, the cosine of the query with every passage of *scope* (arrays)."""
        return {s: self._spaces[(scope, s)].dot(qv[s]) for s in _SPACES}

    def scores(self, scope: str, qv: dict[str, dict[int, float]], doc: int,
               dots: dict[str, Any] | None = None) -> Any:
        """The default score of every passage of *scope* (-1 for the query's document)."""
        return self._score(scope, qv, doc, dots)

    def space_dot(self, scope: str, space: str, query: Mapping[int, float]) -> Any:
        return self._spaces[(scope, space)].dot(query)

    def pair_dots(self, qv: dict[str, dict[int, float]], p: _Passage) -> dict[str, float]:
        """The per-space cosines of the query vectors and passage *p*."""
        cv = self._vectors(p)
        return {s: sum(w * cv[s].get(i, 0.0) for i, w in qv[s].items()) for s in _SPACES}

    def combine(self, dots: dict[str, float]) -> float:
        return float(self._combine(dots)[0])

    def idf_of(self, key: tuple[str, str]) -> float:
        i = self.term_ids.get(key)
        return self._idf[i] if i is not None and i < len(self._idf) else (
            math.log(1 + self.n_sentences) + 1.0)


def _same(x: str) -> str:
    return x


def _is_furniture(f: SpanFeatures) -> bool:
    """Page furniture: no finite verb and fewer than four content words ("Share this
    article", "Photo: Reuters"). Unknown without a tagger (then never)."""
    return f.finite is False and len(f.sequence) < 4


def signature(project: Project) -> tuple[Any, ...]:
    """Cheap fingerprint of what the index depends on (claims and documents)."""
    return project.content_signature()


def suggestions_for(project: Project, index: SuggestionIndex, claim_id: str, *,
                    scope: str = "claims", top: int = 10,
                    learned: LearnedRanker | None = None) -> list[Suggestion]:
    """:meth:`SuggestionIndex.suggest` minus dismissed suggestions and existing links."""
    full = project.resolve_claim(claim_id)
    exclude = set(project.dismissed_suggestions(full))
    for link in project.links(claim_id=full):
        exclude.add(("claim", link.target if link.source == full else link.source))
    return index.suggest(full, scope=scope, top=top, exclude=exclude, learned=learned)
