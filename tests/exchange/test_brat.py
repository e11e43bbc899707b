"""brat standoff: .ann offsets parse back; cross-document links in the side file."""

from __future__ import annotations

import re

import pytest

from claimweave.core.errors import ImportRefusedError
from claimweave.exchange.datasets import export
from claimweave.exchange.datasets.brat import fragments
from claimweave.exchange.datasets.brat_conf import BratNames, safe_name
from claimweave.exchange.datasets.importers import import_annotations

from .datasets_sample import assert_reimport_changes_nothing, build, content, roundtrip


def test_ann_lines_parse_back_to_the_same_offsets(project, tmp_path):
    build(project)
    export(project, "brat", tmp_path / "brat")
    docs = {d.title: d for d in project.documents()}
    spans = set()
    for ann in (tmp_path / "brat").glob("*.ann"):
        text = ann.with_suffix(".txt").read_text(encoding="utf-8")
        for line in ann.read_text(encoding="utf-8").splitlines():
            if line.startswith("T"):
                _, head, covered = line.split("\t")
                _, offsets = head.split(" ", 1)
                pieces = [tuple(map(int, f.split(" "))) for f in offsets.split(";")]
                assert covered == " ".join(text[s:e] for s, e in pieces)  # brat's exact check
                assert all("\n" not in text[s:e] and "\t" not in text[s:e] for s, e in pieces)
                spans.add((text, pieces[0][0], pieces[-1][1]))
    assert spans == {(project.text(c.document_id), c.start, c.end) for c in project.claims()}
    assert len(docs) == 3
    cross = (tmp_path / "brat" / "cross_links.tsv").read_text(encoding="utf-8").splitlines()
    assert len(cross) == 1 + 2  # header and the two links between documents


def test_roundtrip_and_reimport(project, tmp_path):
    build(project)
    target, path = roundtrip(project, tmp_path, "brat", "brat")
    assert content(target) == content(project)
    assert_reimport_changes_nothing(target, path, "brat")
    target.close()


def test_names_are_safe_unique_and_labelled():
    names = BratNames()
    tokens = [names.tag(n) for n in ("two words", "a:b,c", "100%", "Annotator", "Claim",
                                     "Économie & société", "économie", "اقتصاد", "two_words")]
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+", t) for t in tokens)
    assert len(set(tokens)) == len(tokens)  # collisions get a number
    assert not {"Annotator", "Claim"} & set(tokens)
    assert safe_name("Économie & société") == "Economie_societe"


def test_fragments_cut_at_newlines_and_tabs():
    text = "ab\ncd\tef\n\ngh"
    assert fragments(text, 0, len(text)) == [(0, 2), (3, 5), (6, 8), (10, 12)]
    assert fragments(text, 2, 3) == []


def test_foreign_brat_with_crlf_and_types(project, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_bytes("One line.\r\nPrices 😀 rose.\r\n".encode())
    (folder / "a.ann").write_text("T1\tEvent 11 24\tPrices 😀 rose\nT2\tClaim 0 3\tOne\n"
                                  "A1\tNegated T1\nR1\tsupports Arg1:T2 Arg2:T1\n",
                                  encoding="utf-8")
    import_annotations(project, folder, "brat")
    (claim,) = [c for c in project.claims() if c.tags]
    assert claim.quote == "Prices 😀 rose" and set(claim.tags) == {"Event", "Negated"}
    assert project.links()[0].relation == "supports"


def test_mismatched_covered_text_is_refused_with_line(project, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("Hello world\n", encoding="utf-8")
    (folder / "a.ann").write_text("T1\tClaim 0 5\tHello\nT2\tClaim 6 11\tearth\n",
                                  encoding="utf-8")
    with pytest.raises(ImportRefusedError, match=r"a\.ann, line 2"):
        import_annotations(project, folder, "brat")
    assert project.documents() == []


def test_events_skipped_with_a_warning_naming_them(project, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("Kinase phosphorylates the protein.\n", encoding="utf-8")
    (folder / "a.ann").write_text(
        "T1\tProtein 0 6\tKinase\nT2\tPhosphorylation 7 21\tphosphorylates\n"
        "T3\tProtein 26 33\tprotein\nE1\tPhosphorylation:T2 Theme:T3 Cause:T1\n"
        "A1\tNegation E1\n#1\tAnnotatorNotes E1\tunsure\nR1\tPart-of Arg1:T1 Arg2:T3\n",
        encoding="utf-8")
    (folder / "b.txt").write_text("Nothing odd here.\n", encoding="utf-8")
    (folder / "b.ann").write_text("T1\tClaim 0 7\tNothing\n", encoding="utf-8")
    report = import_annotations(project, folder, "brat")
    (warning,) = report.warnings
    assert "a.ann" in warning and "E1 (Phosphorylation)" in warning
    assert ": 1 event skipped, with the attributes" in warning
    assert len(project.claims()) == 4 and project.links()[0].relation == "Part-of"
    assert not any(c.note for c in project.claims())


def test_labels_give_names_back_and_brat_types_are_declared(project, tmp_path):
    build(project)
    project.add_tag("Économie & société")
    project.tag_claim(project.claims()[0].id, "Économie & société")
    export(project, "brat", tmp_path / "b")
    conf = (tmp_path / "b" / "annotation.conf").read_text(encoding="utf-8")
    assert "<OVERLAP> Arg1:Claim, Arg2:Claim, <OVL-TYPE>:<ANY>" in conf
    for line in conf.splitlines():
        if line and not line.startswith(("#", "[", "<")):
            assert re.fullmatch(r"[A-Za-z0-9_-]+", line.split()[0]), line
    for rel in project.relation_types():
        assert re.search(rf"^{re.escape(rel.name)} Arg1:Claim", conf, re.M)
    target = project.create(tmp_path / "t.claimweave")
    import_annotations(target, tmp_path / "b", "brat")
    assert "Économie & société" in {t.name for t in target.tags()}
    target.close()
