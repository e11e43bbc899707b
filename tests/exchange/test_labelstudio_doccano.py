"""Label Studio tasks and doccano JSONL: their shapes, round trips, and their own files."""

from __future__ import annotations

import json

from claimweave.exchange.datasets import export
from claimweave.exchange.datasets.importers import import_annotations

from .datasets_sample import assert_reimport_changes_nothing, build, content, roundtrip


def test_labelstudio_shape(project, tmp_path):
    ids = build(project)
    export(project, "labelstudio", tmp_path / "ls.json")
    tasks = json.loads((tmp_path / "ls.json").read_text(encoding="utf-8"))
    assert len(tasks) == 3
    for task in tasks:
        text = task["data"]["text"]
        for annotation in task["annotations"]:
            regions = {r["id"]: r for r in annotation["result"] if r["type"] == "labels"}
            for r in regions.values():
                v = r["value"]
                assert text[v["start"]:v["end"]] == v["text"]
                assert (r["from_name"], r["to_name"]) == ("label", "text")
            for rel in (r for r in annotation["result"] if r["type"] == "relation"):
                assert {rel["from_id"], rel["to_id"]} <= set(regions)
                assert rel["direction"] in ("right", "bi")
    side = [k for t in tasks for k in t["meta"]["claimweave"]["links"]]
    inner = [r for t in tasks for a in t["annotations"] for r in a["result"]
             if r["type"] == "relation"]
    assert len(side) + len(inner) == 5
    assert any(k["source"] == ids["rose0"] for k in side)  # across documents: in task meta


def test_labelstudio_roundtrip(project, tmp_path):
    build(project)
    target, path = roundtrip(project, tmp_path, "labelstudio", "ls.json")
    assert content(target) == content(project)
    assert_reimport_changes_nothing(target, path, "labelstudio")
    target.close()


def test_labelstudio_export_of_label_studio(project, tmp_path):
    """The shape Label Studio's own JSON export has: short region ids, users by number."""
    text = "Costs 😀 rose. Wages fell.\n"
    task = {"id": 7, "data": {"text": text}, "annotations": [{
        "id": 3, "completed_by": 12, "result": [
            {"id": "r2", "from_name": "label", "to_name": "text", "type": "relation",
             "from_id": "b", "to_id": "a", "direction": "left", "labels": ["contradicts"]},
            {"id": "a", "from_name": "label", "to_name": "text", "type": "labels",
             "value": {"start": 0, "end": 12, "text": "Costs 😀 rose", "labels": ["Econ"]}},
            {"id": "b", "from_name": "label", "to_name": "text", "type": "labels",
             "value": {"start": 14, "end": 24, "text": "Wages fell", "labels": ["Econ"]},
             "meta": {"text": ["check"]}},
            {"id": "c", "from_name": "sentiment", "to_name": "text", "type": "choices",
             "value": {"choices": ["neg"]}}]}]}
    path = tmp_path / "project-1.json"
    path.write_text(json.dumps([task]), encoding="utf-8")
    report = import_annotations(project, path, "labelstudio")
    claims = {c.quote: c for c in project.claims()}
    assert set(claims) == {"Costs 😀 rose", "Wages fell"}
    assert claims["Wages fell"].note == "check" and claims["Wages fell"].annotator == "12"
    (link,) = project.links()
    assert (link.source, link.target, link.relation) == (
        claims["Costs 😀 rose"].id, claims["Wages fell"].id, "contradicts")
    assert any("'choices'" in w for w in report.warnings)


def test_doccano_has_both_shapes(project, tmp_path):
    build(project)
    export(project, "doccano", tmp_path / "d.jsonl")
    for line in (tmp_path / "d.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        text = record["text"]
        assert len(record["label"]) == len(record["entities"])
        for (s, e, label), ent in zip(record["label"], record["entities"], strict=True):
            assert (ent["start_offset"], ent["end_offset"], ent["label"]) == (s, e, label)
            assert text[s:e]
        ids = {e["id"] for e in record["entities"]}
        assert all({r["from_id"], r["to_id"]} <= ids for r in record["relations"])


def test_doccano_roundtrip_keeps_what_it_carries(project, tmp_path):
    build(project)
    target, path = roundtrip(project, tmp_path, "doccano", "d.jsonl")
    got, want = content(target), content(project)
    assert got["claims"] == want["claims"] and got["documents"] == want["documents"]
    assert len(got["links"]) == 3  # the links inside one document
    assert_reimport_changes_nothing(target, path, "doccano")
    target.close()


def test_doccano_files_of_both_shapes(project, tmp_path):
    text = "Prices rose. Wages fell. Rents doubled.\n"
    seq = {"id": 1, "text": text, "label": [[0, 11, "ECON"], [13, 23, "LABOUR"]],
           "cats": ["news"]}
    rel = {"id": 2, "text": "Alpha beats beta.\n",
           "entities": [{"id": 10, "label": "TEAM", "start_offset": 0, "end_offset": 5},
                        {"id": 11, "label": "TEAM", "start_offset": 12, "end_offset": 16}],
           "relations": [{"id": 1, "from_id": 10, "to_id": 11, "type": "beats"},
                         {"id": 2, "from_id": 10, "to_id": 99, "type": "ghost"}]}
    path = tmp_path / "all.jsonl"
    path.write_text(json.dumps(seq) + "\n" + json.dumps(rel) + "\n", encoding="utf-8")
    report = import_annotations(project, path, "doccano")
    assert sorted((c.quote, c.tags) for c in project.claims()) == [
        ("Alpha", ("TEAM",)), ("Prices rose", ("ECON",)), ("Wages fell", ("LABOUR",)),
        ("beta", ("TEAM",))]
    assert [k.relation for k in project.links()] == ["beats"]
    assert len(report.warnings) == 2  # the relation to no entity; the document labels
    assert any("relations[1]" in w for w in report.warnings)


def test_formats_told_apart_by_their_content(project, tmp_path):
    from claimweave.exchange.datasets.importers import guess_format

    build(project)
    for fmt, name in (("jsonl", "a.jsonl"), ("doccano", "b.jsonl"), ("webanno", "c.json"),
                      ("labelstudio", "d.json"), ("qdc", "e.qdc")):
        export(project, fmt, tmp_path / name)
        assert guess_format(tmp_path / name) == fmt
