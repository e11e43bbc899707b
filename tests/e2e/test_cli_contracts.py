"""The command lines and JSON shapes scripts rely on, run exactly as the issues state them.

Each test runs the real program (``python -m claimweave``) as a subprocess on project files
built here by the same program: one small project of three short articles for source
criticism (a reprint among them), one small class (a key, an assignment with a rubric,
prompts and required justifications, two students) and one project for the exchange formats
(nested tags, an emoji before a claim, links across documents). The fixtures are built once
per module; a test that changes a project works on a copy. No corpus is needed.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

PASSAGE = ("The memorandum signed in Tehran last week does not bind the two countries to any "
           "specific military commitments and leaves the question of an alliance entirely "
           "open for the time being.")
TEXT_A = ("Sergey Lavrov said the two countries are close partners. " + PASSAGE +
          "\nTrade grew by 12 percent last year, according to the Iranian customs office.\n")
TEXT_B = ("Weekly digest. This week we reprint a passage from an older analysis.\n" + PASSAGE +
          "\nThe digest returns next week.\n")
TEXT_C = "Officials in Moscow denied that the two countries are close partners in any sense.\n"
PARTNERS = "the two countries are close partners"
TRADE = "Trade grew by 12 percent last year"
BIND = "does not bind the two countries to any specific military commitments"
DENIED = "denied that the two countries are close partners"
DATE_A, DATE_B = "2020-01-01", "2021-06-01"
CARD = ("kind", "reliability", "reason", "note", "attributes")
# A module fixture runs some thirty commands, each a new process, inside its first test's
# time: on a loaded two-core machine that can pass the default 120 s.
pytestmark = pytest.mark.timeout(300)


class CLI:
    """``claimweave`` as a script runs it: one process per command."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def __call__(self, *args: object, ok: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([sys.executable, "-m", "claimweave", *map(str, args)],
                              cwd=self.folder, capture_output=True, text=True,
                              encoding="utf-8", timeout=180)
        if ok:
            assert done.returncode == 0, (args, done.stderr)
            assert "Traceback" not in done.stderr, done.stderr
        return done

    def json(self, *args: object) -> Any:
        return json.loads(self(*args, "--json").stdout)

    def new_project(self, name: str, articles: list[tuple[str, str, list[str]]]
                    ) -> tuple[Path, list[str]]:
        """A new project in the folder with each (file stem, text, import flags) imported
        from a .txt file; returns its path and the documents' ids in order."""
        path = self.folder / name
        self("new", path)
        ids = []
        for stem, text, flags in articles:
            (self.folder / f"{stem}.txt").write_text(text, encoding="utf-8")
            [made] = self.json("import", path, self.folder / f"{stem}.txt", *flags)
            ids.append(made["document"]["id"])
        return path, ids

    def refused(self, *args: object) -> str:
        done = self(*args, ok=False)
        assert done.returncode == 1 and done.stderr.startswith("error: "), done.stderr
        assert "Traceback" not in done.stderr
        return done.stderr


def copy_of(path: Path, name: str) -> Path:
    target = path.with_name(name)
    shutil.copy(path, target)
    return target


# --- source criticism (issue: who says it, how reliable, how independent) -----------------

@dataclass
class Sources:
    cli: CLI
    path: Path
    docs: dict[str, str]
    claims: dict[str, dict[str, Any]]


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> Sources:
    folder = tmp_path_factory.mktemp("sources")
    cli = CLI(folder)
    path, ids = cli.new_project("sources.claimweave", [
        ("a", TEXT_A, ["--published", DATE_A, "--author", "Ann Author"]),
        ("b", TEXT_B, ["--published", DATE_B]), ("c", TEXT_C, [])])
    docs = dict(zip("abc", ids, strict=True))
    claims = {
        "partners": cli.json("claim", path, docs["a"], "--quote", PARTNERS,
                             "--claimant", "Sergey Lavrov"),
        "trade": cli.json("claim", path, docs["a"], "--quote", TRADE),
        "bind_a": cli.json("claim", path, docs["a"], "--quote", BIND),
        "bind_b": cli.json("claim", path, docs["b"], "--quote", BIND),
        "denied": cli.json("claim", path, docs["c"], "--quote", DENIED),
    }
    cli("link", path, claims["bind_a"]["id"], claims["bind_b"]["id"], "--relation", "same_claim")
    cli("link", path, claims["partners"]["id"], claims["denied"]["id"], "--relation",
        "contradicts")
    cli("doc", path, docs["a"], "--kind", "news", "--reliability", "4", "--reason",
        "named sources", "--note", "the first report", "--set", "country=Iran")
    cli("doc", path, docs["b"], "--kind", "news", "--set", "country=Iran")
    cli("doc", path, docs["c"], "--kind", "opinion", "--set", "country=Russia")
    return Sources(cli, path, docs, claims)


