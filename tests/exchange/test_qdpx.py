"""REFI-QDA .qdpx: structure, round trip, and hostile archives and XML refused."""

from __future__ import annotations

import zipfile

import defusedxml.ElementTree as ET
import pytest

from claimweave.core.errors import ImportRefusedError
from claimweave.exchange.datasets import export
from claimweave.exchange.datasets.importers import import_annotations
from claimweave.exchange.datasets.qdpx import NAMESPACE

from .datasets_sample import (
    assert_reimport_changes_nothing,
    build,
    codebook,
    content,
    roundtrip,
)

Q = f"{{{NAMESPACE}}}"


def test_structure(project, tmp_path):
    ids = build(project)
    path = tmp_path / "out.qdpx"
    export(project, "qdpx", path)
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        root = ET.fromstring(zf.read("project.qde"))
        assert root.tag == f"{Q}Project"
        sources = root.findall(f"{Q}Sources/{Q}TextSource")
        assert len(sources) == 3
        for src in sources:
            member = "sources/" + src.get("plainTextPath").removeprefix("internal://")
            assert member in names
            text = zf.read(member).decode("utf-8")
            for sel in src.findall(f"{Q}PlainTextSelection"):
                s, e = int(sel.get("startPosition")), int(sel.get("endPosition"))
                assert text[s:e] == project.claim(sel.get("guid")).quote
    economy = root.find(f"{Q}CodeBook/{Q}Codes/{Q}Code[@name='economy']")
    assert economy.get("color") == "#112233"
    assert economy.find(f"{Q}Code").get("name") == "prices"
    links = root.findall(f"{Q}Links/{Q}Link")
    assert {(k.get("name"), k.get("direction")) for k in links} >= {
        ("agrees", "Associative"), ("cites", "OneWay")}
    assert ids["rose0"] in {k.get("originGUID") for k in links}
    (sel,) = root.findall(f".//{Q}PlainTextSelection[@guid='{ids['rose0']}']")
    assert sel.find(f"{Q}Description").text == "multi\nline\tnote, with \\ backslash"


def test_roundtrip_and_reimport(project, tmp_path):
    build(project)
    target, path = roundtrip(project, tmp_path, "qdpx", "out.qdpx")
    assert content(target, meta=("title",)) == content(project, meta=("title",))
    assert codebook(target) == codebook(project)
    assert_reimport_changes_nothing(target, path, "qdpx")
    target.close()


def _qdpx(path, qde: bytes, extra: dict[str, bytes] | None = None) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("project.qde", qde)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<Project xmlns="urn:QDA-XML:project:1.0" name="&lol3;"/>"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE p [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Project xmlns="urn:QDA-XML:project:1.0" name="&xxe;"/>"""


@pytest.mark.parametrize("qde", [BOMB, XXE], ids=["billion-laughs", "external-entity"])
def test_entities_refused(project, tmp_path, qde):
    path = tmp_path / "evil.qdpx"
    _qdpx(path, qde)
    with pytest.raises(ImportRefusedError, match=r"evil\.qdpx.*project\.qde.*refused XML"):
        import_annotations(project, path, "qdpx")


def test_malformed_xml_names_line(project, tmp_path):
    path = tmp_path / "bad.qdpx"
    _qdpx(path, b'<Project xmlns="urn:QDA-XML:project:1.0">\n<Sources>\n</Project>')
    with pytest.raises(ImportRefusedError, match="line 3"):
        import_annotations(project, path, "qdpx")


@pytest.mark.parametrize("member", ["../escape.txt", "/etc/evil.txt", "sources/../../x.txt",
                                    "C:/windows.txt"])
def test_zip_slip_refused(project, tmp_path, member):
    path = tmp_path / "slip.qdpx"
    _qdpx(path, b'<Project xmlns="urn:QDA-XML:project:1.0"/>', {member: b"x"})
    with pytest.raises(ImportRefusedError, match="leaves the archive"):
        import_annotations(project, path, "qdpx")
    assert project.documents() == []


def test_zip_bomb_ratio_refused(project, tmp_path):
    path = tmp_path / "bomb.qdpx"
    _qdpx(path, b'<Project xmlns="urn:QDA-XML:project:1.0"/>',
          {"sources/big.txt": b"\0" * (20 << 20)})
    with pytest.raises(ImportRefusedError, match="zip bomb"):
        import_annotations(project, path, "qdpx")


def test_dangling_code_ref_names_the_selection(project, tmp_path):
    path = tmp_path / "dangling.qdpx"
    guid = "5f0e7a52-8a8f-4c68-9d0b-9a3b2d7f4e11"
    qde = (f'<Project xmlns="{NAMESPACE}"><Sources><TextSource guid="{guid}" name="t">'
           '<PlainTextContent>Hello world</PlainTextContent>'
           '<PlainTextSelection guid="x1" startPosition="0" endPosition="5">'
           '<Coding guid="c1"><CodeRef targetGUID="nowhere"/></Coding>'
           '</PlainTextSelection></TextSource></Sources></Project>').encode()
    _qdpx(path, qde)
    with pytest.raises(ImportRefusedError, match="PlainTextSelection guid='x1'"):
        import_annotations(project, path, "qdpx")
