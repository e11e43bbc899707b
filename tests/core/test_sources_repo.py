"""Claimants and source cards in the store: validation, undo, deletion, reopening."""

from __future__ import annotations

import pytest

from claimweave.core.errors import InvalidOperationError, NotFoundError
from claimweave.core.store import Project

TEXT = ("Sergey Lavrov said the two countries are partners. Officials in Tehran said the "
        "same. The author thinks otherwise.")


@pytest.fixture
def doc(project: Project) -> str:
    return project.add_document(TEXT, title="Report", author="Ana Author").document.id


def _claim(project: Project, doc: str, quote: str) -> str:
    return project.add_claim(doc, quote=quote).id


def test_claimant_set_by_new_name_then_alias_undoable(project: Project, doc: str) -> None:
    a = _claim(project, doc, "the two countries are partners")
    b = _claim(project, doc, "the same")
    assert project.claim(a).claimant is None
    project.set_claimant(a, "Sergey Lavrov")
    assert project.claim(a).claimant == "Sergey Lavrov"
    [lavrov] = project.claimants()
    assert lavrov.claims == 1
    project.add_claimant_alias("sergey lavrov", "the Russian foreign minister")
    project.set_claimant(b, "The Russian Foreign Minister")  # by alias, any case
    assert project.claim(b).claimant_id == lavrov.id
    assert len(project.claimants()) == 1
    project.undo()  # the claimant of b
    assert project.claim(b).claimant is None
    project.undo()  # the alias
    assert project.claimant("Sergey Lavrov").aliases == ()
    project.undo()  # a's claimant and the new claimant entry: one step
    assert project.claim(a).claimant is None and project.claimants() == []
    project.redo()
    assert project.claim(a).claimant == "Sergey Lavrov"


def test_clearing_and_names_that_collide(project: Project, doc: str) -> None:
    a = _claim(project, doc, "the two countries are partners")
    project.set_claimant(a, "Lavrov")
    project.set_claimant(a, None)
    assert project.claim(a).claimant is None
    project.add_claimant("Officials in Tehran", aliases=["Tehran officials"])
    with pytest.raises(InvalidOperationError, match="already names"):
        project.add_claimant("tehran officials")
    with pytest.raises(InvalidOperationError, match="already names"):
        project.add_claimant_alias("Lavrov", "Officials in Tehran")
    with pytest.raises(InvalidOperationError, match="cannot be empty"):
        project.add_claimant("   ")
    with pytest.raises(NotFoundError, match="no claimant"):
        project.claimant("Nobody")


def test_merge_moves_claims_and_names_in_one_step(project: Project, doc: str) -> None:
    a = _claim(project, doc, "the two countries are partners")
    b = _claim(project, doc, "the same")
    project.set_claimant(a, "Lavrov")
    project.set_claimant(b, "Sergey Lavrov")
    kept = project.merge_claimants("Sergey Lavrov", "Lavrov")
    assert kept.name == "Sergey Lavrov" and kept.aliases == ("Lavrov",) and kept.claims == 2
    assert {project.claim(a).claimant, project.claim(b).claimant} == {"Sergey Lavrov"}
    project.undo()
    assert {k.name for k in project.claimants()} == {"Lavrov", "Sergey Lavrov"}
    assert project.claim(a).claimant == "Lavrov"
    with pytest.raises(InvalidOperationError, match="same claimant"):
        project.merge_claimants("Lavrov", "lavrov")


def test_delete_claimant_returns_claims_to_the_author(project: Project, doc: str) -> None:
    a = _claim(project, doc, "the two countries are partners")
    project.set_claimant(a, "Lavrov")
    project.delete_claimant("Lavrov")
    assert project.claim(a).claimant is None and project.claimants() == []
    project.undo()
    assert project.claim(a).claimant == "Lavrov"


