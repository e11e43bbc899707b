"""A class on the five shared Russia-Iran articles, through the real command line (each step
a subprocess): the teacher's key, an assignment with a rubric, prompts and required
justifications, two students (one complete and justified, one with half the claims and
bare links), hand-in, collect, assess, feedback, grades, agreement and adjudication.

The claims are sentences picked from the stored texts at run time; no corpus text is kept
in the repository. Skipped with a reason when the shared corpus is absent."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

PROMPT = "Who wrote this article, for whom, and is it reliable? Why?"
PROP_PROMPT = "Do the documents agree on this? If not, why not?"
RUBRIC = {"criteria": [{"name": "Sourcing", "levels": ["Basic", "Emergent", "Proficient"]},
                       {"name": "Corroboration", "levels": ["Basic", "Emergent",
                                                            "Proficient"]}]}
STANCE_TAG = {0: "alliance", 1: "no alliance", 2: "alliance", 3: "alliance", 4: "no alliance"}
# Key links between (document, sentence) claims.
KEY_LINKS = [((0, 0), (1, 0), "contradicts"), ((0, 0), (3, 0), "agrees"),
             ((2, 0), (3, 0), "agrees"), ((4, 0), (1, 0), "agrees"),
             ((2, 1), (0, 1), "elaborates")]
SENTENCE = re.compile(r"[A-Z][^.!?\n]{80,260}[.!?]")


class CLI:
    """``claimweave`` as a user runs it: a new process per command."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def __call__(self, *args: object, ok: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([sys.executable, "-m", "claimweave", *map(str, args)],
                              cwd=self.folder, capture_output=True, text=True, timeout=120)
        if ok:
            assert done.returncode == 0, (args, done.stderr)
        return done

    def json(self, *args: object) -> object:
        return json.loads(self(*args, "--json").stdout)


def spans(cli: CLI, project: Path, doc: str) -> list[tuple[int, int]]:
    """The first two long sentences of a document, as code-point spans of its stored text."""
    text = cli("text", project, doc).stdout
    found = [(m.start(), m.end()) for m in SENTENCE.finditer(text)][:2]
    assert len(found) == 2, f"document {doc}: fewer than two long sentences"
    return found


def mark(cli: CLI, project: Path, docs: list[str], places: dict[tuple[int, int], tuple[int, int]],
         which: list[tuple[int, int]], shift: int = 0) -> dict[tuple[int, int], str]:
    ids = {}
    for d, n in which:
        start, end = places[(d, n)]
        made = cli.json("claim", project, docs[d], "--span", start + shift, end,
                        "--tag", STANCE_TAG[d])
        ids[(d, n)] = made["id"]
    return ids


@pytest.fixture
def corpus_class(corpus_dir: Path, tmp_path: Path) -> dict[str, object]:
    cli = CLI(tmp_path)
    key = tmp_path / "key.claimweave"
    cli("new", key)
    manifest = json.loads((corpus_dir / "manifest.json").read_text(encoding="utf-8"))
    docs = []
    for entry in manifest["documents"]:
        [made] = cli.json("import", key, corpus_dir / entry["file"], "--title", entry["title"])
        docs.append(made["document"]["id"])
    assert len(docs) == 5
    places = {(d, n): span for d, doc in enumerate(docs)
              for n, span in enumerate(spans(cli, key, doc))}
    everything = sorted(places)
    key_ids = mark(cli, key, docs, places, everything)
    for a, b, relation in KEY_LINKS:
        cli("link", key, key_ids[a], key_ids[b], "--relation", relation, "--annotator",
            "teacher")
    (tmp_path / "rubric.json").write_text(json.dumps(RUBRIC), encoding="utf-8")
    assignment = tmp_path / "alliance.cwassign"
    made = cli.json("classroom", "assign", key, "-o", assignment, "--title",
                    "An alliance?", "--rubric", tmp_path / "rubric.json", "--prompt", PROMPT,
                    "--prop-prompt", PROP_PROMPT, "--require-justification")
    assert (made["prompts"], made["criteria"], made["require_justification"]) == (2, 2, True)

    # Ann: every claim, every link with its justification, answers to the prompts.
    ann = tmp_path / "ann.claimweave"
    started = cli("classroom", "start", assignment, "--student", "Ann Lee", "-o", ann).stdout
    assert f"1. {PROMPT} (each document)" in started and "Sourcing: Basic < Emergent" in started
    ann_ids = mark(cli, ann, docs, places, everything)
    for a, b, relation in KEY_LINKS:
        cli("link", ann, ann_ids[a], ann_ids[b], "--relation", relation, "--note",
            f"Both passages speak of the {relation} stance on the alliance.")
    for n in range(1, 6):
        cli("classroom", "answer", ann, str(n), "--prompt", "1", "--text",
            f"Article {n}: an analyst's piece; reliable on facts, partisan on motives.")
    cli("classroom", "answer", ann, ann_ids[(0, 0)], "--prompt", "2", "--text",
        "No: article 2 denies the alliance article 1 sees forming.")
    # Bob: the first sentence of each article, three characters late, and bare links.
    bob = tmp_path / "bob.claimweave"
    cli("classroom", "start", assignment, "--student", "Bob", "-o", bob)
    bob_ids = mark(cli, bob, docs, places, [(d, 0) for d in range(5)], shift=3)
    for a, b, relation in KEY_LINKS[:2]:
        cli("link", bob, bob_ids[a], bob_ids[b], "--relation", relation)
    cli("classroom", "answer", bob, "1", "--prompt", "1", "--text", "A website.")

    subs = []
    for work, name in ((ann, "ann"), (bob, "bob")):
        sub = tmp_path / f"{name}.cwsubmit"
        handed = cli("classroom", "hand-in", work, "-o", sub)
        subs.append((sub, handed.stderr))
    klass = tmp_path / "class.claimweave"
    cli("classroom", "collect", key, *(s for s, _ in subs), "-o", klass)
    return {"cli": cli, "key": key, "assignment": assignment, "subs": subs, "class": klass,
            "folder": tmp_path}


