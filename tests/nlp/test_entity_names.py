"""Countries under one name: demonyms, capitals and abbreviations (nlp/entity_names.py)."""

from __future__ import annotations

from claimweave.core.model import Claim
from claimweave.nlp.analysis import Analysis, Entity
from claimweave.nlp.entities import claims_mentioning, entity_index
from claimweave.nlp.entity_names import country_of, display_name, entity_key, lemma_countries
from claimweave.nlp.lexicon import canonical


def test_a_countrys_names_share_one_key() -> None:
    assert entity_key("the U.S.") == entity_key("United States") == entity_key("US")
    assert entity_key("Tehran") == entity_key("Iranian") == entity_key("Iran's") == "iran"
    assert entity_key("the Kremlin") == entity_key("Moscow") == "russia"
    assert entity_key("Harrowmere") == "harrowmere"  # not a country: the plain key
    assert country_of("Dane") == "Denmark" and country_of("Nobody") is None


def test_shown_as_the_country_only_where_the_label_can_name_a_state() -> None:
    assert display_name("Iranian", "NORP") == "Iran"
    assert display_name("French", "LANGUAGE") == "French"  # the language, not France
    assert display_name("Jordan", "PERSON") == "Jordan"


def test_lemmas_of_demonyms_and_capitals_meet_their_country() -> None:
    assert canonical("russian") == canonical("moscow") == "russia"
    assert "us" not in lemma_countries()  # two letters: the pronoun would be folded too


def _analysis(entities: list[Entity]) -> Analysis:
    return Analysis(model="test", version="1", text_length=100, sentences=[(0, 100)],
                    entities=entities)


def test_the_entity_filter_lists_one_entry_and_finds_every_spelling() -> None:
    text_entities = [Entity(0, 6, "GPE", "Tehran"), Entity(20, 27, "NORP", "Iranian"),
                     Entity(40, 44, "GPE", "Iran")]
    analyses = {"d": _analysis(text_entities)}
    claims = [Claim(f"c{n}", "d", e.start, e.end, "q", "", "", "", "", "t", "t")
              for n, e in enumerate(text_entities)]
    index = entity_index(analyses, claims)
    assert index == {("Iran", "GPE"): 3}
    assert len(claims_mentioning(analyses, claims, "iran")) == 3
