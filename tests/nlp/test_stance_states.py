"""States, manners, means of travel and spans of time in words, as the stance hint reads
them (nlp/opposites.py, nlp/durations.py, the families of resources/lexicon/antonyms.tsv).
Made-up sentences, the blank pipeline (lemmas are the words as written)."""

from __future__ import annotations

import pytest

from claimweave.nlp.analysis import analyse_text
from claimweave.nlp.durations import SOON
from claimweave.nlp.features import SpanFeatures, span_features
from claimweave.nlp.opposites import phrase_keys
from claimweave.nlp.stance import stance_hint


def f(pipe, text: str) -> SpanFeatures:  # type: ignore[no-untyped-def]
    return span_features(analyse_text(pipe, text), text, 0, len(text))


def keys(text: str) -> set[str]:
    words = text.lower().replace(",", " ,").split()
    return phrase_keys([(w, w) for w in words])


def test_multiword_entries_are_found_in_order_with_a_short_gap() -> None:
    assert keys("The alarm was switched off") == {"switch_off"}
    assert keys("They switched the alarm off") == {"switch_off"}
    assert keys("Power was switched back on") == {"switch_on"}
    assert "switch_off" not in keys("They switched the old alarm system off")  # 3 between
    assert "switch_on" not in keys("It was switched, on Monday, to")  # never across a comma
    assert keys("The lift is out of order") == {"out_of_order"}
    assert keys("The alarm was fully operational, and was not working") == {"be_work"}
    assert not keys("The suspect was seen running away")  # "be" allows only adverbs between
    assert not keys("He parked by the car")  # "by_car": no gap, it is no verb and particle


@pytest.mark.parametrize(("a", "b"), [
    ("The alarm was working at the time.", "The alarm had been switched off for repairs."),
    ("The sprinklers were operational.", "The sprinklers were out of order."),
    ("The cameras were running all evening.", "The cameras were offline all evening."),
    ("A guard was on duty that night.", "The guard was absent that night."),
    ("The tower was left intact.", "The tower was badly damaged."),
    ("The gates were locked at midnight.", "The gates were left open at midnight."),
    ("The heaters were legal.", "The heaters were banned."),
    ("Smoke alarms were in stock on Monday.", "Smoke alarms had sold out on Monday."),
    ("All the residents survived.", "A resident died in hospital."),
    ("The final went ahead as planned.", "The final was called off."),
    ("The ban remains in force.", "The ban was lifted on Monday."),
    ("The suspect is in custody.", "The suspect is still on the run."),
    ("The figures were correct.", "The figures were wrong."),
])
def test_opposed_states_contradict(blank, a, b) -> None:  # type: ignore[no-untyped-def]
    hint = stance_hint(f(blank, a), f(blank, b), 0.4)
    assert hint.hint == "contradicts" and hint.cues[0].startswith("antonyms"), hint


@pytest.mark.parametrize(("a", "b"), [
    ("The street lights were switched back on on Monday.",
     "The street lights were working again on Monday."),
    ("The alarm was not working.", "The alarm had been switched off."),
    ("No one was killed in the fire.", "Everyone living above the shop got out alive."),
    ("A guard was on duty all night.", "A guard was present all night."),
    ("The sprinklers were working.", "The sprinklers were fully operational."),
])
def test_one_state_in_other_words_agrees(blank, a, b) -> None:  # type: ignore[no-untyped-def]
    assert stance_hint(f(blank, a), f(blank, b), 0.4).hint == "agrees"


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("The fire was started deliberately.", "The fire looked accidental.", "contradicts"),
    ("The theft was planned over weeks.", "The theft was carried out on impulse.",
     "contradicts"),
    ("The raid had been prepared for weeks.", "It was an opportunistic raid.", "contradicts"),
    ("The fire was started deliberately.", "The attack had been planned for weeks.",
     "agrees"),
    ("He fled on foot.", "He escaped by car.", "contradicts"),
    ("He escaped by car.", "He drove off by car.", "agrees"),
])
def test_manners_and_means_of_travel(blank, a, b, expected) -> None:  # type: ignore[no-untyped-def]
    assert stance_hint(f(blank, a), f(blank, b), 0.4).hint == expected


def spans(pipe, text: str) -> list[tuple[float, float]]:  # type: ignore[no-untyped-def]
    return [(lo, hi) for kind, lo, hi in f(pipe, text).quantities if kind == "duration"]


