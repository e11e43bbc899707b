"""Suggestions that learn from the project's links (nlp/learning.py), with real projects and
the blank spaCy pipeline."""

from __future__ import annotations

import pytest

from claimweave.core.store import Project
from claimweave.nlp.associations import Recurrence
from claimweave.nlp.cache import ensure_analyses
from claimweave.nlp.learning import FEATURES, MIN_LINKS, Decisions, LearnedRanker, decisions_of
from claimweave.nlp.rank_fit import Groups, choose_pull, fit_listwise
from claimweave.nlp.suggest import SuggestionIndex, suggestions_for

# Two outlets that describe the same events in their own words: the left one says
# "zorvat" where the right one says "quillam". Nothing else is shared within a pair.
LEFT = [f"The zorvat envoy{n} reached harbour{n} before noon on day{n}." for n in range(8)]
RIGHT = [f"Quillam delegates{n} admitted shipment{n} throughout morning{n} there." for n in
         range(8)]


@pytest.fixture
def outlets(project: Project, blank):  # type: ignore[no-untyped-def]
    left = project.add_document(" ".join(LEFT), title="Left").document.id
    right = project.add_document(" ".join(RIGHT), title="Right").document.id
    a = [project.add_claim(left, quote=s).id for s in LEFT]
    b = [project.add_claim(right, quote=s).id for s in RIGHT]
    analyses = ensure_analyses(project, blank).analyses
    return project, analyses, a, b


def test_too_few_links_keep_the_default_ranking(outlets) -> None:  # type: ignore[no-untyped-def]
    project, analyses, a, b = outlets
    for x, y in zip(a[: MIN_LINKS - 1], b, strict=False):
        project.link_claims(x, y, "agrees")
    index = SuggestionIndex.build(project, analyses)
    learned = LearnedRanker.fit(index, decisions_of(project))
    assert not learned.active and learned.reason() == ""
    assert learned.n_links == MIN_LINKS - 1


def test_words_that_recur_across_links_reach_a_partner_sharing_no_word(outlets) -> None:  # type: ignore[no-untyped-def]
    project, analyses, a, b = outlets
    for x, y in zip(a[:6], b[:6], strict=True):
        project.link_claims(x, y, "agrees")
    index = SuggestionIndex.build(project, analyses)
    query, partner = a[7], b[7]
    assert not [s for s in index.suggest(query, top=10) if s.claim_id == partner]
    learned = LearnedRanker.fit(index, decisions_of(project))
    assert learned.active and learned.reason() == "learned from your 6 links"
    assert "quillam" in learned.associations["zorvat"]
    found = suggestions_for(project, index, query, top=10, learned=learned)
    assert partner in [s.claim_id for s in found]
    assert {s.reason for s in found} == {"learned from your 6 links"}


def test_a_word_seen_once_across_links_is_chance_not_evidence(outlets) -> None:  # type: ignore[no-untyped-def]
    project, analyses, a, b = outlets
    index = SuggestionIndex.build(project, analyses)
    learned = LearnedRanker.fit(index, Decisions(((a[0], b[0]),), ()))
    assert "harbour0" not in learned.associations  # one link: no recurrence


def test_dismissed_suggestions_are_read_back_as_evidence(outlets) -> None:  # type: ignore[no-untyped-def]
    project, _analyses, a, b = outlets
    project.dismiss_suggestion(a[0], "claim", b[1])
    project.dismiss_suggestion(a[0], "sentence", f"{project.claim(b[2]).document_id}:0:5")
    assert decisions_of(project).dismissed == ((a[0], b[1]),)


def test_a_feature_never_seen_in_training_does_not_blow_up_the_ranking(outlets) -> None:  # type: ignore[no-untyped-def]
    """No training pair has one claimant on both sides: a pair that has must not jump to
    the top on a division by a zero spread."""
    project, analyses, a, b = outlets
    for x, y in zip(a[:6], b[:6], strict=True):
        project.link_claims(x, y, "agrees")
    index = SuggestionIndex.build(project, analyses)
    decisions = decisions_of(project)
    learned = LearnedRanker.fit(index, Decisions(decisions.links, (), {a[7]: "k", b[7]: "k"}))
    assert learned.active
    q = index.claims[index.claim_row[a[7]]]
    same = learned.features(index, "claims", q,
                            index.space_dots("claims", index.vectors_of(q)),
                            index.claim_row[b[7]])
    k = FEATURES.index("same_claimant")
    assert same[k] == 1.0 and abs((same[k] - learned.mean[k]) / learned.scale[k]) < 10


def test_two_claims_of_one_claimant_share_a_feature(outlets) -> None:  # type: ignore[no-untyped-def]
    project, analyses, a, b = outlets
    project.set_claimant(a[0], "Ilse Marrow")
    project.set_claimant(b[0], "ilse marrow")  # the same person, another spelling of the name
    project.set_claimant(b[1], "Port authority")
    decisions = decisions_of(project)
    assert decisions.claimants[a[0]] == decisions.claimants[b[0]]
    index = SuggestionIndex.build(project, analyses)
    learned = LearnedRanker.fit(index, decisions)
    q = index.claims[index.claim_row[a[0]]]
    dots = index.space_dots("claims", index.vectors_of(q))
    same = learned.features(index, "claims", q, dots, index.claim_row[b[0]])
    other = learned.features(index, "claims", q, dots, index.claim_row[b[1]])
    k = FEATURES.index("same_claimant")
    assert same[k] == 1.0 and other[k] == 0.0


