"""Ordinary sentence pairs that say the same thing, or two compatible things, in the words
this round's stance rules read (aspectual verbs, "not only", modes, focus, judgements,
"overnight", periods, "back" as a verb): none of them may read as a contradiction.
Made-up sentences, none from an evaluation set."""

from __future__ import annotations

import pytest

from claimweave.nlp.analysis import analyse_text
from claimweave.nlp.features import span_features
from claimweave.nlp.stance import stance_hint

COMPATIBLE = [
    ("He stopped smoking last year.", "He stopped drinking last year."),
    ("The company stopped trading in March.", "The company ceased trading in March."),
    ("The protesters did not stop marching.", "The protesters kept marching."),
    ("She never stopped working on the case.", "She kept working on the case."),
    ("The vaccine is not only safe but also effective.", "The vaccine is safe and effective."),
    ("The plant was not only producing power but also heating homes.",
     "The plant was producing power."),
    ("Economists called the reform sensible.", "Economists called the reform reasonable."),
    ("The museum opened during the Soviet era.", "The museum was founded in the Soviet era."),
    ("Voters backed the proposal in the referendum.",
     "Voters turned out in large numbers in the referendum."),
    ("The club backed its manager after the defeat.", "The club came back after the defeat."),
    ("The witness gave evidence by video link.",
     "The witness gave evidence from prison by video link."),
    ("Students can apply by email or by letter.", "Students can apply in writing."),
    ("The meeting was held in person.", "The meeting was held in person and by video link."),
    ("The shop was burgled overnight.", "The shop was burgled in ten minutes."),
    ("The river rose overnight.", "The river rose within an hour."),
    ("The lorry was carrying steel when it crashed.", "The lorry was damaged when it crashed."),
    ("The strike hit trains as well as buses.", "The strike hit only about 700 trains."),
    ("The mayor said that the plan failed.", "The mayor said the plan failed."),
    ("Nobody was injured and nothing was damaged.",
     "No one was hurt and no property was damaged."),
    # "the fall of 2019" is an autumn within 2019, no event that 2019 came after
    ("Since the fall of 2019, house prices have risen.", "During 2019, house prices rose."),
    # activities in the progressive are no state of a machine being at work
    ("The children were drawing pictures in the hall.", "The hall was under construction."),
    ("The bus was carrying 40 passengers.", "The bus broke down on the bridge."),
    ("The school was serving hot meals.", "The school kitchen was out of use."),
    # "disaster" names an event more often than it judges an outcome
    ("The evacuation was sensible.", "The flood was a disaster for the town."),
    # "backed down" is giving way, no support
    ("The minister backed down on the tax.", "The minister opposed the tax."),
]


def _hint(pipe, one: str, other: str):  # type: ignore[no-untyped-def]
    a = span_features(analyse_text(pipe, one), one, 0, len(one))
    b = span_features(analyse_text(pipe, other), other, 0, len(other))
    return stance_hint(a, b, 0.5)


@pytest.mark.model
@pytest.mark.parametrize(("one", "other"), COMPATIBLE)
def test_compatible_pairs_do_not_contradict(model, one: str, other: str) -> None:  # type: ignore[no-untyped-def]
    hint = _hint(model, one, other)
    assert hint.hint == "agrees", hint.cues


@pytest.mark.parametrize(("one", "other"), COMPATIBLE)
def test_compatible_pairs_do_not_contradict_without_a_model(blank, one: str, other: str  # type: ignore[no-untyped-def]
                                                            ) -> None:
    hint = _hint(blank, one, other)
    assert hint.hint == "agrees", hint.cues


@pytest.mark.parametrize(("one", "other"), [
    # untagged (no English model), a word in "-ing" after "stopped" that is no gerund
    ("Police stopped King at the border on Monday.",
     "Police detained King at the border on Monday."),
    ("The rain stopped during the evening match.", "The rain fell during the evening match."),
    ("The guards stopped nothing at the gate.", "The guards checked nothing at the gate."),
])
def test_stopped_before_a_word_in_ing_that_is_no_gerund(blank, one: str, other: str  # type: ignore[no-untyped-def]
                                                        ) -> None:
    assert _hint(blank, one, other).hint == "agrees"


def test_stopped_before_a_gerund_still_ends_the_state_without_a_model(blank) -> None:  # type: ignore[no-untyped-def]
    hint = _hint(blank, "The company stopped trading in March.",
                 "The company was trading in March.")
    assert hint.hint == "contradicts" and hint.cues[0] == "negation: “stopped” on one side only"


@pytest.mark.parametrize(("one", "other", "expected"), [
    ("Profits were about 41 million euro.", "Profits were roughly 43 million euro.", "agrees"),
    ("Profits were about 41 million euro.", "Profits were at least 39 million euro.",
     "agrees"),
    ("Profits were about 41 million euro.", "Profits were about 55 million euro.",
     "contradicts"),
    ("Profits were 41 million euro.", "Profits were 43 million euro.", "contradicts"),
    ("It cost about €40 million.", "It cost roughly €42 million.", "agrees"),
    ("It cost at least $3 billion.", "It cost about $3.2 billion.", "agrees"),
    ("It cost about €40 million.", "It cost about €55 million.", "contradicts"),
    ("It cost €40 million.", "It cost €42 million.", "contradicts"),
])
def test_amounts_of_money_allow_what_their_words_allow(blank, one: str, other: str,  # type: ignore[no-untyped-def]
                                                       expected: str) -> None:
    """An approximate amount or a bound ("about", "at least") is compared with the spread
    it allows; two amounts given as they are still differ by any change."""
    assert _hint(blank, one, other).hint == expected