def test_source_card_validation_and_undo(project: Project, doc: str) -> None:
    card = project.set_source_card(doc, kind="news report", reliability=4,
                                   reason="named sources", note="memo")
    assert (card.kind, card.reliability, card.reason, card.note) == (
        "news", 4, "named sources", "memo")
    assert project.document(doc).to_json()["kind"] == "news"
    for bad in (0, 6, "3", True):
        with pytest.raises(InvalidOperationError, match="1 to 5"):
            project.set_source_card(doc, reliability=bad)
    with pytest.raises(InvalidOperationError, match="kind 'blog'"):
        project.set_source_card(doc, kind="blog")
    with pytest.raises(InvalidOperationError, match="needs its reason"):
        project.set_source_card(doc, reason="")
    assert project.document(doc).reliability == 4  # a refused edit changes nothing
    project.set_source_card(doc, reliability=None, reason="")
    assert project.document(doc).reliability is None
    project.undo()
    project.undo()
    assert project.document(doc).kind is None and project.document(doc).note == ""


def test_attributes_set_replace_unset_and_reserved(project: Project, doc: str) -> None:
    project.set_attribute(doc, "country", "Russia")
    project.set_attribute(doc, "Leaning", "state")
    project.set_attribute(doc, "country", "Iran")
    assert project.document(doc).attributes == {"country": "Iran", "Leaning": "state"}
    assert project.documents()[0].attributes == {"country": "Iran", "Leaning": "state"}
    with pytest.raises(InvalidOperationError, match="own field"):
        project.set_attribute(doc, "Kind", "x")
    with pytest.raises(InvalidOperationError, match="cannot be empty"):
        project.set_attribute(doc, "country", " ")
    with pytest.raises(NotFoundError, match="no attribute"):
        project.unset_attribute(doc, "audience")
    project.unset_attribute(doc, "country")
    assert project.document(doc).attributes == {"Leaning": "state"}
    project.undo()
    project.undo()
    assert project.document(doc).attributes == {"country": "Russia", "Leaning": "state"}
    assert project.attribute_names() == ["country", "Leaning"]


def test_derived_marks_refuse_cycles_and_follow_deletion(project: Project, doc: str) -> None:
    copy = project.add_document("A reprint: " + TEXT, title="Copy").document.id
    third = project.add_document("Another reprint: " + TEXT, title="Third").document.id
    project.mark_derived(copy, doc)
    project.mark_derived(third, copy)
    with pytest.raises(InvalidOperationError, match="original"):
        project.mark_derived(doc, third)
    with pytest.raises(InvalidOperationError, match="itself"):
        project.mark_derived(doc, doc)
    project.set_attribute(doc, "country", "Russia")
    project.delete_document(doc)  # its attributes go, and its copy loses the mark
    assert project.document(copy).derived_from is None
    project.undo()
    assert project.document(copy).derived_from == doc
    assert project.document(doc).attributes == {"country": "Russia"}


def test_everything_survives_reopening(tmp_path) -> None:
    path = tmp_path / "p.claimweave"
    with Project.create(path) as p:
        d = p.add_document(TEXT).document.id
        c = p.add_claim(d, quote="the same").id
        p.set_claimant(c, "Officials in Tehran")
        p.set_source_card(d, kind="official", reliability=2, reason="one side")
        p.set_attribute(d, "country", "Iran")
    with Project.open(path, read_only=True) as p:
        assert p.claim(c).claimant == "Officials in Tehran"
        doc = p.document(d)
        assert (doc.kind, doc.reliability, doc.attributes) == ("official", 2, {"country": "Iran"})


def test_documents_with_attributes_stay_hashable(project: Project, doc: str) -> None:
    project.set_attribute(doc, "country", "Iran")
    assert len({project.document(doc), project.document(doc)}) == 1


def test_find_claimant_follows_renames_aliases_and_undo(project: Project, doc: str) -> None:
    project.set_claimant(_claim(project, doc, "the same"), "Tehran officials")
    project.add_claimant_alias("Tehran officials", "Iran")
    assert project.find_claimant("iran").name == "Tehran officials"
    project.update_claimant("Tehran officials", name="Tehran Officialz")  # same length
    assert project.find_claimant("Tehran officials") is None
    assert project.find_claimant("tehran officialz").name == "Tehran Officialz"
    project.undo()
    project.undo()  # the alias
    assert project.find_claimant("Iran") is None
    assert project.find_claimant("Tehran officials").name == "Tehran officials"
