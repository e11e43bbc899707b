"""Feedback pages, the grade sheet and the command line, end to end."""

from __future__ import annotations

import csv
import json
import sqlite3
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from claimweave.cli import main

from .conftest import KEY_CLAIMS, KEY_LINKS, Exercise

XHTML = "{http://www.w3.org/1999/xhtml}"


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def class_project(exercise: Exercise, capsys: pytest.CaptureFixture[str]) -> Path:
    a = exercise.submit("ann", KEY_CLAIMS, KEY_LINKS)
    b = exercise.submit('<b>"Bo" & co</b>', KEY_CLAIMS[:3], [(0, 1, "agrees")])
    c = exercise.submit("=HYPERLINK(\"x\")", KEY_CLAIMS[::2])
    out = exercise.folder / "class.claimweave"
    code, stdout, _ = run(capsys, "classroom", "collect", exercise.key, a, b, c, "-o", out,
                          "--json")
    assert code == 0 and json.loads(stdout)["students"][0] == "ann"
    return out


def test_command_line_workflow(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from .conftest import build_key

    key, assignment = tmp_path / "key.claimweave", tmp_path / "ex.cwassign"
    docs = build_key(key)
    (tmp_path / "instructions.txt").write_text("Find the claims.", encoding="utf-8")
    code, out, _ = run(capsys, "classroom", "assign", key, "-o", assignment, "--instructions",
                       tmp_path / "instructions.txt", "--title", "Floods", "--key", "teacher",
                       "--json")
    assert code == 0 and json.loads(out)["key_claims"] == len(KEY_CLAIMS)
    work, sub = tmp_path / "ann.claimweave", tmp_path / "ann.cwsubmit"
    assert run(capsys, "classroom", "start", assignment, "--student", "ann", "-o", work)[0] == 0
    assert run(capsys, "claim", work, docs[0], "--span", "0", "40")[0] == 0
    assert run(capsys, "classroom", "hand-in", work, "-o", sub)[0] == 0
    out_class = tmp_path / "class.claimweave"
    assert run(capsys, "classroom", "collect", key, sub, "-o", out_class)[0] == 0
    code, out, _ = run(capsys, "agreement", out_class, "--json")
    data = json.loads(out)
    assert code == 0 and data["key"] == "key"
    assert data["per_student"][0]["claims"] == {"matched": 1, "student": 1,
                                                "key": len(KEY_CLAIMS), "precision": 1.0,
                                                "recall": round(1 / len(KEY_CLAIMS), 4),
                                                "f1": round(2 / (1 + len(KEY_CLAIMS)), 4)}
    code, out, _ = run(capsys, "agreement", out_class)
    assert code == 0 and "ann" in out


def test_command_line_refusal_names_the_file(exercise: Exercise,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    path = exercise.submit("ann", KEY_CLAIMS)
    con = sqlite3.connect(path)
    con.execute('UPDATE claims SET "end" = "end" + 3')
    con.commit()
    con.close()
    code, _, err = run(capsys, "classroom", "collect", exercise.assignment, path, "-o",
                       exercise.folder / "class.claimweave")
    assert code == 1
    assert err.startswith(f"error: {path}: was changed after it was handed in")


def test_agreement_with_an_unknown_key(class_project: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "agreement", class_project, "--key", "nobody")
    assert code == 1 and "'nobody'" in err


def test_feedback_pages_are_escaped_and_self_contained(
        class_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "feedback"
    code, _, _ = run(capsys, "classroom", "feedback", class_project, "-o", folder)
    assert code == 0
    pages = sorted(p.name for p in folder.iterdir())
    assert pages == ["HYPERLINK_x.html", "ann.html", "b_Bo_co_b.html", "index.html"]
    for page in folder.iterdir():
        text = page.read_text(encoding="utf-8")
        root = ET.fromstring(text.split("\n", 1)[1])  # well-formed XHTML after the doctype
        assert root.find(f".//{XHTML}script") is None
        assert "<b>" not in text and "http" not in text.replace(
            "http://www.w3.org/1999/xhtml", "")
    bo = (folder / "b_Bo_co_b.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;&quot;Bo&quot; &amp; co&lt;/b&gt;" in bo
    assert "Claims you missed" in bo and "ann" not in bo  # only the student's own work
    ann = (folder / "ann.html").read_text(encoding="utf-8")
    assert ann.count("<tr>") > len(KEY_CLAIMS)


def test_grades_csv_is_formula_safe(class_project: Path, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "grades.csv"
    assert run(capsys, "classroom", "grades", class_project, "-o", path)[0] == 0
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    names = [r["student"] for r in rows]
    assert names == ["ann", '<b>"Bo" & co</b>', "'=HYPERLINK(\"x\")"]
    assert rows[0]["claims_f1"] == "1.0" and rows[0]["links_f1"] == "1.0"
    assert rows[2]["claims_recall"] == "0.5"
    assert rows[2]["links_precision"] == ""  # no links made: undefined, left empty
