"""Time in words that the stance hint compares: "overnight" after a verb of an activity
that goes on, and periods named by an event ("following the dissolution of the Soviet
Union" / "the Soviet era"). Made-up sentences, read by the English model."""

from __future__ import annotations

import pytest

from claimweave.nlp.analysis import analyse_text
from claimweave.nlp.durations import NIGHT, OVERNIGHT, duration_in_words, periods
from claimweave.nlp.features import SpanFeatures, span_features
from claimweave.nlp.stance import stance_hint


def f(pipe, text: str) -> SpanFeatures:  # type: ignore[no-untyped-def]
    return span_features(analyse_text(pipe, text), text, 0, len(text))


def toks(text: str, lemmas: dict[str, str] | None = None) -> list[tuple[str, str, bool]]:
    words = text.lower().replace(",", " ,").replace("-", " - ").split()
    return [(w, (lemmas or {}).get(w, w), w not in ("the", "a", "of", "-", ",")) for w in words]


def test_overnight_after_an_activity_is_hours() -> None:
    fought = toks("crews fought the blaze overnight", {"fought": "fight"})
    assert duration_in_words(fought, 4) == (NIGHT, 5)
    stolen = toks("the paintings were stolen overnight", {"stolen": "steal"})
    assert duration_in_words(stolen, 4) == (OVERNIGHT, 5)  # says when: no lower bound
    apart = toks("crews fought , and the hall was empty overnight", {"fought": "fight"})
    assert duration_in_words(apart, len(apart) - 1) == (OVERNIGHT, len(apart))


@pytest.mark.model
@pytest.mark.parametrize(("one", "other", "expected"), [
    ("Firefighters fought the blaze overnight.", "Crews had the fire out within an hour.",
     "contradicts"),
    ("Thieves broke in overnight.", "The raid took less than ten minutes.", "agrees"),
    ("Firefighters fought the blaze overnight.", "Crews fought the fire through the night.",
     "agrees"),
])
def test_overnight_in_a_pair(model, one: str, other: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert stance_hint(f(model, one), f(model, other), 0.3).hint == expected


def test_periods_named_by_an_event() -> None:
    assert periods(toks("following the dissolution of the soviet union")) == {
        ("after", "soviet")}
    assert periods(toks("ties date from the soviet era")) == {("during", "soviet")}
    assert periods(toks("in the post-soviet era")) == {("after", "soviet")}
    assert periods(toks("during the crisis")) == {("during", "crisis")}
    assert periods(toks("in the pre-war period")) == set()
    assert periods(toks("after the vote of the council")) == set()  # no ending


@pytest.mark.model
@pytest.mark.parametrize(("one", "other", "expected"), [
    ("The ties go back to the years following the dissolution of the Soviet Union.",
     "The ties go back to the Soviet era.", "contradicts"),
    ("The ties go back to the post-Soviet era.",
     "The ties go back to the years after the collapse of the Soviet Union.", "agrees"),
    ("Prices rose during the crisis.", "Prices rose after the end of the crisis.",
     "contradicts"),
])
def test_periods_in_a_pair(model, one: str, other: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    found = stance_hint(f(model, one), f(model, other), 0.5)
    assert found.hint == expected, found.cues
