"""Building the suggestion index: every claim and candidate sentence of the analysed
documents becomes a passage, the project's sentences give the document frequencies, and
each scope and space becomes a posting-list matrix (:class:`~.postings.Postings`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..core.model import Claim
from ..core.store import Project
from .analysis import Analysis
from .candidates import covered, merge_spans, rate_sentence
from .features import SpanFeatures, span_features
from .postings import PostingsBuilder
from .suggestion import Passage
from .term_vectors import SPACES, idf, is_furniture

if TYPE_CHECKING:
    from .suggest import SuggestionIndex

FeatureMemo = dict[tuple[str, int, int], SpanFeatures]


def fill_index(index: SuggestionIndex, project: Project, analyses: Mapping[str, Analysis],
               memo: FeatureMemo) -> None:
    """Index every claim and sentence of the analysed documents into the empty *index*.
    *memo* lends span features already computed (by a previous index)."""
    index.signature = project.content_signature()
    docs = [d for d in project.documents() if d.id in analyses]
    index.doc_ids = [d.id for d in docs]
    doc_index = {d: i for i, d in enumerate(index.doc_ids)}
    claims_by_doc: dict[str, list[Claim]] = {}
    for c in project.claims():
        if c.document_id in doc_index:
            claims_by_doc.setdefault(c.document_id, []).append(c)
    df: Counter[tuple[str, str]] = Counter()
    for doc_id in index.doc_ids:
        text = index.texts[doc_id] = project.text(doc_id)
        analysis = analyses[doc_id]
        claimed = merge_spans((c.start, c.end) for c in claims_by_doc.get(doc_id, ()))
        sentence_feats = []
        for n, (s, e) in enumerate(analysis.sentences):
            feats = _features(index, memo, doc_id, analysis, text, s, e)
            sentence_feats.append(feats)
            index.n_sentences += 1
            df.update(index._terms(feats, None).keys())
            if claimed and covered(claimed, s, e) * 2 >= e - s:
                continue  # claimed sentences are offered as claims, not again
            rated = rate_sentence(analysis, text, n)
            if rated is None:
                continue  # headlines, bylines, questions: they state nothing to link
            index.sentence_row[f"{doc_id}:{s}:{e}"] = len(index.sentences)
            index.sentences.append(Passage("sentence", doc_index[doc_id], s, e, None, feats,
                                           likeness=rated.score))
        for c in claims_by_doc.get(doc_id, ()):
            feats = _features(index, memo, doc_id, analysis, text, c.start, c.end)
            context: Counter[str] = Counter()
            if index.config.context_weight:
                for k in analysis.sentences_in(c.start, c.end):
                    context.update(sentence_feats[k].lemmas)
                for lemma in feats.lemmas:
                    context.pop(lemma, None)
            index.claim_row[c.id] = len(index.claims)
            index.claims.append(Passage("claim", doc_index[doc_id], c.start, c.end, c.id,
                                        feats, context or None))
    n = index.n_sentences
    for key, count in df.items():
        index.df[index._term(key)] = count
    index._idf = [idf(n, d) for d in index.df]
    _vectorise(index)


def _features(index: SuggestionIndex, memo: FeatureMemo, doc_id: str, analysis: Analysis,
              text: str, s: int, e: int) -> SpanFeatures:
    key = (doc_id, s, e)
    feats = memo.get(key) or span_features(analysis, text, s, e)
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
        # Page furniture is damped; a sentence is weighted by how claim-like it is, so
        # statements rank above reported questions and captions of the same words.
        index._furniture[scope] = np.asarray(
            [(index.config.furniture if is_furniture(p.features) else 1.0) * p.likeness
             for p in passages], dtype=np.float32)
