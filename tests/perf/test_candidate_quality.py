"""Precision of claim candidates (nlp/candidates.py) against claims marked by hand.

Gold, three sets:
- the 37 claims of the demo project (four reports of a dam-gate failure), marked by hand;
  the candidate rules were written on these texts;
- tests/data/candidate_marks.json: claims marked by hand in texts the rules were NOT
  written on, before any candidate was measured there: every claim of the four fictional
  evaluation sets (tests/data/nlp_eval_*.json, 13 reports) and of two articles of the
  shared Russia-Iran corpus (../shared, skipped when absent), sentence by sentence.

A candidate (a sentence) is right when a hand-marked claim lies in it; recall is the share
of claims whose sentence is a candidate. Reported for every score threshold, the window's
(:data:`~claimweave.nlp.candidates.SHOWN_MIN_SCORE`) marked. Run with ``make bench``; it
prints the tables and asserts only that each run is complete: the figures go to
docs/nlp.md, and the threshold is not tuned on the held-out marks.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable
from pathlib import Path

import pytest

from claimweave.core.store import Project
from claimweave.nlp.analysis import analyse_text
from claimweave.nlp.candidates import SHOWN_MIN_SCORE, claim_candidates
from claimweave.nlp.pipeline import load_pipeline

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "project_files" / "demo.claimweave"
DATA = ROOT / "tests" / "data"
CORPUS = ROOT.parent / "shared" / "corpus"
THRESHOLDS = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6)

Gold = list[tuple[int, int]]  # code-point spans of one text's hand-marked claims


def spans_of(text: str, quotes: Iterable[str]) -> Gold:
    out = []
    for quote in quotes:
        start = text.index(quote)  # a mark that is not in its text is a broken fixture
        out.append((start, start + len(quote)))
    return out


def measure(name: str, texts: list[tuple[str, Gold]]) -> list[str]:
    """Rate every sentence of *texts* and compare with their gold: one line a threshold."""
    pipeline = load_pipeline()
    rows: list[tuple[float, bool, int, int, int]] = []  # score, right, start, end, text
    for i, (text, gold) in enumerate(texts):
        for cand in claim_candidates(analyse_text(pipeline, text), text):
            hit = any(s < cand.end and e > cand.start for s, e in gold)
            rows.append((cand.score, hit, cand.start, cand.end, i))
    claims = sum(len(gold) for _text, gold in texts)
    lines = [f"claim candidates, {name} ({claims} hand-marked claims in {len(texts)} texts, "
             f"{len(rows)} rated sentences, model {pipeline.info.name})"]
    for t in THRESHOLDS:
        shown = [r for r in rows if r[0] >= t]
        right = sum(1 for r in shown if r[1])
        found = sum(1 for i, (_text, gold) in enumerate(texts) for s, e in gold
                    if any(r[4] == i and r[2] < e and r[3] > s for r in shown))
        precision = right / len(shown) if shown else float("nan")
        mark = "  <- the window" if t == SHOWN_MIN_SCORE else ""
        lines.append(f"  score >= {t:.1f}: {len(shown):3} candidates, precision "
                     f"{precision:.2f}, recall {found / claims:.2f}{mark}")
    assert rows and claims
    return lines


def report(lines: list[str], capsys) -> None:  # type: ignore[no-untyped-def]
    with capsys.disabled():
        print("\n" + "\n".join(lines))


def test_candidate_precision_on_hand_marked_claims(tmp_path, capsys) -> None:
    copy = tmp_path / "demo.claimweave"
    shutil.copyfile(DEMO, copy)
    with Project.open(copy, read_only=True) as project:
        texts = [(project.text(d.id), [(c.start, c.end)
                                       for c in project.claims(document_id=d.id)])
                 for d in project.documents()]
    report(measure("the demo (the rules were written on it)", texts), capsys)


MARKS = json.loads((DATA / "candidate_marks.json").read_text(encoding="utf-8"))


def test_candidate_precision_on_claims_the_rules_were_not_written_on(capsys) -> None:
    texts = []
    for file, marked in MARKS["eval_sets"].items():
        documents = json.loads((DATA / file).read_text(encoding="utf-8"))["documents"]
        for doc in documents:
            texts.append((doc["text"], spans_of(doc["text"], marked[doc["id"]])))
    report(measure("four fictional evaluation sets, marked after the rules", texts), capsys)


def test_candidate_precision_on_two_corpus_articles(capsys) -> None:
    paths = [CORPUS / name for name in MARKS["corpus"]]
    if not all(p.is_file() for p in paths):
        pytest.skip("the shared Russia-Iran corpus is not beside the repository")
    texts = [(p.read_text(encoding="utf-8"), []) for p in paths]
    texts = [(text, spans_of(text, quotes))
             for (text, _), quotes in zip(texts, MARKS["corpus"].values(), strict=True)]
    report(measure("two Russia-Iran articles, marked after the rules", texts), capsys)
