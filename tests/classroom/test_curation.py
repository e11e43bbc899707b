"""Curating the key item by item: accept and reject change the key layer of the class
project, each in one undoable step."""

from __future__ import annotations

import pytest

from claimweave.classroom.collect import collect
from claimweave.classroom.curation import IN_KEY, OPEN, REJECTED, accept, curation, reject
from claimweave.classroom.errors import ClassroomError
from claimweave.core.store import Project

from .conftest import KEY_CLAIMS, Exercise

EXTRA = (1, 250, 290, ("fact",))  # a passage the key does not have


@pytest.fixture
def klass(exercise: Exercise):  # type: ignore[no-untyped-def]
    a = exercise.submit("Ann", [*KEY_CLAIMS[:2], EXTRA], [(0, 2, "agrees")])
    b = exercise.submit("Bea", [KEY_CLAIMS[0], (EXTRA[0], 252, 290, ("opinion",))])
    out = exercise.folder / "class.claimweave"
    collect(exercise.key, [a, b], out)
    with Project.open(out) as p:
        yield p


def test_items_stand_beside_the_key(klass: Project) -> None:
    cur = curation(klass)
    claims = [i for i in cur.items if i.kind == "claim"]
    assert len(claims) == len(KEY_CLAIMS) + 1
    extra = next(i for i in claims if i.status == OPEN)
    assert extra.students == ("Ann", "Bea") and extra.claim is not None
    assert [name for name, _ in cur.layers(extra)] == ["key", "Ann", "Bea"]
    assert cur.layers(extra)[0][1] is None  # not in the key yet
    assert {i.status for i in claims if i is not extra} == {IN_KEY}


def test_accept_a_claim_then_its_link_and_undo(klass: Project) -> None:
    cur = curation(klass)
    extra = next(i for i in cur.items if i.kind == "claim" and i.status == OPEN)
    link = next(i for i in cur.items if i.kind == "link" and i.status == OPEN)
    with pytest.raises(ClassroomError, match="accept both claims"):
        accept(klass, cur, link)
    before = len(klass.claims(annotator="key"))
    accept(klass, cur, extra)
    added = [c for c in klass.claims(annotator="key") if c.start == 250]
    assert len(klass.claims(annotator="key")) == before + 1
    assert added[0].tags == ("fact",)  # a tie between fact and opinion: name order
    assert added[0].note == "accepted from 2 students"  # Ann and Bea
    cur = curation(klass)
    link = next(i for i in cur.items if i.kind == "link" and i.status == OPEN)
    key_links = len([k for k in klass.links() if k.annotator == "key"])
    accept(klass, cur, link)
    new = [k for k in klass.links() if k.annotator == "key"]
    assert len(new) == key_links + 1
    assert any({k.source, k.target} >= {added[0].id} and k.relation == "agrees" for k in new)
    assert {k.note for k in new if added[0].id in (k.source, k.target)} == {
        "accepted from 1 student"}  # Ann's link alone
    assert next(i for i in curation(klass).items if i.ref == link.ref).status == IN_KEY
    klass.undo()  # the link
    klass.undo()  # the claim
    assert len(klass.claims(annotator="key")) == before
    assert next(i for i in curation(klass).items if i.ref == extra.ref).status == OPEN


def test_reject_removes_from_the_key_and_marks(klass: Project) -> None:
    cur = curation(klass)
    keyed = next(i for i in cur.items if i.kind == "claim" and i.students == ("Ann", "Bea")
                 and i.status == IN_KEY)
    extra = next(i for i in cur.items if i.kind == "claim" and i.status == OPEN)
    links_before = len(klass.links())
    reject(klass, cur, keyed)
    assert keyed.claim is not None and keyed.claim.key is not None
    assert keyed.claim.key.id not in {c.id for c in klass.claims()}
    assert len(klass.links()) < links_before  # the key's links of that claim went with it
    assert next(i for i in curation(klass).items if i.ref == keyed.ref).status == REJECTED
    reject(klass, curation(klass), extra)
    assert next(i for i in curation(klass).items if i.ref == extra.ref).status == REJECTED
    klass.undo()
    klass.undo()
    restored = curation(klass)
    assert next(i for i in restored.items if i.ref == keyed.ref).status == IN_KEY
    assert next(i for i in restored.items if i.ref == extra.ref).status == OPEN
    assert len(klass.links()) == links_before


def test_a_link_item_shows_what_each_layer_gave_the_pair(klass: Project) -> None:
    cur = curation(klass)
    link = next(i for i in cur.items if i.kind == "link" and i.status == OPEN)
    # Bea marked both passages and left them unlinked
    assert cur.relations(link) == [("key", "no link"), ("Ann", "agrees"), ("Bea", "no link")]


def test_a_class_without_a_key_gets_one_by_curation(exercise: Exercise) -> None:
    a = exercise.submit("Ann", KEY_CLAIMS[:2], [(0, 1, "agrees")])
    b = exercise.submit("Bea", KEY_CLAIMS[:1])
    out = exercise.folder / "class.claimweave"
    collect(exercise.assignment, [a, b], out)  # from the assignment: no key layer
    with Project.open(out) as p:
        cur = curation(p)
        assert {i.status for i in cur.items} == {OPEN} and cur.key == "key"
        accept(p, cur, cur.items[0])
        assert [c.annotator for c in p.claims(annotator="key")] == ["key"]
        report_key = curation(p).data.key
        assert report_key == "key"  # recorded, so grading now has a key
        p.undo()
        assert p.claims(annotator="key") == []