def _check_claim(claim: dict[str, Any]) -> None:
    assert isinstance(claim["id"], str) and isinstance(claim["document_id"], str)
    assert isinstance(claim["start"], int) and isinstance(claim["end"], int)
    assert claim["claimant"] is None or isinstance(claim["claimant"], str)


def test_claim_with_claimant_prints_the_claimant(sources: Sources) -> None:
    partners = sources.claims["partners"]
    _check_claim(partners)
    assert partners["claimant"] == "Sergey Lavrov" and partners["quote"] == PARTNERS
    assert sources.claims["trade"]["claimant"] is None


def test_claims_json_has_claimant_name_or_null(sources: Sources) -> None:
    claims = sources.cli.json("claims", sources.path)
    for c in claims:
        _check_claim(c)
    by_id = {c["id"]: c["claimant"] for c in claims}
    assert by_id[sources.claims["partners"]["id"]] == "Sergey Lavrov"
    assert [v for k, v in by_id.items() if k != sources.claims["partners"]["id"]] == [None] * 4


def test_claimant_names_then_clears(sources: Sources) -> None:
    path = copy_of(sources.path, "claimant.claimweave")
    cid = sources.claims["denied"]["id"]
    named = sources.cli.json("claimant", path, cid, "Moscow officials")
    assert named["id"] == cid and named["claimant"] == "Moscow officials"
    listed = sources.cli.json("claimants", path)
    assert {"name": "Moscow officials", "claims": 1}.items() <= next(
        k for k in listed if k["name"] == "Moscow officials").items()
    cleared = sources.cli.json("claimant", path, cid, "--clear")
    assert cleared["claimant"] is None
    usage = sources.cli("claimant", path, cid, ok=False)  # neither NAME nor --clear
    assert usage.returncode == 2 and "error:" in usage.stderr


@pytest.mark.model
def test_claimants_suggest_json_is_a_list_of_claim_claimant_evidence(sources: Sources) -> None:
    from claimweave.nlp.pipeline import load_pipeline

    if not load_pipeline().info.has_parser:
        pytest.skip("claimant proposals need an English model with a parser")
    found = sources.cli.json("claimants", sources.path, "--suggest")
    assert isinstance(found, list) and found
    for p in found:
        assert set(p) == {"claim", "claimant", "evidence"}
        assert all(isinstance(v, str) for v in p.values())
    by_claim = {p["claim"]: p for p in found}
    assert sources.claims["partners"]["id"] not in by_claim  # it has one already
    trade = by_claim[sources.claims["trade"]["id"]]
    assert "customs office" in trade["claimant"] and "according to" in trade["evidence"]


def _check_card(doc: dict[str, Any]) -> None:
    for key in CARD:
        assert key in doc, key
    assert doc["kind"] is None or isinstance(doc["kind"], str)
    assert doc["reliability"] is None or type(doc["reliability"]) is int
    assert isinstance(doc["reason"], str) and isinstance(doc["note"], str)
    assert isinstance(doc["attributes"], dict)
    assert all(isinstance(v, str) for v in doc["attributes"].values())


def test_docs_json_has_the_source_card(sources: Sources) -> None:
    docs = {d["id"]: d for d in sources.cli.json("docs", sources.path)}
    for d in docs.values():
        _check_card(d)
    a, b = docs[sources.docs["a"]], docs[sources.docs["b"]]
    assert (a["kind"], a["reliability"], a["reason"], a["note"], a["attributes"]) == (
        "news", 4, "named sources", "the first report", {"country": "Iran"})
    assert (b["reliability"], b["reason"], b["note"]) == (None, "", "")


