"""Annotation imports do per-claim work that does not grow with the document or the file:
the ingest writes each document's new claims in one bulk call (the text is read once per
document, not once per claim as before), and a second import matches everything."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimweave.core.store import Project
from claimweave.exchange.datasets import export
from claimweave.exchange.datasets.importers import import_annotations

LINKS = 300


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "source.claimweave"
    words = " ".join(f"w{i}" for i in range(LINKS)) + " "
    with Project.create(path) as p:
        p.add_tag("Fact")
        docs = [p.add_document(words + f"{n}", title=f"Doc {n}").document.id for n in (1, 2)]
        spans = [(words.index(f"w{i} "), words.index(f"w{i} ") + len(f"w{i}"))
                 for i in range(LINKS)]
        a, b = (p.add_claims(d, spans, annotator="ann") for d in docs)
        for n, (x, y) in enumerate(zip(a, b, strict=True)):
            p.link_claims(x, y, "agrees", note=f"link {n}")
            if n % 3 == 0:
                p.tag_claim(x, "Fact")
    return path


@pytest.mark.parametrize(("fmt", "name"), [("jsonl", "out.jsonl"), ("qdpx", "out.qdpx"),
                                           ("webanno", "out.jsonld")])
def test_import_reads_each_text_once_and_reimport_matches(
        source: Path, tmp_path: Path, fmt: str, name: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    with Project.open(source, read_only=True) as p:
        export(p, fmt, tmp_path / name)
        want = {(c.quote, c.annotator, c.tags) for c in p.claims()}
    target = tmp_path / "target.claimweave"
    Project.create(target).close()
    reads: list[str] = []
    original = Project.text

    def counting_text(self: Project, doc_id: str) -> str:
        reads.append(doc_id)
        return original(self, doc_id)

    monkeypatch.setattr(Project, "text", counting_text)
    with Project.open(target) as p:
        report = import_annotations(p, tmp_path / name, fmt)
        assert report.added["claims"] == 2 * LINKS and report.added["links"] == LINKS
        assert len(reads) <= 2 * 2, f"{len(reads)} reads of a document's text"
        assert {(c.quote, c.annotator, c.tags) for c in p.claims()} == want
        again = import_annotations(p, tmp_path / name, fmt)
    assert not again.changed and again.matched["claims"] == 2 * LINKS
