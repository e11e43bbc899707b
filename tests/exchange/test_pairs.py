"""Claim pairs: one line per link with both claims, their sources and the relation."""

from __future__ import annotations

import json

from claimweave.exchange.datasets import export

from .datasets_sample import build


def test_one_line_per_link(project, tmp_path):
    build(project)
    export(project, "pairs", tmp_path / "pairs.jsonl")
    lines = [json.loads(x) for x in (tmp_path / "pairs.jsonl").read_text("utf-8").splitlines()]
    links = {k.id: k for k in project.links()}
    assert {r["id"] for r in lines} == set(links)
    for r in lines:
        k = links[r["id"]]
        assert r["claim_a"] == project.claim(k.source).quote
        assert r["claim_b"] == project.claim(k.target).quote
        assert r["relation"] == k.relation
        assert r["source_a"]["id"] == project.claim(k.source).document_id
    agrees = next(r for r in lines if r["relation"] == "agrees")
    assert agrees["polarity"] == 1 and agrees["source_a"]["author"] == "A. Writer"


def test_selection_filters_pairs(project, tmp_path):
    from claimweave.exchange.datasets import ExportSelection

    build(project)
    summary = export(project, "pairs", tmp_path / "p.jsonl", ExportSelection(annotators=("ana",)))
    lines = (tmp_path / "p.jsonl").read_text("utf-8").splitlines()
    assert summary.links == len(lines) == 2  # rose1 -> fa and fa -> zh: all ana's