def test_doc_edits_every_field_as_written(sources: Sources) -> None:
    path = copy_of(sources.path, "doc.claimweave")
    doc = sources.cli.json(
        "doc", path, sources.docs["c"], "--title", "A denial", "--author", "Ivan Writer",
        "--outlet", "Moscow Daily", "--published", "2022-03-04", "--url", "https://example.org/d",
        "--kind", "official statement", "--reliability", "2", "--reason", "no sources named",
        "--note", "read with care", "--set", "leaning=state", "--set", "language=en",
        "--unset", "country")
    _check_card(doc)
    assert (doc["title"], doc["author"], doc["outlet"], doc["published"], doc["url"]) == (
        "A denial", "Ivan Writer", "Moscow Daily", "2022-03-04", "https://example.org/d")
    assert (doc["kind"], doc["reliability"], doc["reason"], doc["note"]) == (
        "official", 2, "no sources named", "read with care")  # the kind's short name
    assert doc["attributes"] == {"leaning": "state", "language": "en"}
    assert sources.cli.json("doc", path, sources.docs["c"]) == doc  # shown, unchanged
    for bad in (["--reliability", "6"], ["--reliability", "high"], ["--kind", "rumour"],
                ["--set", "novalue"], ["--published", "March 2022"]):
        sources.cli.refused("doc", path, sources.docs["c"], *bad)
    assert sources.cli.json("doc", path, sources.docs["c"]) == doc  # refusals changed nothing


def test_provenance_json_names_both_spans_words_and_the_earlier(sources: Sources) -> None:
    found = sources.cli.json("provenance", sources.path)
    assert len(found) == 1
    [p] = found
    assert set(p) == {"a", "b", "words", "earlier"}
    for side in (p["a"], p["b"]):
        assert set(side) == {"document_id", "start", "end"}
        assert type(side["start"]) is int and type(side["end"]) is int
    assert {p["a"]["document_id"], p["b"]["document_id"]} == {sources.docs["a"],
                                                              sources.docs["b"]}
    assert p["earlier"] == sources.docs["a"] and type(p["words"]) is int
    assert p["words"] >= len(PASSAGE.split()) - 1
    for side in (p["a"], p["b"]):
        text = sources.cli("text", sources.path, side["document_id"]).stdout
        assert BIND in text[side["start"]:side["end"]]
    assert sources.cli.json("provenance", sources.path, "--min-words",
                            str(len(PASSAGE.split()) + 5)) == []


INDEPENDENCE = ("sources_supporting", "independent_supporting", "sources_contradicting",
                "independent_contradicting")


def test_compare_json_propositions_count_independent_sources(sources: Sources) -> None:
    matrix = sources.cli.json("compare", sources.path)
    for p in matrix["propositions"]:
        for key in INDEPENDENCE:
            assert type(p[key]) is int, key
        assert isinstance(p["claimants"], list)
        assert all(isinstance(n, str) for n in p["claimants"])
        first = p["first_appearance"]
        assert first is None or set(first) == {"document", "published"}
    props = {frozenset(p["claims"]): p for p in matrix["propositions"]}
    bind = props[frozenset({sources.claims["bind_a"]["id"], sources.claims["bind_b"]["id"]})]
    assert [bind[k] for k in INDEPENDENCE] == [2, 1, 0, 0]  # the reprint is not independent
    assert bind["first_appearance"] == {"document": sources.docs["a"], "published": DATE_A}
    assert bind["claimants"] == ["Ann Author"]  # no claimant: the author's own claim
    [partners] = [p for c, p in props.items() if sources.claims["partners"]["id"] in c]
    assert partners["claimants"] == ["Sergey Lavrov"]
    assert [partners[k] for k in INDEPENDENCE] == [1, 1, 1, 1]
    [denied] = [p for c, p in props.items() if sources.claims["denied"]["id"] in c]
    assert denied["first_appearance"] is None  # its only source has no date


@pytest.mark.parametrize(("by", "groups"), [
    ("kind", {"news": ("a", "b"), "opinion": ("c",)}),
    ("country", {"Iran": ("a", "b"), "Russia": ("c",)}),
])
def test_compare_by_groups_the_sources(sources: Sources, by: str,
                                       groups: dict[str, tuple[str, ...]]) -> None:
    matrix = sources.cli.json("compare", sources.path, "--by", by)
    for s in matrix["sources"]:
        assert set(s) == {"id", "title", "documents"}
        assert isinstance(s["title"], str)
    assert {s["id"]: set(s["documents"]) for s in matrix["sources"]} == {
        g: {sources.docs[d] for d in members} for g, members in groups.items()}
    for p in matrix["propositions"]:
        assert all(type(p[k]) is int for k in INDEPENDENCE)
    ids = {s["id"] for s in matrix["sources"]}
    assert {c["source"] for c in matrix["cells"]} == ids
    assert len(matrix["cells"]) == len(matrix["propositions"]) * len(ids)


