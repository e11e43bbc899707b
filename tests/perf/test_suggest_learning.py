"""Suggestions that learn from the project, and the stance hint, measured on the gold sets.

For each gold set (tests/data/nlp_gold*.json; see test_suggest_quality.py for what each is
and which are held out) and each training size k in (0, 5, 10, 20): k gold pairs, drawn
with a fixed seed, become links in the project (as a user would have made them); the
re-ranker is fitted on them (nlp/learning.py); the *other* pairs are scored, both
directions, in the claims scope (partner among the other documents' claims) and in the
sentences scope (the partner claim removed, its sentence among the other documents'
unclaimed sentences). Reported: recall@1/3/5 and MRR, each with a 95 % bootstrap
confidence interval (1,000 resamples of the queries), beside plain lemma TF-IDF
(:class:`~claimweave.nlp.suggest.ScoreConfig` with only lemmas) in the same run.

Pooled (at the end): the claims scope of every development set, for eight draws of the
training links (k = 5 and 10) and with no links, all queries together, with the change from
default to learned and its bootstrap interval (the queries resampled together): the figure
to decide by, where one set and one draw move by a query.

Stance: every gold pair's hint computed directly (not only when retrieved), per class
(agrees, contradicts), beside "always agrees" and "always contradicts". There is no
"unclear" any more: a hint is one of the two.

A set file's ``role`` says what it is: "development" sets may be looked at and are the only
ones stance perturbations are drawn from; "held-out" sets (bridge and any set written later
with that role; and the demo) are measured, never tuned on. The museum and Tagus sets were
held out, each measured once, and are development sets since.
``CLAIMWEAVE_EVAL_ROLES=development`` measures only the sets of the roles it lists
(comma-separated), so that work on the rules never prints a held-out figure; unset, every
set is measured. ``CLAIMWEAVE_EVAL_SETS`` keeps only the sets whose title contains one of
its comma-separated words ("museum,market"), and ``CLAIMWEAVE_EVAL_STANCE_ONLY=1`` measures
the stance hint and skips the ranking.

Run with ``make bench`` (pytest -s tests/perf); it prints and asserts nothing about figures.
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pytest

from claimweave.nlp.learning import Decisions, LearnedRanker
from claimweave.nlp.pipeline import load_pipeline
from claimweave.nlp.stance import stance_hint
from claimweave.nlp.suggest import ScoreConfig, SuggestionIndex

from .test_suggest_quality import (
    GOLD_DEV,
    GOLD_HELDOUT,
    KS,
    LEXICAL,
    STANCE_OF,
    GoldProject,
    build_project,
    measured_roles,
    mrr,
    recall,
)

DATA = Path(__file__).resolve().parents[1] / "data"
TRAIN_SIZES = (0, 5, 10, 20)
LEMMA_TFIDF = ScoreConfig(char_weight=0.0, phrase_weight=0.0, bigram_weight=0.0,
                          context_weight=0.0, synonyms=False, entity_boost=0.0,
                          number_boost=0.0, furniture=1.0, quantity_weight=0.0,
                          meaning_weight=0.0)
SEED = 17
SEEDS = (17, 1, 2, 3, 4, 5, 6, 7)  # draws of the training links for the pooled figures
POOLED_KS = (5, 10)


def bootstrap(ranks: list[int | None], stat, n: int = 1000) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    rng = random.Random(SEED)
    values = sorted(stat([rng.choice(ranks) for _ in ranks]) for _ in range(n))
    return values[int(0.025 * n)], values[int(0.975 * n) - 1]


def fmt(ranks: list[int | None]) -> str:
    if not ranks:
        return "  (no queries)"
    cells = []
    for k in KS:
        lo, hi = bootstrap(ranks, lambda r, k=k: recall(r, k))
        cells.append(f"{recall(ranks, k):.2f} [{lo:.2f}-{hi:.2f}]")
    lo, hi = bootstrap(ranks, mrr)
    cells.append(f"{mrr(ranks):.2f} [{lo:.2f}-{hi:.2f}]")
    return "  ".join(cells)


def claim_ranks(g: GoldProject, index: SuggestionIndex, pairs: list[dict[str, str]],
                learned: LearnedRanker | None) -> list[int | None]:
    ranks: list[int | None] = []
    pool = len(index.claims)
    for pair in pairs:
        for a, b in ((pair["a"], pair["b"]), (pair["b"], pair["a"])):
            found = index.suggest(g.claim_ids[a], scope="claims", top=pool, learned=learned)
            ids = [s.claim_id for s in found]
            qb = g.claim_ids[b]
            ranks.append(ids.index(qb) if qb in ids else None)
    return ranks


def sentence_ranks(g: GoldProject, pairs: list[dict[str, str]], learned_from: Decisions | None,
                   config: ScoreConfig | None = None) -> list[int | None]:
    """The partner's claim is deleted (then restored by undo); its sentence must be found."""
    ranks: list[int | None] = []
    project = g.project
    for pair in pairs:
        for a, b in ((pair["a"], pair["b"]), (pair["b"], pair["a"])):
            partner = project.claim(g.claim_ids[b])
            project.delete_claim(partner.id)
            try:
                index = SuggestionIndex.build(project, g.analyses, config=config)
                learned = LearnedRanker.fit(index, learned_from) if learned_from else None
                found = index.suggest(g.claim_ids[a], scope="sentences", top=len(
                    index.sentences) or 1, learned=learned)
                hit = [s.start < partner.end and partner.start < s.end
                       and s.document_id == partner.document_id for s in found]
                ranks.append(hit.index(True) if True in hit else None)
            finally:
                project.undo()
    return ranks


