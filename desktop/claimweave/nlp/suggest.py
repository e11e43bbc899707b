"""Link suggestions: for one claim, the claims and the unclaimed sentences of *other*
documents that most probably agree or disagree with it, best first.

Score of a candidate ``c`` for the claim ``q``: one cosine over a combined sparse vector
whose terms are the span's content lemmas, its named entities and its key phrases:

    v(x)[lemma l]   = (1 + ln tf(l, x)) * idf(l)
    v(x)[entity e]  = W_ENTITY * idf(e)          (W_ENTITY = 0.5)
    v(x)[phrase p]  = W_PHRASE * idf(p)          (W_PHRASE = 0.5)
    score(q, c)     = v(q) . v(c) / (|v(q)| |v(c)|)         in [0, 1]

    idf(t) = ln((1 + N) / (1 + df(t))) + 1, N and df counted over all sentences of the
    project's analysed documents (the same idf for every claim and sentence).

- content lemmas: lower-cased lemmas of words that are not stop words, punctuation or
  spaces (numbers count), so "alliances" meets "alliance" and "deepening" meets "deepen";
- entities: people, places, organisations, groups (keyed case- and article-free); an entity
  term is worth half a lemma, and shared rare names ("Saudi Arabia") weigh more than names
  every sentence of the project mentions;
- key phrases: noun chunks with two or more content words, lemmatised ("military
  cooperation"), also worth half a lemma each, so that the multi-word unit counts beyond
  its single words.
The three contributions add up to the score and are reported apart (``lexical``,
``entities``, ``phrases``). Without a model (blank pipeline) lemmas are lower-cased words,
entities are off and phrases are runs of content words; the score keeps its shape.

Candidates: claims of other documents (scope "claims"), or sentences of other documents
that pass the hard candidate rules (length, not a question, finite verb) and that claims
do not already cover for half or more (scope "sentences"). Suggestions the user dismissed
and claims already linked to the claim are left out (:func:`suggestions_for`).

Each suggestion carries a stance hint and its cues (:mod:`.stance`).

Speed: the index keeps one sparse matrix per scope as numpy posting lists (term -> rows,
weights), so a query touches only the rows that share a term with the claim. Build the
index on a worker thread; rebuild it after claims change, passing the old index, whose span
features are reused.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..core.errors import ClaimWeaveError, InvalidOperationError
from ..core.model import Claim
from ..core.store import Project
from .analysis import Analysis
from .candidates import covered, merge_spans, rate_sentence
from .features import SpanFeatures, span_features
from .stance import stance_hint

W_ENTITY, W_PHRASE = 0.5, 0.5
SCOPES = ("claims", "sentences")


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
    lexical: float  # the parts of score contributed by lemmas, entities and phrases
    entities: float
    phrases: float
    stance_hint: str
    cues: tuple[str, ...]

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
    features: SpanFeatures


class _Space:
    """A sparse matrix (rows = passages) stored as posting lists for fast sparse dots."""

    def __init__(self, rows: list[dict[int, float]]) -> None:
        import numpy as np

        self.n = len(rows)
        terms = [t for r in rows for t in r]
        idx = [i for i, r in enumerate(rows) for _ in r]
        weights = [w for r in rows for w in r.values()]
        t = np.asarray(terms, dtype=np.int64)
        order = np.argsort(t, kind="stable")
        self.rows = np.asarray(idx, dtype=np.int32)[order]
        self.weights = np.asarray(weights, dtype=np.float32)[order]
        sorted_terms = t[order]
        uniq, first = np.unique(sorted_terms, return_index=True)
        bounds = [*first.tolist(), len(sorted_terms)]
        self.postings = {int(u): (bounds[k], bounds[k + 1]) for k, u in enumerate(uniq.tolist())}

    def dot(self, query: Mapping[int, float]) -> Any:
        import numpy as np

        scores = np.zeros(self.n, dtype=np.float32)
        for term, qw in query.items():
            span = self.postings.get(term)
            if span is not None:
                a, b = span
                scores[self.rows[a:b]] += qw * self.weights[a:b]
        return scores


class SuggestionIndex:
    """Everything needed to rank suggestions, built once from analyses and claims."""

    def __init__(self, *, entity_weight: float = W_ENTITY, phrase_weight: float = W_PHRASE
                 ) -> None:
        self.entity_weight = entity_weight
        self.phrase_weight = phrase_weight
        self.doc_ids: list[str] = []
        self.texts: dict[str, str] = {}
        self.n_sentences = 0
        self.claims: list[_Passage] = []
        self.sentences: list[_Passage] = []
        self.claim_row: dict[str, int] = {}
        self.sentence_row: dict[str, int] = {}
        self.feature_memo: dict[tuple[str, int, int], SpanFeatures] = {}
        self.signature: tuple[Any, ...] = ()
        self.term_ids: dict[tuple[str, str], int] = {}  # (space "l"/"e"/"p", key) -> id
        self.term_kind: list[str] = []
        self.df: list[int] = []
        self._claim_vectors: list[dict[int, float]] = []
        self._spaces: dict[str, _Space] = {}
        self._doc_array: dict[str, Any] = {}

    # -------------------------------------------------------------- building
    @classmethod
    def build(cls, project: Project, analyses: Mapping[str, Analysis], *,
              previous: SuggestionIndex | None = None, **weights: float) -> SuggestionIndex:
        """Index every claim and sentence of the analysed documents.

        Reads the project on the calling thread (give a worker its own Project). Documents
        without an analysis are left out. *previous* lends its span features.
        """
        self = cls(**weights)
        memo = previous.feature_memo if previous is not None else {}
        self.signature = signature(project)
        docs = [d for d in project.documents() if d.id in analyses]
        self.doc_ids = [d.id for d in docs]
        doc_index = {d: i for i, d in enumerate(self.doc_ids)}
        claims_by_doc: dict[str, list[Claim]] = {}
        for c in project.claims():
            if c.document_id in doc_index:
                claims_by_doc.setdefault(c.document_id, []).append(c)
        for doc_id in self.doc_ids:
            text = self.texts[doc_id] = project.text(doc_id)
            analysis = analyses[doc_id]
            claimed = merge_spans((c.start, c.end) for c in claims_by_doc.get(doc_id, ()))
            for n, (s, e) in enumerate(analysis.sentences):
                feats = self._features(memo, doc_id, analysis, text, s, e)
                self.n_sentences += 1
                for key in _terms(feats):
                    self.df[self._term(key)] += 1
                if claimed and covered(claimed, s, e) * 2 >= e - s:
                    continue  # claimed sentences are offered as claims, not again
                if rate_sentence(analysis, text, n) is None:
                    continue  # headlines, bylines, questions: they state nothing to link
                self.sentence_row[f"{doc_id}:{s}:{e}"] = len(self.sentences)
                self.sentences.append(_Passage("sentence", doc_index[doc_id], s, e, None, feats))
            for c in claims_by_doc.get(doc_id, ()):
                feats = self._features(memo, doc_id, analysis, text, c.start, c.end)
                self.claim_row[c.id] = len(self.claims)
                self.claims.append(_Passage("claim", doc_index[doc_id], c.start, c.end, c.id,
                                            feats))
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

    def _vector(self, f: SpanFeatures) -> dict[int, float]:
        """Weighted tf-idf over lemmas, entities and phrases, L2-normalised as one vector."""
        n = self.n_sentences
        scale = {"l": 1.0, "e": self.entity_weight, "p": self.phrase_weight}
        vec: dict[int, float] = {}
        for key, count in _terms(f).items():
            if not scale[key[0]]:
                continue
            i = self._term(key)
            idf = math.log((1 + n) / (1 + self.df[i])) + 1.0
            vec[i] = (1.0 + math.log(count)) * idf * scale[key[0]]
        norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
        return {i: w / norm for i, w in vec.items()}

    def _vectorise(self) -> None:
        import numpy as np

        for scope, passages in (("claims", self.claims), ("sentences", self.sentences)):
            vectors = [self._vector(p.features) for p in passages]
            if scope == "claims":
                self._claim_vectors = vectors
            self._spaces[scope] = _Space(vectors)
            self._doc_array[scope] = np.asarray([p.doc for p in passages], dtype=np.int32)

    def _parts(self, q: dict[int, float], c: dict[int, float]) -> dict[str, float]:
        """The score split into its lemma, entity and phrase contributions."""
        parts = {"l": 0.0, "e": 0.0, "p": 0.0}
        for i, w in q.items():
            if i in c:
                parts[self.term_kind[i]] += w * c[i]
        return parts

    # -------------------------------------------------------------- querying
    def is_current(self, project: Project) -> bool:
        """False once claims or documents changed since the build (then rebuild)."""
        return self.signature == signature(project)

    def suggest(self, claim_id: str, *, scope: str = "claims", top: int = 10,
                exclude: Iterable[tuple[str, str]] = ()) -> list[Suggestion]:
        """Best *top* suggestions for a claim. *exclude*: (kind, ref) pairs to leave out,
        e.g. the project's dismissed suggestions and the claims already linked."""
        import numpy as np

        if scope not in SCOPES:
            raise InvalidOperationError(f"scope must be one of {', '.join(SCOPES)}")
        row = self.claim_row.get(claim_id)
        if row is None:
            raise NotAnalysedError("the claim's document has not been analysed yet; "
                                   "run the analysis first")
        query = self._claim_vectors[row]
        q = self.claims[row]
        passages = self.claims if scope == "claims" else self.sentences
        if not passages:
            return []
        score = self._spaces[scope].dot(query)
        score[self._doc_array[scope] == q.doc] = -1.0
        lookup = self.claim_row if scope == "claims" else self.sentence_row
        kind = "claim" if scope == "claims" else "sentence"
        for k, ref in exclude:
            i = lookup.get(ref)
            if k == kind and i is not None:
                score[i] = -1.0
        k = min(top, len(passages))
        best = np.argpartition(-score, k - 1)[:k] if k < len(passages) else np.arange(k)
        best = sorted(best.tolist(), key=lambda i: (-float(score[i]), i))
        out = []
        for i in best:
            if score[i] <= 0.0:
                break
            p = passages[i]
            parts = self._parts(query, self._vector(p.features))
            lexical = _cosine(q.features.lemmas, p.features.lemmas)
            hint = stance_hint(q.features, p.features, lexical)
            doc_id = self.doc_ids[p.doc]
            out.append(Suggestion(
                kind, doc_id, p.claim_id, p.start, p.end, self.texts[doc_id][p.start:p.end],
                float(score[i]), parts["l"], parts["e"], parts["p"], hint.hint, hint.cues))
        return out