def test_update_text_replaces_and_reanchors(sources: Sources) -> None:
    path = copy_of(sources.path, "update.claimweave")
    newer = sources.cli.folder / "b-2.txt"
    newer.write_text("Correction appended.\n" + TEXT_B, encoding="utf-8")
    result = sources.cli.json("update-text", path, sources.docs["b"], newer)
    assert isinstance(result, dict)
    [claim] = sources.cli.json("claims", path, "--doc", sources.docs["b"])
    assert claim["id"] == sources.claims["bind_b"]["id"] and claim["quote"] == BIND
    assert claim["start"] == sources.claims["bind_b"]["start"] + len("Correction appended.\n")
    newest = sources.cli.folder / "b-3.txt"
    newest.write_text(TEXT_B, encoding="utf-8")
    plain = sources.cli("update-text", path, sources.docs["b"], newest)
    assert "text replaced" in plain.stdout


def test_jsonl_carries_claimants_and_cards_and_reads_them_back(sources: Sources) -> None:
    out = sources.cli.folder / "export.jsonl"
    sources.cli("export", sources.path, "--format", "jsonl", "-o", out)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    for r in records:
        _check_card(r)
        for c in r["claims"]:
            assert "claimant" in c
    fresh = sources.cli.folder / "fresh.claimweave"
    sources.cli("new", fresh)
    sources.cli("import-annotations", fresh, out, "--format", "jsonl")
    before = {d["id"]: {k: d[k] for k in CARD} for d in sources.cli.json("docs", sources.path)}
    after = {d["id"]: {k: d[k] for k in CARD} for d in sources.cli.json("docs", fresh)}
    assert after == before
    claimants = {c["id"]: c["claimant"] for c in sources.cli.json("claims", fresh)}
    assert claimants == {c["id"]: c["claimant"]
                         for c in sources.cli.json("claims", sources.path)}


# --- the classroom (issue: prompts, justifications, a rubric, adjudication) ---------------

CLASS_TEXTS = ["Floods closed the river road on Monday. The mayor said the dam held firm. "
               "Repairs will take a month, engineers said.\n",
               "The dam did not hold, residents said. The river road stays closed. "
               "Engineers expect repairs to take a year.\n"]
CLASS_CLAIMS = [(0, "The mayor said the dam held firm"), (0, "Repairs will take a month"),
                (1, "The dam did not hold"), (1, "Engineers expect repairs to take a year")]
CLASS_LINKS = [(0, 2, "contradicts"), (1, 3, "contradicts")]
RUBRIC = {"criteria": [{"name": "Sourcing", "levels": ["Basic", "Emergent", "Proficient"]},
                       {"name": "Corroboration", "levels": ["Basic", "Emergent",
                                                            "Proficient"]}]}
PROMPT, PROP_PROMPT = "Who wrote this, and why?", "Do the documents agree? If not, why?"


@dataclass
class Classroom:
    cli: CLI
    folder: Path
    key: Path
    assignment: Path
    klass: Path
    docs: list[str]
    handed: dict[str, subprocess.CompletedProcess[str]] = field(default_factory=dict)
    bare_link: str = ""


def _mark(cli: CLI, path: Path, docs: list[str], which: list[int]) -> list[str]:
    return [cli.json("claim", path, docs[CLASS_CLAIMS[i][0]], "--quote", CLASS_CLAIMS[i][1],
                     "--annotator", "me")["id"] for i in which]


