"""Sparse matrices kept as posting lists, so a query's dot products touch only the rows
that share one of its terms (the index of :mod:`.suggest` holds one per scope and space)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class Postings:
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
    def of_arrays(cls, n: int, rows: Any, weights: Any, terms: Any, bounds: Any) -> Postings:
        """A matrix from the arrays of a stored one (no copy)."""
        space = cls.__new__(cls)
        space.n, space.rows, space.weights = n, rows, weights
        space.terms, space.bounds = terms, bounds
        return space

    def dot(self, query: Mapping[int, float]) -> Any:
        """The dot product of the sparse *query* (term id -> weight) with every row."""
        import numpy as np

        found: dict[int, tuple[Any, Any]] = {}
        if query and len(self.terms):
            wanted = np.fromiter(query, dtype=np.int64, count=len(query))
            at = np.searchsorted(self.terms, wanted)
            for term, k in zip(wanted.tolist(), at.tolist(), strict=True):
                if k < len(self.terms) and self.terms[k] == term:
                    a, b = self.bounds[k], self.bounds[k + 1]
                    found[term] = (self.rows[a:b], self.weights[a:b])
        return accumulate(self.n, query, found)


def accumulate(n: int, query: Mapping[int, float], found: Mapping[int, tuple[Any, Any]]
               ) -> Any:
    """Scores of *n* rows: for each term of *query* in its order, its weight times the
    term's postings (*found*: term -> (rows, float32 weights)), added in float32. One
    order and one precision for the built and the stored index: they score alike, to the
    bit."""
    import numpy as np

    scores = np.zeros(n, dtype=np.float32)
    for term, qw in query.items():
        hit = found.get(term)
        if hit is not None:  # a term's rows are unique: the same sums as scores[rows] += ...,
            np.add.at(scores, hit[0], qw * hit[1])  # in half the time (numpy 2's add.at)
    return scores
