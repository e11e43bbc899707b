"""Acceptance on the five shared Russia-Iran articles: every character kept, exact quotes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimweave.core.store import Project
from claimweave.exchange.importing import import_files

pytestmark = pytest.mark.corpus

# One claim per article, quoted exactly (curly quotes included), and how they relate.
QUOTES = {
    "000_cc90ed2d5553dd6f.txt": "This could be the first step on the path to form a bilateral "
                                "military alliance",
    "001_cbb0d32f7926f50c.txt": "the Russian-Iranian relationship lacks a strategic dimension, "
                                "thus effectively precluding an alliance",
    "004_7e0a52477b7e2d2d.txt": "Strategic Alliance or Strategic Cooperation?",
}


def test_five_articles_import_with_every_character(corpus_dir: Path, project: Project) -> None:
    manifest = json.loads((corpus_dir / "manifest.json").read_text(encoding="utf-8"))
    files = [corpus_dir / d["file"] for d in manifest["documents"]]
    results = import_files(project, files)
    assert all(r.ok and not r.duplicate for r in results)
    for path, result in zip(files, results, strict=True):
        raw = path.read_bytes().decode("utf-8")
        stored = project.text(result.document.id)
        assert stored == raw.replace("\r\n", "\n"), path.name
    curly = [project.text(r.document.id) for r in results]
    assert any("\u2019" in t or "\u201c" in t for t in curly), "curly quotes kept"
    assert any(not t.endswith("\n") for t in curly), "no trailing newline added"
    again = import_files(project, files[:1])
    assert again[0].duplicate and len(project.documents()) == 5


def test_claims_from_exact_quotes_of_the_articles(corpus_dir: Path, project: Project) -> None:
    docs = {}
    for name in QUOTES:
        docs[name] = import_files(project, [corpus_dir / name])[0].document.id
    made = {}
    for name, quote in QUOTES.items():
        text = project.text(docs[name])
        occurrence = 1 if text.count(quote) > 1 else None
        claim = project.add_claim(docs[name], quote=quote, occurrence=occurrence)
        assert text[claim.start:claim.end] == quote
        made[name] = claim.id
    # A quote with a curly apostrophe, typed as the article prints it.
    claim = project.add_claim(docs["001_cbb0d32f7926f50c.txt"],
                              quote="The Russian-Iranian alliance that wasn\u2019t")
    assert claim.quote.endswith("wasn\u2019t")
    link = project.link_claims(made["000_cc90ed2d5553dd6f.txt"], made["001_cbb0d32f7926f50c.txt"],
                               "contradicts")
    assert project.stats()["cross_document_links"] == 1 and link.relation == "contradicts"