@pytest.fixture(scope="module")
def classroom(tmp_path_factory: pytest.TempPathFactory) -> Classroom:
    folder = tmp_path_factory.mktemp("classroom")
    cli = CLI(folder)
    key, docs = cli.new_project("key.claimweave", [
        (f"a{n}", text, ["--title", f"Article {n}"]) for n, text in enumerate(CLASS_TEXTS, 1)])
    ids = _mark(cli, key, docs, [0, 1, 2, 3])
    for a, b, relation in CLASS_LINKS:
        cli("link", key, ids[a], ids[b], "--relation", relation, "--annotator", "teacher")
    rubric = folder / "rubric.json"
    rubric.write_text(json.dumps(RUBRIC), encoding="utf-8")
    assignment = folder / "flood.cwassign"
    cli("classroom", "assign", key, "-o", assignment, "--rubric", rubric, "--prompt", PROMPT,
        "--prop-prompt", PROP_PROMPT, "--require-justification")
    room = Classroom(cli, folder, key, assignment, folder / "class.claimweave", docs)
    subs = []
    for student, which, note in (("Ann Lee", [0, 1, 2, 3], True), ("Bob", [0, 2], False)):
        work = folder / f"{student.split()[0]}.claimweave"
        cli("classroom", "start", assignment, "--student", student, "-o", work)
        mine = _mark(cli, work, docs, which)
        for a, b, relation in CLASS_LINKS:
            if a in which and b in which:
                extra = ["--note", "The two articles say opposite things."] if note else []
                link = cli.json("link", work, mine[which.index(a)], mine[which.index(b)],
                                "--relation", relation, *extra)
                if not note:
                    room.bare_link = link["id"]
        cli("classroom", "answer", work, docs[0], "--prompt", "1", "--text",
            f"{student}: a local paper, close to the mayor.")
        cli("classroom", "answer", work, "2", "--prompt", "1", "--text",
            f"{student}: residents quoted, no officials.")
        cli("classroom", "answer", work, mine[0], "--prompt", "2", "--text",
            f"{student}: no, they disagree on the dam.")
        sub = folder / f"{student.split()[0]}.cwsubmit"
        room.handed[student] = cli("classroom", "hand-in", work, "-o", sub)
        subs.append(sub)
    cli("classroom", "collect", key, *subs, "-o", room.klass)
    cli("classroom", "assess", room.klass, "--student", "Ann Lee", "--criterion", "Sourcing",
        "--level", "Proficient", "--comment", "Every article sourced.")
    cli("classroom", "assess", room.klass, "--student", "Bob", "--criterion", "Corroboration",
        "--level", "Basic", "--comment", "Say why they disagree.")
    return room


def test_assign_records_rubric_prompts_and_justification(classroom: Classroom) -> None:
    made = classroom.cli.json("classroom", "assign", classroom.key, "-o",
                              classroom.folder / "again.cwassign", "--rubric",
                              classroom.folder / "rubric.json", "--prompt", PROMPT,
                              "--prompt", "When was it written?", "--prop-prompt", PROP_PROMPT,
                              "--require-justification")
    assert (made["prompts"], made["criteria"], made["require_justification"]) == (3, 2, True)
    started = classroom.cli("classroom", "start", classroom.folder / "again.cwassign",
                            "--student", "Cy", "-o", classroom.folder / "cy.claimweave").stdout
    # numbered in the order given: --prompt, --prompt, --prop-prompt
    assert started.index(PROMPT) < started.index("When was it written?") < started.index(
        PROP_PROMPT)
    cy = classroom.folder / "cy.claimweave"
    classroom.cli("classroom", "answer", cy, classroom.docs[1], "--prompt", "2", "--text", "1999")
    # prompt 3 is the corroboration question: it is answered of a claim, not a document
    classroom.cli.refused("classroom", "answer", cy, classroom.docs[1], "--prompt", "3",
                          "--text", "no")


def test_answer_refuses_a_prompt_that_does_not_exist(classroom: Classroom) -> None:
    work = classroom.folder / "Bob.claimweave"
    for bad in ("0", "3"):
        classroom.cli.refused("classroom", "answer", work, classroom.docs[0], "--prompt", bad,
                              "--text", "x")


def test_hand_in_names_unjustified_links(classroom: Classroom) -> None:
    ann, bob = classroom.handed["Ann Lee"], classroom.handed["Bob"]
    assert "warning" not in ann.stderr
    assert "warning: 1 link has no justification" in bob.stderr
    assert classroom.bare_link[:8] in bob.stderr
    assert (classroom.folder / "Bob.cwsubmit").is_file()  # handed in all the same


def test_assess_refuses_a_level_outside_the_criterion(classroom: Classroom) -> None:
    for bad in (["--student", "Bob", "--criterion", "Sourcing", "--level", "Excellent"],
                ["--student", "Nobody", "--criterion", "Sourcing", "--level", "Basic"],
                ["--student", "Bob", "--criterion", "Style", "--level", "Basic"]):
        classroom.cli.refused("classroom", "assess", classroom.klass, *bad)


