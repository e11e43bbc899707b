"""Link suggestions: ranking, exclusions (same document, dismissed, linked, claimed)."""

from __future__ import annotations

import pytest

from claimweave.core.store import Project
from claimweave.nlp.cache import ensure_analyses
from claimweave.nlp.suggest import V1, NotAnalysedError, SuggestionIndex, suggestions_for

from .conftest import ARTICLE_A, ARTICLE_B, ARTICLE_C


@pytest.fixture
def setup(project: Project, blank):  # type: ignore[no-untyped-def]
    a = project.add_document(ARTICLE_A, title="A").document.id
    b = project.add_document(ARTICLE_B, title="B").document.id
    c = project.add_document(ARTICLE_C, title="C").document.id
    q = project.add_claim(a, quote="the alliance will increase military cooperation").id
    same_doc = project.add_claim(a, quote="according to the ministry").id
    neg = project.add_claim(b, quote="The alliance will not increase military cooperation").id
    wheat = project.add_claim(b, quote="Farmers planted wheat in the northern valleys").id
    analyses = ensure_analyses(project, blank).analyses
    ids = {"a": a, "b": b, "c": c, "q": q, "same_doc": same_doc, "neg": neg, "wheat": wheat}
    return project, analyses, ids


def test_ranks_claims_of_other_documents(setup) -> None:  # type: ignore[no-untyped-def]
    project, analyses, ids = setup
    index = SuggestionIndex.build(project, analyses)
    found = index.suggest(ids["q"], top=5)
    assert [s.claim_id for s in found] == [ids["neg"]]  # wheat shares nothing; A excluded
    top = found[0]
    assert top.stance_hint == "contradicts" and top.cues[0].startswith("negation")
    assert top.quote == "The alliance will not increase military cooperation"
    assert 0 < top.score <= 1.4 and top.lexical + top.entities + top.phrases + top.meaning \
        == pytest.approx(top.score, abs=1e-4)


def test_sentences_scope_skips_claimed_and_non_claim_sentences(setup) -> None:  # type: ignore[no-untyped-def]
    project, analyses, ids = setup
    index = SuggestionIndex.build(project, analyses)
    found = index.suggest(ids["q"], scope="sentences", top=10)
    quotes = [s.quote for s in found]
    assert quotes[0] == ("Military cooperation within the alliance is expected to increase, "
                         "officials said.")
    assert all(s.claim_id is None and s.document_id != ids["a"] for s in found)
    assert not any("will not increase" in q for q in quotes)  # claimed as a claim
    assert found[0].to_json() == {
        "document_id": ids["c"], "claim_id": None, "start": 0, "end": len(quotes[0]),
        "quote": quotes[0], "score": round(found[0].score, 4),
        "stance_hint": found[0].stance_hint, "cues": list(found[0].cues)}


def test_dismissed_and_linked_are_not_offered(setup) -> None:  # type: ignore[no-untyped-def]
    project, analyses, ids = setup
    index = SuggestionIndex.build(project, analyses)
    assert [s.claim_id for s in suggestions_for(project, index, ids["q"])] == [ids["neg"]]
    project.dismiss_suggestion(ids["q"], "claim", ids["neg"])
    assert suggestions_for(project, index, ids["q"]) == []
    project.undo()
    assert len(suggestions_for(project, index, ids["q"])) == 1
    project.link_claims(ids["q"], ids["neg"], "contradicts")
    assert suggestions_for(project, index, ids["q"]) == []
    sent = suggestions_for(project, index, ids["q"], scope="sentences")[0]
    project.dismiss_suggestion(ids["q"], "sentence", sent.target_ref)
    again = suggestions_for(project, index, ids["q"], scope="sentences")
    assert sent.target_ref not in {s.target_ref for s in again}


def test_index_goes_stale_when_claims_change(setup) -> None:  # type: ignore[no-untyped-def]
    project, analyses, ids = setup
    index = SuggestionIndex.build(project, analyses)
    assert index.is_current(project)
    new = project.add_claim(ids["c"], quote="Military cooperation within the alliance").id
    assert not index.is_current(project)
    rebuilt = SuggestionIndex.build(project, analyses, previous=index)
    assert new in {s.claim_id for s in rebuilt.suggest(ids["q"])}


