"""A suggestion index read from the project's tables as a query needs it.

:class:`StoredIndex` answers exactly as the :class:`~.suggest.SuggestionIndex` it was
stored from, but opening it reads only the small whole-scope arrays (each passage's
document and furniture factor); a query then reads the vocabulary entries of its own
terms, the posting lists of those terms and the passages it shows
(core/suggest_index_repo.py). At 100,000 claims that is tens of milliseconds where
reading the whole index back took seconds. It reads through the open project: use it
while the project is open.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, MutableMapping, Sequence
from typing import Any, overload

from ..core.errors import StaleIndexError
from ..core.store import Project
from .postings import accumulate
from .suggest import SuggestionIndex
from .suggestion import Passage, ScoreConfig
from .term_vectors import idf

SEP = "\x00"  # between a term's kind and its key in the stored vocabulary
TERMS_AT_ONCE = 32  # posting lists read together (at 500,000 claims up to 64 MB of them)


def term_name(key: tuple[str, str]) -> str:
    return f"{key[0]}{SEP}{key[1]}"


class StoredIndex(SuggestionIndex):
    """The index stored under id *index_id* of *project* (see the module docstring)."""

    def __init__(self, project: Project, index_id: int, meta: Mapping[str, Any],
                 config: ScoreConfig | None = None) -> None:
        import numpy as np

        super().__init__(config)
        arrays = project.suggest_index_arrays(index_id)
        self.doc_ids = list(meta["doc_ids"])
        self.n_sentences = int(meta["n_sentences"])
        self.signature = tuple(meta["signature"])
        self._n_idf = int(meta["n_idf"])
        self._vocabulary = _Vocabulary(project, index_id, int(meta["n_terms"]))
        self.term_ids = self._vocabulary
        self.texts = _Texts(project)  # type: ignore[assignment]
        self._extents = np.frombuffer(arrays["extents"], np.float64)
        self._stored: dict[str, tuple[_Passages, _Rows]] = {}
        for scope, kind in (("claims", "claim"), ("sentences", "sentence")):
            self._doc_array[scope] = np.frombuffer(arrays[f"{scope}.doc"], np.int32)
            self._furniture[scope] = np.frombuffer(arrays[f"{scope}.furniture"], np.float32)
            rows = _Rows(project, index_id, scope, len(self._doc_array[scope]))
            passages = _Passages(project, index_id, scope, kind, self._doc_array[scope])
            self._stored[scope] = (passages, rows)
            for space in meta["spaces"]:
                self._spaces[(scope, space)] = _StoredPostings(  # type: ignore[assignment]
                    project, index_id, scope, space, len(passages))
            if scope == "claims":
                self.claims, self.claim_row = passages, rows  # type: ignore[assignment]
            else:
                self.sentences, self.sentence_row = passages, rows  # type: ignore[assignment]

    def _ids_of(self, keys: Any) -> list[int | None]:
        return self._vocabulary.ids_of(list(keys))

    def _idf_at(self, i: int | None) -> float:
        df = self._vocabulary.df.get(i) if i is not None and i < self._n_idf else None
        return idf(self.n_sentences, df or 0)

    def _kind_of(self, i: int) -> str:
        return self._vocabulary.kind[i]

    def _term(self, key: tuple[str, str]) -> int:
        return self._vocabulary.add(key)

    def _will_read(self, scope: str, *, rows: Sequence[int] = (),
                   refs: Sequence[str] = ()) -> None:
        passages, lookup = self._stored[scope]
        passages.read(rows)
        lookup.read(refs)


class _Vocabulary(MutableMapping[tuple[str, str], int]):
    """Term -> id, read from the stored vocabulary a batch of terms at a time and kept;
    terms it lacks (a query's words no sentence has) get ids after the stored ones."""

    def __init__(self, project: Project, index_id: int, n_terms: int) -> None:
        self._project, self._id = project, index_id
        self._ids: dict[tuple[str, str], int | None] = {}
        self.df: dict[int, int] = {}
        self.kind: dict[int, str] = {}
        self._next = n_terms

    def ids_of(self, keys: list[tuple[str, str]]) -> list[int | None]:
        missing = [k for k in keys if k not in self._ids]
        if missing:
            found = {}
            for name, i, df in self._project.suggest_index_terms(
                    self._id, [term_name(k) for k in missing]):
                kind, key = name.split(SEP, 1)
                found[(kind, key)] = i
                self.df[i], self.kind[i] = df, kind
            for k in missing:
                self._ids[k] = found.get(k)
        return [self._ids[k] for k in keys]

    def add(self, key: tuple[str, str]) -> int:
        i = self.ids_of([key])[0]
        if i is None:
            i = self._ids[key] = self._next
            self.kind[i] = key[0]
            self._next += 1
        return i

    def __getitem__(self, key: tuple[str, str]) -> int:
        i = self.ids_of([key])[0]
        if i is None:
            raise KeyError(key)
        return i

    def __setitem__(self, key: tuple[str, str], value: int) -> None:
        self._ids[key] = value
        self.kind[value] = key[0]

    def __delitem__(self, key: tuple[str, str]) -> None:
        raise TypeError("a stored vocabulary is not edited")

    def __iter__(self) -> Iterator[tuple[str, str]]:
        # Listing would give only the terms read so far: storing such a list would lose
        # the rest of the vocabulary, so it is refused rather than partial.
        raise TypeError("a stored vocabulary is read term by term, not listed")

    def __len__(self) -> int:
        return self._next


class _StoredPostings:
    """One scope and space of the stored index: :meth:`dot` reads the posting lists of
    the query's terms only."""

    def __init__(self, project: Project, index_id: int, scope: str, space: str, n: int
                 ) -> None:
        self._project, self._id, self._scope, self._space = project, index_id, scope, space
        self.n = n

    def dot(self, query: Mapping[int, float]) -> Any:
        """Read and added :data:`TERMS_AT_ONCE` terms at a time, in the query's order (the
        sums are those of one read): at 500,000 claims a query's posting lists take 450 MB,
        which held at once, with the file mapped to read them, doubled a call's peak."""
        import numpy as np

        terms, scores = list(query), None
        for at in range(0, len(terms), TERMS_AT_ONCE):
            part = terms[at:at + TERMS_AT_ONCE]
            found = {t: (np.frombuffer(r, np.int32), np.frombuffer(w, np.float32))
                     for t, r, w in self._project.suggest_index_postings(
                         self._id, self._scope, self._space, part)}
            scores = accumulate(self.n, {t: query[t] for t in part}, found, scores)
        return accumulate(self.n, {}, {}) if scores is None else scores


class _Passages(Sequence[Passage]):
    """The passages of one scope, read by row when a query touches them."""

    def __init__(self, project: Project, index_id: int, scope: str, kind: str,
                 docs: Any) -> None:
        self._project, self._id, self._scope, self._kind = project, index_id, scope, kind
        self._docs = docs
        self._read: dict[int, Passage] = {}

    def __len__(self) -> int:
        return len(self._docs)

    @overload
    def __getitem__(self, row: int) -> Passage: ...
    @overload
    def __getitem__(self, row: slice) -> Sequence[Passage]: ...

    def __getitem__(self, row: int | slice) -> Passage | Sequence[Passage]:
        if isinstance(row, slice):
            return [self[i] for i in range(len(self))[row]]
        if row < 0:
            row += len(self)
        p = self._read.get(row)
        if p is None:
            if not 0 <= row < len(self):
                raise IndexError(row)  # past the end: how a Sequence's iteration stops
            self.read([row])
            p = self._read.get(row)
            if p is None:  # in range but not in the tables: a newer index replaced this one
                raise StaleIndexError("the suggestion index stored in the project was "
                                      "replaced by a newer one while it was read; ask again")
        return p

    def read(self, rows: Sequence[int]) -> None:
        """Read those of *rows* not read yet, in one query (a query shows ten passages)."""
        size, known = len(self), self._read
        missing = sorted({r for r in map(int, rows) if 0 <= r < size and r not in known})
        if not missing:
            return
        for n, ref, start, end, likeness, packed in self._project.suggest_index_passages(
                self._id, self._scope, missing):
            self._read[n] = Passage(self._kind, int(self._docs[n]), start, end,
                                    ref if self._kind == "claim" else None, None, None,
                                    likeness, packed)


class _Rows(Mapping[str, int]):
    """Ref (claim id, or doc:start:end of a sentence) -> row, read when asked."""

    def __init__(self, project: Project, index_id: int, scope: str, n: int) -> None:
        self._project, self._id, self._scope, self._n = project, index_id, scope, n
        self._read: dict[str, int | None] = {}

    def __getitem__(self, ref: str) -> int:
        if ref not in self._read:
            self.read([ref])
        row = self._read[ref]
        if row is None:
            raise KeyError(ref)
        return row

    def read(self, refs: Sequence[str]) -> None:
        """Look up those of *refs* not looked up yet, in one query."""
        missing = [r for r in dict.fromkeys(refs) if r not in self._read]
        if missing:
            found = self._project.suggest_index_rows(self._id, self._scope, missing)
            self._read.update((r, found.get(r)) for r in missing)

    def __iter__(self) -> Iterator[str]:
        return iter(self._project.suggest_index_rows(self._id, self._scope))

    def __len__(self) -> int:
        return self._n


class _Texts(Mapping[str, str]):
    """Document texts read when a suggestion quotes one (a stored index keeps none)."""

    def __init__(self, project: Project) -> None:
        self._project = project
        self._read: dict[str, str] = {}

    def __getitem__(self, doc_id: str) -> str:
        text = self._read.get(doc_id)
        if text is None:
            text = self._read[doc_id] = self._project.text(doc_id)
        return text

    def __iter__(self) -> Iterator[str]:
        return iter(self._project.document_titles())

    def __len__(self) -> int:
        return len(self._project.document_titles())


def read_meta(meta: str) -> dict[str, Any] | None:
    """The stored index's small data, or None when it is damaged or of another layout."""
    try:
        d = json.loads(meta)
    except ValueError:
        return None
    want = ("doc_ids", "n_sentences", "signature", "n_idf", "n_terms", "spaces")
    return d if isinstance(d, dict) and all(k in d for k in want) else None
