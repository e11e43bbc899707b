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
