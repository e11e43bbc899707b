"""A newer version of a document: claims re-anchored exactly or fuzzily, unplaceable ones
parked (never moved to a guess), the old text kept, and all of it one undo step."""

from __future__ import annotations

import pytest

from claimweave.core.errors import InvalidOperationError, NotFoundError
from claimweave.core.store import Project

OLD = ("Officials said on Monday that the bridge over the river would reopen in June. "
       "Engineers found cracks in two of the pillars during the spring inspection. "
       "The mayor promised a full report on the cost of the repairs before the summer. "
       "Residents doubt that the work will finish on time.")
NEW = ("UPDATED. Officials said on Tuesday that the bridge over the river would reopen in July. "
       "Engineers found deep cracks in two of the pillars during the spring inspection. "
       "Residents doubt that the work will finish on time.")


@pytest.fixture
def setup(project: Project) -> tuple[Project, str, dict[str, str]]:
    doc = project.add_document(OLD, title="Bridge").document.id
    tag = project.add_tag("Infrastructure").id
    ids = {
        "doubt": project.add_claim(doc, quote="Residents doubt that the work will finish on "
                                               "time", tags=[tag]).id,
        "cracks": project.add_claim(doc, quote="Engineers found cracks in two of the "
                                                "pillars").id,
        "report": project.add_claim(doc, quote="The mayor promised a full report on the cost "
                                                "of the repairs", tags=[tag]).id,
    }
    other = project.add_document("Elsewhere the mayor promised nothing at all.").document.id
    ids["other"] = project.add_claim(other, quote="the mayor promised nothing").id
    project.link_claims(ids["report"], ids["other"], "contradicts")
    return project, doc, ids


def test_exact_fuzzy_and_parked(setup) -> None:
    project, doc, ids = setup
    result = project.update_text(doc, NEW)
    how = {p.claim_id: p.how for p in result.placements}
    assert how[ids["doubt"]] == "exact"
    assert how[ids["cracks"]] in ("context", "fuzzy")
    assert how[ids["report"]] is None
    text = project.text(doc)
    assert text == NEW
    for c in project.claims(document_id=doc):
        assert text[c.start:c.end] == c.quote  # the model's rule holds after the update
    assert project.claim(ids["cracks"]).quote == "Engineers found deep cracks in two of the pillars"
    [parked] = project.unplaced_claims(doc)
    assert parked.claim_id == ids["report"] and parked.links == 1
    with pytest.raises(NotFoundError):
        project.claim(ids["report"])
    assert project.links() == []
    assert project.document_history(doc)[0][1] == len(OLD)
    assert result.to_json()["unplaced"] == [{"claim": ids["report"], "document_id": doc,
                                            "quote": parked.quote}]


def test_one_undo_step_restores_everything(setup) -> None:
    project, doc, _ids = setup
    before = [(c.id, c.start, c.end, c.quote) for c in project.claims()]
    project.update_text(doc, NEW)
    assert project.undo_label.startswith("Update text")
    project.undo()
    assert project.text(doc) == OLD
    assert [(c.id, c.start, c.end, c.quote) for c in project.claims()] == before
    assert project.unplaced_claims() == [] and len(project.links()) == 1
    assert project.search("Tuesday") == []
    project.redo()
    assert [h.id for h in project.search("Tuesday")] == [doc]


def test_place_restores_tags_and_links_and_drop_removes(setup) -> None:
    project, doc, ids = setup
    project.update_text(doc, NEW)
    start = NEW.index("Residents")
    project.place_claim(ids["report"][:8], start, start + 9)
    placed = project.claim(ids["report"])
    assert placed.quote == "Residents" and placed.tags == ("Infrastructure",)
    assert len(project.links()) == 1 and project.unplaced_claims() == []
    project.undo()
    assert [u.claim_id for u in project.unplaced_claims()] == [ids["report"]]
    project.drop_unplaced(ids["report"])
    assert project.unplaced_claims() == []
    with pytest.raises(NotFoundError):
        project.drop_unplaced(ids["report"])


def test_refusals_change_nothing(setup) -> None:
    project, doc, _ids = setup
    with pytest.raises(InvalidOperationError, match="already has exactly"):
        project.update_text(doc, OLD)
    with pytest.raises(InvalidOperationError, match="empty"):
        project.update_text(doc, "  \n")
    with pytest.raises(InvalidOperationError, match="already the document"):
        project.update_text(doc, "Elsewhere the mayor promised nothing at all.")
    assert project.text(doc) == OLD and project.document_history(doc) == []


def test_a_repeated_quote_in_a_new_context_is_not_guessed(project: Project) -> None:
    doc = project.add_document("First: the plan works. Later: the plan fails.").document.id
    claim = project.add_claim(doc, quote="the plan", occurrence=2).id
    result = project.update_text(doc, "Now: the plan. Then: the plan.")
    assert [p.how for p in result.placements] == [None]
    assert [u.claim_id for u in project.unplaced_claims()] == [claim]


def test_deleting_the_document_clears_history_and_parked(setup) -> None:
    project, doc, _ids = setup
    project.update_text(doc, NEW)
    project.delete_document(doc)
    assert project.unplaced_claims() == []
    project.undo()
    assert len(project.unplaced_claims()) == 1 and project.document_history(doc)


@pytest.mark.parametrize("first", ["report", "mayor"])
def test_a_link_between_two_parked_claims_comes_back_when_both_are_placed(setup, first
                                                                          ) -> None:
    project, doc, ids = setup
    ids["mayor"] = project.add_claim(doc, quote="The mayor promised").id
    project.link_claims(ids["report"], ids["mayor"], "agrees")
    project.update_text(doc, NEW)
    assert {u.claim_id for u in project.unplaced_claims(doc)} == {ids["report"], ids["mayor"]}
    second = "mayor" if first == "report" else "report"
    start = NEW.index("Residents")
    project.place_claim(ids[first], start, start + 9)
    project.place_claim(ids[second], start + 10, start + 15)
    linked = {(k.source, k.target, k.relation) for k in project.links()}
    assert (ids["report"], ids["mayor"], "agrees") in linked
    project.undo()  # placing the second claim, with the link it was handed, is one step
    assert (ids["report"], ids["mayor"], "agrees") not in {
        (k.source, k.target, k.relation) for k in project.links()}


def test_no_new_claim_takes_a_parked_claims_id(setup) -> None:
    """An id kept from a dataset or a merged project must not be a parked claim's: placing
    the parked claim would then collide with it."""
    project, doc, ids = setup
    project.update_text(doc, NEW)
    assert project.is_unplaced(ids["report"]) and not project.is_unplaced(ids["doubt"])
    with pytest.raises(InvalidOperationError, match="unplaced claim"):
        project.add_claim(doc, 0, 7, claim_id=ids["report"])
    start = NEW.index("Residents")
    project.place_claim(ids["report"], start, start + 9)
    assert not project.is_unplaced(ids["report"])


def test_a_restored_link_follows_the_one_uniqueness_rule(setup) -> None:
    """A parked claim's link comes back only when no link the rule counts as the same is
    there: for a symmetric relation, one the other way round is the same."""
    project, _doc, ids = setup
    agrees = project.relation_type("agrees")
    assert agrees.symmetric
    back = project.link_claims(ids["other"], ids["doubt"], "agrees")
    parked = {"id": "00000000-0000-4000-8000-000000000001", "source_claim_id": ids["doubt"],
              "target_claim_id": ids["other"], "relation_type_id": agrees.id}
    assert not project._link_restorable(parked)
    project.delete_link(back.id)
    assert project._link_restorable(parked)
