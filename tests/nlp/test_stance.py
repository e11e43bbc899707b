"""Stance hints from explicit cues: negation, antonyms, numbers, modality."""

from __future__ import annotations

from collections import Counter

import pytest

from claimweave.nlp.analysis import analyse_text
from claimweave.nlp.features import SpanFeatures, calendar_days, span_features
from claimweave.nlp.stance import antonym_cues, stance_hint


def feats(words: str, *, neg: tuple[str, ...] = (), hedges: tuple[str, ...] = (),
          numbers: dict[str, set[str]] | None = None) -> SpanFeatures:
    w = words.split()
    return SpanFeatures(lemmas=Counter(w), words=set(w), negations=list(neg),
                        hedges=list(hedges), numbers=numbers or {})


def test_negation_mismatch_contradicts() -> None:
    hint = stance_hint(feats("alliance exist"), feats("alliance exist", neg=("not",)), 0.9)
    assert hint.hint == "contradicts"
    assert hint.cues[0] == "negation: “not” on one side only"


def test_both_negated_agrees() -> None:
    a, b = feats("alliance exist", neg=("not",)), feats("alliance exist", neg=("never",))
    assert stance_hint(a, b, 0.9).hint == "agrees"


def test_curated_antonyms_contradict() -> None:
    hint = stance_hint(feats("trade increase"), feats("trade decrease"), 0.5)
    assert hint.hint == "contradicts" and "antonyms: “increase” / “decrease”" in hint.cues
    assert stance_hint(feats("russia ally"), feats("russia rival"), 0.5).hint == "contradicts"


def test_prefix_antonyms_without_wordnet() -> None:
    assert antonym_cues(feats("region stable"), feats("region unstable"))
    assert antonym_cues(feats("agree"), feats("disagree"))
    assert antonym_cues(feats("useful tool"), feats("useless tool"))
    assert antonym_cues(feats("secure"), feats("insecure"))
    assert not antonym_cues(feats("form"), feats("inform"))  # too short to trust
    assert not antonym_cues(feats("cover"), feats("discover"))
    assert not antonym_cues(feats("like"), feats("unlike"))


def test_a_word_on_both_sides_is_no_antonym() -> None:
    assert not antonym_cues(feats("increase decrease"), feats("decrease"))


def test_two_flips_cancel_and_lower_the_confidence() -> None:
    hint = stance_hint(feats("russia ally"), feats("russia rival", neg=("not",)), 0.5)
    assert hint.hint == "agrees" and "two polarity flips cancel" in hint.cues
    assert hint.confidence < stance_hint(feats("russia ally"), feats("russia ally"), 0.5
                                         ).confidence


def from_text(pipe, text: str) -> SpanFeatures:  # type: ignore[no-untyped-def]
    return span_features(analyse_text(pipe, text), text, 0, len(text))


def test_numbers_and_dates_differ(blank) -> None:  # type: ignore[no-untyped-def]
    a = from_text(blank, "Prices rose 5 percent in 2015.")
    b = from_text(blank, "Prices rose 9 percent in 2015.")
    hint = stance_hint(a, b, 0.9)
    assert hint.hint == "contradicts" and hint.cues == ("figures differ (percent): 5% vs 9%",)
    c = feats("war begin", numbers={"year": {"2012"}})
    d = feats("war begin", numbers={"year": {"2015"}})
    assert stance_hint(c, d, 0.9).cues == ("dates differ: 2012 vs 2015",)
    e = feats("war last", numbers={"year": {"2"}})  # "two years": a duration, not a date
    assert stance_hint(c, e, 0.9).hint == "agrees"


def test_a_hedge_lowers_the_confidence_but_does_not_decide() -> None:
    hint = stance_hint(feats("alliance form"), feats("alliance form", hedges=("may",)), 0.9)
    assert hint.hint == "agrees" and hint.confidence == 0.7
    assert any(c.startswith("modality: “may”") for c in hint.cues)


def test_without_deciding_cues_a_pair_agrees_low_overlap_lowers_confidence() -> None:
    close = stance_hint(feats("a b c"), feats("a b c"), 0.8)
    far = stance_hint(feats("a b c"), feats("x y z"), 0.0)
    assert close.hint == far.hint == "agrees"
    assert far.cues == ("little overlap",) and far.confidence < close.confidence == 1.0


def test_a_negation_of_something_the_other_never_says_is_less_sure() -> None:
    a = feats("russia iran partner")
    b = SpanFeatures(lemmas=Counter({"russia": 1, "iran": 1, "partner": 1, "troop": 1}),
                     words={"russia", "iran", "partner", "troop"}, negations=["not"],
                     negated_scope={"troop"})
    off = stance_hint(a, b, 0.6)
    b.negated_scope = {"partner"}
    on = stance_hint(a, b, 0.6)
    assert off.hint == on.hint == "contradicts"
    assert off.confidence < on.confidence == 1.0


