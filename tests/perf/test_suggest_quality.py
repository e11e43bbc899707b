"""Quality of link suggestions on two independent gold sets, against a plain TF-IDF baseline.

Gold sets (tests/data):

- ``nlp_gold.json`` (**development** set): 41 hand-made claims and 26 agree / contradict
  pairs across the five shared Russia-Iran articles. The suggester's weights and rules were
  chosen looking at this set.
- ``nlp_gold_demo.json`` (**held-out** set): the cross-document links (agrees, contradicts,
  same_claim) of the demo project ``project_files/demo.claimweave``, written by another
  annotator on four reports of a dam-gate failure; 35 claims, 19 pairs. It was not used to
  choose weights or word lists; it is reported apart so that the figure others will see on
  unseen pairs can be estimated honestly.

For each set two pools are measured: the gold set's claims alone (a lightly annotated
project), then the same plus every other claim-like sentence of its documents (the hard
candidate rules: length, not a question, finite verb) marked as a claim too, as a thorough
annotator would, so that each query ranks its partner among all claims of the other
documents. For every gold pair both directions are queried. Reported per set and pool:
recall@1/3/5 and MRR of the suggester, of the previous suggester (v1 formula, kept as
``SuggestionIndex.build(..., config=V1)``) and of a plain TF-IDF baseline (raw lower-cased
word tokens, no lemmas, entities or phrases, same idf collection) computed in the same run,
plus the stance hint's accuracy per class. Run with ``make bench`` (pytest -s tests/perf);
it prints the tables and asserts nothing about the figures.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest

from claimweave.core.store import Project
from claimweave.nlp.analysis import Analysis
from claimweave.nlp.cache import ensure_analyses
from claimweave.nlp.candidates import claim_candidates, covered, merge_spans
from claimweave.nlp.pipeline import LoadedPipeline, load_pipeline
from claimweave.nlp.suggest import DEFAULT, V1, ScoreConfig, SuggestionIndex

DATA = Path(__file__).resolve().parents[1] / "data"
GOLD_DEV = DATA / "nlp_gold.json"
GOLD_HELDOUT = DATA / "nlp_gold_demo.json"
KS = (1, 3, 5)
_WORD = re.compile(r"\w+")
LEXICAL = replace(DEFAULT, meaning_weight=0.0)  # the suggester without the meaning part
STANCE_OF = {"agrees": "agrees", "same_claim": "agrees", "contradicts": "contradicts"}


@dataclass
class GoldProject:
    project: Project
    claim_ids: dict[str, str]  # gold id -> claim id
    pairs: list[dict[str, str]]
    analyses: dict[str, Analysis] = field(default_factory=dict)


def build_project(tmp_path: Path, gold: dict, corpus: Path | None,
                  pipeline: LoadedPipeline, name: str) -> GoldProject:
    """A project holding the gold set's documents and claims, analysed."""
    project = Project.create(tmp_path / f"{name}.claimweave")
    doc_of: dict[str, str] = {}
    if "documents" in gold:  # documents embedded in the gold file
        for d in gold["documents"]:
            doc_of[d["id"]] = project.add_document(d["text"], title=d["title"]).document.id
    else:
        assert corpus is not None
        for path in sorted(corpus.glob("0*.txt")):
            outcome = project.add_document(path.read_text(encoding="utf-8"), title=path.stem,
                                           source_file=path.name)
            doc_of[path.name] = outcome.document.id
    claim_ids = {}
    for c in gold["claims"]:
        doc = doc_of[c.get("document") or c["file"]]
        claim_ids[c["id"]] = project.add_claim(doc, quote=c["quote"]).id
    g = GoldProject(project, claim_ids, gold["pairs"])
    g.analyses = ensure_analyses(project, pipeline).analyses
    return g


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


def measured_roles() -> set[str] | None:
    """The roles ``CLAIMWEAVE_EVAL_ROLES`` asks for (comma-separated, upper case), or None
    (unset: every set is measured). Work on the rules sets it to "development", so that no
    held-out figure is printed."""
    roles = os.environ.get("CLAIMWEAVE_EVAL_ROLES", "")
    return {r.strip().upper() for r in roles.split(",")} if roles else None


def recall(ranks: list[int | None], k: int) -> float:
    return sum(1 for r in ranks if r is not None and r < k) / len(ranks)


