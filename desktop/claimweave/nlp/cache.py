"""Analyses kept in the project's nlp_cache, so reopening a project parses nothing again.

Key: (document id, text_sha256, model name, model version); the version string includes
the spaCy version and :data:`~.pipeline.ANALYSIS_FORMAT`, so a new model, a new spaCy or a
new analysis layout each miss the cache instead of reading stale data. The blob is msgpack
(srsly ships with spaCy) of typed arrays, zlib-compressed: about 4 bytes per token.

Writing goes through :meth:`Project.nlp_cache_put`: derived data, no undo entry, no change
announced. A project opened read-only still gets analyses; they are just not kept.
"""

from __future__ import annotations

import threading
import zlib
from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from ..core.model import Document
from ..core.store import Project
from .analysis import (
    Analysis,
    AnalysisProgress,
    CancelFn,
    Entity,
    Phrase,
    ProgressFn,
    analyse_texts,
)
from .entity_names import display_name
from .features import NAME_LABELS
from .pipeline import LoadedPipeline, PipelineInfo

_INT_FIELDS = ("tok_start", "tok_end", "tok_lemma", "tok_tag", "tok_flags")
FEW = 4  # analyses read in plain Python; more go through srsly's C reader


def dumps(a: Analysis) -> bytes:
    """Serialise an analysis compactly (msgpack of packed int arrays, zlib level 1)."""
    import srsly

    flat_sents = array("i", [x for span in a.sentences for x in span])
    payload = {
        "model": a.model, "version": a.version, "length": a.text_length,
        "sents": flat_sents.tobytes(),
        **{f: array("i", getattr(a, f)).tobytes() for f in _INT_FIELDS},
        "lemmas": a.lemmas, "tags": a.tags,
        "ents": [[e.start, e.end, e.label, e.text] for e in a.entities],
        "phrases": [[p.start, p.end, p.key] for p in a.phrases],
    }
    return zlib.compress(srsly.msgpack_dumps(payload), 1)


def loads(data: bytes, *, few: bool = False) -> Analysis:
    """The analysis *data* holds. *few*: one or a few are read (a command about one
    document): read in plain Python instead of importing srsly (:mod:`.msgpack_read`)."""
    if few:
        from .msgpack_read import unpackb

        d = unpackb(zlib.decompress(data))
    else:
        import srsly

        d = srsly.msgpack_loads(zlib.decompress(data))

    def ints(key: str) -> list[int]:
        arr = array("i")
        arr.frombytes(d[key])
        return arr.tolist()

    flat = ints("sents")
    return Analysis(
        model=d["model"], version=d["version"], text_length=d["length"],
        sentences=list(zip(flat[::2], flat[1::2], strict=True)),
        **cast(dict[str, Any], {f: ints(f) for f in _INT_FIELDS}),
        lemmas=list(d["lemmas"]), tags=list(d["tags"]),
        entities=[Entity(*e) for e in d["ents"]],
        phrases=[Phrase(*p) for p in d["phrases"]],
    )


def cached(project: Project, doc: Document, info: PipelineInfo, *, few: bool = False
           ) -> Analysis | None:
    """The cached analysis of *doc* by this pipeline, or None (absent or unreadable)."""
    data = project.nlp_cache_get(doc.id, doc.text_sha256, info.name, info.version)
    if data is None:
        return None
    try:
        return loads(data, few=few)
    except (ValueError, KeyError, TypeError, zlib.error):
        return None  # a damaged row is re-made, never trusted


def cached_entities(project: Project) -> dict[str, list[str]]:
    """Document id -> the entity texts of its newest cached analysis, by any model; empty
    when nothing was analysed yet. For the comparison views and the report, which show
    entity frequencies without loading spaCy."""
    found: dict[str, list[str]] = {}
    for doc in project.documents():
        data = project.nlp_cache_newest(doc.id, doc.text_sha256)
        if data is None:
            continue
        try:
            analysis = loads(data)
        except (ValueError, KeyError, TypeError, zlib.error):
            continue
        found[doc.id] = [display_name(e.text, e.label) for e in analysis.entities
                         if e.label in NAME_LABELS]
    return found


