"""A stored suggestion index that a newer one replaced while it was open says so with a
named error (StaleIndexError, a ClaimWeaveError) instead of an IndexError, so the window
and the command line know what happened; walking its passages still ends as a sequence's
walk does."""

from __future__ import annotations

import pytest

from claimweave.core.errors import ClaimWeaveError, StaleIndexError
from claimweave.core.store import Project
from claimweave.nlp import index_store
from claimweave.nlp.cache import ensure_analyses
from claimweave.nlp.stored_index import StoredIndex
from claimweave.nlp.suggest import suggestions_for

from .conftest import ARTICLE_A, ARTICLE_B, ARTICLE_C

QUOTES = [(0, "the alliance will increase military cooperation"),
          (1, "The alliance will not increase military cooperation"),
          (0, "Prices rose by 5 percent last year"),
          (1, "Prices rose by 9 percent last year"),
          (2, "The weather was mild and sunny")]


def _stored(project: Project, blank) -> tuple[StoredIndex, dict, list[str]]:  # type: ignore[no-untyped-def]
    docs = [project.add_document(t, title=n).document.id
            for n, t in (("A", ARTICLE_A), ("B", ARTICLE_B), ("C", ARTICLE_C))]
    claims = [project.add_claim(docs[d], quote=q).id for d, q in QUOTES]
    analyses = ensure_analyses(project, blank).analyses
    index = index_store.load_or_build(project, analyses)
    assert isinstance(index, StoredIndex)
    return index, analyses, claims


def _replace(project: Project, analyses: dict, claims: list[str]) -> None:
    """What another command or a rebuild does: the claims change, the index is stored
    again and the one read so far is gone."""
    project.add_claim(project.claim(claims[1]).document_id,
                      quote="Farmers planted wheat in the northern valleys")
    index_store.load_or_build(project, analyses)


def test_a_replaced_stored_index_raises_a_named_error(project: Project, blank) -> None:  # type: ignore[no-untyped-def]
    old, analyses, claims = _stored(project, blank)
    assert len(list(old.claims)) == len(old.claims) == len(QUOTES)  # a walk stops at the end
    _replace(project, analyses, claims)
    unread = len(old.sentences) - 1
    with pytest.raises(StaleIndexError, match="replaced by a newer one") as info:
        old.sentences[unread]
    assert isinstance(info.value, ClaimWeaveError) and not isinstance(info.value, IndexError)
    with pytest.raises(IndexError):
        old.sentences[len(old.sentences)]  # past the end stays an IndexError


def test_suggesting_from_a_replaced_index_names_the_staleness(project: Project, blank  # type: ignore[no-untyped-def]
                                                              ) -> None:
    """The claim linked to the one asked about is looked up (to leave it out) but not
    read; asked about next, after the index was replaced, its passage is gone."""
    old, analyses, claims = _stored(project, blank)
    project.link_claims(claims[0], claims[4], "contradicts")
    suggestions_for(project, old, claims[0], top=1)
    _replace(project, analyses, claims)
    with pytest.raises(StaleIndexError):
        suggestions_for(project, old, claims[4], top=1)
