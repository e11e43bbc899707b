"""Temporary files a stored build of the suggestion index spills to, so that its memory
stays bounded by a batch instead of growing with the project (:mod:`.index_build`).

At 500,000 claims the passages' packed features take about 100 MB and the posting lists
about 700 MB; held in memory with every passage's features and vectors, the build peaked
at 7.4 GB. Here the packed passages go to one temporary file as they are made, and each
batch's posting lists, sorted by term, to another; :meth:`PostingSpill.merged` then reads
them back a bounded range of terms at a time, in the order the index stores them.

The files are anonymous (``tempfile.TemporaryFile`` in ``$TMPDIR``): the system removes
them when the process ends, however it ends.
"""

from __future__ import annotations

import os
import tempfile
import weakref
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .postings import Postings
from .suggestion import Passage

MERGE_ENTRIES = 4_000_000
"""Postings read back at once while merging (about 100 MB with the sort's arrays): the
range of terms merged together is cut at this many entries (one term may exceed it)."""


class _Spill:
    """An anonymous temporary file written at its end and read back at any offset."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 -- closed by close()
        self._size = 0
        # An index queried from the files closes them when it is collected.
        self._closed = weakref.finalize(self, self._file.close)

    def _write(self, data: bytes | memoryview) -> int:
        at = self._size
        self._file.write(data)
        self._size += len(data)
        return at

    def _read(self, at: int, n: int) -> bytes:
        self._file.flush()
        return os.pread(self._file.fileno(), n, at)

    def close(self) -> None:
        self._closed()


class PassageSpill(_Spill):
    """The passages of one scope in the order of their rows: the small fields in typed
    arrays, the reference and packed features (the bulk) in the file."""

    def __init__(self) -> None:
        super().__init__()
        self._at = array("q", [0])  # where row i's bytes start (and, last, the end)
        self._ref_len = array("i")
        self.doc = array("i")
        self.start = array("i")
        self.end = array("i")
        self.likeness = array("d")
        self.furniture = array("d")  # converted to float32 once, as the index keeps it

    def __len__(self) -> int:
        return len(self.doc)

    def add(self, ref: str, packed: bytes, doc: int, start: int, end: int, likeness: float,
            furniture: float) -> None:
        name = ref.encode()
        self._write(name)
        self._write(packed)
        self._at.append(self._size)
        self._ref_len.append(len(name))
        self.doc.append(doc)
        self.start.append(start)
        self.end.append(end)
        self.likeness.append(likeness)
        self.furniture.append(furniture)

    def read(self, lo: int, hi: int) -> Iterator[tuple[int, str, bytes]]:
        """(row, ref, packed features) of rows lo to hi - 1, read in one go."""
        base = self._at[lo]
        data = self._read(base, self._at[hi] - base)
        for row in range(lo, hi):
            a, b = self._at[row] - base, self._at[row + 1] - base
            n = self._ref_len[row]
            yield row, data[a:a + n].decode(), data[a + n:b]

    def passage(self, row: int, ref: str, packed: bytes, kind: str) -> Passage:
        """The passage of *row* (as :meth:`read` gives its ref and packed features)."""
        return Passage(kind, self.doc[row], self.start[row], self.end[row],
                       ref if kind == "claim" else None, None, None, self.likeness[row],
                       packed)


@dataclass(frozen=True, slots=True)
class _Chunk:
    terms: Any  # int32, sorted and unique: the terms this batch's rows have
    bounds: Any  # int64, len(terms) + 1: each term's slice of the batch's postings
    rows_at: int  # file offset of the batch's rows (int32) ...
    weights_at: int  # ... and of its weights (float32), in term order


class PostingSpill(_Spill):
    """The posting lists of one scope, written a batch of rows at a time per space."""

    def __init__(self) -> None:
        super().__init__()
        self._chunks: dict[str, list[_Chunk]] = {}

    def add(self, space: str, batch: Postings, first_row: int) -> None:
        """Keep *batch* (its rows counted from 0) as rows first_row onwards of *space*."""
        import numpy as np

        rows = (batch.rows + np.int32(first_row)).astype(np.int32)
        chunk = _Chunk(batch.terms.astype(np.int32), batch.bounds,
                       self._write(rows.tobytes()),
                       self._write(batch.weights.astype(np.float32).tobytes()))
        self._chunks.setdefault(space, []).append(chunk)

    def n_terms(self, space: str) -> int:
        return len(self._terms(space)[0])

    def _terms(self, space: str) -> tuple[Any, Any]:
        """(every term of *space*, sorted; how many postings each has)."""
        import numpy as np

        chunks = self._chunks.get(space, [])
        if not chunks:
            return np.zeros(0, np.int32), np.zeros(0, np.int64)
        terms = np.unique(np.concatenate([c.terms for c in chunks]))
        counts = np.zeros(len(terms), np.int64)
        for c in chunks:
            counts[np.searchsorted(terms, c.terms)] += np.diff(c.bounds)
        return terms, counts

    def merged(self, space: str, entries: int | None = None
               ) -> Iterator[tuple[int, bytes, bytes]]:
        """(term, rows, weights) of every term of *space* in term order, each term's rows
        ascending: what one :class:`~.postings.Postings` of all the rows would hold."""
        import numpy as np

        entries = entries or MERGE_ENTRIES
        terms, counts = self._terms(space)
        ends = np.cumsum(counts)
        a = 0
        while a < len(terms):
            limit = (ends[a - 1] if a else 0) + entries
            b = max(a + 1, int(np.searchsorted(ends, limit, side="right")))
            yield from self._range(space, terms[a:b], counts[a:b])
            a = b

    def _range(self, space: str, terms: Any, counts: Any) -> Iterator[tuple[int, bytes, bytes]]:
        """The postings of *terms* (a run of consecutive terms of *space*), gathered from
        every batch in row order and sorted by term (stable: rows stay ascending)."""
        import numpy as np

        lo_term, hi_term = terms[0], terms[-1]
        labels, rows, weights = [], [], []
        for c in self._chunks[space]:
            i = int(np.searchsorted(c.terms, lo_term))
            j = int(np.searchsorted(c.terms, hi_term, side="right"))
            if i == j:
                continue
            lo, hi = int(c.bounds[i]), int(c.bounds[j])
            labels.append(np.repeat(c.terms[i:j], np.diff(c.bounds[i:j + 1])))
            rows.append(np.frombuffer(self._read(c.rows_at + 4 * lo, 4 * (hi - lo)), np.int32))
            weights.append(np.frombuffer(self._read(c.weights_at + 4 * lo, 4 * (hi - lo)),
                                         np.float32))
        order = np.argsort(np.concatenate(labels), kind="stable")
        all_rows, all_weights = np.concatenate(rows)[order], np.concatenate(weights)[order]
        del labels, rows, weights, order
        at = 0
        for term, n in zip(terms.tolist(), counts.tolist(), strict=True):
            yield term, all_rows[at:at + n].tobytes(), all_weights[at:at + n].tobytes()
            at += n

    def lists(self, space: str, terms: list[int]) -> dict[int, tuple[Any, Any]]:
        """Term -> (rows, weights) of those of *terms* that *space* has, each gathered from
        every batch in row order: what :meth:`merged` gives them, for a query."""
        import numpy as np

        wanted = np.asarray(terms, np.int32)
        parts: dict[int, list[tuple[Any, Any]]] = {}
        for c in self._chunks.get(space, []):
            at = np.searchsorted(c.terms, wanted)
            hit = at < len(c.terms)
            hit[hit] = c.terms[at[hit]] == wanted[hit]
            for term, k in zip(wanted[hit].tolist(), at[hit].tolist(), strict=True):
                lo, hi = int(c.bounds[k]), int(c.bounds[k + 1])
                parts.setdefault(term, []).append((
                    np.frombuffer(self._read(c.rows_at + 4 * lo, 4 * (hi - lo)), np.int32),
                    np.frombuffer(self._read(c.weights_at + 4 * lo, 4 * (hi - lo)),
                                  np.float32)))
        return {t: (np.concatenate([r for r, _ in ps]), np.concatenate([w for _, w in ps]))
                for t, ps in parts.items()}
