"""Entities of claims: filter by name, the filter list, label tags (real model)."""

from __future__ import annotations

import pytest

from claimweave.core.store import Project
from claimweave.nlp.cache import ensure_analyses
from claimweave.nlp.entities import claims_mentioning, entity_index, entity_tag_names

pytestmark = pytest.mark.model


def test_filter_and_tags(project: Project, model) -> None:  # type: ignore[no-untyped-def]
    doc = project.add_document(
        "Russia sent troops to Syria in 2015. Vladimir Putin met the UN envoy in Geneva.\n"
        "Prices rose sharply last year.\n").document
    syria = project.add_claim(doc.id, quote="Russia sent troops to Syria in 2015.")
    putin = project.add_claim(doc.id, quote="Vladimir Putin met the UN envoy in Geneva.")
    plain = project.add_claim(doc.id, quote="Prices rose sharply last year.")
    analyses = ensure_analyses(project, model).analyses
    claims = project.claims()
    assert [c.id for c in claims_mentioning(analyses, claims, "syria")] == [syria.id]
    assert [c.id for c in claims_mentioning(analyses, claims, "Vladimir Putin")] == [putin.id]
    listed = entity_index(analyses, claims)
    assert listed[("Syria", "GPE")] == 1 and listed[("Russia", "GPE")] == 1
    assert entity_tag_names(analyses, putin) == ["person", "organisation", "country or city"]
    assert entity_tag_names(analyses, plain) == []