def test_agreement_json_has_links_alpha(classroom: Classroom) -> None:
    report = classroom.cli.json("agreement", classroom.klass)
    alpha = report["links"]["alpha"]
    assert alpha is None or isinstance(alpha, float)
    assert "links_nominal" in report["alpha"]
    ann, bob = sorted(report["per_student"], key=lambda r: r["student"])
    assert (ann["links"]["f1"], bob["links_unjustified"]) == (1.0, 1)


def test_grades_csv_has_one_column_per_criterion(classroom: Classroom) -> None:
    out = classroom.folder / "grades.csv"
    classroom.cli("classroom", "grades", classroom.klass, "-o", out)
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert {r["student"]: (r["Sourcing"], r["Corroboration"]) for r in rows} == {
        "Ann Lee": ("Proficient", ""), "Bob": ("", "Basic")}


def test_feedback_pages_hold_levels_comments_and_answers(classroom: Classroom) -> None:
    out = classroom.folder / "feedback"
    classroom.cli("classroom", "feedback", classroom.klass, "-o", out)
    ann = (out / "Ann_Lee.html").read_text(encoding="utf-8")
    bob = (out / "Bob.html").read_text(encoding="utf-8")
    assert "Proficient" in ann and "Every article sourced." in ann
    assert "Ann Lee: a local paper, close to the mayor." in ann
    assert "Ann Lee: no, they disagree on the dam." in ann and "Bob:" not in ann
    assert "Say why they disagree." in bob and "Bob: residents quoted" in bob


def test_adjudicate_keeps_what_enough_students_found(classroom: Classroom) -> None:
    out = classroom.folder / "new-key.claimweave"
    made = classroom.cli.json("classroom", "adjudicate", classroom.klass, "--min-students", "2",
                              "-o", out)
    assert (made["claims"], made["links"]) == (2, 1)  # Bob found claims 1 and 3, one link
    quotes = {c["quote"] for c in classroom.cli.json("claims", out)}
    assert quotes == {CLASS_CLAIMS[0][1], CLASS_CLAIMS[2][1]}
    for bad in ("0", "3"):
        classroom.cli.refused("classroom", "adjudicate", classroom.klass, "--min-students", bad,
                              "-o", classroom.folder / f"bad{bad}.claimweave")
        assert not (classroom.folder / f"bad{bad}.claimweave").exists()


# --- exchange formats (issue: exchange that other tools accept) ---------------------------

EX_TEXTS = ["\U0001f30a Floods closed the river road. The mayor said the dam held firm.\n",
            "The dam did not hold, residents said. The road stays closed.\n"]
CODEBOOK = [("Event", "#1f77b4", None, "what happened"),
            ("Flood", "#aec7e8", "Event", "water where it should not be"),
            ("Stance", "#ff7f0e", None, "")]


@dataclass
class Exchange:
    cli: CLI
    path: Path
    docs: list[str]
    claims: list[dict[str, Any]]


@pytest.fixture(scope="module")
def exchange(tmp_path_factory: pytest.TempPathFactory) -> Exchange:
    folder = tmp_path_factory.mktemp("exchange")
    cli = CLI(folder)
    path, docs = cli.new_project("exchange.claimweave", [
        (f"e{n}", text, []) for n, text in enumerate(EX_TEXTS, 1)])
    for name, color, parent, description in CODEBOOK:
        cli("tag", path, "add", name, "--color", color, "--description", description,
            *(["--parent", parent] if parent else []))
    claims = [cli.json("claim", path, docs[0], "--quote", "Floods closed the river road",
                       "--tag", "Flood", "--note", "=1+1 looks like a formula"),
              cli.json("claim", path, docs[0], "--quote", "the dam held firm", "--tag",
                       "Stance"),
              cli.json("claim", path, docs[1], "--quote", "The dam did not hold", "--tag",
                       "Stance"),
              cli.json("claim", path, docs[1], "--quote", "The road stays closed", "--tag",
                       "Event")]
    cli("link", path, claims[1]["id"], claims[2]["id"], "--relation", "contradicts")
    cli("link", path, claims[2]["id"], claims[3]["id"], "--relation", "related")
    return Exchange(cli, path, docs, claims)


def _tags(cli: CLI, path: Path) -> set[tuple[str, str, str | None, str]]:
    return {(t["name"], t["color"].lower(), t["parent"], t["description"])
            for t in cli.json("tags", path)}


