"""NLP speed (make bench): prints figures, asserts no timings.

1. Cost of ClaimWeave's analysis per document against spaCy's own ``nlp.pipe`` on the same
   text (target ratio <= 1.25), for each shared article and for one long document.
2. Suggestions for one claim among 10,000 claims (target <= 300 ms), with the one-off
   index build and the cache read on reopen reported beside it.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from pathlib import Path

import pytest

from claimweave.core.store import Project
from claimweave.nlp import meaning
from claimweave.nlp.analysis import analyse_texts
from claimweave.nlp.cache import ensure_analyses
from claimweave.nlp.learning import Decisions, LearnedRanker
from claimweave.nlp.pipeline import LoadedPipeline, blank_pipeline, load_pipeline
from claimweave.nlp.suggest import SuggestionIndex, suggestions_for


def _best(fn, runs: int = 3) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def _ratio_rows(pipeline: LoadedPipeline, texts: dict[str, str], runs: int) -> None:
    nlp = pipeline.nlp
    list(nlp.pipe(list(texts.values())))  # warm up
    total_spacy = total_ours = 0.0
    print(f"{'document':<28}{'chars':>9}{'spaCy pipe s':>14}{'ClaimWeave s':>14}{'ratio':>8}")
    for name, text in texts.items():
        spacy_s = _best(lambda text=text: list(nlp.pipe([text])), runs)
        ours_s = _best(lambda text=text: list(analyse_texts(pipeline, [text])), runs)
        total_spacy += spacy_s
        total_ours += ours_s
        print(f"{name:<28}{len(text):>9}{spacy_s:>14.3f}{ours_s:>14.3f}"
              f"{ours_s / spacy_s:>8.2f}")
    print(f"{'all':<28}{sum(map(len, texts.values())):>9}{total_spacy:>14.3f}"
          f"{total_ours:>14.3f}{total_ours / total_spacy:>8.2f}")


@pytest.mark.model
def test_analysis_cost_against_spacy(corpus_dir: Path) -> None:
    texts = {p.name[:20]: p.read_text(encoding="utf-8") for p in sorted(corpus_dir.glob("0*.txt"))}
    long_text = "\n".join(texts.values()) * 3
    model = load_pipeline()
    print(f"\nNLP cost per document, model {model.info.name} (best of 3; ratio target <= 1.25)")
    _ratio_rows(model, texts, 3)
    print("one long document (the five articles three times over, cut into chunks):")
    _ratio_rows(model, {"long": long_text}, 1)
    print("\nblank pipeline (no model), for reference:")
    _ratio_rows(blank_pipeline(), texts, 3)


def _make_project(tmp_path: Path, corpus_dir: Path, n_docs: int) -> Project:
    paragraphs = [para for p in sorted(corpus_dir.glob("0*.txt"))
                  for para in p.read_text(encoding="utf-8").split("\n") if len(para) > 80]
    rng = random.Random(7)
    project = Project.create(tmp_path / "bench.claimweave")
    with project.batch("Import"):
        for i in range(n_docs):
            rng.shuffle(paragraphs)
            project.add_document(f"Bench document {i}\n" + "\n".join(paragraphs),
                                 title=f"doc {i}")
    return project


def _claim_spans(text: str, sentences: list[tuple[int, int]], per_sentence: int
                 ) -> list[tuple[int, int]]:
    """The whole sentence plus word-aligned windows of it, as annotators mark parts."""
    out = []
    for s, e in sentences:
        out.append((s, e))
        cuts = [s] + [i + 1 for i in range(s, e) if text[i] == " "] + [e]
        for k in range(1, per_sentence):
            a = cuts[(k * len(cuts)) // (per_sentence + 1)]
            b = cuts[min(len(cuts) - 1, ((k + 2) * len(cuts)) // (per_sentence + 1))]
            if b - 1 > a:
                out.append((a, b - 1 if text[b - 1] == " " else b))
    return out


@pytest.mark.model
def test_suggestions_among_10000_claims(tmp_path: Path, corpus_dir: Path) -> None:
    pipeline = load_pipeline()
    project = _make_project(tmp_path, corpus_dir, n_docs=8)
    t = time.perf_counter()
    analyses = ensure_analyses(project, pipeline).analyses
    parse_s = time.perf_counter() - t
    target, spans = 10_000, {}
    per_sentence = 1
    while sum(map(len, spans.values())) < target:
        per_sentence += 1
        spans = {d: sorted(set(_claim_spans(project.text(d), a.sentences, per_sentence)))
                 for d, a in analyses.items()}
    budget = target
    with project.batch("Add claims"):
        for doc_id, doc_spans in spans.items():
            take = doc_spans[:budget]
            budget -= len(take)
            if take:
                project.add_claims(doc_id, take)
    n_claims = len(project.claims())
    chars = sum(d.chars for d in project.documents())

    t = time.perf_counter()
    ensure_analyses(project, pipeline)
    reopen_s = time.perf_counter() - t
    t = time.perf_counter()
    meaning.load()  # once per process (the window: on the analysis worker)
    meaning_s = time.perf_counter() - t
    t = time.perf_counter()
    index = SuggestionIndex.build(project, analyses)
    build_s = time.perf_counter() - t
    t = time.perf_counter()
    SuggestionIndex.build(project, analyses, previous=index)
    rebuild_s = time.perf_counter() - t

    rng = random.Random(3)
    claims = rng.sample([c.id for c in project.claims()], 30)
    model = index.meaning
    assert model is not None, "the meaning model is not installed"
    timings: dict[str, list[float]] = {"claims": [], "sentences": [], "with store": [],
                                       "claims, words only": [], "sentences, words only": []}
    for cid in claims:
        for scope in ("claims", "sentences"):
            index.meaning = None  # the baseline: the lexical score alone
            t = time.perf_counter()
            index.suggest(cid, scope=scope, top=10)
            timings[f"{scope}, words only"].append(time.perf_counter() - t)
            index.meaning = model  # its passages' embeddings not computed yet: the first time
            t = time.perf_counter()
            index.suggest(cid, scope=scope, top=10)
            timings[scope].append(time.perf_counter() - t)
        t = time.perf_counter()
        suggestions_for(project, index, cid, top=10)
        timings["with store"].append(time.perf_counter() - t)

    # Learning from 200 links (nlp/learning.py): the refit (on a worker in the window) and
    # a query re-ranked by it, beside the default query above.
    by_doc: dict[str, list[str]] = {}
    for c in project.claims():
        by_doc.setdefault(c.document_id, []).append(c.id)
    docs = sorted(by_doc)
    decisions = Decisions(tuple((rng.choice(by_doc[docs[i % len(docs)]]),
                                 rng.choice(by_doc[docs[(i + 1) % len(docs)]]))
                                for i in range(200)), ())
    fits, lexical_fits = [], []
    index.meaning = None
    for _ in range(7):
        t = time.perf_counter()
        LearnedRanker.fit(index, decisions)
        lexical_fits.append(time.perf_counter() - t)
    index.meaning = model
    model.forget()  # the first fit embeds its queries' candidates
    for _ in range(7):
        t = time.perf_counter()
        learned = LearnedRanker.fit(index, decisions)
        fits.append(time.perf_counter() - t)
    # The window refits after every 3 decisions, lending the previous fit what it computed
    # per query (same index): the refit a user waits for after the first.
    warm = []
    previous = learned
    links = list(decisions.links)
    for _ in range(5):
        links += [(rng.choice(by_doc[docs[0]]), rng.choice(by_doc[docs[1]])) for _ in range(3)]
        more = Decisions(tuple(links), ())
        t = time.perf_counter()
        previous = LearnedRanker.fit(index, more, previous=previous)
        warm.append(time.perf_counter() - t)
    learned_q = []
    for cid in claims:
        t = time.perf_counter()
        index.suggest(cid, scope="claims", top=10, learned=learned)
        learned_q.append(time.perf_counter() - t)
    timings["learned"] = learned_q

    print(f"\nsuggestions among {n_claims} claims in {len(analyses)} documents "
          f"({chars} characters; {index.n_sentences} sentences), model {pipeline.info.name}")
    print(f"  parse (once, then cached): {parse_s:.2f} s; analyses read back from the cache: "
          f"{reopen_s * 1000:.0f} ms")
    print(f"  index build: {build_s * 1000:.0f} ms; rebuild reusing span features: "
          f"{rebuild_s * 1000:.0f} ms; the meaning model loaded once: {meaning_s * 1000:.0f} ms")
    for name, ts in timings.items():
        print(f"  query ({name:<21}) top 10: median {statistics.median(ts) * 1000:6.1f} ms, "
              f"max {max(ts) * 1000:6.1f} ms  (target <= 300 ms)")
    print(f"  refit from {len(decisions.links)} links: median "
          f"{statistics.median(fits) * 1000:.0f} ms, best {min(fits) * 1000:.0f} ms, first "
          f"(no embedding kept yet) {fits[0] * 1000:.0f} ms (target <= 200 ms, on a worker)"
          f"{'' if learned.active else ' (not active)'}; words only: median "
          f"{statistics.median(lexical_fits) * 1000:.0f} ms, best "
          f"{min(lexical_fits) * 1000:.0f} ms")
    print(f"  refit after 3 more decisions, the previous fit lent: median "
          f"{statistics.median(warm) * 1000:.0f} ms, best {min(warm) * 1000:.0f} ms; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    project.close()
