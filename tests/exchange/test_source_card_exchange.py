"""The source card and claimants travel through JSONL and Web Annotation (exported, read back
on import), CSV, REFI-QDA (as Variables and Cases) and merging projects."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
import zipfile

import pytest

from claimweave.core.errors import ImportRefusedError
from claimweave.core.store import Project
from claimweave.exchange.datasets import export
from claimweave.exchange.datasets.importers import import_annotations
from claimweave.exchange.merge import merge_projects

from .datasets_sample import build, roundtrip


def _criticise(project) -> tuple[str, str]:
    doc = project.documents()[0]
    claim = project.claims(document_id=doc.id)[0]
    project.set_source_card(doc.id, kind="opinion", reliability=2, reason="no sources named",
                            note="the columnist's memo")
    project.set_attribute(doc.id, "country", "Iran")
    project.set_claimant(claim.id, "Sergey Lavrov")
    return doc.id, claim.id


def test_card_and_claimant_round_trip(project, tmp_path) -> None:
    build(project)
    doc, claim = _criticise(project)
    target, path = roundtrip(project, tmp_path, "jsonl", "out.jsonl")
    record = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    assert {k: record[k] for k in ("kind", "reliability", "reason", "note", "attributes")} == {
        "kind": "opinion", "reliability": 2, "reason": "no sources named",
        "note": "the columnist's memo", "attributes": {"country": "Iran"}}
    assert record["claims"][0]["claimant"] == "Sergey Lavrov"
    got = target.document(doc)
    assert (got.kind, got.reliability, got.reason, got.note, got.attributes) == (
        "opinion", 2, "no sources named", "the columnist's memo", {"country": "Iran"})
    assert target.claim(claim).claimant == "Sergey Lavrov"
    assert [c.claimant for c in target.claims()].count(None) == len(target.claims()) - 1
    target.close()


def test_web_annotation_carries_card_and_claimant_under_our_prefix(project, tmp_path) -> None:
    build(project)
    doc, claim = _criticise(project)
    target, path = roundtrip(project, tmp_path, "webanno", "out.jsonld")
    data = json.loads(path.read_text(encoding="utf-8"))
    [record] = [d for d in data["cw:documents"] if d["id"].endswith(doc)]
    assert (record["cw:kind"], record["cw:reliability"], record["cw:attributes"]) == (
        "opinion", 2, {"country": "Iran"})
    [item] = [a for a in data["first"]["items"] if a["id"].endswith(claim)]
    assert item["cw:claimant"] == "Sergey Lavrov"
    got = target.document(doc)
    assert (got.kind, got.reliability, got.reason, got.note, got.attributes) == (
        "opinion", 2, "no sources named", "the columnist's memo", {"country": "Iran"})
    assert target.claim(claim).claimant == "Sergey Lavrov"
    target.close()


def test_a_bad_card_names_its_line_and_changes_nothing(project, tmp_path) -> None:
    build(project)
    _criticise(project)
    target, path = roundtrip(project, tmp_path, "jsonl", "out.jsonl")
    target.close()
    lines = path.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[0])
    record["reliability"] = 9
    lines[0] = json.dumps(record)
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(lines), encoding="utf-8")
    fresh = Project.create(tmp_path / "fresh.claimweave")
    with pytest.raises(ImportRefusedError, match=r"line 1.*1 to 5"):
        import_annotations(fresh, bad, "jsonl")
    assert fresh.documents() == []
    fresh.close()


def test_merge_carries_card_and_claimant(project, tmp_path) -> None:
    build(project)
    doc, claim = _criticise(project)
    target = Project.create(tmp_path / "merged.claimweave")
    merge_projects(target, [project.path])
    got = target.document(doc)
    assert (got.kind, got.reliability, got.attributes) == ("opinion", 2, {"country": "Iran"})
    assert target.claim(claim).claimant == "Sergey Lavrov"
    target.close()


def test_merge_keeps_claimant_aliases_and_reports_one_that_names_another(project, tmp_path
                                                                        ) -> None:
    build(project)
    _criticise(project)
    project.add_claimant_alias("Sergey Lavrov", "the Russian foreign minister")
    project.add_claimant("Maria Zakharova", aliases=["the spokeswoman"])
    target = Project.create(tmp_path / "merged.claimweave")
    target.add_claimant("Lavrov", aliases=["Sergey Lavrov"])  # the same person, other name
    target.add_claimant("Press office", aliases=["the spokeswoman"])  # the alias is taken
    [report] = merge_projects(target, [project.path])
    lavrov = target.claimant("Lavrov")
    assert set(lavrov.aliases) == {"Sergey Lavrov", "the Russian foreign minister"}
    assert target.claimant("Maria Zakharova").aliases == ()
    assert any("the spokeswoman" in c for c in report.conflicts)
    assert merge_projects(target, [project.path])[0].conflicts == report.conflicts  # twice
    target.close()


def test_csv_has_the_card_and_the_claimant(project, tmp_path) -> None:
    build(project)
    doc, claim = _criticise(project)
    export(project, "csv", tmp_path / "csv")
    with (tmp_path / "csv" / "documents.csv").open(encoding="utf-8-sig") as fh:
        docs = {r["id"]: r for r in csv.DictReader(fh)}
    with (tmp_path / "csv" / "claims.csv").open(encoding="utf-8-sig") as fh:
        claims = {r["id"]: r for r in csv.DictReader(fh)}
    assert (docs[doc]["kind"], docs[doc]["reliability"], docs[doc]["attributes"]) == (
        "opinion", "2", "country=Iran")
    assert claims[claim]["claimant"] == "Sergey Lavrov"


def test_qdpx_carries_cards_as_variables_and_cases(project, tmp_path) -> None:
    build(project)
    doc, _ = _criticise(project)
    export(project, "qdpx", tmp_path / "p.qdpx")
    with zipfile.ZipFile(tmp_path / "p.qdpx") as z:
        root = ET.fromstring(z.read("project.qde"))
    ns = {"q": "urn:QDA-XML:project:1.0"}
    variables = {v.get("guid"): (v.get("name"), v.get("typeOfVariable"))
                 for v in root.findall("q:Variables/q:Variable", ns)}
    assert set(variables.values()) == {("kind", "Text"), ("reliability", "Integer"),
                                       ("reliability reason", "Text"), ("note", "Text"),
                                       ("country", "Text")}
    [case] = root.findall("q:Cases/q:Case", ns)
    assert case.find("q:SourceRef", ns).get("targetGUID") == doc
    got = {variables[v.find("q:VariableRef", ns).get("targetGUID")][0]:
           v[1].text for v in case.findall("q:VariableValue", ns)}
    assert got == {"kind": "opinion", "reliability": "2", "reliability reason":
                   "no sources named", "note": "the columnist's memo", "country": "Iran"}
    order = [child.tag.split("}")[1] for child in root]
    assert order.index("Cases") < order.index("Sources")  # the standard's order
    target, _ = roundtrip(project, tmp_path, "qdpx", "again.qdpx")  # readers skip Cases
    assert len(target.documents()) == len(project.documents())
    target.close()