def test_qdc_export_and_import_keep_the_codebook(exchange: Exchange) -> None:
    out = exchange.cli.folder / "codebook.qdc"
    exchange.cli("export", exchange.path, "--format", "qdc", "-o", out)
    root = ET.parse(out).getroot()
    assert root.tag == "{urn:QDA-XML:codebook:1.0}CodeBook"
    fresh = exchange.cli.folder / "codebook.claimweave"
    exchange.cli("new", fresh)
    exchange.cli("import-annotations", fresh, out, "--format", "qdc")
    assert _tags(exchange.cli, fresh) == _tags(exchange.cli, exchange.path) >= {
        (n, c, p, d) for n, c, p, d in CODEBOOK}


def test_qdpx_positions_utf16_count_the_emoji_twice(exchange: Exchange) -> None:
    first = exchange.claims[0]
    starts = {}
    for positions in ("codepoints", "utf16", None):
        out = exchange.cli.folder / f"{positions}.qdpx"
        exchange.cli("export", exchange.path, "--format", "qdpx", "-o", out,
                     *(["--positions", positions] if positions else []))
        with zipfile.ZipFile(out) as z:
            qde = ET.fromstring(z.read("project.qde"))
        found = {s.get("name"): int(s.get("startPosition", "-1"))
                 for s in qde.iter("{urn:QDA-XML:project:1.0}PlainTextSelection")}
        starts[positions] = next(v for k, v in found.items() if k and k.startswith("Floods"))
    # code points by default, as REFI-QDA says; the emoji before the claim counts 2 in UTF-16
    assert starts == {"codepoints": first["start"], "utf16": first["start"] + 1,
                      None: first["start"]}
    # and read back: the unit is detected, named in the report, and every claim in place
    fresh = exchange.cli.folder / "from-nvivo.claimweave"
    exchange.cli("new", fresh)
    [report] = exchange.cli.json("import-annotations", fresh, exchange.cli.folder / "utf16.qdpx",
                                 "--format", "qdpx")
    assert any("UTF-16" in note for note in report["notes"]), report["notes"]
    assert {(c["start"], c["end"], c["quote"]) for c in exchange.cli.json("claims", fresh)} == {
        (c["start"], c["end"], c["quote"]) for c in exchange.claims}
    exchange.cli.refused("export", exchange.path, "--format", "jsonl", "--positions", "utf16",
                         "-o", exchange.cli.folder / "no.jsonl")


def test_csv_excel_writes_a_byte_order_mark(exchange: Exchange) -> None:
    plain, excel = exchange.cli.folder / "csv", exchange.cli.folder / "csv-excel"
    exchange.cli("export", exchange.path, "--format", "csv", "-o", plain)
    exchange.cli("export", exchange.path, "--format", "csv", "--excel", "-o", excel)
    for name in ("documents.csv", "claims.csv", "links.csv"):
        assert (excel / name).read_bytes().startswith(b"\xef\xbb\xbf"), name
        assert not (plain / name).read_bytes().startswith(b"\xef\xbb\xbf"), name
        assert (excel / name).read_bytes()[3:] == (plain / name).read_bytes()


def test_labelstudio_tasks_and_round_trip(exchange: Exchange) -> None:
    out = exchange.cli.folder / "tasks.json"
    exchange.cli("export", exchange.path, "--format", "labelstudio", "-o", out)
    tasks = json.loads(out.read_text(encoding="utf-8"))
    assert [t["data"]["text"] for t in tasks] == EX_TEXTS
    results = [r for t in tasks for a in t["annotations"] for r in a["result"]]
    labels = [r["value"] for r in results if r["type"] == "labels"]
    assert {(v["start"], v["end"], v["text"]) for v in labels} == {
        (c["start"], c["end"], c["quote"]) for c in exchange.claims}
    assert all(isinstance(v["labels"], list) for v in labels)
    across = [k for t in tasks for k in t.get("meta", {}).get("claimweave", {}).get("links", [])]
    assert len(across) == 1  # the link between the two documents lives in the task's meta
    assert len([r for r in results if r["type"] == "relation"]) == 1
    _round_trip(exchange, out, "labelstudio")


def test_doccano_both_shapes_and_round_trip(exchange: Exchange) -> None:
    out = exchange.cli.folder / "doccano.jsonl"
    exchange.cli("export", exchange.path, "--format", "doccano", "-o", out)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["text"] for r in lines] == EX_TEXTS
    for r in lines:
        assert {(s, e) for s, e, _ in r["label"]} == {
            (e["start_offset"], e["end_offset"]) for e in r["entities"]}
        assert all({"id", "from_id", "to_id", "type"} <= set(k) for k in r["relations"])
    assert sum(len(r["relations"]) for r in lines) == 1  # doccano relates within a text only
    _round_trip(exchange, out, "doccano", links=1)


