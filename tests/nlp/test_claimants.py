"""Claimant proposals with the real English model: each device, and what stays the author's."""

from __future__ import annotations

from claimweave.core.model import Claim, Claimant
from claimweave.nlp.claimants import propose

TEXT = ("Russian Foreign Minister Sergey Lavrov said the two countries are close partners. "
        "\u201cWe will not be isolated,\u201d he told reporters in Moscow.\n"
        "Trade grew by 12 percent last year, according to the Iranian customs office.\n"
        "It could be argued that the partnership has no strategic depth.\n"
        "I believe the relationship will cool within a decade.\n"
        "Two diplomats familiar with the talks said a treaty was unlikely.")


def _claim(quote: str, ident: str = "c") -> Claim:
    start = TEXT.index(quote)
    return Claim(ident, "d", start, start + len(quote), quote, "", "", "", "", "", "")


def _one(model, quote: str, known=()) -> str | None:
    found = propose(model.nlp, {"d": TEXT}, [_claim(quote)], known)
    return found[0].claimant if found else None


def test_each_device_names_the_claimant(model) -> None:
    assert _one(model, "the two countries are close partners") == "Sergey Lavrov"
    assert _one(model, "We will not be isolated") == "Sergey Lavrov"  # "he", resolved
    assert _one(model, "Trade grew by 12 percent last year") == "Iranian customs office"
    assert _one(model, "a treaty was unlikely") == "Two diplomats familiar with the talks"


def test_the_author_and_placeholders_get_no_proposal(model) -> None:
    assert _one(model, "the partnership has no strategic depth") is None
    assert _one(model, "the relationship will cool within a decade") is None


def test_known_claimants_spell_the_proposal_and_evidence_is_the_sentence(model) -> None:
    known = [Claimant("k", "Lavrov, Sergey", ("Sergey Lavrov",))]
    assert _one(model, "the two countries are close partners", known) == "Lavrov, Sergey"
    [p] = propose(model.nlp, {"d": TEXT}, [_claim("the two countries are close partners")])
    assert p.to_json() == {"claim": "c", "claimant": "Sergey Lavrov",
                           "evidence": TEXT.split(". ")[0] + "."}


def test_a_pipeline_without_a_parser_proposes_nothing(blank) -> None:
    assert propose(blank.nlp, {"d": TEXT}, [_claim("a treaty was unlikely")]) == []