def test_two_word_implicit_negators(blank) -> None:  # type: ignore[no-untyped-def]
    text = "Cooperation is limited to arms sales and falls short of an alliance."
    a = analyse_text(blank, text)
    f = span_features(a, text, 0, len(text))
    assert f.negations == ["limited", "falls"]
    assert {"arms", "sales"} <= f.negated_scope  # the blank pipeline: words as lemmas


def test_features_from_text(blank) -> None:  # type: ignore[no-untyped-def]
    text = "Prices rose by 5 % in 2015, and they did not fall. It may lack support."
    a = analyse_text(blank, text)
    f = span_features(a, text, 0, len(text))
    assert f.numbers == {"percent": {"5"}, "year": {"2015"}}
    assert f.negations == ["not", "lack"]
    assert f.hedges == ["may"]


@pytest.mark.model
def test_real_sentences(model) -> None:  # type: ignore[no-untyped-def]
    t1 = "Russia will increase its military support for Iran."
    t2 = "Russia will decrease its military support for Iran."
    t3 = "Russia will not increase its military support for Iran."
    a1, a2, a3 = (analyse_text(model, t) for t in (t1, t2, t3))
    f1, f2, f3 = (span_features(a, t, 0, len(t)) for a, t in ((a1, t1), (a2, t2), (a3, t3)))
    assert stance_hint(f1, f2, 0.8).hint == "contradicts"
    assert stance_hint(f1, f3, 0.9).hint == "contradicts"
    assert stance_hint(f2, f3, 0.8).hint == "agrees"  # decrease vs not increase: cancels


def test_times_money_and_counts(blank) -> None:  # type: ignore[no-untyped-def]
    a = feats("siren sound", numbers={"time": {"02:40"}})
    b = feats("siren sound", numbers={"time": {"01:15"}})
    assert stance_hint(a, b, 0.5).cues == ("times differ: 02:40 vs 01:15",)
    c = feats("damage", numbers={"eur": {"40000000"}})
    d = feats("damage", numbers={"usd": {"50000000"}})
    assert stance_hint(c, d, 0.5).cues == ("amounts differ: 40000000 vs 50000000",)
    e = from_text(blank, "The flood reached 240 homes.")
    f = from_text(blank, "The flood reached 131 properties.")
    assert stance_hint(e, f, 0.5).cues == ("figures differ (dwellings): 240 vs 131",)
    roads = from_text(blank, "The flood closed 131 roads.")
    assert stance_hint(e, roads, 0.5).hint == "agrees"  # counts of different things
    g = from_text(blank, "The flood reached 131 properties and 240 homes.")
    assert stance_hint(e, g, 0.5).hint == "agrees"  # a figure in common


def test_antonyms_through_synonym_groups() -> None:
    # "decline" is in the group of "decrease", which is the antonym of "increase"
    assert antonym_cues(feats("trade increase"), feats("trade decline"))


def test_clock_times_currency_and_scale_words(blank) -> None:  # type: ignore[no-untyped-def]
    text = "It failed at 11:30 p.m. and cost €40 million; 2,000 people left by 00:49."
    a = analyse_text(blank, text)
    f = span_features(a, text, 0, len(text))
    assert f.numbers["time"] == {"23:30", "00:49"}
    assert f.numbers["eur"] == {"40000000"}
    assert f.numbers["people"] == {"2000"}
    assert f.finite is None  # no tagger in the blank pipeline


def test_calendar_days_are_read_in_either_order() -> None:
    assert calendar_days("25 September") == {"09-25"}
    assert calendar_days("Sept. 25th and the 3rd of May") == {"09-25", "05-03"}
    assert calendar_days("October 2026") == set()  # a month alone names no day
    assert calendar_days("32 March") == set()


@pytest.mark.model
def test_two_days_of_the_year_differ_as_dates(model) -> None:  # type: ignore[no-untyped-def]
    a = from_text(model, "The commission will meet again in Lisbon on 25 September.")
    b = from_text(model, "The commission is due to meet again in Lisbon on 25 October.")
    c = from_text(model, "The commission will meet again in Lisbon on September 25.")
    hint = stance_hint(a, b, 0.8)
    assert hint.hint == "contradicts" and "dates differ: 09-25 vs 10-25" in hint.cues
    assert stance_hint(a, c, 0.8).hint == "agrees"


@pytest.mark.model
def test_general_opposites_added_from_usage(model) -> None:  # type: ignore[no-untyped-def]
    pairs = [("Portugal accepted the Spanish offer.", "Portugal turned down the Spanish offer."),
             ("The cut in the flow is a stopgap.", "The cut in the flow is permanent."),
             ("The new pumping station is operational.",
              "The new pumping station is still under construction.")]
    for one, other in pairs:
        hint = stance_hint(from_text(model, one), from_text(model, other), 0.8)
        assert hint.hint == "contradicts", (one, other, hint.cues)