def measure_learning(label: str, g: GoldProject,
                     pooled: dict[tuple[str, int], list[int | None]]) -> None:
    """One set, one draw of the links (:data:`SEED`); the sentences scope's ranks, with
    and without the meaning part, are added to *pooled* (keys ("default" / "learned" /
    "lexical default" / "lexical learned", k))."""
    rng = random.Random(SEED)
    pairs = list(g.pairs)
    rng.shuffle(pairs)
    print(f"\n{label}: {len(pairs)} pairs; R@1 R@3 R@5 MRR with 95% bootstrap intervals")
    for k in TRAIN_SIZES:
        if k > len(pairs) - 4:  # keep at least four pairs (eight queries) to score
            continue
        train, test = pairs[:k], pairs[k:]
        links = []
        with g.project.batch("training links"):
            for p in train:
                links.append(g.project.link_claims(g.claim_ids[p["a"]], g.claim_ids[p["b"]],
                                                   "related").id)
        try:
            index = SuggestionIndex.build(g.project, g.analyses)
            lexical = SuggestionIndex.build(g.project, g.analyses, config=LEXICAL)
            decisions = Decisions(tuple((g.claim_ids[p["a"]], g.claim_ids[p["b"]])
                                        for p in train), ())
            learned = LearnedRanker.fit(index, decisions) if k else None
            state = "active" if learned and learned.active else "default"
            print(f"  learned from {k:>2} links ({state}), scored on {len(test)} pairs:")
            runs = [("default", index, None, None), ("lexical default", lexical, None, LEXICAL)]
            if k:
                runs += [("learned", index, learned, None), ("lexical learned", lexical,
                         LearnedRanker.fit(lexical, decisions), LEXICAL)]
            for name, built, ranker, _ in runs:
                print(f"    claims    {name:<16} " + fmt(claim_ranks(g, built, test, ranker)))
            for name, _, ranker, config in runs:
                ranks = sentence_ranks(g, test, decisions if ranker else None, config)
                print(f"    sentences {name:<16} " + fmt(ranks))
                if k in (0, *POOLED_KS) and label.startswith("DEVELOPMENT"):
                    pooled.setdefault((name, k), []).extend(ranks)
            if k == 0:
                base = SuggestionIndex.build(g.project, g.analyses, config=LEMMA_TFIDF)
                print("    claims    lemma tf-idf     " + fmt(claim_ranks(g, base, test, None)))
                print("    sentences lemma tf-idf     " + fmt(sentence_ranks(
                    g, test, None, LEMMA_TFIDF)))
        finally:
            if train:
                g.project.undo()