def cached_only(project: Project, info: PipelineInfo, doc_ids: Sequence[str] | None = None
                ) -> dict[str, Analysis] | None:
    """Every cached analysis of the documents (default: all) by this pipeline, or None as
    soon as one is missing: then the pipeline must be loaded after all."""
    docs = [project.document(i) for i in doc_ids] if doc_ids is not None else project.documents()
    out: dict[str, Analysis] = {}
    for doc in docs:
        hit = cached(project, doc, info, few=len(docs) <= FEW)
        if hit is None:
            return None
        out[doc.id] = hit
    return out


class MissingAnalysis(KeyError):
    """A cached analysis went missing or was found damaged while it was read: the
    documents must be analysed again (the caller falls back to :func:`ensure_analyses`)."""


class CachedAnalyses(Mapping[str, Analysis]):
    """Every document's cached analysis by one pipeline, read from the cache each time it
    is asked for and not kept: a stored build of the suggestion index reads each once, so
    it holds one document's analysis instead of all (at 5,000 documents, 600 MB)."""

    def __init__(self, project: Project, info: PipelineInfo) -> None:
        self._project, self._info = project, info
        self._docs = {d.id: d for d in project.documents()}

    @classmethod
    def of(cls, project: Project, info: PipelineInfo) -> CachedAnalyses | None:
        """The analyses when every document has one cached (its blob unread), else None."""
        have = project.analysed_documents(info.name, info.version)
        found = cls(project, info)
        if any(have.get(i) != d.text_sha256 for i, d in found._docs.items()):
            return None
        return found

    def versions(self) -> dict[str, tuple[str, str]]:
        """Document id -> (model, version) of its analysis, without reading any."""
        return dict.fromkeys(self._docs, (self._info.name, self._info.version))

    def __getitem__(self, doc_id: str) -> Analysis:
        doc = self._docs[doc_id]
        hit = cached(self._project, doc, self._info)
        if hit is None:
            raise MissingAnalysis(doc_id)
        return hit

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._docs

    def __iter__(self) -> Iterator[str]:
        return iter(self._docs)

    def __len__(self) -> int:
        return len(self._docs)


def store(project: Project, doc: Document, analysis: Analysis) -> bool:
    return project.nlp_cache_put(doc.id, doc.text_sha256, analysis.model, analysis.version,
                                 dumps(analysis))


@dataclass(frozen=True, slots=True)
class EnsureResult:
    analyses: dict[str, Analysis]  # document id -> analysis
    parsed: tuple[str, ...]  # ids parsed in this call (the rest came from the cache)


def ensure_analyses(project: Project, pipeline: LoadedPipeline,
                    doc_ids: Sequence[str] | None = None, *,
                    progress: ProgressFn | None = None,
                    cancel: CancelFn | threading.Event | None = None,
                    on_document: Callable[[str, Analysis], None] | None = None
                    ) -> EnsureResult:
    """Analyses of the given documents (default: all): cached ones read, the rest parsed
    with nlp.pipe in batches and written to the cache as each one finishes.

    Threading: call it on a worker thread with a Project opened by that thread (the UI's
    connection must not be shared). Cancel by setting the event (or returning True from the
    callable): :class:`~.analysis.Cancelled` is raised and what was finished stays cached.
    *on_document* is told of each analysis as soon as it exists (to update views early).
    """
    docs = [project.document(i) for i in doc_ids] if doc_ids is not None else project.documents()
    out: dict[str, Analysis] = {}
    missing: list[Document] = []
    for doc in docs:
        hit = cached(project, doc, pipeline.info)
        if hit is None:
            missing.append(doc)
        else:
            out[doc.id] = hit
            if on_document:
                on_document(doc.id, hit)
    if progress is not None:
        total = sum(d.chars for d in missing)
        progress(AnalysisProgress(0, len(missing), 0, total))
    texts = [project.text(d.id) for d in missing]
    for i, analysis in analyse_texts(pipeline, texts, progress=progress, cancel=cancel):
        doc = missing[i]
        store(project, doc, analysis)
        out[doc.id] = analysis
        if on_document:
            on_document(doc.id, analysis)
    return EnsureResult(out, tuple(d.id for d in missing))
