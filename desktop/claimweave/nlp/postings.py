"""Sparse matrices kept as posting lists, so a query's dot products touch only the rows
that share one of its terms (the index of :mod:`.suggest` holds one per scope and space)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class Postings:
    """A sparse matrix (rows = passages) stored as posting lists for fast sparse dots:
    ``terms`` (sorted, unique) and ``bounds`` delimit each term's slice of ``rows`` and
    ``weights``, so a query touches only the rows that share one of its terms."""

    def __init__(self, built: PostingsBuilder) -> None:
        import numpy as np

        self.n = len(built.counts)
        counts = np.frombuffer(built.counts, dtype=np.int64)
        total = int(counts.sum())
        t = np.frombuffer(built.terms, dtype=np.int32)
        w = np.frombuffer(built.weights, dtype=np.float32)
        idx = np.repeat(np.arange(self.n, dtype=np.int32), counts)
        order = np.argsort(t, kind="stable")
        self.rows = idx[order]
        self.weights = w[order]
        self.terms, first = np.unique(t[order], return_index=True)
        self.bounds = np.append(first, total).astype(np.int64)

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


class PostingsBuilder:
    """Rows added one at a time into flat typed arrays (8 bytes a term: int32 term ids,
    float32 weights as the matrix keeps them), so building the matrix of 100,000 passages
    does not first hold a dict per passage (about ten times that)."""

    def __init__(self) -> None:
        from array import array

        self.counts = array("q")
        self.terms = array("i")  # term ids: fewer than 2**31
        self.weights = array("f")

    def add(self, row: Mapping[int, float]) -> None:
        self.counts.append(len(row))
        self.terms.extend(row.keys())
        self.weights.extend(row.values())

    def build(self) -> Postings:
        return Postings(self)


def accumulate(n: int, query: Mapping[int, float], found: Mapping[int, tuple[Any, Any]],
               scores: Any = None) -> Any:
    """Scores of *n* rows: for each term of *query* in its order, its weight times the
    term's postings (*found*: term -> (rows, float32 weights)), added in float32 (to
    *scores*, when given: the sums of the terms before these). One order and one precision
    for the built and the stored index: they score alike, to the bit."""
    import numpy as np

    if scores is None:
        scores = np.zeros(n, dtype=np.float32)
    for term, qw in query.items():
        hit = found.get(term)
        if hit is not None:  # a term's rows are unique: the same sums as scores[rows] += ...,
            np.add.at(scores, hit[0], qw * hit[1])  # in half the time (numpy 2's add.at)
    return scores
