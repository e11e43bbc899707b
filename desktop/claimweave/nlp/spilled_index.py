"""A suggestion index for a project that cannot keep one (opened read-only: a window has
it, or the file is read-only), built in bounded memory like the stored one and queried
from the build's temporary files instead of the project's tables.

Building it in memory held every passage's features and the whole posting matrices (7.4
GB at 500,000 claims); here a query reads the posting lists of its own terms from the
files (:meth:`~.build_spill.PostingSpill.lists`) and the passages it shows, as
:class:`~.stored_index.StoredIndex` reads them from the tables. The scores are those of
the index built in memory, to the bit (tests/nlp/test_index_build.py). The files go when
the index is collected or the process ends.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..core.store import Project
from .build_spill import PassageSpill, PostingSpill
from .index_build import BATCH, BuildProgressFn, spill_index
from .postings import accumulate
from .stored_index import _Passages, _Texts
from .suggest import SuggestionIndex, doc_extents
from .suggestion import Passage, ScoreConfig
from .term_vectors import SPACES

if TYPE_CHECKING:
    import threading

    from .analysis import Analysis, CancelFn


def spilled_index(project: Project, analyses: Mapping[str, Analysis],
                  config: ScoreConfig | None = None, *,
                  progress: BuildProgressFn | None = None,
                  cancel: CancelFn | threading.Event | None = None) -> SuggestionIndex:
    """The index of the analysed documents, kept in temporary files (see above)."""
    import numpy as np

    shell, passages, postings = spill_index(project, analyses, config, progress=progress,
                                            cancel=cancel)
    # A fresh index given the shell's vocabulary only: the shell also holds what the build
    # memoised for every passage (its span features), which a bounded build must not keep.
    index = SuggestionIndex(config)
    for name in ("doc_ids", "n_sentences", "signature", "term_ids", "term_kind", "df",
                 "_idf"):
        setattr(index, name, getattr(shell, name))
    index.texts = _Texts(project)  # type: ignore[assignment]
    index._extents = doc_extents(len(index.doc_ids),
                                 [(passages[s].doc, passages[s].end) for s in passages])
    for scope, kind in (("claims", "claim"), ("sentences", "sentence")):
        spill = passages[scope]
        index._doc_array[scope] = np.asarray(spill.doc, np.int32)
        index._furniture[scope] = np.asarray(spill.furniture, np.float32)
        rows = _SpilledPassages(spill, kind)
        # The refs a batch at a time: one read of the file held every packed feature.
        refs = {ref: row for lo in range(0, len(spill), BATCH)
                for row, ref, _ in spill.read(lo, min(lo + BATCH, len(spill)))}
        for space in SPACES:
            index._spaces[(scope, space)] = _SpilledPostings(  # type: ignore[assignment]
                postings[scope], space, len(spill))
        if scope == "claims":
            index.claims, index.claim_row = rows, refs  # type: ignore[assignment]
        else:
            index.sentences, index.sentence_row = rows, refs  # type: ignore[assignment]
    return index


class _SpilledPostings:
    """One scope and space: :meth:`dot` reads the posting lists of the query's terms."""

    def __init__(self, spill: PostingSpill, space: str, n: int) -> None:
        self._spill, self._space, self.n = spill, space, n

    def dot(self, query: Mapping[int, float]) -> Any:
        found = self._spill.lists(self._space, list(query)) if query else {}
        return accumulate(self.n, query, found)


class _SpilledPassages(_Passages):
    """The passages of one scope, read by row from the spill when a query touches them."""

    def __init__(self, spill: PassageSpill, kind: str) -> None:
        self._spill, self._kind, self._docs = spill, kind, spill.doc
        self._read: dict[int, Passage] = {}

    def read(self, rows: Sequence[int]) -> None:
        s = self._spill
        for row in sorted({int(r) for r in rows if 0 <= r < len(self)} - self._read.keys()):
            _, ref, packed = next(s.read(row, row + 1))
            self._read[row] = s.passage(row, ref, packed, self._kind)
