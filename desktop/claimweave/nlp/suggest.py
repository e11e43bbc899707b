"""Link suggestions: for one claim, the claims and the unclaimed sentences of *other*
documents that most probably agree or disagree with it, best first.

Score of a candidate ``c`` for the claim ``q`` (:class:`ScoreConfig`, :data:`DEFAULT`):

    words(x)  = sublinear tf-idf over canonical content lemmas (1 + ln tf) * idf, plus
                key phrases (0.5 * idf), adjacent lemma pairs (0.5 * idf) and, for a claim,
                the other lemmas of its sentence (0.3 * idf; short claims get context)
                and each kind of quantity stated (0.5 * idf: "duration", "count:people")
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
- meaning: the cosine of the two passages' static sentence embeddings (:mod:`.meaning`),
  scaled by the query's best lexical score, so it re-orders what the words found and lifts
  a paraphrase that shares no word among them, without swamping the lexical evidence where
  every candidate is on the same topic; off (the lexical score alone) without the model;
- the reported parts add up to the score: ``lexical`` (lemmas and characters),
  ``phrases`` (key phrases and lemma pairs), ``entities`` (what the entity and number
  boosts add), ``meaning``. Scores lie in [0, 1.4].
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
Tried and dropped: pseudo-relevance feedback (worse on the development set). The meaning
part, chosen and measured on the development sets only: docs/nlp.md ("The meaning part
measured": pooled R@3 among claims +0.02 to +0.03 with 0, 5 and 10 links).

Candidates: claims of other documents (scope "claims"), or sentences of other documents
that pass the hard candidate rules (length, not a question, finite verb) and that claims
do not already cover for half or more (scope "sentences"). Suggestions the user dismissed
and claims already linked to the claim are left out (:func:`suggestions_for`).

Each suggestion carries a stance hint and its cues (:mod:`.stance`), judged with ``base``.

Speed: the index keeps one sparse matrix per scope and space (words, characters, entities,
numbers) as numpy posting lists (term -> rows, weights; :mod:`.postings`), so a query
touches only the rows that share a term with the claim; query vectors are made on demand
(no per-claim vectors are kept). 10,000 claims: build about 2 s, query median 3-5 ms.
Build the index on a worker thread; rebuild it after claims change, passing the old index,
whose span features are reused.

Modules: :mod:`.suggestion` (the result type and the score's knobs), :mod:`.term_vectors`
(terms, idf, vectors, the score of a pair), :mod:`.suggest_build` (building the index),
:mod:`.postings` (the sparse matrices) and this one (the index and its queries).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..core.errors import InvalidOperationError
from ..core.store import Project
from .analysis import Analysis
from .features import SpanFeatures
from .learning import LearnedRanker
from .meaning import MeaningModel, load
from .postings import Postings
from .stance import stance_hint
from .suggestion import (
    CHAR_ALONE,
    DEFAULT,
    SCOPES,
    V1,
    NotAnalysedError,
    Passage,
    ScoreConfig,
    Suggestion,
    top_rows,
)
from .term_vectors import SPACES, TermVectors, Vectors, char_grams

__all__ = ["CHAR_ALONE", "DEFAULT", "SCOPES", "V1", "NotAnalysedError", "Passage",
           "ScoreConfig", "Suggestion", "SuggestionIndex", "char_grams", "signature",
           "suggestions_for"]


class SuggestionIndex(TermVectors):
    """Everything needed to rank suggestions, built once from analyses and claims."""

    def __init__(self, config: ScoreConfig | None = None) -> None:
        super().__init__(config)
        self.doc_ids: list[str] = []
        self.texts: dict[str, str] = {}
        self.claims: list[Passage] = []
        self.sentences: list[Passage] = []
        self.claim_row: dict[str, int] = {}
        self.sentence_row: dict[str, int] = {}
        self.feature_memo: dict[tuple[str, int, int], SpanFeatures] = {}
        self.signature: tuple[Any, ...] = ()
        self.stored_key = ""  # its key in the project's derived data, once stored there
        self._spaces: dict[tuple[str, str], Postings] = {}
        self._doc_array: dict[str, Any] = {}
        self._furniture: dict[str, Any] = {}
        self._extents: Any = None  # per document, the end of its last passage
        # The meaning part's model (loaded once per process; None: lexical score alone).
        self.meaning: MeaningModel | None = load() if self.config.meaning_weight else None

    @classmethod
    def build(cls, project: Project, analyses: Mapping[str, Analysis], *,
              previous: SuggestionIndex | None = None,
              config: ScoreConfig | None = None) -> SuggestionIndex:
        """Index every claim and sentence of the analysed documents.

        Reads the project on the calling thread (give a worker its own Project). Documents
        without an analysis are left out. *previous* lends its span features.
        """
        from .suggest_build import fill_index  # not imported to query a stored index

        self = cls(config)
        fill_index(self, project, analyses, previous.feature_memo if previous else {})
        return self

    def doc_extents(self) -> Any:
        """Per document, the end of its last indexed passage (at least 1): where a passage
        sits in its document, 0 to 1, without reading the texts. A stored index reads them
        from its arrays; walking a stored index's passages would read every row."""
        if self._extents is None:
            self._extents = doc_extents(len(self.doc_ids), [
                ([p.doc for p in ps], [p.end for p in ps])
                for ps in (self.claims, self.sentences)])
        return self._extents

    def doc_of(self, scope: str, row: int) -> int:
        """The document (its number) of passage *row* of *scope*, without reading it."""
        return int(self._doc_array[scope][row])

    def _score(self, scope: str, qv: Vectors, doc: int,
               dots: dict[str, Any] | None = None) -> Any:
        if dots is None:
            dots = self.space_dots(scope, qv)
        score = self._combine(dots)[0] * self._furniture[scope]
        score[self._doc_array[scope] == doc] = -1.0
        return score

    def _will_read(self, scope: str, *, rows: Sequence[int] = (),
                   refs: Sequence[str] = ()) -> None:
        """About to read these passages and refs of *scope*: a stored index reads them in
        one query each instead of one per row (a built index holds them all)."""

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
        excluded = [ref for target_kind, ref in exclude if target_kind == kind]
        self._will_read(scope, refs=excluded)
        for ref in excluded:
            i = lookup.get(ref)
            if i is not None:
                score[i] = -1.0
        meaning = self.meaning_bonus(scope, q, score)
        score += meaning
        reason = ""
        if learned is not None and learned.active:
            best = learned.rerank(self, scope, q, qv, score, dots, meaning)[:top]
            reason = learned.reason()
        else:
            best = top_rows(score, top)
        self._will_read(scope, rows=[i for i in best if score[i] >= 0])  # those shown
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
            out.append(Suggestion(
                kind, self.doc_ids[p.doc], p.claim_id, p.start, p.end, self.quote(p),
                float(score[i]), lexical, entities, phrases, hint.hint, hint.cues,
                hint.confidence, reason, float(meaning[i])))
        return out

    # -------------------------------------------------------------- for learning.py
    def passages(self, scope: str) -> list[Passage]:
        return self.claims if scope == "claims" else self.sentences

    def space_dots(self, scope: str, qv: Vectors) -> dict[str, Any]:
        """Per space, the cosine of the query with every passage of *scope* (arrays)."""
        return {s: self._spaces[(scope, s)].dot(qv[s]) for s in SPACES}

    def scores(self, scope: str, qv: Vectors, doc: int,
               dots: dict[str, Any] | None = None) -> Any:
        """The default score of every passage of *scope* (-1 for the query's document)."""
        return self._score(scope, qv, doc, dots)

    def space_dot(self, scope: str, space: str, query: Mapping[int, float]) -> Any:
        return self._spaces[(scope, space)].dot(query)

    def meaning_bonus(self, scope: str, q: Passage, score: Any) -> Any:
        """What the meaning part adds to *score* (the lexical scores of *scope*, -1 where
        left out): for the best rows, the weight times the best score times what the
        cosine of the embeddings exceeds the floor by; zeros elsewhere, and without a model."""
        import numpy as np

        cfg = self.config
        bonus = np.zeros(len(score))
        rows = [i for i in top_rows(score, cfg.meaning_pool) if score[i] >= 0]
        if self.meaning is None or not cfg.meaning_weight or not rows or score[rows[0]] <= 0:
            return bonus
        self._will_read(scope, rows=rows)  # (those shown are among them: one read)
        passages = self.passages(scope)
        vectors = self.meaning.embed([self.quote(q), *(self.quote(passages[i]) for i in rows)])
        above = np.maximum(vectors[1:] @ vectors[0] - cfg.meaning_floor, 0.0)
        bonus[rows] = cfg.meaning_weight * float(score[rows[0]]) * above
        return bonus

    def quote(self, p: Passage) -> str:
        """The passage's text."""
        return self.texts[self.doc_ids[p.doc]][p.start:p.end]


def doc_extents(n_docs: int, scopes: Sequence[tuple[Any, Any]]) -> Any:
    """Per document (of *n_docs*), the largest end among the (docs, ends) of *scopes*, at
    least 1.0: the float64 array that :meth:`SuggestionIndex.doc_extents` gives."""
    import numpy as np

    out = np.ones(n_docs, np.float64)
    for docs, ends in scopes:
        if len(docs):
            np.maximum.at(out, np.asarray(docs, np.int64), np.asarray(ends, np.float64))
    return out


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
