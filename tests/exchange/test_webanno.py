"""W3C Web Annotation JSON-LD: selectors match the text; round trip and idempotence."""

from __future__ import annotations

import json

from claimweave.exchange.datasets import export
from claimweave.exchange.datasets.importers import import_annotations

from .datasets_sample import build, codebook, content, roundtrip, state


def test_every_selector_matches_the_document(project, tmp_path):
    build(project)
    path = tmp_path / "out.jsonld"
    export(project, "webanno", path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection"
    texts = {d["id"]: d["text"] for d in data["documents"]}
    items = data["first"]["items"]
    claims = [a for a in items if a["motivation"] == "highlighting"]
    links = [a for a in items if a["motivation"] == "linking"]
    assert len(claims) == 9 and len(links) == 5 and data["total"] == 14
    for a in claims:
        text = texts[a["target"]["source"]]
        pos, quote = a["target"]["selector"]
        assert pos["type"] == "TextPositionSelector"
        assert quote["type"] == "TextQuoteSelector"
        assert text[pos["start"]:pos["end"]] == quote["exact"]
        assert text[:pos["start"]].endswith(quote["prefix"])
        assert text[pos["end"]:].startswith(quote["suffix"])
    ids = {a["id"] for a in claims}
    for k in links:
        assert len(k["target"]) == 2 and set(k["target"]) <= ids
        assert k["body"][0]["purpose"] == "classifying"


def test_roundtrip_and_reimport(project, tmp_path):
    build(project)
    target, path = roundtrip(project, tmp_path, "webanno", "out.jsonld")
    assert content(target) == content(project)
    assert codebook(target) == codebook(project)
    before = state(target)
    assert not import_annotations(target, path, "webanno").changed
    assert state(target) == before
    target.close()