def test_a_refit_reuses_the_previous_fit_and_learns_the_same(outlets) -> None:  # type: ignore[no-untyped-def]
    """What a fit computed per query is lent to the next fit on the same index: the
    weights must be those of a fit from scratch, and another index lends nothing."""
    import numpy as np

    project, analyses, a, b = outlets
    index = SuggestionIndex.build(project, analyses)
    first = Decisions(tuple(zip(a[:5], b[:5], strict=True)), ())
    more = Decisions(tuple(zip(a[:7], b[:7], strict=True)), ((a[7], b[6]),))
    previous = LearnedRanker.fit(index, first)
    assert previous.active and set(previous._queries) >= {a[0], b[0]}
    again = LearnedRanker.fit(index, more, previous=previous)
    fresh = LearnedRanker.fit(index, more)
    assert np.allclose(again.weights, fresh.weights)
    assert again._queries[a[0]] is previous._queries[a[0]]  # reused, not recomputed
    assert not again._lent
    rebuilt = SuggestionIndex.build(project, analyses)
    other = LearnedRanker.fit(rebuilt, more, previous=again)
    assert other._queries[a[0]] is not again._queries[a[0]]
    assert np.allclose(other.weights, fresh.weights)


def _groups(rng, marked: bool, n: int = 10):  # type: ignore[no-untyped-def]
    """*n* candidate lists of 20 (the partner first) over (score, a feature); the feature
    marks the partner when *marked*, else it is noise."""
    import numpy as np

    x = rng.normal(size=(20 * n, 2))
    x[::20, 0] += 0.3  # the default score prefers the partner a little
    if marked:
        x[::20, 1] += 3.0
    return Groups(x, 3.0 * x[:, 0], np.arange(0, 20 * n, 20), np.arange(n))


def test_the_listwise_fit_learns_what_tells_partners_from_their_rivals() -> None:
    import numpy as np

    w = fit_listwise(_groups(np.random.default_rng(1), marked=True), pull=1.0)
    assert w[1] > 1.0  # the marking feature, learned within each candidate list
    noise = fit_listwise(_groups(np.random.default_rng(1), marked=False), pull=1.0)
    assert abs(noise[1]) < 0.5


def test_links_that_do_not_carry_to_held_out_links_keep_the_default() -> None:
    """Noise fitted on nine links ranks the tenth no better: cross-validation over the
    user's links keeps the default ranking (no pull chosen) in most draws of noise, and
    in every draw of too few links; a real signal is taken in every draw."""
    import numpy as np

    noise = [choose_pull(_groups(np.random.default_rng(s), marked=False)) for s in range(20)]
    assert sum(p is not None for p in noise) <= 6
    signal = [choose_pull(_groups(np.random.default_rng(s), marked=True)) for s in range(20)]
    assert all(p is not None for p in signal)
    assert choose_pull(_groups(np.random.default_rng(2), marked=True, n=2)) is None


def test_a_link_does_not_vouch_for_itself_through_its_own_words(outlets) -> None:  # type: ignore[no-untyped-def]
    """Associations judging a training pair leave its own link out: "zorvat"/"quillam"
    recur in three links; without one of them, in two (still evidence); with only two
    links, leaving one out leaves none."""
    _project, analyses, a, b = outlets
    index = SuggestionIndex.build(_project, analyses)
    three = Recurrence(index, list(zip(a[:3], b[:3], strict=True)))
    assert three.table()["zorvat"]["quillam"] > three.table(frozenset({0}))["zorvat"]["quillam"]
    two = Recurrence(index, list(zip(a[:2], b[:2], strict=True)))
    assert "quillam" in two.table()["zorvat"] and "zorvat" not in two.table(frozenset({1}))


def test_a_claim_linked_into_the_querys_document_is_marked_partnered(outlets) -> None:  # type: ignore[no-untyped-def]
    project, analyses, a, b = outlets
    for x, y in zip(a[:6], b[:6], strict=True):
        project.link_claims(x, y, "agrees")
    index = SuggestionIndex.build(project, analyses)
    learned = LearnedRanker.fit(index, decisions_of(project))
    q = index.claims[index.claim_row[a[7]]]
    dots = index.space_dots("claims", index.vectors_of(q))
    k = FEATURES.index("partnered")
    # b[0] is linked to a[0], a claim of the query's document; b[7] to nothing
    assert learned.features(index, "claims", q, dots, index.claim_row[b[0]])[k] == 1.0
    assert learned.features(index, "claims", q, dots, index.claim_row[b[7]])[k] == 0.0
    q0 = index.claims[index.claim_row[a[0]]]
    import numpy as np

    own = learned._matrix(index, "claims", q0, np.zeros((1, 2)), [index.claim_row[b[0]]],
                          own=frozenset({a[0], b[0]}))
    assert own[0, k] == 0.0  # a training pair's own link does not mark it
