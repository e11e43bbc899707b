"""Acceptance of source criticism with the real program, on the five shared articles plus a
sixth written here: it reprints, word for word, the paragraph of Azizi's article (001) that
says the relationship "lacks a strategic dimension", under a later date. The paragraph is
read from the corpus at run time; no corpus text is kept in the repository.

Checked: the reprint is found with both spans and named as the later document; the
proposition it supports counts one source fewer among the independent ones; two claims in
different articles attributed to the same person count once; claimant proposals name
Khanzadi; source cards, provenance and independent counts reach jsonl and the report;
update-text re-anchors the reprint's claim.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from test_corpus_acceptance import F0, F1, F2, F4, Runner

pytestmark = pytest.mark.corpus

DATES = {F0: "2019-08-01", F1: "2016-11-02", F2: "2024-02-10",
         "003_1a2f5dbdd4895de7.txt": "2023-05-20", F4: "2021-03-15"}
LACKS = "the Russian-Iranian relationship lacks a strategic dimension, thus effectively " \
        "precluding an alliance"
NOT_WILLING = "the Russian government is not willing to enter into such an alliance with Iran"
EXERCISE = "a joint Russian-Iranian exercise is expected to be held shortly in the Indian Ocean"
BEYOND = "Russian-Iranian defense ties have moved beyond mere transactions to active " \
         "partnerships in regional conflicts"


def _paragraph(corpus: Path) -> str:
    return next(p for p in (corpus / F1).read_text(encoding="utf-8").split("\n") if LACKS in p)


def _sixth(corpus: Path) -> str:
    paragraph = _paragraph(corpus)
    return ("Weekly digest: what analysts said about Moscow and Tehran\n\n"
            "This week we reprint a passage from an analysis published some years ago.\n\n"
            f"{paragraph}\n\nThe digest returns next week.\n")


def test_reprint_claimants_and_independent_agreement(corpus_dir: Path, tmp_path: Path) -> None:
    run = Runner(tmp_path)
    path = tmp_path / "criticism.claimweave"
    run("new", path)
    docs = {}
    for name, date in DATES.items():
        docs[name] = run.json("import", path, corpus_dir / name, "--published",
                              date)[0]["document"]["id"]
    sixth = tmp_path / "digest.txt"
    sixth.write_text(_sixth(corpus_dir), encoding="utf-8")
    docs["six"] = run.json("import", path, sixth, "--published", "2025-01-09",
                           "--title", "Weekly digest")[0]["document"]["id"]

    # the reprint is found, with both spans, and named as the later one
    passages = run.json("provenance", path)
    [p] = [x for x in passages if {x["a"]["document_id"], x["b"]["document_id"]}
           == {docs[F1], docs["six"]}]
    assert p["earlier"] == docs[F1] == p["a"]["document_id"]
    assert p["words"] >= len(re.findall(r"\w+", _paragraph(corpus_dir)))  # the whole paragraph
    texts = {k: run("text", path, docs[k]).stdout for k in (F1, "six")}
    assert LACKS in texts[F1][p["a"]["start"]:p["a"]["end"]]
    assert LACKS in texts["six"][p["b"]["start"]:p["b"]["end"]]
    assert passages == [p]  # the five articles share no passage among themselves

    # one proposition backed by three sources, of which the reprint is not independent
    lacks = run.json("claim", path, docs[F1], "--quote", LACKS)
    copy = run.json("claim", path, docs["six"], "--quote", LACKS)
    willing = run.json("claim", path, docs[F4], "--quote", NOT_WILLING)
    run.json("link", path, lacks["id"], copy["id"], "--relation", "same_claim")
    run.json("link", path, lacks["id"], willing["id"], "--relation", "agrees")

    # two claims in different articles by one person: proposed, then set, count once
    exercise = run.json("claim", path, docs[F0], "--quote", EXERCISE)
    proposals = run.json("claimants", path, "--suggest")
    assert {"claim": exercise["id"], "claimant": "Khanzadi"}.items() <= next(
        x for x in proposals if x["claim"] == exercise["id"]).items()
    assert "According to Khanzadi" in next(
        x for x in proposals if x["claim"] == exercise["id"])["evidence"]
    run.json("claimant", path, exercise["id"], "Hussein Khanzadi")
    run.json("claimants", path, "--alias", "Hussein Khanzadi", "Khanzadi")
    beyond = run.json("claim", path, docs[F2], "--quote", BEYOND, "--claimant", "khanzadi")
    assert beyond["claimant"] == "Hussein Khanzadi"
    run.json("link", path, exercise["id"], beyond["id"], "--relation", "agrees")

    props = {p["representative"]: p for p in run.json("compare", path)["propositions"]}
    [row] = [p for p in props.values() if lacks["id"] in p["claims"]]
    assert (row["sources_supporting"], row["independent_supporting"]) == (3, 2)
    assert row["first_appearance"] == {"document": docs[F1], "published": DATES[F1]}
    [same] = [p for p in props.values() if exercise["id"] in p["claims"]]
    assert (same["sources_supporting"], same["independent_supporting"]) == (2, 1)
    assert same["claimants"] == ["Hussein Khanzadi"]
    assert "3 sources, 2 independent" in run("compare", path).stdout

    # the source card, grouping, jsonl and the report
    run.json("doc", path, docs["six"], "--kind", "news", "--reliability", "2", "--reason",
             "reprints without saying where from", "--set", "country=none given",
             "--derived-from", docs[F1][:8])
    for name in (F1, F4):
        run.json("doc", path, docs[name], "--kind", "analysis")
    grouped = run.json("compare", path, "--by", "kind")
    assert [s["id"] for s in grouped["sources"]][:2] == ["analysis", "news"]
    out = tmp_path / "out.jsonl"
    run("export", path, "--format", "jsonl", "-o", out)
    records = {json.loads(line)["id"]: json.loads(line) for line in
               out.read_text(encoding="utf-8").splitlines()}
    assert records[docs["six"]]["reliability"] == 2
    assert records[docs["six"]]["attributes"] == {"country": "none given"}
    claimant_of = {c["id"]: c["claimant"] for r in records.values() for c in r["claims"]}
    assert claimant_of[beyond["id"]] == "Hussein Khanzadi" and claimant_of[lacks["id"]] is None
    report = tmp_path / "report.html"
    run("report", path, "-o", report)
    html = report.read_text(encoding="utf-8")
    for part in ("Source cards", "Reused text", "3 sources, 2 independent",
                 "reprints without saying where from", "is marked as a copy of",
                 "said by Hussein Khanzadi"):
        assert part in html, part

    # a newer version of the digest: the claim follows its quote exactly
    newer = tmp_path / "digest-2.txt"
    newer.write_text("Correction appended below.\n\n" + _sixth(corpus_dir), encoding="utf-8")
    result = run.json("update-text", path, docs["six"], newer)
    assert [(x["claim"], x["how"]) for x in result["placed"]] == [(copy["id"], "exact")]
    assert result["unplaced"] == []
