"""Building the suggestion index: every claim and candidate sentence of the analysed
documents becomes a passage, the project's sentences give the document frequencies, and
each scope and space becomes a posting-list matrix (:class:`~.postings.Postings`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from ..core.store import Project
from .analysis import Analysis
from .candidates import covered, merge_spans, rate_sentence
from .features import SpanFeatures, span_features
from .postings import PostingsBuilder
from .suggestion import Passage
from .term_vectors import SPACES, TermVectors, idf, is_furniture

if TYPE_CHECKING:
    from .suggest import SuggestionIndex

FeatureMemo = dict[tuple[str, int, int], SpanFeatures]


def fill_index(index: SuggestionIndex, project: Project, analyses: Mapping[str, Analysis],
               memo: FeatureMemo) -> None:
    """Index every claim and sentence of the analysed documents into the empty *index*.
    *memo* lends span features already computed (by a previous index)."""
    df: Counter[tuple[str, str]] = Counter()
    for doc_id, text, sentences, claims in walk(index, project, analyses, memo, df):
        index.texts[doc_id] = text
        for p in sentences:
            index.sentence_row[f"{doc_id}:{p.start}:{p.end}"] = len(index.sentences)
            index.sentences.append(p)
        for p in claims:
            assert p.claim_id is not None
            index.claim_row[p.claim_id] = len(index.claims)
            index.claims.append(p)
    set_idf(index, df)
    _vectorise(index)


def set_idf(index: TermVectors, df: Counter[tuple[str, str]]) -> None:
    """The document frequencies counted by :func:`walk` become the index's idf."""
    for key, count in df.items():
        index.df[index._term(key)] = count
    index._idf = [idf(index.n_sentences, d) for d in index.df]


def walk(index: SuggestionIndex, project: Project, analyses: Mapping[str, Analysis],
         memo: FeatureMemo, df: Counter[tuple[str, str]], *, keep: bool = True
         ) -> Iterator[tuple[str, str, list[Passage], list[Passage]]]:
    """Per analysed document in order: (id, text, its sentences offered as candidates, its
    claims), counting every sentence's terms into *df* and setting ``index.doc_ids``,
    ``signature`` and ``n_sentences``. One document's features are made at a time: a
    caller that keeps none of them holds one document's worth (the stored build); *keep*:
    the index keeps them to lend to the next build (``feature_memo``)."""
    index.signature = project.content_signature()
    index.doc_ids = [d.id for d in project.documents() if d.id in analyses]
    for doc_no, doc_id in enumerate(index.doc_ids):
        text = project.text(doc_id)
        analysis = analyses[doc_id]
        doc_claims = project.claims(document_id=doc_id)
        claimed = merge_spans((c.start, c.end) for c in doc_claims)
        sentence_feats = []
        sentences = []
        for n, (s, e) in enumerate(analysis.sentences):
            feats = _features(index, memo, doc_id, analysis, text, s, e, keep)
            sentence_feats.append(feats)
            index.n_sentences += 1
            df.update(index._terms(feats, None).keys())
            if claimed and covered(claimed, s, e) * 2 >= e - s:
                continue  # claimed sentences are offered as claims, not again
            rated = rate_sentence(analysis, text, n)
            if rated is None:
                continue  # headlines, bylines, questions: they state nothing to link
            sentences.append(Passage("sentence", doc_no, s, e, None, feats,
                                     likeness=rated.score))
        claims = []
        for c in doc_claims:
            feats = _features(index, memo, doc_id, analysis, text, c.start, c.end,
                              keep)
            context: Counter[str] = Counter()
            if index.config.context_weight:
                for k in analysis.sentences_in(c.start, c.end):
                    context.update(sentence_feats[k].lemmas)
                for lemma in feats.lemmas:
                    context.pop(lemma, None)
            claims.append(Passage("claim", doc_no, c.start, c.end, c.id, feats,
                                  context or None))
        yield doc_id, text, sentences, claims


def _features(index: SuggestionIndex, memo: FeatureMemo, doc_id: str, analysis: Analysis,
              text: str, s: int, e: int, keep: bool) -> SpanFeatures:
    key = (doc_id, s, e)
    feats = memo.get(key) or span_features(analysis, text, s, e)
    if keep:
        index.feature_memo[key] = feats
    return feats


def _vectorise(index: SuggestionIndex) -> None:
    import numpy as np

    for scope, passages in (("claims", index.claims), ("sentences", index.sentences)):
        rows = {s: PostingsBuilder() for s in SPACES}
        for p in passages:
            for s, v in index._vectors(p).items():
                rows[s].add(v)
        for s in SPACES:
            index._spaces[(scope, s)] = rows[s].build()
        index._doc_array[scope] = np.asarray([p.doc for p in passages], dtype=np.int32)
        index._furniture[scope] = np.asarray([furniture_of(index, p) for p in passages],
                                             dtype=np.float32)


def furniture_of(index: TermVectors, p: Passage) -> float:
    """The factor a passage's score is multiplied by: page furniture is damped; a
    sentence is weighted by how claim-like it is, so statements rank above reported
    questions and captions of the same words."""
    return (index.config.furniture if is_furniture(p.features) else 1.0) * p.likeness