def test_a_class_on_the_shared_articles(corpus_class: dict[str, object]) -> None:
    cli: CLI = corpus_class["cli"]  # type: ignore[assignment]
    klass: Path = corpus_class["class"]  # type: ignore[assignment]
    folder: Path = corpus_class["folder"]  # type: ignore[assignment]
    (ann_sub, ann_err), (bob_sub, bob_err) = corpus_class["subs"]  # type: ignore[misc]
    assert "warning" not in ann_err
    assert "warning: 2 links have no justification" in bob_err
    for path in (corpus_class["assignment"], ann_sub, bob_sub):
        assert not list(folder.glob(Path(path).name + "-*")), "side files beside " + str(path)

    cli("classroom", "assess", klass, "--student", "Ann Lee", "--criterion", "Sourcing",
        "--level", "Proficient", "--comment", "Author, outlet and purpose for every article.")
    cli("classroom", "assess", klass, "--student", "Ann Lee", "--criterion", "corroboration",
        "--level", "emergent")
    cli("classroom", "assess", klass, "--student", "bob", "--criterion", "Sourcing",
        "--level", "Basic", "--comment", "Only one article sourced.")
    refused = cli("classroom", "assess", klass, "--student", "Bob", "--criterion", "Sourcing",
                  "--level", "Excellent", ok=False)
    assert refused.returncode == 1 and refused.stderr.startswith("error: ")

    report = cli.json("agreement", klass)
    ann, bob = report["per_student"]  # type: ignore[index]
    assert (ann["student"], ann["claims"]["f1"], ann["links"]["f1"],
            ann["links_unjustified"]) == ("Ann Lee", 1.0, 1.0, 0)
    assert (bob["claims"]["precision"], bob["claims"]["recall"]) == (1.0, 0.5)
    assert (bob["links"]["matched"], bob["links_unjustified"]) == (2, 2)
    assert set(report["links"]) >= {"alpha", "pairs"}  # type: ignore[arg-type]
    assert report["links"]["pairs"] == len(KEY_LINKS)  # type: ignore[index]

    grades = folder / "grades.csv"
    cli("classroom", "grades", klass, "-o", grades)
    rows = list(csv.DictReader(io.StringIO(grades.read_text(encoding="utf-8"))))
    assert [(r["student"], r["Sourcing"], r["Corroboration"]) for r in rows] == [
        ("Ann Lee", "Proficient", "Emergent"), ("Bob", "Basic", "")]

    pages = folder / "feedback"
    cli("classroom", "feedback", klass, "-o", pages)
    ann_page = (pages / "Ann_Lee.html").read_text(encoding="utf-8")
    assert '<span class="level set">Proficient</span>' in ann_page
    assert "Author, outlet and purpose for every article." in ann_page
    assert "No: article 2 denies the alliance" in ann_page and PROMPT in ann_page
    bob_page = (pages / "Bob.html").read_text(encoding="utf-8")
    assert "Only one article sourced." in bob_page and "A website." in bob_page
    assert "Links without a justification" in bob_page and "Ann Lee" not in bob_page

    new_key = folder / "new-key.claimweave"
    made = cli.json("classroom", "adjudicate", klass, "--min-students", "2", "-o", new_key)
    assert (made["claims"], made["links"]) == (5, 2)  # type: ignore[index]
    claims = cli.json("claims", new_key)
    assert {c["annotator"] for c in claims} == {"adjudicated"}  # type: ignore[union-attr]
    # the class adjudicated key can be the key of the next assignment
    cli("classroom", "assign", new_key, "-o", folder / "next.cwassign")
