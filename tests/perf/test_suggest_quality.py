"""Quality of link suggestions on the hand-made gold set (tests/data/nlp_gold.json).

The five shared articles are imported into a temporary project and the gold claims are
marked. Two pools are measured: the gold claims alone (a lightly annotated project), then
the gold claims plus every other claim-like sentence of the corpus (the hard candidate
rules: length, not a question, finite verb) marked as a claim too, as a thorough annotator
would, so each query ranks its partner among all claims of the other four articles. For
every gold pair, both directions are queried. Reported: recall@1/3/5 of the suggester and
of a plain TF-IDF baseline (raw lower-cased word tokens, no lemmas, entities or phrases, same idf
collection) computed in the same run, plus the accuracy of the stance hint on the pairs.
Run with ``make bench`` (pytest -s tests/perf); it prints a table and asserts nothing about
the figures.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from pathlib import Path

import pytest

from claimweave.core.store import Project
from claimweave.nlp.analysis import Analysis
from claimweave.nlp.cache import ensure_analyses
from claimweave.nlp.candidates import claim_candidates, covered, merge_spans
from claimweave.nlp.pipeline import load_pipeline
from claimweave.nlp.suggest import SuggestionIndex

GOLD = Path(__file__).resolve().parents[1] / "data" / "nlp_gold.json"
KS = (1, 3, 5)
_WORD = re.compile(r"\w+")


def build_project(tmp_path: Path, corpus: Path, gold: dict) -> tuple[Project, dict[str, str]]:
    project = Project.create(tmp_path / "quality.claimweave")
    doc_of: dict[str, str] = {}
    for path in sorted(corpus.glob("0*.txt")):
        outcome = project.add_document(path.read_text(encoding="utf-8"), title=path.stem,
                                       source_file=path.name)
        doc_of[path.name] = outcome.document.id
    claim_ids = {}
    for c in gold["claims"]:
        claim_ids[c["id"]] = project.add_claim(doc_of[c["file"]], quote=c["quote"]).id
    return project, claim_ids


def add_distractors(project: Project, analyses: dict[str, Analysis]) -> int:
    """Every claim-like sentence that no gold claim touches becomes a claim."""
    n = 0
    for doc_id, analysis in analyses.items():
        merged = merge_spans((c.start, c.end) for c in project.claims(document_id=doc_id))
        text = project.text(doc_id)
        spans = [(c.start, c.end) for c in claim_candidates(analysis, text)
                 if not covered(merged, c.start, c.end)]
        project.add_claims(doc_id, spans)
        n += len(spans)
    return n


class RawTfidf:
    """The baseline: TF-IDF cosine over raw lower-cased word tokens."""

    def __init__(self, project: Project, analyses: dict[str, Analysis]) -> None:
        df: Counter[str] = Counter()
        n = 0
        for doc_id, analysis in analyses.items():
            text = project.text(doc_id)
            for s, e in analysis.sentences:
                df.update(set(_WORD.findall(text[s:e].lower())))
                n += 1
        self.idf = {t: math.log((1 + n) / (1 + c)) + 1 for t, c in df.items()}
        self.default = math.log(1 + n) + 1
        self.claims = project.claims()
        self.vectors = {c.id: self._vec(c.quote) for c in self.claims}

    def _vec(self, text: str) -> dict[str, float]:
        tf = Counter(_WORD.findall(text.lower()))
        v = {t: (1 + math.log(k)) * self.idf.get(t, self.default) for t, k in tf.items()}
        norm = math.sqrt(sum(w * w for w in v.values())) or 1.0
        return {t: w / norm for t, w in v.items()}

    def rank(self, claim_id: str) -> list[str]:
        q = self.vectors[claim_id]
        doc = next(c.document_id for c in self.claims if c.id == claim_id)
        scored = [(sum(w * self.vectors[c.id].get(t, 0.0) for t, w in q.items()), c.id)
                  for c in self.claims if c.document_id != doc]
        return [cid for _, cid in sorted(scored, key=lambda x: (-x[0], x[1]))]


def recall(ranks: list[int | None], k: int) -> float:
    return sum(1 for r in ranks if r is not None and r < k) / len(ranks)


def evaluate(project: Project, analyses: dict[str, Analysis], gold: dict,
             claim_ids: dict[str, str]) -> dict[str, object]:
    index = SuggestionIndex.build(project, analyses)
    baseline = RawTfidf(project, analyses)
    pool = len(project.claims())
    ours: list[int | None] = []
    base: list[int | None] = []
    stance: Counter[tuple[str, str]] = Counter()
    for pair in gold["pairs"]:
        for a, b in ((pair["a"], pair["b"]), (pair["b"], pair["a"])):
            qa, qb = claim_ids[a], claim_ids[b]
            ranked = index.suggest(qa, scope="claims", top=pool)
            ids = [s.claim_id for s in ranked]
            ours.append(ids.index(qb) if qb in ids else None)
            b_ids = baseline.rank(qa)
            base.append(b_ids.index(qb) if qb in b_ids else None)
            hit = next((s for s in ranked if s.claim_id == qb), None)
            stance[(pair["relation"], hit.stance_hint if hit else "unclear")] += 1
    return {"pool": pool, "ours": ours, "base": base, "stance": stance}


def print_table(title: str, result: dict) -> None:
    queries = len(result["ours"])
    print(f"\n{title}: pool of {result['pool']} claims, {queries} queries")
    print(f"{'method':<36}" + "".join(f"{'recall@' + str(k):>11}" for k in KS) + f"{'MRR':>7}")
    for name, ranks in (("suggester (lemmas+entities+phrases)", result["ours"]),
                        ("baseline TF-IDF (raw tokens)", result["base"])):
        mrr = sum(1 / (r + 1) for r in ranks if r is not None) / queries
        print(f"{name:<36}" + "".join(f"{recall(ranks, k):>11.2f}" for k in KS) + f"{mrr:>7.2f}")


@pytest.mark.model
def test_suggest_quality(tmp_path: Path, corpus_dir: Path) -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    pipeline = load_pipeline()
    project, claim_ids = build_project(tmp_path, corpus_dir, gold)
    analyses = ensure_analyses(project, pipeline).analyses
    print(f"\nlink suggestions: {len(gold['pairs'])} gold pairs, both directions; model "
          f"{pipeline.info.name}")
    light = evaluate(project, analyses, gold, claim_ids)
    print_table("gold claims only", light)
    add_distractors(project, analyses)
    full = evaluate(project, analyses, gold, claim_ids)
    print_table("gold claims + all other claim-like sentences as claims", full)
    stance: Counter[tuple[str, str]] = full["stance"]  # type: ignore[assignment]
    right = sum(n for (g, h), n in stance.items() if g == h)
    total = sum(stance.values())
    print(f"\nstance hint accuracy on the gold pairs: {right / total:.2f} ({right}/{total})")
    for (gold_rel, hint), n in sorted(stance.items()):
        print(f"  gold {gold_rel:<12} hint {hint:<12} {n}")
    project.close()