def _terms(f: SpanFeatures) -> Counter[tuple[str, str]]:
    terms: Counter[tuple[str, str]] = Counter({("l", k): v for k, v in f.lemmas.items()})
    terms.update(("e", k) for k in f.entities)
    terms.update(("p", k) for k in f.phrases)
    return terms


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    """Plain cosine of two lemma bags (the stance hint's notion of "similar enough")."""
    dot = sum(v * b[k] for k, v in a.items() if k in b)
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def signature(project: Project) -> tuple[Any, ...]:
    """Cheap fingerprint of what the index depends on (claims and documents)."""
    return tuple(project.con.execute(
        'SELECT (SELECT count(*) FROM claims), (SELECT max(updated_at) FROM claims), '
        '(SELECT group_concat(id) FROM (SELECT id FROM claims ORDER BY rowid DESC LIMIT 3)), '
        '(SELECT count(*) FROM documents), (SELECT max(imported_at) FROM documents)'
    ).fetchone())


def suggestions_for(project: Project, index: SuggestionIndex, claim_id: str, *,
                    scope: str = "claims", top: int = 10) -> list[Suggestion]:
    """:meth:`SuggestionIndex.suggest` minus dismissed suggestions and existing links."""
    full = project.resolve_claim(claim_id)
    exclude = set(project.dismissed_suggestions(full))
    for link in project.links(claim_id=full):
        exclude.add(("claim", link.target if link.source == full else link.source))
    return index.suggest(full, scope=scope, top=top, exclude=exclude)
