"""The words inside quotation marks, which the speakers rule compares when both sides
quote: a straight mark opens or closes by where it stands, and a claim that starts inside
a quotation (a user's highlight often does) has its words up to the closing mark quoted."""

from __future__ import annotations

import pytest

from claimweave.nlp.analysis import analyse_text
from claimweave.nlp.features import SpanFeatures, span_features
from claimweave.nlp.stance import stance_hint


def f(pipe, text: str) -> SpanFeatures:  # type: ignore[no-untyped-def]
    return span_features(analyse_text(pipe, text), text, 0, len(text))


@pytest.mark.parametrize("text", [
    'rebuild the school by June," Mayor Tom Ellery said on Monday.',
    "rebuild the school by June,\u201d Mayor Tom Ellery said on Monday.",
    'Mayor Tom Ellery said: "we will rebuild the school by June."',
    'Mayor Tom Ellery said "we will rebuild the school by June" on Monday.',
])
def test_the_quoted_words_and_only_they(blank, text: str) -> None:  # type: ignore[no-untyped-def]
    quoted = f(blank, text).quoted
    assert {"rebuild", "school", "june"} <= quoted
    assert not quoted & {"mayor", "tom", "ellery", "said", "monday"}


def test_no_quotation_mark_no_quoted_words(blank) -> None:  # type: ignore[no-untyped-def]
    assert f(blank, "Mayor Tom Ellery said the school would be rebuilt.").quoted == set()


@pytest.mark.model
def test_a_quotation_highlighted_from_its_middle_given_to_two_people(model) -> None:  # type: ignore[no-untyped-def]
    one = 'rebuild the school by June," Mayor Tom Ellery said on Monday.'
    other = '"We will rebuild the school by June," Councillor Ann Rowe told reporters.'
    hint = stance_hint(f(model, one), f(model, other), 0.5)
    assert hint.hint == "contradicts" and hint.cues[0].startswith("speakers differ")
