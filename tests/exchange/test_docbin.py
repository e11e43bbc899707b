"""spaCy DocBin: loads in spaCy; spans equal the claims; exact offsets in user data."""

from __future__ import annotations

import spacy
from spacy.tokens import DocBin

from claimweave.exchange.datasets import export

from .datasets_sample import build


def test_docbin_spans_equal_claims(project, tmp_path):
    build(project)
    path = tmp_path / "out.spacy"
    export(project, "docbin", path)
    nlp = spacy.blank("en")
    docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    assert [d.text for d in docs] == [project.text(d.id) for d in project.documents()]
    claims = {c.id: c for c in project.claims()}
    seen = set()
    for doc in docs:
        data = doc.user_data["claimweave"]
        exact = {row[0]: row for row in data["claims"]}
        for span in doc.spans["claims"]:
            c = claims[span.id_]
            seen.add(c.id)
            assert span.label_ == (c.tags[0] if c.tags else "claim")
            expected = doc.char_span(c.start, c.end, alignment_mode="expand")
            assert (span.start, span.end) == (expected.start, expected.end)
            assert span.start_char <= c.start and span.end_char >= c.end
            _, start, end, tags, note, annotator = exact[c.id]
            assert doc.text[start:end] == c.quote
            assert (list(tags), note, annotator) == (list(c.tags), c.note, c.annotator)
    assert seen == set(claims)