def pooled_claim_ranks(g: GoldProject) -> dict[tuple[str, int], list[int | None]]:
    """Claims-scope ranks, default and learned, for every draw of :data:`SEEDS` and every
    k of :data:`POOLED_KS` (the index does not depend on the links: built once)."""
    index = SuggestionIndex.build(g.project, g.analyses)
    lexical = SuggestionIndex.build(g.project, g.analyses, config=LEXICAL)
    out: dict[tuple[str, int], list[int | None]] = {
        ("default", 0): claim_ranks(g, index, g.pairs, None),
        ("lexical default", 0): claim_ranks(g, lexical, g.pairs, None)}
    for seed in SEEDS:
        pairs = list(g.pairs)
        random.Random(seed).shuffle(pairs)
        for k in POOLED_KS:
            if k > len(pairs) - 4:
                continue
            train, test = pairs[:k], pairs[k:]
            decisions = Decisions(tuple((g.claim_ids[p["a"]], g.claim_ids[p["b"]])
                                        for p in train), ())
            for prefix, built in (("", index), ("lexical ", lexical)):
                learned = LearnedRanker.fit(built, decisions)
                out.setdefault((f"{prefix}default", k), []).extend(
                    claim_ranks(g, built, test, None))
                out.setdefault((f"{prefix}learned", k), []).extend(
                    claim_ranks(g, built, test, learned))
    return out


def paired_gain(before: list[int | None], after: list[int | None], stat) -> str:  # type: ignore[no-untyped-def]
    """The change of *stat* from *before* to *after* (same queries), with a 95 % bootstrap
    interval resampling the queries together."""
    rng = random.Random(SEED)
    n = len(before)
    gains = []
    for _ in range(1000):
        pick = [rng.randrange(n) for _ in range(n)]
        gains.append(stat([after[i] for i in pick]) - stat([before[i] for i in pick]))
    gains.sort()
    return f"{stat(after) - stat(before):+.3f} [{gains[25]:+.3f} {gains[974]:+.3f}]"


def print_drawn(label: str, drawn: dict[tuple[str, int], list[int | None]]) -> None:
    """One set's claims scope over the draws of :data:`SEEDS`: R@3 and MRR, with the
    meaning part and without it."""
    for prefix, what in (("", ""), ("lexical ", ", no meaning")):
        cells = []
        for k in POOLED_KS:
            if (f"{prefix}default", k) in drawn:
                d, lr = drawn[(f"{prefix}default", k)], drawn[(f"{prefix}learned", k)]
                cells.append(f"k={k}: R@3 {recall(d, 3):.3f} -> {recall(lr, 3):.3f}, "
                             f"MRR {mrr(d):.3f} -> {mrr(lr):.3f}")
        zero = drawn[(f"{prefix}default", 0)]
        print(f"  {label}, claims{what}: k=0 R@3 {recall(zero, 3):.3f}, MRR {mrr(zero):.3f}; "
              f"default -> learned over {len(SEEDS)} draws: " + "; ".join(cells))


def print_pooled(pooled: dict[tuple[str, int], list[int | None]], sets: int,
                 scope: str = "claims", draws: int = len(SEEDS)) -> None:
    """The pooled block of one scope: default and learned, each with and without the
    meaning part, and the paired changes (learned - default; with - without meaning)."""
    print(f"\nPOOLED {scope} scope over {sets} sets and {draws} draws of the links "
          "(queries of every set and draw together; R@1 R@3 R@5 MRR, 95% bootstrap "
          "intervals over those queries, which repeat across draws: read them as a lower "
          "bound of the spread)")

    def gains(name: str, before: list[int | None], after: list[int | None]) -> None:
        r3 = paired_gain(before, after, lambda r: recall(r, 3))
        r5 = paired_gain(before, after, lambda r: recall(r, 5))
        print(f"  {name}: R@3 {r3}  R@5 {r5}  MRR {paired_gain(before, after, mrr)}")

    for k in (0, *POOLED_KS):
        names = ("default", "learned") if k else ("default",)
        if ("default", k) not in pooled:
            continue
        for name in names:
            print(f"  k={k:>2} {name:<16} " + fmt(pooled[(name, k)]))
            print(f"  k={k:>2} {name + ', no meaning':<16} " + fmt(pooled[("lexical " + name, k)]))
            gains(f"k={k:>2} {name}, meaning - none", pooled[("lexical " + name, k)],
                  pooled[(name, k)])
        if k:
            gains(f"k={k:>2} learned - default", pooled[("default", k)], pooled[("learned", k)])