def test_claim_of_unanalysed_document(setup) -> None:  # type: ignore[no-untyped-def]
    project, analyses, ids = setup
    index = SuggestionIndex.build(project, {ids["b"]: analyses[ids["b"]]})
    with pytest.raises(NotAnalysedError):
        index.suggest(ids["q"])


@pytest.mark.model
def test_entities_and_phrases_count_with_model(project: Project, model) -> None:  # type: ignore[no-untyped-def]
    a = project.add_document("Saudi Arabia and Turkey are regional rivals of Iran.\n").document
    project.add_document("Turkey and Saudi Arabia watch the regional balance closely.\n"
                         "Regional rivals compete everywhere in the region.\n")
    q = project.add_claim(a.id, quote="Saudi Arabia and Turkey are regional rivals of Iran.")
    analyses = ensure_analyses(project, model).analyses
    found = SuggestionIndex.build(project, analyses).suggest(q.id, scope="sentences")
    assert found[0].quote.startswith("Turkey and Saudi Arabia")
    assert found[0].entities > 0


def test_morphology_synonyms_and_v1(project: Project, blank) -> None:  # type: ignore[no-untyped-def]
    a = project.add_document("The two states deepened their collaboration on energy.\n").document
    project.add_document("Energy cooperation between them is deepening, officials say.\n"
                         "Farmers planted wheat in the northern valleys this spring.\n")
    q = project.add_claim(a.id, quote="The two states deepened their collaboration on energy.")
    analyses = ensure_analyses(project, blank).analyses
    found = SuggestionIndex.build(project, analyses).suggest(q.id, scope="sentences")
    # blank pipeline: no lemmas, so "deepened"/"deepening" meet through character n-grams and
    # "collaboration"/"cooperation" through the synonym list; wheat shares nothing
    assert [s.quote[:6] for s in found] == ["Energy"]
    assert found[0].lexical > 0 and 0 < found[0].score <= 1.4
    old = SuggestionIndex.build(project, analyses, config=V1).suggest(q.id, scope="sentences")
    assert old[0].score < found[0].score  # v1 matched "energy" only


def test_numbers_boost_the_same_measurement(project: Project, blank) -> None:  # type: ignore[no-untyped-def]
    a = project.add_document("The gauge recorded 94 mm of rain in 36 hours.\n").document
    project.add_document("Rain fell steadily across the hills for many long hours.\n"
                         "The catchment got 94 mm of rain, the agency said today.\n")
    q = project.add_claim(a.id, quote="The gauge recorded 94 mm of rain in 36 hours.")
    analyses = ensure_analyses(project, blank).analyses
    found = SuggestionIndex.build(project, analyses).suggest(q.id, scope="sentences")
    assert found[0].quote.startswith("The catchment got 94 mm")
    assert found[0].entities > 0  # the number boost is reported with the entity part


def test_quantities_of_one_kind_meet_without_a_shared_word(project: Project, blank) -> None:  # type: ignore[no-untyped-def]
    """"eight minutes" and "almost an hour" both state a duration: the pair is a candidate
    (here a contradiction) although the two claims share no word."""
    from claimweave.nlp.suggest import ScoreConfig

    a = project.add_document("The whole burglary lasted about eight minutes.\n").document
    b = project.add_document("Visitors praised the new cafe on the ground floor.\n"
                             "The thieves spent almost an hour inside.\n").document
    q = project.add_claim(a.id, quote="The whole burglary lasted about eight minutes.")
    hour = project.add_claim(b.id, quote="The thieves spent almost an hour inside.")
    project.add_claim(b.id, quote="Visitors praised the new cafe on the ground floor.")
    analyses = ensure_analyses(project, blank).analyses
    found = SuggestionIndex.build(project, analyses).suggest(q.id)
    assert [s.claim_id for s in found] == [hour.id]
    assert found[0].entities > 0  # reported with the numbers' part, not as a shared word
    without = SuggestionIndex.build(project, analyses, config=ScoreConfig(quantity_weight=0))
    assert without.suggest(q.id) == []
