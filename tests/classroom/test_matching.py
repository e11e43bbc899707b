"""Span matching: Jaccard overlap of code-point ranges, one-to-one, best overlap first."""

from __future__ import annotations

import pytest

from claimweave.classroom.layers import Span
from claimweave.classroom.matching import THRESHOLD, jaccard, match_spans


def span(ident: str, start: int, end: int, doc: str = "d") -> Span:
    return Span(ident, doc, start, end)


def test_jaccard() -> None:
    assert jaccard(span("a", 0, 20), span("b", 0, 20)) == 1.0
    assert jaccard(span("a", 0, 20), span("b", 5, 25)) == pytest.approx(15 / 25)
    assert jaccard(span("a", 0, 20), span("b", 10, 30)) == pytest.approx(10 / 30)
    assert jaccard(span("a", 0, 20), span("b", 20, 30)) == 0.0  # touching, not overlapping
    assert jaccard(span("a", 0, 20), span("b", 0, 20, doc="other")) == 0.0


def test_threshold_is_inclusive() -> None:
    key = [span("k", 0, 20)]
    assert THRESHOLD == 0.5
    assert match_spans(key, [span("s", 0, 10)])  # exactly 0.5
    assert not match_spans(key, [span("s", 0, 9)])


def test_greedy_one_to_one_prefers_the_best_overlap() -> None:
    key = [span("k1", 0, 20), span("k2", 10, 30)]
    student = [span("s1", 10, 30), span("s2", 0, 18)]
    pairs = {(m.key.id, m.other.id) for m in match_spans(key, student)}
    assert pairs == {("k2", "s1"), ("k1", "s2")}


def test_a_claim_matches_once() -> None:
    key = [span("k1", 0, 20)]
    student = [span("s1", 0, 20), span("s2", 1, 20)]
    matches = match_spans(key, student)
    assert [(m.key.id, m.other.id) for m in matches] == [("k1", "s1")]


@pytest.mark.parametrize("threshold", [0.05, 0.5, 0.9, 1.0])
def test_only_claims_that_can_reach_the_threshold_are_scored(threshold: float) -> None:
    """The start-position window that spares most Jaccard computations finds exactly the
    pairs that scoring every pair finds."""
    import random

    rng = random.Random(7)

    def spans(prefix: str, n: int) -> list[Span]:
        out = []
        for i in range(n):
            start = rng.randrange(0, 2000)
            out.append(Span(f"{prefix}{i}", rng.choice("xy"), start,
                            start + rng.randrange(1, 300)))
        return out

    key, other = spans("k", 150), spans("o", 150)
    every = sorted((k.id, o.id) for k in key for o in other if jaccard(k, o) >= threshold)
    pairs = {(m.key.id, m.other.id) for m in match_spans(key, other, threshold)}
    assert pairs <= set(every)
    brute = []  # the greedy one-to-one matching over all pairs, written out plainly
    ranked = sorted((-jaccard(k, o), k.start, k.end, o.start, o.end, k.id, o.id)
                     for k in key for o in other if jaccard(k, o) >= threshold)
    used_k: set[str] = set()
    used_o: set[str] = set()
    for *_, kid, oid in ranked:
        if kid not in used_k and oid not in used_o:
            used_k.add(kid)
            used_o.add(oid)
            brute.append((kid, oid))
    assert pairs == set(brute) and (threshold > 0.9 or brute)
