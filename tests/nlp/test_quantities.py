"""Figures written differently meet; figures that cannot both be right are told apart."""

from __future__ import annotations

import math

import pytest

from claimweave.nlp.analysis import analyse_text
from claimweave.nlp.features import SpanFeatures, span_features
from claimweave.nlp.quantities import conflicting, overlaps
from claimweave.nlp.stance import ANTONYMS, antonym_cues, stance_hint


def f(pipe, text: str) -> SpanFeatures:  # type: ignore[no-untyped-def]
    return span_features(analyse_text(pipe, text), text, 0, len(text))


def kinds(pipe, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [q[0] for q in f(pipe, text).quantities]


@pytest.mark.parametrize(("a", "b"), [
    ("Twelve thousand litres leaked.", "About 12,000 litres leaked."),
    ("About a third of the fish died.", "Roughly 33 percent of the fish died."),
    ("Two-thirds of homes lost power.", "67% of homes lost power."),
    ("The slick stretched for 4 kilometres.", "The slick reached 4,000 metres."),
    ("The tank leaked for 48 hours.", "The tank leaked for two days."),
    ("No fewer than 30 swans died.", "At least 30 swans died."),
    ("A one-in-100-year flood.", "A flood with a 1 in 100 chance each year."),
    ("It rained 94 mm in a day.", "It rained 9.4 cm in a day."),
])
def test_the_same_figure_written_differently_agrees(blank, a, b) -> None:  # type: ignore[no-untyped-def]
    fa, fb = f(blank, a), f(blank, b)
    assert fa.quantities and fb.quantities
    assert not conflicting(fa.quantities, fb.quantities), (fa.quantities, fb.quantities)
    assert stance_hint(fa, fb, 0.6).hint == "agrees"


@pytest.mark.parametrize(("a", "b"), [
    ("Twelve thousand litres leaked.", "30,000 litres leaked."),
    ("About a third of the fish died.", "Only one in ten fish died."),
    ("The river will be clean within a fortnight.", "The clean-up will take several months."),
    ("Some 450 homes were told to boil water.", "Only 120 households were told to boil water."),
    ("At least 240 homes were flooded.", "At least 721 homes were flooded."),
    ("The union said 1,200 members stopped work.",
     "Managers put the number of workers taking part at about 700."),
])
def test_figures_that_cannot_both_be_right_contradict(blank, a, b) -> None:  # type: ignore[no-untyped-def]
    hint = stance_hint(f(blank, a), f(blank, b), 0.5)
    assert hint.hint == "contradicts" and hint.cues[0].startswith("figures differ"), hint


def test_counts_of_different_things_do_not_conflict(blank) -> None:  # type: ignore[no-untyped-def]
    a = f(blank, "Crews laid 600 metres of barrier on Tuesday.")
    b = f(blank, "Fourteen crews worked through Tuesday.")
    assert kinds(blank, "Fourteen crews worked.") == ["count:crew"]
    assert kinds(blank, "Crews laid 600 metres of barrier.") == ["length"]
    assert stance_hint(a, b, 0.5).hint == "agrees"
    c = f(blank, "Some 2,000 people left.")
    d = f(blank, "Forty ships waited.")
    assert stance_hint(c, d, 0.5).hint == "agrees"


def test_clock_times_and_years_are_left_to_the_written_comparison(blank) -> None:  # type: ignore[no-untyped-def]
    assert f(blank, "The gate failed at 11:30 p.m. in 2023.").quantities == []
    assert f(blank, "Warnings went out at 01:15 and 01:20.").quantities == []


def test_a_vague_duration_is_an_interval(blank) -> None:  # type: ignore[no-untyped-def]
    (q,) = f(blank, "It will take several months.").quantities
    assert q[0] == "duration" and 60 < q[1] < q[2] < 365
    (w,) = f(blank, "It will be over within a fortnight.").quantities
    assert w == ("duration", 0.0, 14.0)
    assert overlaps(("count:x", 30.0, math.inf), ("count:x", 32.0, 32.0))
    assert not overlaps(("count:x", 240.0, math.inf), ("count:x", 721.0, math.inf))


def test_a_bound_or_a_time_is_no_negation(blank) -> None:  # type: ignore[no-untyped-def]
    assert f(blank, "No fewer than 30 swans died.").negations == []
    assert f(blank, "The siren did not sound until 2:40.").negations == []
    assert f(blank, "It is not only about pay.").negations == []
    assert f(blank, "The siren did not sound.").negations == ["not"]
    agree = stance_hint(f(blank, "Residents were not warned until Wednesday morning."),
                        f(blank, "Residents were warned on Wednesday morning."), 0.8)
    assert agree.hint == "agrees"
    assert f(blank, "Herring was left out of the deal.").negations == ["left"]


def test_antonyms_from_the_table(blank) -> None:  # type: ignore[no-untyped-def]
    assert frozenset(("soar", "plunge")) in ANTONYMS  # a family line: every rise / every fall
    assert frozenset(("expand", "shrink")) in ANTONYMS
    assert antonym_cues(f(blank, "Levels soar."), f(blank, "Levels plunge."))  # blank: no lemmas
    up, down = (f(blank, f"The council {w} the warning.") for w in ("upgraded", "downgraded"))
    assert stance_hint(up, down, 0.8).hint == "contradicts"
    assert not antonym_cues(f(blank, "a setup"), f(blank, "a downset"))
    assert stance_hint(f(blank, "The main road remains closed."),
                       f(blank, "The main road will reopen."), 0.5).hint == "contradicts"


def test_an_off_topic_negation_does_not_cancel_an_antonym(blank) -> None:  # type: ignore[no-untyped-def]
    a = f(blank, "The cut would strengthen stocks.")
    b = f(blank, "The cut would weaken towns without helping anglers.")
    hint = stance_hint(a, b, 0.3)
    assert hint.hint == "contradicts" and hint.cues[0].startswith("antonyms")


@pytest.mark.model
def test_the_same_words_given_to_different_speakers(model) -> None:  # type: ignore[no-untyped-def]
    a = f(model, "“We were never told the tank was leaking,” said farmer Rhona Beck.")
    b = f(model, "“We were never told the tank was leaking,” said councillor Idris Mane.")
    hint = stance_hint(a, b, 0.6)
    assert hint.hint == "contradicts" and hint.cues[-1].startswith("speakers differ")
    c = f(model, "Fisheries officer Colm Reddy said fish stocks would recover in two years.")
    d = f(model, "River ecologist Lena Vost told the inquiry fish would return within two years.")
    assert stance_hint(c, d, 0.3).hint == "agrees"  # two people agreeing, in their own words


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("About 600 pupils sat the exam.", "Around 800 pupils sat the exam.", "contradicts"),
    ("About 600 pupils sat the exam.", "Roughly 640 pupils sat the exam.", "agrees"),
    ("Some 3,000 sheep were moved.", "About 3,900 sheep were moved.", "contradicts"),
    ("At least 50 cars were damaged.", "About 90 cars were damaged.", "contradicts"),
    ("More than 50 cars were damaged.", "About 55 cars were damaged.", "agrees"),
    ("The works will take more than 3 weeks.", "The works will take 6 weeks.", "agrees"),
])
def test_approximate_figures_and_bounds_of_one_count(blank, a, b, expected) -> None:  # type: ignore[no-untyped-def]
    """"About" allows 10 %, so two approximate reports a third apart differ; a lower bound
    on a count is a report of about that count (up to 20 % more); a bound on a duration
    is left as an interval."""
    assert stance_hint(f(blank, a), f(blank, b), 0.6).hint == expected