def _round_trip(exchange: Exchange, out: Path, fmt: str, links: int = 2) -> None:
    fresh = exchange.cli.folder / f"{fmt}.claimweave"
    exchange.cli("new", fresh)
    exchange.cli("import-annotations", fresh, out, "--format", fmt)
    spans = {(c["start"], c["end"], c["quote"]) for c in exchange.cli.json("claims", fresh)}
    assert spans == {(c["start"], c["end"], c["quote"]) for c in exchange.claims}
    assert len(exchange.cli.json("links", fresh)) == links


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_formats_hold_the_claim_network(exchange: Exchange, fmt: str) -> None:
    import networkx as nx

    out = exchange.cli.folder / f"network.{fmt}"
    exchange.cli("export", exchange.path, "--format", fmt, "-o", out)
    graph = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    assert set(graph.nodes) == {c["id"] for c in exchange.claims}
    for c in exchange.claims:
        node = graph.nodes[c["id"]]
        assert node["quote"] == c["quote"] and node["document_id"] == c["document_id"]
        assert {"document", "tags", "proposition"} <= set(node)
    edges = {(a, b): d for a, b, d in graph.edges(data=True)}
    contra = edges[(exchange.claims[1]["id"], exchange.claims[2]["id"])]
    assert contra["relation"] == "contradicts" and int(contra["polarity"]) == -1


def test_xlsx_has_three_sheets_and_no_formulas(exchange: Exchange) -> None:
    from openpyxl import load_workbook

    out = exchange.cli.folder / "workbook.xlsx"
    exchange.cli("export", exchange.path, "--format", "xlsx", "-o", out)
    book = load_workbook(out)
    assert {"documents", "claims", "links"} <= set(book.sheetnames)
    rows = list(book["claims"].iter_rows(values_only=True))
    assert len(rows) == 1 + len(exchange.claims)
    cells = [c for row in book["claims"].iter_rows() for c in row]
    formula = [c for c in cells if isinstance(c.value, str) and c.value.startswith("=1+1")]
    assert formula and all(c.data_type == "s" for c in formula)
    assert len(list(book["links"].iter_rows())) == 3


# --- the command list and the docs ---------------------------------------------------------

COMMANDS = ["claimant", "claimants", "doc", "provenance", "compare", "update-text", "claims",
            "docs", "classroom", "agreement", "export", "import-annotations"]
STEPS = ["assign", "answer", "hand-in", "assess", "adjudicate", "start", "collect",
         "feedback", "grades"]
FORMATS = ["qdc", "labelstudio", "doccano", "graphml", "gexf", "xlsx"]


def test_help_lists_every_command_step_and_format(tmp_path: Path) -> None:
    cli = CLI(tmp_path)
    top = cli("--help").stdout
    for name in COMMANDS:
        assert f"\n    {name} " in top or f"\n    {name}\n" in top, name
    summary = " ".join(top.split())
    for fmt in ("qdc", "labelstudio", "doccano"):  # import-annotations names what it reads
        assert fmt in summary, fmt
    steps = cli("classroom", "--help").stdout
    for name in STEPS:
        assert name in steps, name
    for command in ("export", "import-annotations"):
        text = " ".join(cli(command, "--help").stdout.split())
        for fmt in FORMATS if command == "export" else ["qdc", "labelstudio", "doccano"]:
            assert fmt in text, (command, fmt)
    assert "utf16" in cli("export", "--help").stdout and "--excel" in cli(
        "export", "--help").stdout


def test_docs_mention_every_command_and_format() -> None:
    root = Path(__file__).resolve().parents[2]
    docs = " ".join(p.read_text(encoding="utf-8") for p in [root / "README.md",
                                                             *(root / "docs").glob("*.md")])
    for phrase in ["claimweave claimant ", "claimweave claimants", "--suggest",
                   "claimweave doc ", "claimweave provenance", "claimweave compare",
                   "--by", "claimweave update-text", "classroom assign", "classroom answer",
                   "classroom hand-in", "classroom assess", "classroom adjudicate",
                   "--require-justification", "--prop-prompt", "--min-students",
                   "--positions utf16", "--excel", "--format qdc", *FORMATS]:
        assert phrase in docs, phrase