def test_spans_in_words_are_intervals_of_days(blank) -> None:  # type: ignore[no-untyped-def]
    assert spans(blank, "It stays closed until Friday.") == [(SOON, 7.0)]
    assert spans(blank, "It stays shut until the end of the week.") == [(SOON, 7.0)]
    assert spans(blank, "Traders hope to be back by the weekend.") == [(SOON, 7.0)]
    assert spans(blank, "The road is closed for the rest of the month.") == [(SOON, 31.0)]
    assert spans(blank, "It will reopen within days.") == [(SOON, 9.0)]
    assert spans(blank, "It was prepared for weeks.") == [(14.0, 63.0)]
    assert spans(blank, "Crews fought the fire overnight.") == [(SOON, 1.0)]  # or when
    assert spans(blank, "Crews worked through the night.") == [(0.2, 1.0)]
    assert spans(blank, "It will close until next week.") == [(1.0, 14.0)]
    assert spans(blank, "The slick reached the bridge by Sunday afternoon.") == []
    assert spans(blank, "It rose by 12 percent before it was contained.") == []
    assert spans(blank, "A night watchman was on duty.") == []  # a noun's modifier
    [(lo, hi)] = spans(blank, "They spent almost an hour inside.")
    assert lo < 1 / 24 < hi < 0.05


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("The market will remain closed until Friday.",
     "The market will stay shut until the end of the week.", "agrees"),
    ("The hall will stay shut until the end of the week.",
     "The hall will stay closed for at least a fortnight.", "contradicts"),
    ("The hall will reopen within days.", "The hall will stay closed for at least a month.",
     "contradicts"),
    ("The raid had been prepared for weeks.", "The raid was prepared over about a month.",
     "agrees"),
    ("Firefighters fought the blaze through the night.",
     "Crews had the fire out within an hour.", "contradicts"),
    ("Thieves broke in overnight.", "The raid took less than ten minutes.", "agrees"),
    ("The hall stays shut until the end of the week.", "The hall will reopen within days.",
     "agrees"),
    ("The hall stays shut until Friday.", "The hall will reopen within a fortnight.",
     "agrees"),
    ("Firefighters fought the blaze overnight.", "Crews worked through the night.", "agrees"),
])
def test_spans_in_words_compared(blank, a, b, expected) -> None:  # type: ignore[no-untyped-def]
    hint = stance_hint(f(blank, a), f(blank, b), 0.4)
    assert hint.hint == expected, hint


def paths(pipe, text: str) -> list[tuple[str, ...]]:  # type: ignore[no-untyped-def]
    return f(pipe, text).paths


def test_ways_in_are_read_only_after_entering_or_forcing(blank) -> None:  # type: ignore[no-untyped-def]
    assert paths(blank, "The thieves got in through a skylight on the roof of the gallery.") == [
        ("skylight", "roof")]
    assert paths(blank, "The gang forced open a fire door at the back.") == [("fire", "door")]
    assert paths(blank, "He escaped via the cellar, police said.") == [("cellar",)]
    assert paths(blank, "Crews worked through the night.") == []  # no entering, and a time
    assert paths(blank, "It serves its interests in the region through trade.") == []
    assert paths(blank, "Russian forces in Ukraine advanced.") == []  # "forces": a noun


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("The thieves got in through a skylight on the roof.",
     "The thieves broke in through the loading bay doors.", "contradicts"),
    ("The thieves entered through a skylight.", "The gang forced open a fire door.",
     "contradicts"),
    ("The thieves got in through a skylight on the roof.",
     "The thieves entered through a window in the roof.", "agrees"),
    ("The thieves got in through a skylight.", "They entered through a roof window.",
     "agrees"),  # a skylight is a kind of window (kinds.tsv)
    ("The thieves got in through a skylight.", "A skylight had been left open.", "agrees"),
])
def test_two_ways_in(blank, a, b, expected) -> None:  # type: ignore[no-untyped-def]
    hint = stance_hint(f(blank, a), f(blank, b), 0.4)
    assert hint.hint == expected, hint
    if expected == "contradicts":
        assert hint.cues[0].startswith("ways in differ") and hint.confidence < 1.0


@pytest.mark.model
@pytest.mark.parametrize(("a", "b", "expected"), [
    ("The alarm was working at the time.", "The alarm had been switched off.", "contradicts"),
    ("The lights were switched back on.", "The lights were working again.", "agrees"),
    ("The raid had been carefully planned.", "It was an opportunistic raid.", "contradicts"),
    ("The museum stays shut until the end of the week.",
     "The museum is expected to stay closed for at least a fortnight.", "contradicts"),
    ("The thieves broke in through a skylight.", "The gang forced open a fire door.",
     "contradicts"),
])
def test_with_the_model_lemmas(model, a, b, expected) -> None:  # type: ignore[no-untyped-def]
    """The English model lemmatises ("switched" -> "switch"): the entries are lemmas."""
    assert stance_hint(f(model, a), f(model, b), 0.4).hint == expected


def test_the_new_features_survive_the_stored_index(blank) -> None:  # type: ignore[no-untyped-def]
    """A stored index keeps each passage's features packed: the phrases, spans and ways in
    must come back as they were, or a reopened project would hint differently."""
    from claimweave.nlp.index_store import pack_features, unpack_features

    text = "The gang forced open a fire door; the alarm was switched off until Friday."
    features = f(blank, text)
    assert features.paths and "switch_off" in features.words and features.quantities
    back, _ = unpack_features(pack_features(features, None))
    assert back == features
