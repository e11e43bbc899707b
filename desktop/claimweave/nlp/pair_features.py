"""The features of a (query, candidate) pair that no decision of the user changes, for
the learned re-ranker (:mod:`.learning`): the default score, and how far apart the two
passages sit in their documents. Computed once per query and kept from fit to fit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .suggest import SuggestionIndex
    from .suggestion import Passage

BASE = 2  # the first BASE of learning.FEATURES: "score", "position"


def base_features(index: SuggestionIndex, scope: str, q: Passage, dots: dict[str, Any],
                  rows: list[int], meaning: Any) -> Any:
    """FEATURES[:BASE] of the pairs (q, row) for *rows*; *dots*: per space, the query's
    cosines with those rows (arrays aligned with *rows*), *meaning* what the meaning part
    adds to their scores: the default score, and how far apart the two passages sit in
    their documents (0 to 1)."""
    import numpy as np

    passages = index.passages(scope)
    out = np.empty((len(rows), BASE))
    if not rows:
        return out
    out[:, 0] = np.asarray(index._combine(dots)[0], dtype=np.float64) + meaning
    extent = index.doc_extents()
    at = q.start / extent[q.doc]
    out[:, 1] = [abs(passages[r].start / extent[passages[r].doc] - at) for r in rows]
    return out