def measure_stance(label: str, g: GoldProject) -> None:
    index = SuggestionIndex.build(g.project, g.analyses)
    right: dict[str, list[int]] = {"agrees": [], "contradicts": []}
    for pair in g.pairs:
        qa, qb = (index.claims[index.claim_row[g.claim_ids[pair[x]]]] for x in ("a", "b"))
        base = index.pair_dots(index.vectors_of(qa), qb)
        similarity = (1 - index.config.char_weight) * base["w"] + (
            index.config.char_weight * base["c"])
        hint = stance_hint(qa.features, qb.features, similarity)
        gold = STANCE_OF[pair["relation"]]
        right[gold].append(int(hint.hint == gold))
    print(f"\nstance, {label}: per class (right / pairs of that class, 95% bootstrap "
          "interval over the pairs)")
    for gold, hits in right.items():
        if not hits:
            continue
        lo, hi = bootstrap(hits, lambda r: sum(r) / len(r))  # type: ignore[arg-type]
        print(f"  {gold:<12} hint {sum(hits) / len(hits):.2f} [{lo:.2f}-{hi:.2f}] "
              f"({sum(hits)}/{len(hits)})   always agrees {(gold == 'agrees') * 1.0:.2f}   "
              f"always contradicts {(gold == 'contradicts') * 1.0:.2f}")


@pytest.mark.model
@pytest.mark.timeout(1800)  # every set, every training size, an index build per query
def test_learning_and_stance(tmp_path: Path, corpus_dir: Path) -> None:
    pipeline = load_pipeline()
    sets = [("DEVELOPMENT (Russia-Iran)", json.loads(GOLD_DEV.read_text("utf-8")), corpus_dir),
            ("HELD-OUT (demo project)", json.loads(GOLD_HELDOUT.read_text("utf-8")), None)]
    for path in sorted(DATA.glob("nlp_eval_*.json")):
        gold = json.loads(path.read_text("utf-8"))
        sets.append((f"{gold.get('role', 'set').upper()} ({gold['title']})", gold, None))
    roles = measured_roles()
    if roles is not None:
        sets = [s for s in sets if s[0].split(" (")[0] in roles]
    titles = [t.strip().lower() for t in os.environ.get("CLAIMWEAVE_EVAL_SETS", "").split(",")]
    sets = [s for s in sets if any(t in s[0].lower() for t in titles)]
    stance_only = os.environ.get("CLAIMWEAVE_EVAL_STANCE_ONLY") == "1"
    pooled: dict[tuple[str, int], list[int | None]] = {}
    sentences: dict[tuple[str, int], list[int | None]] = {}
    for n, (label, gold, corpus) in enumerate(sets):
        g = build_project(tmp_path, gold, corpus, pipeline, f"set{n}")
        try:
            measure_stance(label, g)
            if stance_only:
                continue
            measure_learning(label, g, sentences)
            if label.startswith("DEVELOPMENT"):  # held-out sets are reported one by one
                drawn = pooled_claim_ranks(g)
                print_drawn(label, drawn)
                for key, ranks in drawn.items():
                    pooled.setdefault(key, []).extend(ranks)
        finally:
            g.project.close()
    developing = sum(1 for label, _, _ in sets if label.startswith("DEVELOPMENT"))
    if pooled:
        print_pooled(pooled, developing)
    if sentences:
        print_pooled(sentences, developing, "sentences", 1)
