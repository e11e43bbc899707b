"""Modes of taking part, a facility at work, exclusive against additive focus, and one
quotation given to two people, as the stance hint reads them. Made-up sentences, read by
the English model as the suggester reads claims."""

from __future__ import annotations

import pytest

from claimweave.nlp.analysis import analyse_text
from claimweave.nlp.features import SpanFeatures, span_features
from claimweave.nlp.stance import stance_hint

pytestmark = pytest.mark.model


def f(pipe, text: str) -> SpanFeatures:  # type: ignore[no-untyped-def]
    return span_features(analyse_text(pipe, text), text, 0, len(text))


def hint(pipe, one: str, other: str, similarity: float = 0.5):  # type: ignore[no-untyped-def]
    return stance_hint(f(pipe, one), f(pipe, other), similarity)


@pytest.mark.parametrize(("one", "other", "expected"), [
    ("The minister attended the hearing in person.",
     "The minister joined the hearing by video link.", "contradicts"),
    ("The mayor answered questions face to face.", "The mayor answered questions by phone.",
     "contradicts"),
    ("The envoy took part remotely.", "The envoy took part from Oslo by video link.",
     "agrees"),  # two ways of saying one mode
    ("The minister attended the hearing in person.", "The minister was at the hearing in person.",
     "agrees"),
])
def test_modes_of_taking_part(model, one: str, other: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert hint(model, one, other).hint == expected


@pytest.mark.parametrize(("one", "other", "expected"), [
    ("The new pumping station is still under construction.",
     "The new pumping station is already pumping water from the river.", "contradicts"),
    ("The plant was shut down in May.", "In May the plant was generating power.",
     "contradicts"),
    ("The plant has stopped generating.", "The plant was shut down.", "agrees"),
    ("The plant was generating power.", "The plant was operational.", "agrees"),
    # not the progressive of a facility at work: no state
    ("Water was drawn from the river.", "The pumping station is still under construction.",
     "agrees"),
])
def test_a_facility_at_work(model, one: str, other: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert hint(model, one, other).hint == expected


@pytest.mark.parametrize(("one", "other", "expected"), [
    ("Managers said the row was only about wages.",
     "The union said the dispute was about safety as much as money.", "contradicts"),
    ("The closure was solely because of the cost.",
     "The closure was because of the risk as well as the cost.", "contradicts"),
    # before a figure "about" and "as much as" give a figure, no focus
    ("Only about 700 workers joined the strike.",
     "About 700 workers as well as the ferry crews joined the strike.", "agrees"),
    ("The river fell by as much as two metres.", "The river fell only about five metres.",
     "contradicts"),  # the figures differ, not the focus
])
def test_exclusive_against_additive_focus(model, one: str, other: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    found = hint(model, one, other)
    assert found.hint == expected, found.cues
    if "figure" in one:
        assert not any(c.startswith("antonyms") for c in found.cues)


@pytest.mark.parametrize(("one", "other", "expected"), [
    ("Fishing groups said the agreement was a reasonable compromise.",
     "Fishing groups said the agreement was a betrayal.", "contradicts"),
    ("The union called the offer unacceptable.", "The union called the offer a disaster.",
     "agrees"),
])
def test_judgements_of_one_outcome(model, one: str, other: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert hint(model, one, other).hint == expected


def test_one_quotation_given_to_two_people(model) -> None:  # type: ignore[no-untyped-def]
    quote = "\u201cWe will not let our farmers go dry to fill foreign canals,\u201d"
    one = f"{quote} Ferrer added."
    other = f"{quote} Agriculture Minister Lucia Montalvo said at a rally last week."
    again = f"{quote} Lucia Montalvo told reporters on Friday."
    found = hint(model, one, other)
    assert found.hint == "contradicts" and any(c.startswith("speakers differ")
                                                for c in found.cues)
    assert hint(model, other, again).hint == "agrees"  # one speaker, two introductions
    assert f(model, one).quoted >= {"farmer", "dry", "canal"}
    assert "ferrer" not in f(model, one).quoted
