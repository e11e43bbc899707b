"""REFI-QDA codebook (.qdc): every tag with colour, description and nesting, both ways."""

from __future__ import annotations

import subprocess
import sys

import defusedxml.ElementTree as ET

from claimweave.core.store import Project
from claimweave.exchange.datasets import export
from claimweave.exchange.datasets.importers import import_annotations
from claimweave.exchange.datasets.qdc import NAMESPACE

from .datasets_sample import build, codebook

Q = f"{{{NAMESPACE}}}"


def test_structure(project, tmp_path):
    build(project)
    export(project, "qdc", tmp_path / "c.qdc")
    root = ET.parse(tmp_path / "c.qdc").getroot()
    assert root.tag == f"{Q}CodeBook"
    economy = root.find(f"{Q}Codes/{Q}Code[@name='economy']")
    assert economy.get("color") == "#112233" and economy.get("isCodable") == "true"
    assert economy.find(f"{Q}Description").text == "money matters"
    assert [c.get("name") for c in economy.findall(f"{Q}Code")] == ["prices"]


def test_cli_roundtrip_keeps_tags_and_reimport_changes_nothing(project, tmp_path):
    build(project)
    project.add_tag("sub of prices", color="#010203", parent="prices", description="deep\n&<")
    expected = codebook(project)
    project.close()
    cli = [sys.executable, "-m", "claimweave"]
    path = tmp_path / "c.qdc"
    subprocess.run([*cli, "export", str(project.path), "--format", "qdc", "-o", str(path)],
                   check=True, capture_output=True)
    target = tmp_path / "t.claimweave"
    subprocess.run([*cli, "new", str(target)], check=True, capture_output=True)
    for _ in range(2):
        done = subprocess.run([*cli, "import-annotations", str(target), str(path), "--format",
                               "qdc"], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    with Project.open(target, read_only=True) as p:
        assert codebook(p) == expected
        assert len(p.tags()) == len(expected)


def test_codebook_of_another_tool(project, tmp_path):
    path = tmp_path / "atlas.qdc"
    path.write_text(
        f'<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="{NAMESPACE}" origin="ATLAS.ti">'
        '<Codes><Code guid="{0C3D2F1A-1111-4AAA-8BBB-123456789ABC}" name="Risk" '
        'isCodable="true" color="#FF0000"><Description>danger</Description>'
        '<Code guid="0C3D2F1A-2222-4AAA-8BBB-123456789ABC" name="Flood" isCodable="true"/>'
        "</Code></Codes></CodeBook>", encoding="utf-8")
    import_annotations(project, path, "qdc")
    tags = {t.name: t for t in project.tags()}
    assert tags["Risk"].id == "0c3d2f1a-1111-4aaa-8bbb-123456789abc"
    assert (tags["Risk"].color, tags["Risk"].description) == ("#ff0000", "danger")
    assert tags["Flood"].parent_id == tags["Risk"].id
