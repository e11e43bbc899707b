"""brat standoff: .ann offsets parse back; cross-document links in the side file."""

from __future__ import annotations

import pytest

from claimweave.core.errors import ImportRefusedError
from claimweave.exchange.datasets import export
from claimweave.exchange.datasets.brat import brat_name
from claimweave.exchange.datasets.importers import import_annotations

from .datasets_sample import build, content, roundtrip, state


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
                _, start, end = head.split(" ")
                s, e = int(start), int(end)
                assert " ".join(text[s:e].split()) == " ".join(covered.split())
                spans.add((text, s, e))
    assert spans == {(project.text(c.document_id), c.start, c.end) for c in project.claims()}
    assert len(docs) == 3
    cross = (tmp_path / "brat" / "cross_links.tsv").read_text(encoding="utf-8").splitlines()
    assert len(cross) == 1 + 2  # header and the two links between documents


def test_roundtrip_and_reimport(project, tmp_path):
    build(project)
    target, path = roundtrip(project, tmp_path, "brat", "brat")
    assert content(target) == content(project)
    before = state(target)
    assert not import_annotations(target, path, "brat").changed
    assert state(target) == before
    target.close()


def test_names_are_single_reversible_tokens():
    from urllib.parse import unquote

    for name in ("two words", "a:b,c", "100%", "Annotator", "Claim", "économie"):
        token = brat_name(name)
        assert " " not in token and ":" not in token and unquote(token) == name
        assert token not in ("Annotator", "Claim")


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
