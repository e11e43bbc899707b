"""W3C Web Annotation JSON-LD: selectors match the text; round trip and idempotence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pyld import jsonld

from claimweave.exchange.datasets import export
from claimweave.exchange.datasets.importers import import_annotations

from .datasets_sample import (
    assert_reimport_changes_nothing,
    build,
    codebook,
    content,
    roundtrip,
)


def test_every_selector_matches_the_document(project, tmp_path):
    build(project)
    path = tmp_path / "out.jsonld"
    export(project, "webanno", path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection"
    texts = {d["id"]: d["cw:text"] for d in data["cw:documents"]}
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
    assert_reimport_changes_nothing(target, path, "webanno")
    target.close()


W3C_CONTEXT = Path(__file__).parents[1] / "data" / "anno.jsonld"
OA, FOAF, CW = "http://www.w3.org/ns/oa#", "http://xmlns.com/foaf/0.1/", "urn:claimweave:vocab#"


def _offline_loader(url, options=None):
    """The W3C context from tests/data; any other remote document fails the test."""
    if url.rstrip("/") not in ("http://www.w3.org/ns/anno.jsonld",
                               "https://www.w3.org/ns/anno.jsonld"):
        raise AssertionError(f"JSON-LD processor asked for {url}")
    return {"contextUrl": None, "documentUrl": url,
            "document": json.loads(W3C_CONTEXT.read_text(encoding="utf-8"))}


@pytest.fixture
def expanded(project, tmp_path):
    build(project)
    path = tmp_path / "out.jsonld"
    export(project, "webanno", path)
    data = json.loads(path.read_text(encoding="utf-8"))
    return data, jsonld.expand(data, {"documentLoader": _offline_loader})


def _values(node, key):
    return [v.get("@value", v.get("@id")) for v in node.get(key, [])]


def test_terms_expand_as_the_w3c_context_defines_them(expanded):
    data, (collection,) = expanded
    assert collection["@type"] == ["http://www.w3.org/ns/activitystreams#OrderedCollection"]
    (page,) = collection["http://www.w3.org/ns/activitystreams#first"]
    items = page["http://www.w3.org/ns/activitystreams#items"][0]["@list"]
    assert len(items) == len(data["first"]["items"]) == 14
    claims = [a for a in items if _values(a, OA + "motivatedBy") == [OA + "highlighting"]]
    links = [a for a in items if _values(a, OA + "motivatedBy") == [OA + "linking"]]
    assert len(claims) == 9 and len(links) == 5
    named = [a for a in claims if a.get("http://purl.org/dc/terms/creator")]
    for a in named:
        (creator,) = a["http://purl.org/dc/terms/creator"]
        assert _values(creator, FOAF + "name")[0] in {"ana", "ana maria", "bo"}
        assert creator["@type"] == [FOAF + "Person"]
    for a in claims:
        (target,) = a[OA + "hasTarget"]
        kinds = {s["@type"][0]: s for s in target[OA + "hasSelector"]}
        position = kinds[OA + "TextPositionSelector"]
        assert int(_values(position, OA + "start")[0]) < int(_values(position, OA + "end")[0])
        assert _values(kinds[OA + "TextQuoteSelector"], OA + "exact")
    tagged = [b for a in claims for b in a.get(OA + "hasBody", [])
              if _values(b, OA + "hasPurpose") == [OA + "tagging"]]
    assert tagged and all(_values(b, "http://www.w3.org/1999/02/22-rdf-syntax-ns#value")
                          for b in tagged)
    for k in links:
        (source,) = k[CW + "linkSource"]
        assert source["@id"] in {t["@id"] for t in k[OA + "hasTarget"]}


def test_our_terms_stay_under_our_prefix(expanded):
    _, (collection,) = expanded
    docs = collection[CW + "documents"]
    assert len(docs) == 3 and all(_values(d, CW + "text") for d in docs)
    tags = {_values(t, CW + "name")[0] for t in collection[CW + "tags"]}
    assert tags == {"economy", "prices", "two words"}
    keys = {k for node in _walk(collection) for k in node if not k.startswith("@")}
    foreign = {k for k in keys if not k.startswith((OA, CW, FOAF, "http://purl.org/dc/",
                                                    "http://www.w3.org/", "http://www.w3.org/ns/"))}
    assert not foreign  # no term fell back to a relative or unknown IRI
    assert CW + "name" not in {k for a in _walk(collection) if FOAF + "Person" in
                               a.get("@type", []) for k in a}


def _walk(node):
    if isinstance(node, dict):
        yield node
        for v in node.values():
            yield from _walk(v)
    elif isinstance(node, list):
        for v in node:
            yield from _walk(v)


def test_files_of_the_previous_shape_still_import(project, tmp_path):
    build(project)
    path = tmp_path / "old.jsonld"
    export(project, "webanno", path)
    data = json.loads(path.read_text(encoding="utf-8"))

    def unprefix(node):
        if isinstance(node, dict):
            return {k.removeprefix("cw:"): unprefix(v) for k, v in node.items()}
        return [unprefix(v) for v in node] if isinstance(node, list) else node

    old = unprefix(data)
    for a in old["first"]["items"]:
        if "linkSource" in a:
            a["linkSource"], a["linkTarget"] = a["linkSource"]["id"], a["linkTarget"]["id"]
    path.write_text(json.dumps(old), encoding="utf-8")
    from claimweave.core.store import Project
    target = Project.create(tmp_path / "t.claimweave")
    import_annotations(target, path, "webanno")
    assert content(target) == content(project)
    target.close()
