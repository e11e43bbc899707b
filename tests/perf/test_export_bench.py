"""Export speed on a large project: 1,000 documents, 100,000 claims (make bench).

Prints seconds per format and the ratio against plain sqlite3 + json writing the same
rows in the same run (so a slow machine shows in both). Target: <= 3 s per format.
No timing asserts: only the export's own checks.
"""

from __future__ import annotations

import json
import random
import sqlite3
import time
from pathlib import Path

import pytest

from claimweave.core.store import Project
from claimweave.exchange.datasets import EXPORTERS, export

DOCUMENTS = 1_000
CLAIMS_PER_DOCUMENT = 100
TAGGED = 5_000
LINKS = 5_000
WORDS = ["price", "inflation", "rose", "sharply", "said", "minister", "report", "claims",
         "growth", "💹", "économie", "sanctions", "trade", "oil", "gas", "deal", "talks",
         "مذاکرات", "会谈", "agreement", "denied", "officials"]
OUTPUTS = {"jsonl": "out.jsonl", "pairs": "pairs.jsonl", "csv": "csv.zip",
           "webanno": "out.jsonld", "brat": "brat", "docbin": "out.spacy", "qdpx": "out.qdpx",
           "qdc": "out.qdc", "labelstudio": "ls.json", "doccano": "dc.jsonl",
           "graphml": "g.graphml", "gexf": "g.gexf", "xlsx": "t.xlsx"}
CODEBOOK_ONLY = {"qdc"}


@pytest.fixture(scope="session")
def big_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The benchmark project, built once per session with the store's bulk verbs."""
    rng = random.Random(7)
    path = tmp_path_factory.mktemp("bench") / "big.claimweave"
    t0 = time.perf_counter()
    project = Project.create(path)
    claim_ids: list[str] = []
    with project.batch("Build benchmark project"):
        tags = [project.add_tag(f"tag {i}").id for i in range(20)]
        for n in range(DOCUMENTS):
            text = f"Document {n}. " + " ".join(rng.choice(WORDS) for _ in range(700)) + "\n"
            doc = project.add_document(text, title=f"Article {n}").document
            spans = []
            for _ in range(CLAIMS_PER_DOCUMENT):
                s = rng.randrange(0, len(text) - 80)
                spans.append((s, s + rng.randrange(20, 80)))
            claim_ids += project.add_claims(doc.id, spans, annotator=f"annotator {n % 3}")
        for cid in rng.sample(claim_ids, TAGGED):
            project.tag_claim(cid, rng.choice(tags))
        for _ in range(LINKS):
            a, b = rng.sample(claim_ids, 2)
            project.link_claims(a, b, rng.choice(["agrees", "contradicts", "elaborates"]))
    project.close()
    print(f"\nbuilt {DOCUMENTS} documents, {len(claim_ids)} claims, {LINKS} links in "
          f"{time.perf_counter() - t0:.1f} s")
    return path


def plain_baseline(path: Path, out: Path) -> float:
    """The same rows with sqlite3 and json only: documents, claims, links as JSON lines."""
    t0 = time.perf_counter()
    con = sqlite3.connect(path)
    claims: dict[str, list[list[object]]] = {}
    for row in con.execute('SELECT document_id, id, start, "end", quote, prefix, suffix, note, '
                           "annotator, created_at FROM claims ORDER BY document_id, start"):
        claims.setdefault(row[0], []).append(list(row[1:]))
    links = con.execute("SELECT * FROM links").fetchall()
    with out.open("w", encoding="utf-8") as fh:
        for doc_id, title, text in con.execute("SELECT id, title, text FROM documents"):
            fh.write(json.dumps({"id": doc_id, "title": title, "text": text,
                                 "claims": claims.get(doc_id, [])}, ensure_ascii=False))
            fh.write("\n")
        fh.write(json.dumps(links, ensure_ascii=False))
    con.close()
    return time.perf_counter() - t0


@pytest.mark.timeout(1800)  # builds 100,000 claims, then every format
def test_export_speed(big_project: Path, tmp_path: Path) -> None:
    base = plain_baseline(big_project, tmp_path / "baseline.jsonl")
    print(f"\nplain sqlite3 + json: {base:.2f} s")
    # spaCy's import is paid once per process (the desktop has usually paid it already for
    # its NLP features); shown on its own so the docbin figure is the export itself.
    t0 = time.perf_counter()
    import spacy

    spacy.blank("en")
    print(f"spaCy import + blank('en'), once per process: {time.perf_counter() - t0:.2f} s")
    project = Project.open(big_project, read_only=True)
    try:
        for fmt in sorted(EXPORTERS):
            t0 = time.perf_counter()
            summary = export(project, fmt, tmp_path / OUTPUTS[fmt])
            took = time.perf_counter() - t0
            if fmt not in CODEBOOK_ONLY:
                assert summary.claims == DOCUMENTS * CLAIMS_PER_DOCUMENT
            print(f"{fmt:8} {took:6.2f} s  {took / base:5.1f}x plain  "
                  f"{'ok' if took <= 3 else 'OVER 3 s'}")
    finally:
        project.close()
