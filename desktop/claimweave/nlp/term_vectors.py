"""The vocabulary of the suggestion index and the vectors it makes of a passage: which
terms a span has (lemmas, phrases, lemma pairs, names, character n-grams, numbers), their
idf, one L2-normalised vector per space, and how the spaces' cosines combine into a score
(:mod:`.suggest` describes the formula)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, MutableMapping
from functools import cache
from itertools import pairwise
from typing import Any

from .features import SpanFeatures
from .lexicon import canonical
from .suggestion import CHAR_ALONE, DEFAULT, Passage, ScoreConfig

SPACES = ("w", "c", "e", "n")  # words (lemmas, bigrams, phrases), characters, names, numbers
Vectors = dict[str, dict[int, float]]  # space -> term id -> weight

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


@cache
def measured_kinds() -> frozenset[str]:
    """Kinds of quantity that say what a claim is about: a unit's dimension ("duration",
    "length"), a percentage, a count of a named class ("count:people"); not a bare number
    or a count of whatever word follows it ("count:reached" in "envoy7 reached")."""
    from .quantities import count_classes, units

    return frozenset({dim for dim, _ in units().values()} | {"percent"}
                     | {f"count:{c}" for c in count_classes().values()})


def is_furniture(f: SpanFeatures) -> bool:
    """Page furniture: no finite verb and fewer than four content words ("Share this
    article", "Photo: Reuters"). Unknown without a tagger (then never)."""
    return f.finite is False and len(f.sequence) < 4


def idf(n_sentences: int, df: int = 0) -> float:
    """ln((1 + N) / (1 + df)) + 1 (:mod:`.suggest`); df 0, a term no sentence has: the
    largest. One formula for the built and the stored index, so they score alike."""
    return math.log((1 + n_sentences) / (1 + df)) + 1.0


def _same(x: str) -> str:
    return x


class TermVectors:
    """Term ids, document frequencies and idf of an index, and the vectors and pair scores
    made with them; :class:`~.suggest.SuggestionIndex` adds the passages and postings."""

    def __init__(self, config: ScoreConfig | None = None) -> None:
        self.config = config or DEFAULT
        self.n_sentences = 0
        self.term_ids: MutableMapping[tuple[str, str], int] = {}  # (kind, key) -> id
        self.term_kind: list[str] = []
        self.df: list[int] = []
        self._idf: list[float] = []

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
        "b" lemma pair, "e" entity, "c" character n-gram, "n" number. Sets are walked in
        sorted order: the order of the terms is the order their products are added in, so
        a span scores the same in every process, whether its features were just made or
        read back from a stored index."""
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
            for p in sorted(f.phrases):
                out[("p", p)] = cfg.phrase_weight
        if cfg.bigram_weight:
            seq = [canon(x) for x in f.sequence]
            for a, b in pairwise(seq):
                if a != b:
                    out[("b", f"{a} {b}")] = cfg.bigram_weight
        if cfg.entity_add or cfg.entity_boost:
            for e in sorted(f.entities):
                out[("e", e)] = cfg.entity_add or 1.0
        if cfg.char_weight:
            for lemma in f.lemmas:
                if lemma[:1].isdigit():
                    continue  # numbers are compared as numbers
                for g in char_grams(lemma, cfg.gram_sizes):
                    key = ("c", g)
                    out[key] = out.get(key, 0.0) + 1.0
        if cfg.quantity_weight:
            named = measured_kinds()
            for kind in sorted({q[0] for q in f.quantities} & named):
                out[("q", kind)] = cfg.quantity_weight
        if cfg.number_boost:
            for unit, values in f.numbers.items():
                if unit:
                    out[("n", unit)] = 1.0
                for v in sorted(values):
                    out[("n", f"{unit}={v}")] = 1.0
        return out

    def _ids_of(self, keys: Iterable[tuple[str, str]]) -> list[int | None]:
        """The ids of these terms (None: not in the vocabulary)."""
        return [self.term_ids.get(k) for k in keys]

    def _idf_at(self, i: int | None) -> float:
        """The idf of term *i*; terms never seen in a sentence get the largest."""
        if i is not None and i < len(self._idf):
            return self._idf[i]
        return idf(self.n_sentences)

    def _kind_of(self, i: int) -> str:
        return self.term_kind[i]

    def _space_of(self, kind: str) -> str:
        if kind in "lpbq" or (kind == "e" and self.config.entity_add):
            return "w"
        return "n" if kind == "n" else "c" if kind == "c" else "e"

    def _vectors(self, p: Passage) -> Vectors:
        """The passage's vectors, one per space, each L2-normalised; char n-gram counts get
        a sublinear tf. Terms never seen in a sentence get the largest idf."""
        vecs: Vectors = {s: {} for s in SPACES}
        terms = self._terms(p.features, p.context)
        for (key, w), i in zip(terms.items(), self._ids_of(terms), strict=True):
            idf = self._idf_at(i)
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

    def _parts(self, qv: Vectors, cv: Vectors, furniture: float
               ) -> tuple[float, float, float, float, float]:
        """(score, base, lexical, entities, phrases) of one pair, computed exactly."""
        cfg = self.config
        by_kind = {"l": 0.0, "p": 0.0, "b": 0.0, "e": 0.0, "q": 0.0}
        dots = {}
        for s in SPACES:
            q, c = qv[s], cv[s]
            total = 0.0
            for i, w in q.items():
                if i in c:
                    x = w * c[i]
                    total += x
                    if s == "w":
                        by_kind[self._kind_of(i)] += x
            dots[s] = total
        score, base = self._combine(dots)
        score *= furniture
        norm = furniture / ((1.0 + cfg.entity_boost) * (1.0 + cfg.number_boost))
        lexical = ((1.0 - cfg.char_weight) * by_kind["l"] + cfg.char_weight * dots["c"]) * norm
        phrases = (1.0 - cfg.char_weight) * (by_kind["p"] + by_kind["b"]) * norm
        return score, base, lexical, score - lexical - phrases, phrases

    # -------------------------------------------------------------- for learning.py
    def vectors_of(self, p: Passage) -> Vectors:
        return self._vectors(p)

    def pair_dots(self, qv: Vectors, p: Passage) -> dict[str, float]:
        """The per-space cosines of the query vectors and passage *p*."""
        cv = self._vectors(p)
        return {s: sum(w * cv[s].get(i, 0.0) for i, w in qv[s].items()) for s in SPACES}

    def idf_of(self, key: tuple[str, str]) -> float:
        return self._idf_at(self._ids_of([key])[0])