def test_a_negated_cause_the_other_side_never_states(blank) -> None:  # type: ignore[no-untyped-def]
    other = f(blank, "Investigators traced the fire to a campfire.")
    denied = f(blank, "The fire was not started by lightning.")
    hint = stance_hint(denied, other, 0.3)
    assert hint.hint == "agrees" and "denies a cause" in " ".join(hint.cues), hint
    stated = f(blank, "The fire was not started by a campfire.")
    assert stance_hint(stated, other, 0.4).hint == "contradicts"
    assert stance_hint(f(blank, "A campfire started the fire."), denied, 0.4).hint == "agrees"


def _in_document(pipe, before: str, span: str) -> SpanFeatures:  # type: ignore[no-untyped-def]
    text = f"{before} {span}"
    return span_features(analyse_text(pipe, text), text, len(before) + 1, len(text))


@pytest.mark.model
def test_he_or_she_is_the_person_named_before(model) -> None:  # type: ignore[no-untyped-def]
    quote = "“The wind turned against us and pushed the flames to the houses,”"
    named = f(model, f"{quote} said fire chief Dara Quinn.")
    other = _in_document(model, "Mayor Tom Ellery visited the school on Saturday.",
                         f"{quote} he said.")
    assert other.persons == {"tom ellery"}
    hint = stance_hint(named, other, 0.6)
    assert hint.hint == "contradicts" and hint.cues[-1].startswith("speakers differ"), hint
    same = _in_document(model, "Fire chief Dara Quinn spoke to reporters on Sunday.",
                        f"{quote} she said.")
    assert stance_hint(named, same, 0.6).hint == "agrees"
    full = f(model, "Fire chief Dara Quinn said crews had held the northern flank overnight.")
    surname = f(model, "Fire chief Quinn said crews had held the northern flank overnight.")
    assert full.persons == {"dara quinn"} and surname.persons == {"quinn"}
    assert stance_hint(full, surname, 0.9).hint == "agrees"  # in full, then by surname


@pytest.mark.model
def test_a_sentence_correcting_an_attribution(model) -> None:  # type: ignore[no-untyped-def]
    correction = f(model, "It was not fire chief Dara Quinn who ordered the evacuation, but "
                          "the county emergency manager, Lena Moss.")
    corrected = f(model, "Lena Moss ordered the evacuation on Friday night.")
    hint = stance_hint(correction, corrected, 0.4)
    assert hint.hint == "agrees" and "corrects who did it" in " ".join(hint.cues), hint
    assert stance_hint(correction, f(model, "Dara Quinn ordered the evacuation on Friday "
                                            "night."), 0.4).hint == "contradicts"
