"""What the desktop keeps of the spaCy assistance for one open project, without Qt.

The desktop (``claimweave.ui.assist``) runs :func:`analyse_project` and
:func:`build_index` on worker threads, each with its own connection to the project file
(SQLite connections belong to the thread that opened them; WAL lets them read and write the
cache beside the window's connection), and keeps what comes back in an :class:`AssistData`
that the UI thread reads: sentences for snapping, claim candidates per document, the
entities of claims. Analyses are never mutated once handed over.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..core import database
from ..core.model import Claim
from ..core.store import Project
from ..core.text import text_sha256
from .pipeline import LoadProgress, PipelineInfo, PipelineLoader

if TYPE_CHECKING:  # the modules below load on first use: the window imports this one
    from .analysis import Analysis, ProgressFn
    from .cache import EnsureResult
    from .candidates import Candidate
    from .index_build import BuildProgressFn
    from .learning import Decisions, LearnedRanker
    from .suggest import SuggestionIndex


@contextmanager
def worker_project(path: Path, *, read_only: bool) -> Iterator[Project]:
    """A worker thread's own connection to a project the window has already opened.

    The file was inspected (and migrated) when the window opened it, so this skips those
    checks; it takes no lock (the window's process holds it) and, on leaving, only closes
    its connection: checkpoints stay the window's business.
    """
    con = database.connect(path, read_only=read_only)
    try:
        yield Project(path, con, read_only=read_only, lock=None)
    finally:
        con.close()


@dataclass(frozen=True, slots=True)
class AnalysisRun:
    info: PipelineInfo
    result: EnsureResult


def analyse_project(path: Path, loader: PipelineLoader, *, read_only: bool,
                    first: Sequence[str] = (), cancel: threading.Event,
                    say: LoadProgress | None = None, progress: ProgressFn | None = None,
                    on_loaded: Callable[[PipelineInfo], None] | None = None,
                    on_document: Callable[[str, Analysis], None] | None = None
                    ) -> AnalysisRun:
    """Load the pipeline and the meaning model (each once per process) and analyse every
    document of the project, the documents in *first* (those on screen) before the
    others. Runs on a worker thread;
    raises :class:`Cancelled` when *cancel* is set (analyses finished so far stay cached).
    *on_loaded* hears which pipeline was loaded (and its notice) before any parsing."""
    from . import meaning
    from .analysis import Cancelled
    from .cache import ensure_analyses

    pipeline = loader.load(progress=say)
    meaning.load()  # here, so that an index built or opened on the UI thread finds it loaded
    if cancel.is_set():
        raise Cancelled
    if on_loaded is not None:
        on_loaded(pipeline.info)
    with worker_project(path, read_only=read_only) as project:
        ids = [d.id for d in project.documents()]
        known = set(ids)
        ordered = list(dict.fromkeys([i for i in first if i in known] + ids))
        result = ensure_analyses(project, pipeline, ordered, progress=progress, cancel=cancel,
                                 on_document=on_document)
    return AnalysisRun(pipeline.info, result)


def build_index(path: Path, analyses: Mapping[str, Analysis],
                previous: SuggestionIndex | None = None) -> SuggestionIndex:
    """Build the suggestion index on a worker thread, reading through its own connection."""
    from .suggest import SuggestionIndex

    with worker_project(path, read_only=True) as project:
        return SuggestionIndex.build(project, analyses, previous=previous)


def build_stored_index(path: Path, analyses: Mapping[str, Analysis], key: str, *,
                       progress: BuildProgressFn | None = None,
                       cancel: threading.Event | None = None) -> bool:
    """Build the suggestion index into the project's tables on a worker thread, through
    a writing connection of its own (:mod:`.index_build`: memory bounded by a batch, so a
    large project's window is not killed for want of memory). False when nothing could be
    stored; raises :class:`~.analysis.Cancelled` (storing nothing) once *cancel* is set."""
    from .index_build import build_stored

    with worker_project(path, read_only=False) as project:
        return build_stored(project, analyses, key, progress=progress, cancel=cancel,
                            staged=True)  # short transactions: the window's edits go on


def fit_on_stored(path: Path, key: str, decisions: Decisions) -> LearnedRanker | None:
    """Fit the re-ranker on a worker thread on the index stored under *key*, read through
    the worker's own connection (a stored index reads through the connection it was opened
    with, which belongs to its thread). None when that index is gone (rebuilt meanwhile)."""
    from .index_store import opened
    from .learning import LearnedRanker

    with worker_project(path, read_only=True) as project:
        index = opened(project, key)
        return None if index is None else LearnedRanker.fit(index, decisions)


class AssistData:
    """The analyses of one open project as they arrive, and what views derive from them.

    Written and read on the UI thread only; ``version`` grows with every analysis added so
    that dependants (the suggestion index) know when to rebuild.
    """

    def __init__(self) -> None:
        self.info: PipelineInfo | None = None
        self.analyses: dict[str, Analysis] = {}
        self.version = 0
        self._doc_by_sha: dict[str, str] = {}
        self._rated: dict[str, list[Candidate]] = {}

    @property
    def has_entities(self) -> bool:
        return bool(self.info and self.info.has_entities)

    def add(self, doc_id: str, text_hash: str, analysis: Analysis) -> None:
        self.analyses[doc_id] = analysis
        self._doc_by_sha[text_hash] = doc_id
        self._rated.pop(doc_id, None)
        self.version += 1

    def get(self, doc_id: str | None) -> Analysis | None:
        return self.analyses.get(doc_id) if doc_id else None

    # ------------------------------------------------------------------ sentences
    def sentences_of_text(self, text: str) -> list[tuple[int, int]] | None:
        """spaCy's sentences of a displayed text (found by its hash), or None if unknown."""
        doc_id = self._doc_by_sha.get(text_sha256(text))
        analysis = self.analyses.get(doc_id) if doc_id else None
        if analysis is None or analysis.text_length != len(text):
            return None
        return list(analysis.sentences)

    # ------------------------------------------------------------------ candidates
    def candidates(self, doc_id: str, text: str, claimed: Iterable[tuple[int, int]]
                   ) -> list[Candidate] | None:
        """Claim candidates of a document not covered by *claimed*; None before analysis.

        Sentences are rated once per analysis; a change of claims only filters again.
        """
        from .candidates import SHOWN_MIN_SCORE, claim_candidates, unclaimed

        analysis = self.analyses.get(doc_id)
        if analysis is None:
            return None
        rated = self._rated.get(doc_id)
        if rated is None:
            rated = self._rated[doc_id] = claim_candidates(analysis, text,
                                                           min_score=SHOWN_MIN_SCORE)
        return unclaimed(rated, claimed)

    # ------------------------------------------------------------------ entities
    def entity_choices(self, claims: Iterable[Claim]) -> list[tuple[str, str, int]]:
        """(name, label, claims mentioning it) for the claims table's entity filter,
        most mentioned first."""
        from .entities import entity_index

        counts = entity_index(self.analyses, claims)
        return sorted(((text, label, n) for (text, label), n in counts.items()),
                      key=lambda x: (-x[2], x[0].casefold()))

    def claims_mentioning(self, claims: Iterable[Claim], name: str) -> frozenset[str]:
        from .entities import claims_mentioning

        return frozenset(c.id for c in claims_mentioning(self.analyses, claims, name))


__all__ = ["AnalysisRun", "AssistData", "analyse_project", "build_index", "worker_project"]
