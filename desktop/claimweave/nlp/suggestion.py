"""What a link suggestion is, and the knobs of the score that ranks it.

Kept apart from the index so the window and the command line can name a
:class:`Suggestion` or a :class:`ScoreConfig` without the index's machinery (the formula
is described in :mod:`.suggest`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..core.errors import ClaimWeaveError
from .features import SpanFeatures

SCOPES = ("claims", "sentences")
CHAR_ALONE = 0.25  # a character n-gram cosine that counts without any shared word


@dataclass(frozen=True, slots=True)
class ScoreConfig:
    """The knobs of the score (see :mod:`.suggest`); :data:`DEFAULT` is what the program
    uses, :data:`V1` reproduces the first formula for comparison."""

    char_weight: float = 0.4  # share of the character n-gram cosine in the base similarity
    phrase_weight: float = 0.5  # key phrases, relative to a lemma
    bigram_weight: float = 0.5  # adjacent content-lemma pairs, relative to a lemma
    context_weight: float = 0.3  # lemmas of a claim's sentence outside the claim
    synonyms: bool = True  # map lemmas through the curated synonym list
    entity_boost: float = 0.2  # multiplicative: (1 + b * entity cosine) / (1 + b)
    number_boost: float = 0.3  # multiplicative: (1 + b * number cosine) / (1 + b)
    entity_add: float = 0.0  # v1 only: entities as additive terms of the word vector
    furniture: float = 0.5  # factor for candidates without a finite verb and < 4 words
    quantity_weight: float = 0.5  # per kind of quantity stated ("duration"), in the words
    gram_sizes: tuple[int, ...] = (3, 4, 5)
    meaning_weight: float = 0.5  # the embeddings' cosine, times the query's best lexical score
    meaning_floor: float = 0.2  # the cosine below which two texts are not related in meaning
    meaning_pool: int = 30  # the rows of highest lexical score the meaning part re-orders


DEFAULT = ScoreConfig()
V1 = ScoreConfig(char_weight=0.0, phrase_weight=0.5, bigram_weight=0.0, context_weight=0.0,
                 synonyms=False, entity_boost=0.0, number_boost=0.0, entity_add=0.5,
                 furniture=1.0, quantity_weight=0.0, meaning_weight=0.0)


def top_rows(score: Any, k: int) -> list[int]:
    """Rows of the *k* highest scores, best first (ties: lower row first)."""
    import numpy as np

    k = min(k, len(score))
    if k <= 0:
        return []
    part = np.argpartition(-score, k - 1)[:k] if k < len(score) else np.arange(len(score))
    return sorted(part.tolist(), key=lambda i: (-float(score[i]), i))


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
    meaning: float = 0.0  # the part of score from the sentence embeddings (nlp/meaning.py)

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
class Passage:
    """One row of the index: a claim, or an unclaimed sentence offered as a candidate.
    A stored index keeps the features packed until a query touches the passage."""

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