def mrr(ranks: list[int | None]) -> float:
    return sum(1 / (r + 1) for r in ranks if r is not None) / len(ranks)


def rank_all(g: GoldProject, config: ScoreConfig | None = None
             ) -> tuple[list[int | None], Counter[tuple[str, str]]]:
    """Rank of each query's partner (both directions of each pair) and the stance tally."""
    index = SuggestionIndex.build(g.project, g.analyses, config=config)
    pool = len(index.claims)
    ranks: list[int | None] = []
    stance: Counter[tuple[str, str]] = Counter()
    for pair in g.pairs:
        for a, b in ((pair["a"], pair["b"]), (pair["b"], pair["a"])):
            qa, qb = g.claim_ids[a], g.claim_ids[b]
            ranked = index.suggest(qa, scope="claims", top=pool)
            ids = [s.claim_id for s in ranked]
            ranks.append(ids.index(qb) if qb in ids else None)
            hit = next((s for s in ranked if s.claim_id == qb), None)
            stance[(STANCE_OF[pair["relation"]], hit.stance_hint if hit else "unclear")] += 1
    return ranks, stance


def baseline_ranks(g: GoldProject) -> list[int | None]:
    baseline = RawTfidf(g.project, g.analyses)
    ranks: list[int | None] = []
    for pair in g.pairs:
        for a, b in ((pair["a"], pair["b"]), (pair["b"], pair["a"])):
            ids = baseline.rank(g.claim_ids[a])
            qb = g.claim_ids[b]
            ranks.append(ids.index(qb) if qb in ids else None)
    return ranks


def row(name: str, ranks: list[int | None]) -> str:
    return (f"  {name:<30}" + "".join(f"{recall(ranks, k):>7.2f}" for k in KS)
            + f"{mrr(ranks):>7.2f}")


def measure(label: str, g: GoldProject) -> dict[str, Counter[tuple[str, str]]]:
    """Prints both pools of one gold set; returns the stance tallies per pool."""
    out = {}
    for pool in ("gold claims only", "+ all claim-like sentences"):
        if pool.startswith("+"):
            add_distractors(g.project, g.analyses)
        ours, stance = rank_all(g)
        lexical, _ = rank_all(g, LEXICAL)
        v1, _ = rank_all(g, V1)
        base = baseline_ranks(g)
        print(f"\n{label} — {pool}: pool of {len(g.project.claims())} claims, "
              f"{len(ours)} queries")
        print(f"  {'method':<30}{'R@1':>7}{'R@3':>7}{'R@5':>7}{'MRR':>7}")
        print(row("suggester", ours))
        print(row("suggester without meaning", lexical))
        print(row("previous suggester (v1)", v1))
        print(row("baseline TF-IDF, raw tokens", base))
        out[pool] = stance
    return out


def print_stance(label: str, stance: Counter[tuple[str, str]]) -> None:
    right = sum(n for (g, h), n in stance.items() if g == h)
    total = sum(stance.values())
    print(f"\nstance hint, {label}: accuracy {right / total:.2f} ({right}/{total})")
    for gold in ("agrees", "contradicts"):
        n = sum(v for (g, _), v in stance.items() if g == gold)
        if not n:
            continue
        hints = ", ".join(f"{h} {stance[(gold, h)]}" for h in ("agrees", "contradicts",
                                                                "unclear"))
        print(f"  gold {gold:<12} accuracy {stance[(gold, gold)] / n:.2f}  ({hints})")


@pytest.mark.model
def test_suggest_quality(tmp_path: Path, corpus_dir: Path) -> None:
    pipeline = load_pipeline()
    roles = measured_roles()
    print(f"\nlink suggestions, model {pipeline.info.name}; both directions of each pair "
          f"queried; top-k recall of the partner among the other documents' claims")
    sets = [("DEVELOPMENT", GOLD_DEV, corpus_dir), ("HELD-OUT", GOLD_HELDOUT, None)]
    for role, path, corpus in sets:
        if roles is not None and role not in roles:
            continue
        gold = json.loads(path.read_text(encoding="utf-8"))
        what = "Russia-Iran" if role == "DEVELOPMENT" else "demo project"
        g = build_project(tmp_path, gold, corpus, pipeline, role.lower())
        try:
            stance = measure(f"{role} set ({what}, {len(gold['pairs'])} pairs)", g)
        finally:
            g.project.close()
        print_stance(f"{role} set, large pool", stance["+ all claim-like sentences"])
