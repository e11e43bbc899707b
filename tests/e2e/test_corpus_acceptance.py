"""Acceptance of the real ``claimweave`` program on the five shared Russia-Iran articles.

Every step runs the installed program as a subprocess (``python -m claimweave``, as
test_gui_subprocess.py does): a project is made from the five articles with the manifest's
metadata, eleven claims are marked from exact quotes, tagged with a small codebook and
linked across the articles (agrees / contradicts on the alliance question). The tests then
check the listings, every export format, the round trip of every importable format into an
empty project, link suggestions, the comparison, the HTML report, the integrity check, a
merge into a copy and a screenshot of the desktop window.

The project is built once per module (``_state``); ``built`` reuses the ``corpus_dir``
fixture so the module skips with its reason when ../shared is absent. Only the short quotes
below come from the articles.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from claimweave.nlp.learning import MIN_LINKS

pytestmark = pytest.mark.corpus

XHTML = "{http://www.w3.org/1999/xhtml}"

F0, F1, F2, F3, F4 = ("000_cc90ed2d5553dd6f.txt", "001_cbb0d32f7926f50c.txt",
                      "002_568fe9c8aab91160.txt", "003_1a2f5dbdd4895de7.txt",
                      "004_7e0a52477b7e2d2d.txt")

# The codebook: name -> (colour, parent, description).
CODEBOOK = {
    "Alliance": ("#d9534f", None, "whether Russia and Iran are or become allies"),
    "Cooperation": ("#5cb85c", None, "military, security or political cooperation"),
    "Military": ("#2e7d32", "Cooperation", "arms, exercises, operations"),
    "Limits": ("#f0ad4e", None, "limits of the relationship"),
}


@dataclass(frozen=True)
class Spec:
    file: str
    quote: str
    tags: tuple[str, ...]
    annotator: str = "ana"
    occurrence: int | None = None
    note: str = ""


# Eleven claims, quoted exactly as the articles print them (curly quotes included).
CLAIMS: dict[str, Spec] = {
    "first_step": Spec(F0, "This could be the first step on the path to form a bilateral "
                           "military alliance", ("Alliance",),
                       note="hedged: \u201ccould\u201d\ta first step only\nnot yet an alliance"),
    "not_bound": Spec(F0, "the memorandum does not bind the two countries to any specific "
                          "military commitments (as in an alliance)", ("Limits",), "ben"),
    "precluded": Spec(F1, "the Russian-Iranian relationship lacks a strategic dimension, thus "
                          "effectively precluding an alliance", ("Alliance", "Limits")),
    "limited_ties": Spec(F1, "ties have so far been limited to economic exchanges, the arms "
                             "trade and, at the highest level, cooperation in the sphere of "
                             "nuclear technology", ("Limits", "Cooperation"), "ben"),
    "beyond_transactions": Spec(F2, "Russian-Iranian defense ties have moved beyond mere "
                                    "transactions to active partnerships in regional conflicts",
                                ("Military",)),
    "valuable_ally": Spec(F2, "make it a valuable ally for Russia", ("Alliance",), "ben"),
    # occurs twice in the article; the second is in the conclusion
    "crucial": Spec(F2, "this alliance is crucial", ("Alliance",), occurrence=2),
    "few_alliances": Spec(F3, "Few alliances are scrutinized as closely as that between Iran "
                              "and Russia.", ("Alliance",), "ben"),
    "indispensable": Spec(F3, "Russia sees Iran as an indispensable ally in challenging "
                              "Western hegemony", ("Alliance",)),
    "not_willing": Spec(F4, "the Russian government is not willing to enter into such an "
                            "alliance with Iran", ("Alliance", "Limits")),
    "not_strategic": Spec(F4, "security cooperation between Russia and Iran in the Syrian "
                              "crisis is very important, but should not be considered as a "
                              "\u201cstrategic alliance\u201d", ("Cooperation", "Limits"), "ben"),
}

# (source, target, relation, note); every link joins two different articles.
LINKS: list[tuple[str, str, str, str]] = [
    ("indispensable", "valuable_ally", "agrees", ""),
    ("precluded", "not_willing", "agrees", "both deny an alliance"),
    ("not_bound", "not_strategic", "agrees", ""),
    ("few_alliances", "crucial", "agrees", ""),
    ("first_step", "precluded", "contradicts", ""),
    ("few_alliances", "not_willing", "contradicts", ""),
    ("beyond_transactions", "limited_ties", "contradicts", "transactions vs. strategy"),
    ("crucial", "not_strategic", "contradicts", ""),
]

IMPORTABLE = ("jsonl", "webanno", "brat", "qdpx")
OUTPUTS = {"jsonl": "corpus.jsonl", "pairs": "pairs.jsonl", "csv": "csv",
           "webanno": "corpus.jsonld", "brat": "brat", "docbin": "corpus.spacy",
           "qdpx": "corpus.qdpx"}


# --------------------------------------------------------------------------- running


@dataclass
class Runner:
    """Runs ``python -m claimweave`` with its own config folders, in a scratch folder."""

    home: Path

    def env(self) -> dict[str, str]:
        return {**os.environ, "QT_QPA_PLATFORM": "offscreen",
                "XDG_CONFIG_HOME": str(self.home / "config"),
                "XDG_DATA_HOME": str(self.home / "data")}

    def argv(self, args: Sequence[str | Path]) -> list[str]:
        return [sys.executable, "-m", "claimweave", *map(str, args)]

    def __call__(self, *args: str | Path, status: int = 0,
                 timeout: float = 120) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(self.argv(args), env=self.env(), capture_output=True,
                                text=True, encoding="utf-8", timeout=timeout, cwd=self.home)
        assert result.returncode == status, _explain(args, result)
        if status == 0:
            assert "Traceback" not in result.stderr, _explain(args, result)
        return result

    def json(self, *args: str | Path) -> Any:
        return json.loads(self(*args, "--json").stdout)

    def many(self, *commands: Sequence[str | Path], as_json: bool = True,
             timeout: float = 120) -> list[Any]:
        """Commands that touch different files (or only read) run side by side.

        Each must exit 0; returns their JSON answers (``--json`` is added), or their
        standard output when not *as_json*.
        """
        argvs = [[*cmd, "--json"] if as_json else list(cmd) for cmd in commands]
        procs = [(cmd, subprocess.Popen(self.argv(cmd), env=self.env(), cwd=self.home,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        text=True, encoding="utf-8"))
                 for cmd in argvs]
        out = []
        for cmd, proc in procs:
            stdout, stderr = proc.communicate(timeout=timeout)
            result = subprocess.CompletedProcess(cmd, proc.returncode, stdout, stderr)
            assert proc.returncode == 0 and "Traceback" not in stderr, _explain(cmd, result)
            out.append(json.loads(stdout) if as_json else stdout)
        return out


def _explain(args: Sequence[str | Path], result: subprocess.CompletedProcess[str]) -> str:
    return (f"claimweave {' '.join(map(str, args))} -> exit {result.returncode}\n"
            f"stdout: {result.stdout[-2000:]}\nstderr: {result.stderr[-2000:]}")


def _backup(run: Runner, path: Path, folder: Path) -> Path:
    """A complete copy of the project (SQLite's backup API), as ``claimweave backup`` makes."""
    copy = Path(run.json("backup", path, "--folder", folder, "--keep", "1")["backup"])
    assert copy.is_file() and copy.parent == folder
    return copy


@dataclass
class Built:
    run: Runner
    corpus: Path
    path: Path  # the project, with claims and links
    before_links: Path  # a backup taken after the claims, before any link
    manifest: dict[str, dict[str, Any]]  # file -> manifest entry
    docs: dict[str, str] = field(default_factory=dict)  # file -> document id
    sha: dict[str, str] = field(default_factory=dict)  # file -> text_sha256
    texts: dict[str, str] = field(default_factory=dict)  # document id -> stored text
    claims: dict[str, dict[str, Any]] = field(default_factory=dict)  # key -> claim --json
    links: dict[int, dict[str, Any]] = field(default_factory=dict)  # LINKS index -> link
    exports: dict[str, Path] = field(default_factory=dict)

    def key_of(self, claim_id: str) -> str:
        return next(k for k, c in self.claims.items() if c["id"] == claim_id)


def _build(corpus: Path, home: Path) -> Built:
    run = Runner(home)
    path = home / "russia-iran.claimweave"
    run("new", path, "--title", "Russia and Iran")
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    entries = {d["file"]: d for d in manifest["documents"]}
    built = Built(run, corpus, path, path, entries)

    # 1. the five articles with the manifest's metadata (one import per file: the metadata
    # options apply to every file of one import)
    for name, entry in entries.items():
        meta = [opt for key in ("title", "author", "outlet") if entry.get(key)
                for opt in (f"--{key}", entry[key])]
        (result,) = run.json("import", path, corpus / name, *meta)
        assert result["status"] == "imported" and not result["error"], result
        built.docs[name] = result["document"]["id"]
        built.sha[name] = result["document"]["text_sha256"]
    texts = run.many(*(["text", path, doc_id] for doc_id in built.docs.values()),
                     as_json=False)
    built.texts = dict(zip(built.docs.values(), texts, strict=True))

    # 2. the codebook, then the claims from exact quotes
    for name, (colour, parent, description) in CODEBOOK.items():
        extra = ["--parent", parent] if parent else []
        run.json("tag", path, "add", name, "--color", colour, "--description", description,
                 *extra)
    for key, spec in CLAIMS.items():
        args: list[str | Path] = ["claim", path, built.docs[spec.file][:8], "--quote",
                                  spec.quote, "--annotator", spec.annotator]
        for tag in spec.tags:
            args += ["--tag", tag]
        if spec.note:
            args += ["--note", spec.note]
        if spec.occurrence:
            args += ["--occurrence", str(spec.occurrence)]
        built.claims[key] = run.json(*args)
    built.before_links = _backup(run, path, home / "before-links")

    for i, (a, b, relation, note) in enumerate(LINKS):
        args = ["link", path, built.claims[a]["id"], built.claims[b]["id"], "--relation",
                relation, "--annotator", "ana"]
        built.links[i] = run.json(*args, *(["--note", note] if note else []))

    # 4. every export format, side by side (export does not make missing folders)
    (home / "exports").mkdir()
    built.exports = {fmt: home / "exports" / name for fmt, name in OUTPUTS.items()}
    summaries = run.many(*(["export", path, "--format", fmt, "-o", out]
                           for fmt, out in built.exports.items()))
    for fmt, summary in zip(built.exports, summaries, strict=True):
        assert summary["path"] == str(built.exports[fmt]), (fmt, summary)
        assert summary["documents"] == 5 and summary["claims"] == len(CLAIMS), (fmt, summary)
        assert summary["links"] == len(LINKS), (fmt, summary)
        assert built.exports[fmt].exists(), fmt
    return built


@pytest.fixture(scope="module")
def _state() -> dict[str, Any]:
    """The project built once for the whole module (filled by ``built``)."""
    return {}


@pytest.fixture
def built(corpus_dir: Path, _state: dict[str, Any],
          tmp_path_factory: pytest.TempPathFactory) -> Built:
    if "error" in _state:
        pytest.fail(f"building the project failed earlier: {_state['error']}")
    if "built" not in _state:
        try:
            _state["built"] = _build(corpus_dir, tmp_path_factory.mktemp("corpus-e2e"))
        except BaseException as exc:
            _state["error"] = f"{type(exc).__name__}: {str(exc)[:300]}"
            raise
    return _state["built"]


# --------------------------------------------------------------------------- state of a project


def _texts(path: Path) -> dict[str, str]:
    """document id -> text, read straight from the file (docs/file-format.md), read-only."""
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as db:
        return dict(db.execute("SELECT id, text FROM documents"))


def _state_of(run: Runner, path: Path) -> dict[str, Any]:
    """Documents, claims, tags and links of a project, keyed so ids do not matter.

    Claims are keyed by (document hash, start, end); links by their endpoints' keys.
    """
    docs, claims, links, tags, check = run.many(
        ["docs", path], ["claims", path], ["links", path], ["tags", path], ["check", path])
    assert check["ok"] is True and check["problems"] == [], check
    texts = _texts(path)
    assert set(texts) == {d["id"] for d in docs}
    sha = {doc_id: hashlib.sha256(t.encode("utf-8")).hexdigest() for doc_id, t in texts.items()}
    by_id = {}
    claim_rows = {}
    for c in claims:
        key = (sha[c["document_id"]], c["start"], c["end"])
        assert texts[c["document_id"]][c["start"]:c["end"]] == c["quote"], c
        assert key not in claim_rows, f"two claims on one span: {c}"
        claim_rows[key] = (c["quote"], tuple(sorted(c["tags"])), c["annotator"], c["note"])
        by_id[c["id"]] = key
    link_rows = sorted((by_id[lk["source"]], by_id[lk["target"]], lk["relation"], lk["note"])
                       for lk in links)
    return {
        "documents": {sha[d["id"]]: {k: d[k] for k in ("title", "author", "outlet")}
                      for d in docs},
        "claims": claim_rows,
        "links": link_rows,
        "tags": {t["name"]: (t["color"], t["parent"], t["description"], t["claims"])
                 for t in tags},
    }


def _expected_state(built: Built) -> dict[str, Any]:
    sha_of_doc = {built.docs[f]: built.sha[f] for f in built.docs}
    span = {k: (sha_of_doc[c["document_id"]], c["start"], c["end"])
            for k, c in built.claims.items()}
    uses = {name: sum(name in s.tags for s in CLAIMS.values()) for name in CODEBOOK}
    return {
        "documents": {built.sha[f]: {"title": e["title"], "author": e["author"],
                                     "outlet": e["outlet"]}
                      for f, e in built.manifest.items()},
        "claims": {span[k]: (s.quote, tuple(sorted(s.tags)), s.annotator, s.note)
                   for k, s in CLAIMS.items()},
        "links": sorted((span[a], span[b], rel, note) for a, b, rel, note in LINKS),
        "tags": {name: (colour, parent, description, uses[name])
                 for name, (colour, parent, description) in CODEBOOK.items()},
    }


# --------------------------------------------------------------------------- 1-3: the project


def test_documents_keep_the_manifest_metadata_and_every_character(built: Built) -> None:
    docs = built.run.json("docs", built.path)
    assert [d["id"] for d in docs] == list(built.docs.values())
    for doc, (name, entry) in zip(docs, built.manifest.items(), strict=True):
        assert (doc["title"], doc["author"], doc["outlet"]) == (
            entry["title"], entry["author"], entry["outlet"]), name
        raw = (built.corpus / name).read_bytes().decode("utf-8").replace("\r\n", "\n")
        assert built.texts[doc["id"]] == raw, name
        assert doc["chars"] == len(raw)
        assert built.sha[name] == hashlib.sha256(raw.encode("utf-8")).hexdigest()
    again = built.run.json("import", built.path, built.corpus / F0)
    assert again[0]["status"] == "duplicate", again  # reported, not duplicated
    assert again[0]["document"]["id"] == built.docs[F0]
    assert len(built.run.json("docs", built.path)) == 5


def test_claims_and_links_list_exactly_what_was_made(built: Built) -> None:
    claims, links, tags = built.run.many(["claims", built.path], ["links", built.path],
                                         ["tags", built.path])
    assert sorted(claims, key=lambda c: c["id"]) == sorted(built.claims.values(),
                                                           key=lambda c: c["id"])
    for key, spec in CLAIMS.items():
        claim = built.claims[key]
        text = built.texts[claim["document_id"]]
        assert claim["document_id"] == built.docs[spec.file]
        assert text[claim["start"]:claim["end"]] == claim["quote"] == spec.quote, key
        assert claim["tags"] == [t for t in CODEBOOK if t in spec.tags], key  # codebook order
        assert (claim["annotator"], claim["note"]) == (spec.annotator, spec.note), key
        first = text.find(spec.quote)
        occurrence = spec.occurrence or 1
        expected = first if occurrence == 1 else text.find(spec.quote, first + 1)
        assert claim["start"] == expected, key
    assert links == list(built.links.values())
    made = [(built.key_of(lk["source"]), built.key_of(lk["target"]), lk["relation"], lk["note"])
            for lk in links]
    assert made == LINKS
    for a, b, _, _ in LINKS:
        assert built.claims[a]["document_id"] != built.claims[b]["document_id"]
    relations = [r for _, _, r, _ in LINKS]
    assert relations.count("agrees") >= 3 and relations.count("contradicts") >= 3
    assert {t["name"]: t["parent"] for t in tags} == {n: c[1] for n, c in CODEBOOK.items()}
    # a tag filter takes nested tags too: Cooperation includes Military
    cooperation = built.run.json("claims", built.path, "--tag", "Cooperation")
    assert {built.key_of(c["id"]) for c in cooperation} == {
        k for k, s in CLAIMS.items() if {"Cooperation", "Military"} & set(s.tags)}


def test_ambiguous_quote_needs_an_occurrence(built: Built) -> None:
    spec = CLAIMS["crucial"]
    result = built.run("claim", built.path, built.docs[spec.file], "--quote", spec.quote,
                       status=1)
    assert result.stderr.startswith("error:") and "2 times" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    result = built.run("claim", built.path, built.docs[spec.file], "--quote",
                       "an alliance that no article states", status=1)
    assert result.stderr.startswith("error:") and "Traceback" not in result.stderr
    assert len(built.run.json("claims", built.path)) == len(CLAIMS)


# --------------------------------------------------------------------------- 4: datasets


def test_built_project_state_is_what_was_made(built: Built) -> None:
    assert _state_of(built.run, built.path) == _expected_state(built)


@pytest.mark.parametrize("fmt", IMPORTABLE)
def test_export_then_import_into_an_empty_project_is_exact(built: Built, fmt: str) -> None:
    target = built.run.home / f"roundtrip-{fmt}.claimweave"
    built.run("new", target, "--title", f"round trip {fmt}")
    (report,) = built.run.json("import-annotations", target, built.exports[fmt],
                               "--format", fmt)
    assert report["conflicts"] == [], report
    assert report["added"]["documents"] == 5 and report["added"]["claims"] == len(CLAIMS)
    assert report["added"]["links"] == len(LINKS), report
    got = _state_of(built.run, target)
    want = _expected_state(built)
    if fmt == "qdpx":  # documented: a REFI-QDA source carries its name (title) only
        for meta in want["documents"].values():
            meta["author"] = meta["outlet"] = None
    if fmt in ("jsonl", "brat"):  # documented: tag colours, nesting, descriptions not carried
        got["tags"] = {n: v[3] for n, v in got["tags"].items()}
        want["tags"] = {n: v[3] for n, v in want["tags"].items()}
    assert got["documents"] == want["documents"]
    assert got["claims"] == want["claims"]
    assert got["links"] == want["links"]
    assert got["tags"] == want["tags"]
    # importing the same file again changes nothing
    (again,) = built.run.json("import-annotations", target, built.exports[fmt], "--format", fmt)
    assert not any(again["added"].values()) and again["conflicts"] == [], again


def test_exports_that_cannot_be_imported_carry_the_annotations(built: Built) -> None:
    import csv

    ids = {c["id"]: k for k, c in built.claims.items()}
    # pairs: one line per link, in the direction made
    lines = built.exports["pairs"].read_text(encoding="utf-8").splitlines()
    pairs = [json.loads(line) for line in lines]
    got = sorted((ids[p["a"]["id"]], ids[p["b"]["id"]], p["relation"], p["polarity"],
                  p["claim_a"], p["same_document"]) for p in pairs)
    polarity = {"agrees": 1, "contradicts": -1}
    assert got == sorted((a, b, rel, polarity[rel], CLAIMS[a].quote, False)
                         for a, b, rel, _ in LINKS)
    for p in pairs:
        for side in ("a", "b"):
            claim = built.claims[ids[p[side]["id"]]]
            assert (p[side]["start"], p[side]["end"]) == (claim["start"], claim["end"])
            assert p[f"source_{side}"]["title"] == built.manifest[
                CLAIMS[ids[p[side]["id"]]].file]["title"]
    # csv: claims.csv has every claim with its exact offsets and quote
    with (built.exports["csv"] / "claims.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["id"]: (r["document_id"], int(r["start"]), int(r["end"]), r["quote"])
            for r in rows} == {c["id"]: (c["document_id"], c["start"], c["end"], c["quote"])
                               for c in built.claims.values()}
    with (built.exports["csv"] / "links.csv").open(encoding="utf-8", newline="") as fh:
        assert len(list(csv.DictReader(fh))) == len(LINKS)
    # docbin: the exact code-point rows and one span per claim
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    docs = list(DocBin().from_disk(built.exports["docbin"]).get_docs(spacy.blank("en").vocab))
    assert [d.text for d in docs] == [built.texts[i] for i in built.docs.values()]
    rows = {row[0]: (d.user_data["claimweave"]["document"]["id"], row[1], row[2])
            for d in docs for row in d.user_data["claimweave"]["claims"]}
    assert rows == {c["id"]: (c["document_id"], c["start"], c["end"])
                    for c in built.claims.values()}
    spans = {s.id_: s for d in docs for s in d.spans["claims"]}
    for claim in built.claims.values():
        span = spans[claim["id"]]
        assert span.start_char <= claim["start"] and claim["end"] <= span.end_char
        assert span.label_ == claim["tags"][0]


# --------------------------------------------------------------------------- 5: suggestions

SUGGEST_FIELDS = {"document_id", "claim_id", "start", "end", "quote", "score", "stance_hint",
                  "cues"}
# Each query's partner (linked later: suggestions leave out claims already linked to the
# query, so these are asked on the backup taken before linking) came first when measured.
SUGGEST_QUERIES = {"precluded": "not_willing", "indispensable": "valuable_ally",
                   "crucial": "not_strategic"}


def _check_suggestions(built: Built, query: str, found: list[dict[str, Any]], *,
                       learned: bool = False) -> list[str]:
    """Checks the documented shape; returns the keys of the suggested claims, best first.
    *learned*: the project has links enough for the re-ranker, whose order the score (the
    default one) need not follow (docs/nlp.md)."""
    assert 0 < len(found) <= 5, found
    query_doc = built.claims[query]["document_id"]
    keys = []
    for s in found:
        assert set(s) == SUGGEST_FIELDS, s
        assert s["document_id"] != query_doc and s["document_id"] in built.texts
        assert built.texts[s["document_id"]][s["start"]:s["end"]] == s["quote"], s
        assert s["stance_hint"] in {"agrees", "contradicts", "unclear"}
        assert isinstance(s["cues"], list) and all(isinstance(c, str) for c in s["cues"])
        assert s["claim_id"] is not None, s  # scope "claims" (the default) ranks claims
        key = built.key_of(s["claim_id"])
        claim = built.claims[key]
        assert (claim["document_id"], claim["start"], claim["end"]) == (
            s["document_id"], s["start"], s["end"])
        keys.append(key)
    scores = [s["score"] for s in found]
    assert learned or scores == sorted(scores, reverse=True)
    assert max(scores) > 0
    return keys


def _partners(key: str) -> set[str]:
    return {b if a == key else a for a, b, _, _ in LINKS if key in (a, b)}


def test_suggestions_rank_linked_partners_and_leave_out_linked_claims(
        built: Built, tmp_path: Path) -> None:
    # suggest takes the project's lock (it caches analyses), so parallel queries each get
    # their own copy of the backup: a closed, checkpointed file
    assert not Path(f"{built.before_links}-wal").exists()
    copies = {q: tmp_path / f"{q}.claimweave" for q in SUGGEST_QUERIES}
    for copy in copies.values():
        shutil.copyfile(built.before_links, copy)
    after = "precluded"
    answers = built.run.many(
        *(["suggest", copies[q], "--claim", built.claims[q]["id"], "--top", "5"]
          for q in SUGGEST_QUERIES),
        ["suggest", built.path, "--claim", built.claims[after]["id"][:8], "--top", "5"])
    ranks = {}
    for (query, partner), found in zip(SUGGEST_QUERIES.items(), answers, strict=False):
        keys = _check_suggestions(built, query, found)
        ranks[query] = keys.index(partner) + 1 if partner in keys else None
    assert all(ranks.values()), f"linked partner not in the top 5 (rank None): {ranks}"
    # once linked, the partners are left out (docs/nlp.md)
    keys = _check_suggestions(built, after, answers[-1], learned=len(LINKS) >= MIN_LINKS)
    assert not set(keys) & _partners(after), keys


# --------------------------------------------------------------------------- 6: analysis


def _expected_groups() -> dict[frozenset[str], set[frozenset[str]]]:
    """Propositions from LINKS (agrees joins, contradicts opposes): group -> opposing groups."""
    parent = {k: k for a, b, _, _ in LINKS for k in (a, b)}

    def find(k: str) -> str:
        while parent[k] != k:
            k = parent[k]
        return k

    for a, b, rel, _ in LINKS:
        if rel == "agrees":
            parent[find(a)] = find(b)
    groups: dict[str, set[str]] = {}
    for k in parent:
        groups.setdefault(find(k), set()).add(k)
    frozen = {r: frozenset(m) for r, m in groups.items()}
    opposes: dict[frozenset[str], set[frozenset[str]]] = {g: set() for g in frozen.values()}
    for a, b, rel, _ in LINKS:
        if rel == "contradicts":
            opposes[frozen[find(a)]].add(frozen[find(b)])
            opposes[frozen[find(b)]].add(frozen[find(a)])
    return opposes


def test_compare_reflects_the_links(built: Built) -> None:
    data = built.run.json("compare", built.path)
    opposes = _expected_groups()
    key_of = {p["key"]: frozenset(built.key_of(c) for c in p["claims"])
              for p in data["propositions"]}
    got = {key_of[p["key"]]: {key_of[k] for k in p["opposes"]} for p in data["propositions"]}
    assert got == opposes
    for p in data["propositions"]:
        assert p["representative"] in p["claims"]
    assert {s["id"] for s in data["sources"]} == set(built.docs.values())
    titles = {s["id"]: s["title"] for s in data["sources"]}
    assert titles == {built.docs[f]: e["title"] for f, e in built.manifest.items()}
    # every cell: a source supports a group it has a claim in, contradicts a group one of
    # its claims is linked to by "contradicts"
    doc_of = {k: CLAIMS[k].file for k in CLAIMS}
    by_group = {key_of[p["key"]]: p for p in data["propositions"]}
    assert len(data["cells"]) == len(data["propositions"]) * 5
    for cell in data["cells"]:
        group = key_of[cell["proposition"]]
        doc = next(f for f, i in built.docs.items() if i == cell["source"])
        supports = {k for k in group if doc_of[k] == doc}
        against = {mine for a, b, rel, _ in LINKS if rel == "contradicts"
                   for mine, theirs in ((a, b), (b, a))
                   if theirs in group and doc_of[mine] == doc}
        stance = ("mixed" if supports and against else "supports" if supports
                  else "contradicts" if against else "silent")
        assert cell["stance"] == stance, (by_group[group]["name"], doc, cell)
        assert {built.key_of(c) for c in cell["supports"]} == supports
        assert {built.key_of(c) for c in cell["contradicts"]} == against
    # the alliance question in one line: 001 and 004 deny what 003 asserts
    precluded = next(g for g in key_of.values() if "precluded" in g)
    stance = {(key_of[c["proposition"]], c["source"]): c["stance"] for c in data["cells"]}
    assert stance[(precluded, built.docs[F1])] == "supports"
    assert stance[(precluded, built.docs[F4])] == "supports"
    assert stance[(precluded, built.docs[F3])] == "contradicts"
    assert stance[(precluded, built.docs[F0])] == "contradicts"


def test_report_is_well_formed_and_has_every_quote(built: Built) -> None:
    out = built.run.home / "report" / "report.html"
    out.parent.mkdir(exist_ok=True)
    built.run("report", built.path, "-o", out)
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    root = ET.fromstring(html.split("\n", 1)[1])  # well-formed XML, or this raises
    assert root.tag == f"{XHTML}html"
    assert "<script" not in html.lower()
    text = " ".join("".join(root.itertext()).split())
    for key, claim in built.claims.items():
        assert " ".join(claim["quote"].split()) in text, key
        assert f'id="c-{claim["id"]}"' in html, key
    for entry in built.manifest.values():
        assert entry["title"] in text
    for name in CODEBOOK:
        assert name in text


# --------------------------------------------------------------------------- 7: check, merge


def test_check_is_clean(built: Built) -> None:
    plain, report = built.run.many(["check", built.path], ["check", built.path, "--json"],
                                   as_json=False)  # each exits 0
    assert ": ok (" in plain, plain
    report = json.loads(report)
    assert report["ok"] is True and report["problems"] == [], report


def test_merge_into_a_copy_of_itself_changes_nothing(built: Built) -> None:
    target = _backup(built.run, built.path, built.run.home / "merge-copy")
    want = _expected_state(built)
    for _ in range(2):
        reports = built.run.json("merge", target, built.path)
        assert len(reports) == 1 and reports[0]["conflicts"] == [], reports
        assert not any(reports[0]["added"].values()), reports
        assert reports[0]["matched"]["claims"] == len(CLAIMS), reports
    assert _state_of(built.run, target) == want
    # merging the project into an empty one twice: the second time adds nothing
    empty = built.run.home / "merge-empty.claimweave"
    built.run("new", empty)
    first = built.run.json("merge", empty, built.path)[0]
    assert first["added"]["claims"] == len(CLAIMS) and first["added"]["links"] == len(LINKS)
    second = built.run.json("merge", empty, built.path)[0]
    assert not any(second["added"].values()) and second["conflicts"] == [], second
    assert _state_of(built.run, empty) == want


# --------------------------------------------------------------------------- 8: the window


def test_screenshot_of_the_project(built: Built) -> None:
    QtGui = pytest.importorskip("PySide6.QtGui")
    project = _backup(built.run, built.path, built.run.home / "gui-copy")
    out = built.run.home / "shots" / "corpus.png"
    built.run("gui", project, "--screenshot", out, "--size", "1400x900")
    image = QtGui.QImage(str(out))
    assert not image.isNull(), f"{out} is not a readable image"
    assert (image.width(), image.height()) == (1400, 900)
    colours = {image.pixel(x, y) for x in range(0, image.width(), 3)
               for y in range(0, image.height(), 3)}
    assert len(colours) > 100, "the screenshot looks blank"
