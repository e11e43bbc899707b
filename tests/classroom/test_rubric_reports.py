"""The rubric on the command line and in the reports: assess, feedback pages with levels,
comments and answers, the grade sheet with a column per criterion; hand-in's warning."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from claimweave.classroom.prompts import answer_in_working_copy
from claimweave.classroom.submission import hand_in, start_submission
from claimweave.cli import main
from claimweave.core.store import Project

from .conftest import KEY_CLAIMS, Exercise


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def work_of(ex: Exercise, student: str, links: list[tuple[int, int, str, str]]) -> Path:
    work = ex.folder / f"{student}.claimweave"
    start_submission(ex.assignment, student, work)
    with Project.open(work) as p:
        ids = [p.add_claim(ex.doc_ids[d], s, e, tags=list(t)).id for d, s, e, t in KEY_CLAIMS]
        for a, b, rel, note in links:
            p.link_claims(ids[a], ids[b], rel, note=note)
        answer_in_working_copy(p, "Article 1", 1, f"{student}: a reporter <b>on site</b>")
    return work


def test_hand_in_names_the_unjustified_links(rich: Exercise,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    work = work_of(rich, "Bea", [(0, 3, "contradicts", ""), (1, 4, "elaborates", "Adds why.")])
    code, out, err = run(capsys, "classroom", "hand-in", work, "-o", rich.folder / "b.cwsubmit")
    assert code == 0 and out.startswith("wrote") and (rich.folder / "b.cwsubmit").is_file()
    assert "warning: 1 link has no justification" in err
    assert "contradicts" in err and "elaborates" not in err


def test_assess_feedback_and_grades(rich: Exercise,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    subs = []
    for name, note in (("Ann", "Same figure."), ("Bea", "")):
        work = work_of(rich, name, [(0, 3, "contradicts", note)])
        subs.append(rich.folder / f"{name}.cwsubmit")
        hand_in(work, subs[-1])
    klass = rich.folder / "class.claimweave"
    assert run(capsys, "classroom", "collect", rich.key, *subs, "-o", klass)[0] == 0
    code, out, _ = run(capsys, "classroom", "assess", klass, "--student", "ann",
                       "--criterion", "sourcing", "--level", "proficient", "--comment",
                       "Dates & <authors> named.")
    assert code == 0 and out.strip() == "Ann: Sourcing = Proficient"
    code, _, err = run(capsys, "classroom", "assess", klass, "--student", "Zoe",
                       "--criterion", "Sourcing", "--level", "Basic")
    assert code == 1 and err.startswith("error: no student 'Zoe'")
    code, _, err = run(capsys, "classroom", "assess", rich.key, "--student", "Ann",
                       "--criterion", "Sourcing", "--level", "Basic")
    assert code == 1 and "not a class project" in err

    grades = rich.folder / "grades.csv"
    assert run(capsys, "classroom", "grades", klass, "-o", grades)[0] == 0
    rows = list(csv.DictReader(io.StringIO(grades.read_text(encoding="utf-8"), newline="")))
    assert [(r["student"], r["Sourcing"], r["Corroboration"], r["links_unjustified"])
            for r in rows] == [("Ann", "Proficient", "", "0"), ("Bea", "", "", "1")]

    folder = rich.folder / "feedback"
    assert run(capsys, "classroom", "feedback", klass, "-o", folder)[0] == 0
    page = (folder / "Ann.html").read_text(encoding="utf-8")
    for name in ("Ann.html", "Bea.html", "index.html"):  # still well-formed XHTML
        ET.fromstring((folder / name).read_text(encoding="utf-8"))
    assert '<span class="level set">Proficient</span>' in page
    assert "Dates &amp; &lt;authors&gt; named." in page
    assert "Ann: a reporter &lt;b&gt;on site&lt;/b&gt;" in page
    assert "Who wrote this, and why?" in page and "Bea: a reporter" not in page
    assert "you justified every link" in page
    bea = (folder / "Bea.html").read_text(encoding="utf-8")
    assert "Links without a justification" in bea and "contradicts" in bea

    code, out, _ = run(capsys, "agreement", klass)
    assert code == 0 and "agreement with key" in out.splitlines()[0]
    assert "Link agreement among students: – (undefined)" in out
    assert "Links without justification: 1" in out
    code, out, _ = run(capsys, "agreement", klass, "--json")
    data = json.loads(out)
    assert [s["links_unjustified"] for s in data["per_student"]] == [0, 1]
    # every value the same: perfect agreement, but alpha is undefined (no expected disagreement)
    assert data["links"] == {"alpha": None, "pairs": 1, "pairs_coded_by_two_or_more": 1,
                             "pairs_unanimous": 1}
