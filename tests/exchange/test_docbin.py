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


def test_streamed_file_holds_what_spacys_docbin_writes(project, tmp_path):
    """The file is written Doc by Doc; its message must be the one spaCy's own DocBin makes
    of the same Docs (same arrays, user data, span groups, flags), its strings those the
    Docs need."""
    import zlib

    import srsly

    build(project)
    path = tmp_path / "out.spacy"
    export(project, "docbin", path)
    nlp = spacy.blank("en")
    docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    theirs = DocBin(attrs=["ORTH", "SPACY"], store_user_data=True)
    for doc in docs:
        theirs.add(doc)
    ours_msg = srsly.msgpack_loads(zlib.decompress(path.read_bytes()))
    their_msg = srsly.msgpack_loads(zlib.decompress(theirs.to_bytes()))
    assert set(ours_msg) == set(their_msg)
    for key in ("version", "attrs", "tokens", "spaces", "lengths", "cats", "flags",
                "span_groups", "user_data"):
        assert ours_msg[key] == their_msg[key], key
    needed = {t.text for d in docs for t in d} | {
        s for d in docs for span in d.spans["claims"] for s in (span.label_, span.id_)}
    assert needed <= set(ours_msg["strings"]) <= set(their_msg["strings"])
    assert len(docs) == len(project.documents()) and sum(len(d) for d in docs) > 0
