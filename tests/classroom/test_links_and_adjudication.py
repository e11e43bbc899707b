"""Agreement among students on links (the worked example of docs/classroom.md) and the new
key adjudicated from the class."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimweave.classroom.adjudicate import ADJUDICATED, adjudicate, majority_tag
from claimweave.classroom.agreement import analyse_class
from claimweave.classroom.collect import collect
from claimweave.classroom.errors import ClassroomError
from claimweave.classroom.layers import ClassData, Span
from claimweave.classroom.link_agreement import NO_LINK, link_values
from claimweave.classroom.roles import ROLE
from claimweave.classroom.units import claim_units
from claimweave.core.store import Project

from .conftest import KEY_CLAIMS, Exercise

# The worked example: three students mark every key claim and link four pairs.
ANN = [(0, 3, "contradicts"), (1, 4, "elaborates"), (2, 4, "agrees")]
BEA = [(0, 3, "contradicts"), (1, 4, "elaborates")]
CY = [(0, 3, "contradicts"), (2, 4, "agrees"), (0, 1, "related")]


def class_of(ex: Exercise, *submissions: Path, source: Path | None = None) -> Path:
    out = ex.folder / "class.claimweave"
    collect(source or ex.key, list(submissions), out)
    return out


def test_link_alpha_of_the_worked_example(exercise: Exercise) -> None:
    subs = [exercise.submit(n, KEY_CLAIMS, links) for n, links in
            (("Ann", ANN), ("Bea", BEA), ("Cy", CY))]
    with Project.open(class_of(exercise, *subs), read_only=True) as p:
        data = ClassData.of(p)
    units = claim_units(data, data.students, data.layer("key"))
    values = sorted(tuple(row[s] for s in data.students)
                    for row in link_values(data, units).values())
    assert values == sorted([("contradicts",) * 3,
                             ("elaborates >", "elaborates >", NO_LINK),
                             ("agrees", NO_LINK, "agrees"),
                             (NO_LINK, NO_LINK, "related")])
    report = analyse_class(data)
    # By hand (docs/classroom.md): D_o = 6/12, D_e = 110/132, alpha = 1 - 0.6 = 0.4.
    assert report.links.alpha == pytest.approx(0.4)
    assert (report.links.pairs, report.links.coded, report.links.unanimous) == (4, 4, 1)
    assert report.to_json()["links"]["alpha"] == 0.4
    assert report.alpha["links_nominal"] == pytest.approx(0.4)


def test_a_student_missing_a_claim_has_no_value_for_its_pairs(exercise: Exercise) -> None:
    a = exercise.submit("Ann", KEY_CLAIMS, [(0, 3, "contradicts")])
    b = exercise.submit("Bea", KEY_CLAIMS[:3])  # did not mark claim 3: missing, not "no link"
    with Project.open(class_of(exercise, a, b), read_only=True) as p:
        data = ClassData.of(p)
    [row] = link_values(data, claim_units(data, data.students, data.layer("key"))).values()
    assert row == {"Ann": "contradicts"}
    assert analyse_class(data).links.alpha is None  # one value: nothing to agree on


def test_direction_counts_for_directed_relations_only(exercise: Exercise) -> None:
    a = exercise.submit("Ann", KEY_CLAIMS, [(1, 4, "elaborates"), (0, 3, "agrees")])
    b = exercise.submit("Bea", KEY_CLAIMS, [(4, 1, "elaborates"), (3, 0, "agrees")])
    with Project.open(class_of(exercise, a, b), read_only=True) as p:
        data = ClassData.of(p)
    rows = link_values(data, claim_units(data, data.students, data.layer("key")))
    assert sorted(tuple(r.values()) for r in rows.values()) == [
        ("agrees", "agrees"), ("elaborates >", "elaborates <")]


def test_majority_tag() -> None:
    def span(*tags: str) -> Span:
        return Span("x", "d", 0, 1, tags=frozenset(tags))
    assert majority_tag([span("fact"), span("opinion"), span("opinion", "fact"),
                         span("opinion")]) == "opinion"
    assert majority_tag([span("b"), span("a")]) == "a"  # a tie: name order
    assert majority_tag([span(), span()]) is None


def test_adjudication_keeps_what_enough_students_found(exercise: Exercise) -> None:
    shifted = [(d, s + 5, e + 5, t) for d, s, e, t in KEY_CLAIMS[:2]]
    ann = exercise.submit("Ann", [(d, s, e, ("fact",)) for d, s, e, _ in KEY_CLAIMS],
                          [(0, 1, "agrees"), (1, 2, "elaborates")])
    bea = exercise.submit("Bea", [(d, s, e, ("opinion",)) for d, s, e, _ in KEY_CLAIMS[:3]],
                          [(1, 0, "agrees"), (2, 1, "elaborates")])
    cy = exercise.submit("Cy", [(d, s, e, ("opinion",)) for d, s, e, _ in shifted]
                         + [(1, 250, 290, ())])
    class_path = class_of(exercise, ann, bea, cy)
    out = exercise.folder / "new-key.claimweave"
    made = adjudicate(class_path, 2, out)
    assert (made.claims, made.links, made.students) == (3, 1, 3)
    with Project.open(out, read_only=True) as p:
        claims = sorted(p.claims(), key=lambda c: (c.document_id != exercise.doc_ids[0],
                                                   c.start))
        assert [(c.start, c.end) for c in claims] == [(s, e) for _, s, e, _ in KEY_CLAIMS[:3]]
        assert [c.tags for c in claims] == [("opinion",), ("opinion",), ("fact",)]
        assert {c.annotator for c in claims} == {ADJUDICATED}
        assert claims[0].note == "found by 3 of 3: Ann, Bea, Cy"
        [link] = p.links()
        assert link.relation == "agrees"  # elaborates was given in opposite directions
        assert {link.source, link.target} == {claims[0].id, claims[1].id}
        assert p.get_setting(ROLE) is None  # an ordinary project: the key of a new assignment
    assert adjudicate(class_path, 1, exercise.folder / "all.claimweave").claims == 7


def test_adjudication_refusals(exercise: Exercise) -> None:
    class_path = class_of(exercise, exercise.submit("Ann", KEY_CLAIMS))
    with pytest.raises(ClassroomError, match="between 1 and the 1 students"):
        adjudicate(class_path, 2, exercise.folder / "x.claimweave")
    with pytest.raises(ClassroomError, match="not a class project"):
        adjudicate(exercise.key, 1, exercise.folder / "x.claimweave")
    with pytest.raises(ClassroomError, match="already exists"):
        adjudicate(class_path, 1, exercise.key)
    assert not (exercise.folder / "x.claimweave").exists()
