"""Prompts, answers, rubric, assessments and justifications: stored, undoable, carried from
the assignment through the submission into the class project; and files that travel
without side files."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from claimweave.classroom.assignment import make_assignment
from claimweave.classroom.collect import collect
from claimweave.classroom.errors import ClassroomError, SubmissionRefusedError
from claimweave.classroom.files import free_path
from claimweave.classroom.prompts import answer_in_working_copy, proposition_of
from claimweave.classroom.roles import key_assignments
from claimweave.classroom.rubric import load_rubric, parse_rubric_text, rubric_text
from claimweave.classroom.submission import (
    hand_in,
    read_submission,
    start_submission,
    unjustified_links,
)
from claimweave.core.errors import ClaimWeaveError, InvalidOperationError, NotFoundError
from claimweave.core.store import Project

from .conftest import KEY_CLAIMS, PROMPTS, RUBRIC, Exercise, build_key


def side_files(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.glob(path.name + "-*"))


# ---------------------------------------------------------------------- the store's verbs
def test_prompts_and_answers_are_undoable_verbs(project: Project) -> None:
    doc = project.add_document("One two three four five six.", title="A").document.id
    first = project.add_prompt("Who wrote it?")
    second = project.add_prompt("Agreed?", kind="proposition")
    assert [p.position for p in project.prompts()] == [0, 1]
    assert project.prompt(2) == second
    with pytest.raises(NotFoundError, match="no prompt number 3"):
        project.prompt(3)
    project.set_answer(first.id, doc, "A reporter")
    project.set_answer(first.id, doc, "A reporter, for the city paper")
    assert [a.text for a in project.answers()] == ["A reporter, for the city paper"]
    project.undo()
    assert [a.text for a in project.answers()] == ["A reporter"]
    project.set_answer(first.id, doc, "  ")  # empty: removes the answer
    assert project.answers() == []
    project.undo()
    assert len(project.answers()) == 1
    with pytest.raises(NotFoundError):  # a proposition prompt is about a claim
        project.set_answer(second.id, doc, "yes")
    with pytest.raises(InvalidOperationError):
        project.add_prompt("   ")
    with pytest.raises(InvalidOperationError):
        project.add_prompt("What?", kind="sentence")


def test_rubric_and_assessments_are_checked_and_undoable(project: Project) -> None:
    project.add_criterion("Sourcing", ["Basic", "Emergent", "Proficient"])
    with pytest.raises(InvalidOperationError, match="already has"):
        project.add_criterion("sourcing", ["A", "B"])
    with pytest.raises(InvalidOperationError, match="twice"):
        project.add_criterion("Other", ["A", "a"])
    with pytest.raises(InvalidOperationError, match="needs levels"):
        project.add_criterion("Empty", [])
    project.assess("Ann", "SOURCING", "emergent", comment="Names the author, not the date.")
    [a] = project.assessments()
    assert (a.student, a.level, a.comment) == ("Ann", "Emergent",
                                                "Names the author, not the date.")
    with pytest.raises(InvalidOperationError, match="no level 'Excellent'"):
        project.assess("Ann", "Sourcing", "Excellent")
    with pytest.raises(NotFoundError, match="no rubric criterion"):
        project.assess("Ann", "Style", "Basic")
    assert project.assessments()[0].level == "Emergent"  # the refusals changed nothing
    project.assess("Ann", "Sourcing", "Proficient")
    project.undo()
    assert project.assessments()[0].level == "Emergent"


# ---------------------------------------------------------------------- rubric files
def test_rubric_file_and_text(tmp_path: Path) -> None:
    path = tmp_path / "rubric.json"
    path.write_text(json.dumps({"criteria": [{"name": n, "levels": lv} for n, lv in RUBRIC]}),
                    encoding="utf-8")
    assert load_rubric(path) == RUBRIC
    assert parse_rubric_text(rubric_text(RUBRIC)) == RUBRIC
    for bad, message in (('{"criteria": [{"name": "S"}]}', "levels"),
                         ('{"levels": []}', "a rubric is"), ("{nope", "not valid JSON")):
        path.write_text(bad, encoding="utf-8")
        with pytest.raises(ClassroomError, match=message):
            load_rubric(path)
    with pytest.raises(ClassroomError, match="line 2"):
        parse_rubric_text("Sourcing: Basic, Good\nno levels here")


# ---------------------------------------------------------------------- travelling parts
def test_prompts_rubric_and_answers_travel_to_the_class(rich: Exercise) -> None:
    work = rich.folder / "ann.claimweave"
    start_submission(rich.assignment, "Ann", work)
    with Project.open(work) as p:
        assert [(q.kind, q.text) for q in p.prompts()] == PROMPTS
        assert [(c.name, list(c.levels)) for c in p.criteria()] == RUBRIC
        a = p.add_claim(rich.doc_ids[0], 0, 40, annotator="laptop").id
        b = p.add_claim(rich.doc_ids[1], 0, 40, annotator="laptop").id
        p.link_claims(a, b, "agrees", note="Both give the same date.")
        p.link_claims(a, p.add_claim(rich.doc_ids[1], 100, 140).id, "contradicts")
        assert proposition_of(p, b) == tuple(sorted((a, b), key=[a, b].index))
        answer_in_working_copy(p, "Article 2", 1, "A wire agency, to inform.")
        answered = answer_in_working_copy(p, b, 2, "Yes: both say the spillway opened on "
                                          "Monday.")
        assert answered in {f"the proposition of 2 claims with claim {c[:8]}" for c in (a, b)}
        assert [len(unjustified_links(p))] == [1]
    sub = rich.folder / "ann.cwsubmit"
    hand_in(work, sub)
    handed = read_submission(sub)
    assert {(x.annotator, x.text) for x in handed.parts.answers} == {
        ("Ann", "A wire agency, to inform."),
        ("Ann", "Yes: both say the spillway opened on Monday.")}
    for source in (rich.key, rich.assignment):  # the key recorded the prompts and rubric
        out = rich.folder / f"class-{source.suffix[1:]}.claimweave"
        collect(source, [sub], out)
        with Project.open(out, read_only=True) as c:
            assert [q.text for q in c.prompts()] == [t for _, t in PROMPTS]
            assert [x.name for x in c.criteria()] == ["Sourcing", "Corroboration"]
            assert len(c.answers(annotator="Ann")) == 2
    with Project.open(rich.key, read_only=True) as key:
        [entry] = key_assignments(key).values()
        assert entry["require_justification"] is True


def test_an_answer_changed_after_hand_in_is_refused(rich: Exercise) -> None:
    work = rich.folder / "ann.claimweave"
    start_submission(rich.assignment, "Ann", work)
    with Project.open(work) as p:
        answer_in_working_copy(p, "1", 1, "A reporter.")
    sub = rich.folder / "ann.cwsubmit"
    hand_in(work, sub)
    con = sqlite3.connect(sub)
    con.execute("UPDATE answers SET text = 'Someone else wrote it.'")
    con.commit()
    con.close()
    with pytest.raises(SubmissionRefusedError, match="changed after it was handed in"):
        read_submission(sub)


def test_answers_only_in_a_working_copy(rich: Exercise) -> None:
    with Project.open(rich.assignment) as p, pytest.raises(ClassroomError, match="working copy"):
        answer_in_working_copy(p, "1", 1, "A reporter.")
    work = rich.folder / "ann.claimweave"
    start_submission(rich.assignment, "Ann", work)
    with Project.open(work) as p:
        with pytest.raises(NotFoundError, match="no document 'Article 9'"):
            answer_in_working_copy(p, "Article 9", 1, "x")
        with pytest.raises(ClassroomError, match="empty"):
            answer_in_working_copy(p, "1", 1, " ")
        with pytest.raises(NotFoundError, match="asks about a proposition: give the id"):
            answer_in_working_copy(p, "Article 1", 2, "Yes.")
        assert p.answers() == []


# ---------------------------------------------------------------------- files
def test_assignments_and_submissions_leave_no_side_files(rich: Exercise) -> None:
    sub = rich.submit("Ann", KEY_CLAIMS)
    for path in (rich.assignment, sub):
        assert side_files(path) == [], path
        with Project.open(path, read_only=True) as p:
            assert p.con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
            p.claims()
        assert side_files(path) == [], path  # reading one leaves nothing either
    start_submission(rich.assignment, "Bea", rich.folder / "bea.claimweave")
    collect(rich.key, [sub], rich.folder / "class.claimweave")
    assert side_files(rich.assignment) == [] and side_files(sub) == []


def test_a_proposed_name_does_not_exist(tmp_path: Path) -> None:
    wanted = tmp_path / "key.cwassign"
    assert free_path(wanted) == wanted
    wanted.write_text("")
    (tmp_path / "key (2).cwassign").write_text("")
    assert free_path(wanted) == tmp_path / "key (3).cwassign"


def test_a_refused_assignment_changes_nothing(tmp_path: Path) -> None:
    key = tmp_path / "key.claimweave"
    build_key(key)
    with pytest.raises(ClaimWeaveError):
        make_assignment(key, tmp_path / "a.cwassign", rubric=[("S", ["A", "A"])])
    assert not (tmp_path / "a.cwassign").exists()
    with Project.open(key, read_only=True) as p:
        assert key_assignments(p) == {}


def test_a_submission_from_before_the_classroom_tables_is_collected(exercise: Exercise) -> None:
    """Students who handed in with the previous release: the teacher's newer ClaimWeave
    reads the submission through an upgraded copy and leaves the file as it was."""
    from claimweave.core import database, schema

    since = schema.MIGRATIONS.index(schema._V_CLASSROOM)
    steps = [st for m in schema.MIGRATIONS for st in database._split_sql(m)]
    first = len([st for m in schema.MIGRATIONS[:since] for st in database._split_sql(m)])
    undo: list[str] = []  # the later migrations' statements undone, newest first
    for n in reversed(range(first, len(steps))):
        made = re.match(r"CREATE (?:UNIQUE )?(TABLE|INDEX|TRIGGER) (?:IF NOT EXISTS )?(\w+)",
                        steps[n])
        dropped = re.match(r"DROP INDEX (\w+)", steps[n])
        if made:
            undo.append(f"DROP {made[1]} IF EXISTS {made[2]}")
        elif dropped:  # made again as the migration that created it did
            undo += [st for st in steps[:n] if re.match(rf"CREATE INDEX {dropped[1]}\b", st)]
        elif not steps[n].startswith("INSERT INTO "):  # rows of a table dropped anyway
            pytest.skip("a migration after the classroom tables does more than create "
                        "tables, indexes and triggers: a file from before them cannot be "
                        "made by dropping them")
    sub = exercise.submit("Ann", KEY_CLAIMS)
    con = sqlite3.connect(sub)
    for statement in undo:
        con.execute(statement)
    con.execute(f"PRAGMA user_version = {since}")
    con.commit()
    con.close()
    before = sub.read_bytes()
    collect(exercise.key, [sub], exercise.folder / "class.claimweave")
    assert sub.read_bytes() == before and side_files(sub) == []
    with Project.open(exercise.folder / "class.claimweave", read_only=True) as p:
        assert len(p.claims(annotator="Ann")) == len(KEY_CLAIMS)
