"""Claim groups (propositions) on the hand-built debate, without Qt."""

from __future__ import annotations

from claimweave.analysis.groups import find_groups
from claimweave.analysis.snapshot import Snapshot


def _groups(project):
    return find_groups(Snapshot.of(project))


def test_positive_symmetric_links_join_claims_into_propositions(debate):
    project, ids = debate
    groups = _groups(project)
    members = {frozenset(p.claim_ids) for p in groups.propositions}
    assert members == {frozenset({ids["a1"], ids["c1"]}), frozenset({ids["b1"]}),
                       frozenset({ids["a2"], ids["b2"]})}
    assert ids["c2"] not in groups.group_of  # elaborates is neutral: no proposition
    assert ids["d1"] not in groups.group_of


def test_key_is_smallest_member_and_opponents_follow_their_proposition(debate):
    project, ids = debate
    props = _groups(project).propositions
    p1 = next(p for p in props if ids["a1"] in p.claim_ids)
    p3 = next(p for p in props if ids["b1"] in p.claim_ids)
    assert p1.key == min(ids["a1"], ids["c1"])
    assert p1.opposes == (p3.key,) and p3.opposes == (p1.key,)
    order = [p.key for p in props]
    assert order.index(p3.key) == order.index(p1.key) + 1


def test_default_name_is_the_most_linked_claims_quote(debate):
    project, ids = debate
    p1 = next(p for p in _groups(project).propositions if ids["a1"] in p.claim_ids)
    assert p1.representative == ids["a1"]  # a1 has two links, c1 one
    assert p1.name == "Russia and Iran are allies" and not p1.named


def test_named_group_keeps_its_name_and_undo_restores_the_default(debate):
    project, ids = debate
    project.name_group([ids["c1"], ids["a1"]], "  An alliance\nexists ")
    p1 = next(p for p in _groups(project).propositions if ids["a1"] in p.claim_ids)
    assert (p1.name, p1.named) == ("An alliance exists", True)
    assert project.group_names() == {p1.key: "An alliance exists"}
    project.undo()
    p1 = next(p for p in _groups(project).propositions if ids["a1"] in p.claim_ids)
    assert not p1.named and project.group_names() == {}
    project.redo()
    assert project.group_names() == {p1.key: "An alliance exists"}


def test_renaming_keeps_one_name_and_an_empty_name_clears_it(debate):
    project, ids = debate
    project.name_group([ids["a2"]], "first")  # stored on a2 alone
    project.name_group([ids["a2"], ids["b2"]], "second")
    assert list(project.group_names().values()) == ["second"]
    project.name_group([ids["a2"], ids["b2"]], "")
    assert project.group_names() == {}


def test_merging_two_named_groups_keeps_the_smallest_named_member(debate):
    project, ids = debate
    project.name_group([ids["a1"], ids["c1"]], "alliance")
    project.name_group([ids["a2"], ids["b2"]], "military")
    project.link_claims(ids["c1"], ids["b2"], "agrees")
    merged = next(p for p in _groups(project).propositions if ids["a1"] in p.claim_ids)
    assert set(merged.claim_ids) == {ids[k] for k in ("a1", "c1", "a2", "b2")}
    names = project.group_names()
    assert merged.name == names[min(names)]


def test_name_survives_undone_claim_deletion(debate):
    project, ids = debate
    key = min(ids["a1"], ids["c1"])
    project.name_group([key], "kept")
    project.delete_claim(key)
    project.undo()
    assert project.group_names() == {key: "kept"}


def test_positive_asymmetric_relation_does_not_merge(debate):
    project, ids = debate
    project.add_relation_type("supports", polarity=1, symmetric=False)
    project.link_claims(ids["c2"], ids["b2"], "supports")
    groups = _groups(project)
    assert groups.group_of[ids["c2"]] != groups.group_of[ids["b2"]]


def test_include_unlinked_makes_every_claim_a_proposition(debate):
    project, _ids = debate
    groups = find_groups(Snapshot.of(project), include_unlinked=True)
    assert set(groups.group_of) == set(c.id for c in project.claims())
