"""Polarity composed from its parts (nlp/polarity.py): negators that cancel, negators that
are no antonyms as well, verbs that end a state, a negated opposite that agrees. Made-up
sentences, read by the English model as the suggester reads claims."""

from __future__ import annotations

import pytest

from claimweave.nlp.analysis import analyse_text
from claimweave.nlp.features import SpanFeatures, span_features
from claimweave.nlp.stance import stance_hint

pytestmark = pytest.mark.model


def f(pipe, text: str) -> SpanFeatures:  # type: ignore[no-untyped-def]
    return span_features(analyse_text(pipe, text), text, 0, len(text))


def hint(pipe, one: str, other: str) -> str:  # type: ignore[no-untyped-def]
    return stance_hint(f(pipe, one), f(pipe, other), 0.5).hint


@pytest.mark.parametrize(("one", "other", "expected"), [
    # a negator that is also an opposite counts once
    ("The council accepted the offer.", "The council rejected the offer.", "contradicts"),
    ("He admitted the charge.", "He denied the charge.", "contradicts"),
    ("The alarm never worked.", "The alarm always worked.", "contradicts"),
    ("Nobody was hurt in the crash.", "Everyone was hurt in the crash.", "contradicts"),
    ("Nobody was hurt in the crash.", "Everyone was unhurt after the crash.", "agrees"),
    # a negator inside another's scope cancels it
    ("The council did not reject the offer.", "The council accepted the offer.", "agrees"),
    ("The council did not reject the offer.", "The council rejected the offer.",
     "contradicts"),
    ("The minister failed to deny the report.", "The minister denied the report.",
     "contradicts"),
    ("The minister failed to deny the report.", "The minister confirmed the report.",
     "agrees"),
    ("The levee did not fail to hold the water back.", "The levee held the water back.",
     "agrees"),
])
def test_negators_compose(model, one: str, other: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert hint(model, one, other) == expected


def test_separate_negations_each_stand(model) -> None:  # type: ignore[no-untyped-def]
    assert f(model, "There were no injuries and no damage.").negations == ["no", "no"]
    assert f(model, "Neither Spain nor Portugal signed.").negations == ["Neither", "nor"]
    assert f(model, "The talks failed, and no deal was signed.").negations == ["failed", "no"]
    assert f(model, "It is not clear whether the plan failed.").negations == ["not", "failed"]
    assert not f(model, "Ties were not limited to trade.").negated
    assert not f(model, "It was not only a strike but a lockout.").negated


@pytest.mark.parametrize(("one", "other", "expected"), [
    ("Spain backed the request for a meeting.",
     "Madrid did not oppose the request for a meeting.", "agrees"),
    ("Spain backed the request for a meeting.", "Spain opposed the request for a meeting.",
     "contradicts"),
    ("The mayor favoured the new bridge.", "The mayor objected to the new bridge.",
     "contradicts"),
    # "back" that is no verb opposes nothing
    ("The crews came back to oppose the plan.", "The crews opposed the plan.", "agrees"),
])
def test_support_and_opposition(model, one: str, other: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert hint(model, one, other) == expected


@pytest.mark.parametrize(("one", "other", "expected"), [
    ("The dams no longer produce electricity.", "The power stations have stopped generating.",
     "agrees"),
    ("The pump stopped working on Monday.", "The pump was out of order on Monday.", "agrees"),
    ("The pump stopped working on Monday.", "The pump was working on Monday.", "contradicts"),
    ("The company ceased trading in May.", "The company is still trading.", "contradicts"),
    ("The company ceased to exist in May.", "The company no longer exists.", "agrees"),
])
def test_verbs_that_end_a_state_negate_it(model, one: str, other: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert hint(model, one, other) == expected


def test_an_ending_verb_without_a_state_is_no_negation(model) -> None:  # type: ignore[no-untyped-def]
    assert not f(model, "Police stopped the car near the bridge.").negated
    assert f(model, "Police stopped searching the river.").negations == ["stopped"]
