"""Quality of claimant proposals (nlp/claimants.py) against claims marked by hand.

Gold: tests/data/claimants_gold.json. Three sets, reported apart:

- ``demo``: the 37 claims of the demo project (four reports of a dam-gate failure);
- ``corpus``: 20 claims of the five shared Russia-Iran articles (skipped without ../shared);
- ``heldout``: 12 claims of an article written for this set after the rules were fixed.

The rules were developed looking at the demo and corpus claims, so those figures are
optimistic; the held-out figure is the honest one (and small). Each claim's answer is a
claimant or "the author" (no proposal). Reported: accuracy over all claims; precision and
recall of the non-author proposals (a proposal is right when it names the gold claimant by
any of its spellings); the same for the baseline that always answers "the author" (it
proposes nothing, so its recall is 0 and its accuracy is the share of author claims).
Run with ``make bench``; it prints the table and asserts only that the run is complete.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from claimweave.core.model import Claim
from claimweave.nlp.claimants import Proposal, normal_key, propose
from claimweave.nlp.pipeline import load_pipeline

ROOT = Path(__file__).resolve().parents[2]
GOLD = json.loads((ROOT / "tests" / "data" / "claimants_gold.json").read_text("utf-8"))
DEMO = ROOT / "desktop" / "claimweave" / "resources" / "demo"
CORPUS = ROOT.parent / "shared" / "corpus" / "russia-iran"


@dataclass
class Score:
    n: int = 0
    author: int = 0  # gold: the author's own
    correct: int = 0
    proposed: int = 0
    proposed_right: int = 0

    def add(self, gold: str | None, got: str | None) -> None:
        self.n += 1
        self.author += gold is None
        self.correct += gold == got
        if got is not None:
            self.proposed += 1
            self.proposed_right += got == gold

    def row(self, name: str) -> str:
        attributed = self.n - self.author
        p = self.proposed_right / self.proposed if self.proposed else float("nan")
        r = self.proposed_right / attributed if attributed else float("nan")
        return (f"{name:8} {self.n:3} claims ({attributed:2} attributed)  accuracy "
                f"{self.correct / self.n:.2f} (author baseline {self.author / self.n:.2f})  "
                f"precision {p:.2f}  recall {r:.2f} (baseline recall 0.00)")


def _canonical() -> dict[str, str]:
    out = {}
    for name, spellings in GOLD["names"].items():
        for s in (name, *spellings):
            out[normal_key(s)] = name
    return out


def _sets() -> dict[str, tuple[dict[str, str], list[tuple[Claim, str | None]]]]:
    sets = {}
    ann = json.loads((DEMO / "annotations.json").read_text("utf-8"))
    gold = dict(GOLD["demo"])
    texts = {c["doc"]: (DEMO / "articles" / f"{c['doc']}.md").read_text("utf-8")
             for c in ann["claims"]}
    sets["demo"] = (texts, [(_claim(c["id"], c["doc"], texts, c["quote"]), gold[c["id"]])
                            for c in ann["claims"]])
    if (CORPUS / "manifest.json").is_file():
        texts = {f: (CORPUS / f).read_text("utf-8") for f, _, _ in GOLD["corpus"]}
        sets["corpus"] = (texts, [(_claim(f"c{n}", f, texts, q), k)
                                  for n, (f, q, k) in enumerate(GOLD["corpus"])])
    texts = {"heldout": GOLD["heldout_text"]}
    sets["heldout"] = (texts, [(_claim(f"h{n}", "heldout", texts, q), k)
                               for n, (q, k) in enumerate(GOLD["heldout"])])
    return sets


def _claim(ident: str, doc: str, texts: dict[str, str], quote: str) -> Claim:
    start = texts[doc].index(quote)
    return Claim(ident, doc, start, start + len(quote), quote, "", "", "", "", "", "")


def test_claimant_proposals_against_the_author_baseline() -> None:
    pipeline = load_pipeline()
    if not pipeline.info.has_parser:
        pytest.skip("claimant proposals need the English model's parser")
    canon = _canonical()
    print("\nclaimant proposals (nlp/claimants.py) vs. always the author")
    for name, (texts, items) in _sets().items():
        found: dict[str, Proposal] = {p.claim: p for p in propose(
            pipeline.nlp, texts, [c for c, _ in items])}
        score = Score()
        for claim, gold in items:
            p = found.get(claim.id)
            got = canon.get(normal_key(p.claimant), p.claimant) if p else None
            score.add(gold, got)
        print(score.row(name))
        assert score.n == len(items)
