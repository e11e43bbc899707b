"""Assignment -> working copy -> submission -> class project, and grades of known value."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimweave.classroom.agreement import analyse_class
from claimweave.classroom.assignment import make_assignment
from claimweave.classroom.collect import collect
from claimweave.classroom.layers import ClassData
from claimweave.classroom.roles import (
    ASSIGNMENT,
    ASSIGNMENT_ID,
    CLASS,
    INSTRUCTIONS,
    ROLE,
    SUBMISSION,
    ClassroomInfo,
    key_assignments,
    student_of,
)
from claimweave.classroom.submission import hand_in, read_submission, start_submission
from claimweave.core.errors import InvalidOperationError
from claimweave.core.store import Project
from claimweave.demo import build_demo

from .conftest import KEY_CLAIMS, KEY_LINKS, Exercise


def analyse(ex: Exercise, *submissions: Path, source: Path | None = None):
    out = ex.folder / "class.claimweave"
    collect(source or ex.key, list(submissions), out)
    with Project.open(out, read_only=True) as p:
        return analyse_class(ClassData.of(p))


def by_student(report, name: str):
    return next(r for r in report.results if r.student == name)


def test_assignment_holds_documents_and_codebook_but_no_key(exercise: Exercise) -> None:
    with Project.open(exercise.assignment, read_only=True) as a, \
            Project.open(exercise.key, read_only=True) as key:
        assert a.claims() == [] and a.links() == []
        assert [d.text_sha256 for d in a.documents()] == [d.text_sha256 for d in key.documents()]
        assert [d.id for d in a.documents()] == [d.id for d in key.documents()]
        assert [t.name for t in a.tags()] == ["fact", "opinion"]
        assert {r.name for r in a.relation_types()} >= {"agrees", "contradicts", "elaborates"}
        assert a.get_setting(ROLE) == ASSIGNMENT
        assert a.get_setting(INSTRUCTIONS).startswith("Mark the claims")
        made = key_assignments(key)
        assert list(made) == [a.get_setting(ASSIGNMENT_ID)]
        assert made[a.get_setting(ASSIGNMENT_ID)]["key_annotator"] is None


def test_working_copy_is_the_students_and_its_documents_are_fixed(exercise: Exercise) -> None:
    work = exercise.folder / "ann.claimweave"
    start_submission(exercise.assignment, "  Ann   Lee ", work)
    with Project.open(work) as p:
        assert student_of(p) == "Ann Lee"
        doc = p.documents()[0].id
        for attempt in (lambda: p.delete_document(doc), lambda: p.add_document("New text."),
                        lambda: p.update_document(doc, title="Mine"),
                        lambda: p.move_document(doc, 1)):
            with pytest.raises(InvalidOperationError, match="fixed"):
                attempt()
        p.add_claim(doc, 0, 10)  # annotating is what a working copy is for


def test_hand_in_makes_every_claim_the_students(exercise: Exercise) -> None:
    path = exercise.submit("ann", KEY_CLAIMS[:2], [(0, 1, "agrees")], annotator="laptop-user")
    sub = read_submission(path)
    assert sub.student == "ann"
    assert {c.annotator for c in sub.bundle.claims} == {"ann"}
    assert {k.annotator for k in sub.bundle.links} == {"ann"}
    with Project.open(path, read_only=True) as p:
        assert ClassroomInfo.of(p).role == SUBMISSION
        assert len(ClassroomInfo.of(p).checksum) == 64


def test_collect_makes_one_layer_per_student_and_the_key(exercise: Exercise) -> None:
    a = exercise.submit("ann", KEY_CLAIMS, KEY_LINKS)
    b = exercise.submit("bob", KEY_CLAIMS[:3])
    out = exercise.folder / "class.claimweave"
    done = collect(exercise.key, [a, b], out)
    assert done.students == ("ann", "bob") and done.key == "key"
    with Project.open(out, read_only=True) as p:
        assert p.get_setting(ROLE) == CLASS
        counts = {n: len(p.claims(annotator=n)) for n in ("key", "ann", "bob")}
        assert counts == {"key": len(KEY_CLAIMS), "ann": len(KEY_CLAIMS), "bob": 3}
        assert len(p.documents()) == 2


def test_student_identical_to_the_key_scores_one(exercise: Exercise) -> None:
    a = exercise.submit("ann", KEY_CLAIMS, KEY_LINKS)
    b = exercise.submit("bea", KEY_CLAIMS, KEY_LINKS)
    report = analyse(exercise, a, b)
    for name in ("ann", "bea"):
        r = by_student(report, name)
        assert (r.claims.f1, r.tags.f1, r.links.f1, r.kappa_vs_key) == (1.0, 1.0, 1.0, 1.0)
        assert not r.missed and not r.extra and not r.links_missed
    assert report.alpha == {"claims_character_nominal": pytest.approx(1.0),
                            "tags_nominal": pytest.approx(1.0),
                            "links_nominal": pytest.approx(1.0)}
    assert report.pairwise_kappa == [("ann", "bea", pytest.approx(1.0))]


def test_half_the_claims_gives_recall_one_half(exercise: Exercise) -> None:
    half = [KEY_CLAIMS[i] for i in (0, 2, 4)]
    r = by_student(analyse(exercise, exercise.submit("hal", half)), "hal")
    assert r.claims.recall == 0.5 and r.claims.precision == 1.0
    assert r.claims.f1 == pytest.approx(2 / 3)
    assert len(r.missed) == 3 and r.links.recall == 0.0


@pytest.mark.parametrize(("shift", "found"), [(5, True), (20, False)])
def test_shifted_spans_match_only_above_the_threshold(exercise: Exercise, shift: int,
                                                      found: bool) -> None:
    # A 40-character claim moved by 5 overlaps 35/45 = 0.78; moved by 20, 20/60 = 0.33.
    moved = [(d, s + shift, e + shift, t) for d, s, e, t in KEY_CLAIMS]
    r = by_student(analyse(exercise, exercise.submit("sam", moved)), "sam")
    assert r.claims.f1 == (1.0 if found else 0.0)
    assert len(r.extra) == (0 if found else len(KEY_CLAIMS))


def test_tags_are_scored_on_matched_claims(exercise: Exercise) -> None:
    claims = list(KEY_CLAIMS)
    claims[3] = (1, 0, 40, ("fact",))  # the key has fact and opinion here
    r = by_student(analyse(exercise, exercise.submit("tia", claims[:5])), "tia")
    assert (r.tags.matched, r.tags.student, r.tags.key) == (4, 4, 5)
    assert r.tags.precision == 1.0 and r.tags.recall == pytest.approx(0.8)


def test_links_symmetric_direction_free_asymmetric_not(exercise: Exercise) -> None:
    # contradicts (symmetric) reversed: found. elaborates reversed: linked differently.
    # agrees given as contradicts: linked differently.
    links = [(3, 0, "contradicts"), (4, 1, "elaborates"), (2, 4, "contradicts"),
             (0, 5, "related")]
    r = by_student(analyse(exercise, exercise.submit("lou", KEY_CLAIMS, links)), "lou")
    assert (r.links.matched, r.links.student, r.links.key) == (1, 4, 3)
    assert [k.relation for k in r.links_found] == ["contradicts"]
    assert sorted((k.relation, mine.relation) for k, mine in r.links_different) == [
        ("agrees", "contradicts"), ("elaborates", "elaborates")]
    assert not r.links_missed
    assert len(r.links_extra) == 3  # the two different ones and the related link


def test_class_lists_most_and_least_found_and_missed_links(exercise: Exercise) -> None:
    a = exercise.submit("ann", KEY_CLAIMS, KEY_LINKS)
    b = exercise.submit("bob", KEY_CLAIMS[:3], KEY_LINKS[:0])
    c = exercise.submit("cid", KEY_CLAIMS[:1])
    data = analyse(exercise, a, b, c).to_json()
    assert set(data) >= {"per_student", "pairwise_kappa", "alpha", "claims_most_found",
                         "claims_least_found", "missed_links"}
    assert data["claims_most_found"][0]["found_by"] == 3
    assert data["claims_most_found"][0]["start"] == 0
    assert data["claims_least_found"][0]["found_by"] == 1
    assert [m["missed_by"] for m in data["missed_links"]] == [2, 2, 2]
    assert [p["a"] + p["b"] for p in data["pairwise_kappa"]] == ["annbob", "anncid", "bobcid"]
    json.dumps(data)  # plain JSON all the way down


def test_collect_from_the_assignment_has_no_key(exercise: Exercise) -> None:
    a = exercise.submit("ann", KEY_CLAIMS)
    b = exercise.submit("bob", KEY_CLAIMS[:3])
    report = analyse(exercise, a, b, source=exercise.assignment)
    assert report.data.key is None and report.results == []
    assert report.alpha["claims_character_nominal"] is not None
    assert report.alpha["tags_nominal"] is None
    with Project.open(exercise.folder / "class.claimweave", read_only=True) as p:
        graded = analyse_class(ClassData.of(p, key="ann"))
    assert by_student(graded, "bob").claims.recall == 0.5


def test_student_who_marked_nothing_is_graded_zero(exercise: Exercise) -> None:
    report = analyse(exercise, exercise.submit("ann", KEY_CLAIMS), exercise.submit("nil", []))
    r = by_student(report, "nil")
    assert r.claims.f1 == 0.0 and r.claims.precision is None and r.claims.recall == 0.0


def test_demo_project_as_the_key(tmp_path: Path) -> None:
    key = build_demo(tmp_path / "demo.claimweave")
    assignment = tmp_path / "demo.cwassign"
    made = make_assignment(key, assignment, key_annotator="demo")
    with Project.open(key, read_only=True) as p:
        claims, links = p.claims(), p.links()
    assert made.key_claims == len(claims) > 0
    work, out = tmp_path / "ann.claimweave", tmp_path / "ann.cwsubmit"
    start_submission(assignment, "ann", work)
    with Project.open(work) as p:
        ids = {c.id: p.add_claim(c.document_id, c.start, c.end, tags=list(c.tags)).id
               for c in claims}
        for k in links:
            p.link_claims(ids[k.source], ids[k.target], k.relation)
    hand_in(work, out)
    collect(key, [out], tmp_path / "class.claimweave")
    with Project.open(tmp_path / "class.claimweave", read_only=True) as p:
        r = analyse_class(ClassData.of(p)).results[0]
    assert (r.claims.f1, r.tags.f1, r.links.f1) == (1.0, 1.0, 1.0)
    assert r.links.key == len(links)


def test_each_student_gets_their_own_working_copy(exercise: Exercise) -> None:
    from claimweave.classroom.submission import working_copy_for

    path, exists = working_copy_for(exercise.assignment, "Ana:B")
    assert path.name == f"{exercise.assignment.stem} - Ana_B.claimweave" and not exists
    start_submission(exercise.assignment, "Ana:B", path)
    assert working_copy_for(exercise.assignment, "ana:b") == (path, True)  # same student
    other, exists = working_copy_for(exercise.assignment, "Ana?B")  # same file name
    assert other.name.endswith("Ana_B (2).claimweave") and not exists
