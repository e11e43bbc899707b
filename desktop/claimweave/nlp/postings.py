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
