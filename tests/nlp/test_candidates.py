"""Claim candidates: the documented rules, and snapping selections to sentences/words."""

from __future__ import annotations

import pytest

from claimweave.nlp.analysis import analyse_text
from claimweave.nlp.candidates import (
    claim_candidates,
    next_candidate,
    rate_sentence,
    snap_to_sentence,
    snap_to_tokens,
)

from .conftest import ARTICLE_A


def _by_text(analysis, text):  # type: ignore[no-untyped-def]
    return {text[c.start:c.end]: c for c in claim_candidates(analysis, text)}


def test_rules_with_blank_pipeline(blank) -> None:  # type: ignore[no-untyped-def]
    text = ARTICLE_A
    found = _by_text(analyse_text(blank, text), text)
    first = found["Officials said the alliance will increase military cooperation in 2015."]
    assert "reporting: said" in first.reasons  # no lemmas: the inflected form is listed
    assert any(r.startswith("modal: will") for r in first.reasons)
    assert "number or date" in first.reasons
    assert "finite verb not checked (no tagger)" in first.reasons
    second = found["Prices rose by 5 percent last year, according to the ministry."]
    assert "reporting: according to" in second.reasons
    assert "Is this the end of the story?" not in found  # a question
    assert "Short line." not in found  # too short
    headline = "A headline has no final stop at all here\nThe body text then follows it.\n"
    assert list(_by_text(analyse_text(blank, headline), headline)) == [
        "The body text then follows it."]


def test_scores_are_ordered_by_cues(blank) -> None:  # type: ignore[no-untyped-def]
    text = ("The committee met on a rainy morning downtown.\n"
            "The committee said it would not approve the larger budget because of 3 risks.\n")
    cands = claim_candidates(analyse_text(blank, text), text)
    assert len(cands) == 2 and cands[1].score > cands[0].score
    assert cands[1].score <= 1.0


def test_claimed_sentences_are_skipped(blank) -> None:  # type: ignore[no-untyped-def]
    text = ARTICLE_A
    a = analyse_text(blank, text)
    s, e = a.sentences[0]
    left = claim_candidates(a, text, claimed=[(s, s + (e - s) // 2 + 1)])
    assert all(c.start != s for c in left)
    kept = claim_candidates(a, text, claimed=[(s, s + 3)])
    assert any(c.start == s for c in kept)


def test_snap_to_sentence(blank) -> None:  # type: ignore[no-untyped-def]
    text = "First sentence is here. Second sentence is there.\nThird line."
    a = analyse_text(blank, text)
    first, second, _third = a.sentences
    assert snap_to_sentence(a, 3, 8) == first
    assert snap_to_sentence(a, 10, 30) == (first[0], second[1])
    assert snap_to_sentence(a, 30, 10) == (first[0], second[1])
    assert snap_to_sentence(a, 26, 26) == second
    assert snap_to_sentence(a, 23, 23) == second  # in the gap: the next sentence
    assert snap_to_sentence(a, len(text), len(text)) == (len(text), len(text))


def test_snap_to_tokens(blank) -> None:  # type: ignore[no-untyped-def]
    text = "Alpha beta gamma."
    a = analyse_text(blank, text)
    assert snap_to_tokens(a, 2, 8) == (0, 10)
    assert snap_to_tokens(a, 5, 6) == (5, 6)  # only a space: unchanged


def test_walking_candidates(blank) -> None:  # type: ignore[no-untyped-def]
    text = ARTICLE_A
    cands = claim_candidates(analyse_text(blank, text), text)
    assert next_candidate(cands, -1) == cands[0]
    assert next_candidate(cands, cands[0].start) == cands[1]
    assert next_candidate(cands, cands[1].start, backwards=True) == cands[0]
    assert next_candidate(cands, cands[-1].start) is None


@pytest.mark.model
def test_rules_with_model(model) -> None:  # type: ignore[no-untyped-def]
    text = ("The Russian-Iranian alliance that wasn’t\n"
            "Photo: Kremlin press service, Moscow office\n"
            "Officials argued that Russia could not increase its support, according to Reuters.\n"
            "Will the two states become closer allies?\n")
    a = analyse_text(model, text)
    found = _by_text(a, text)
    assert list(found) == [
        "Officials argued that Russia could not increase its support, according to Reuters."]
    reasons = next(iter(found.values())).reasons
    assert "finite verb" in reasons
    assert any(r.startswith("reporting: argue") for r in reasons)
    assert any(r.startswith("modal: could") for r in reasons)
    assert any(r.startswith("negation: not") for r in reasons)
    assert any(r.startswith("names:") for r in reasons)
    assert rate_sentence(a, text, 0) is None  # no finite verb
