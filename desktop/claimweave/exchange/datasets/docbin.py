"""spaCy DocBin: one Doc per document, claims in ``doc.spans["claims"]``.

Tokens come from ``spacy.blank("en")`` (tokenizer only, no model needed). Each claim is a
span made with ``char_span(alignment_mode="expand")``, labelled with its first tag (or
``claim``) and carrying the claim id as ``span.id_``. Token boundaries may widen a span,
so the exact code-point offsets, all tags, notes and annotators are kept in
``doc.user_data["claimweave"]``: nothing is lost. Field by field in docs/exports.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ...core.model import Claim
from ...core.store import Project
from .base import ExportSelection, ExportSummary, Progress, ProjectSnapshot, Ticker
from .files import atomic_writer
from .records import doc_meta

SPAN_KEY = "claims"
USER_KEY = "claimweave"
UNTAGGED = "claim"
LANGUAGE = "en"


def export_docbin(project: Project, path: Path, selection: ExportSelection,
                  progress: Progress | None = None) -> ExportSummary:
    import spacy  # heavy: imported only when this format is used
    from spacy.tokens import DocBin

    snap = ProjectSnapshot.take(project, selection)
    tick = Ticker(progress, len(snap.documents))
    nlp = spacy.blank(LANGUAGE)
    links_of: dict[str, list[list[str]]] = {d.id: [] for d in snap.documents}
    for k in snap.links:
        doc_id = snap.claim_by_id[k.source].document_id
        links_of[doc_id].append([k.id, k.source, k.target, k.relation, k.note, k.annotator])
    bin_ = DocBin(attrs=["ORTH", "SPACY"], store_user_data=True)
    texts = (snap.text(d.id) for d in snap.documents)
    with _registry_lookups_cached():
        tokenizer: Any = nlp.tokenizer  # spaCy types it as a callable; a Tokenizer has pipe
        for d, doc in zip(snap.documents, tokenizer.pipe(texts, batch_size=64),
                          strict=True):
            claims = snap.claims_by_doc[d.id]
            doc.spans[SPAN_KEY] = claim_spans(doc, claims)
            # The span labels and ids, taken from the claims rather than the spans (faster).
            bin_.strings.update(c.id for c in claims)
            bin_.strings.update(c.tags[0] if c.tags else UNTAGGED for c in claims)
            doc.user_data[USER_KEY] = _user_data(d, claims, links_of[d.id])
            _add_tokenized(bin_, doc)
            tick.step()
        data = _to_bytes(bin_)
    with atomic_writer(path, binary=True) as fh:
        fh.write(data)
    return snap.summary(path)


def claim_spans(doc: Any, claims: list[Claim]) -> list[Any]:
    """The claims as spans over every token they touch (``char_span``'s "expand" mode).

    Done for all claims of a document at once with two binary searches over the token
    boundaries, which is several times faster than one ``char_span`` call per claim. A
    claim that covers only whitespace touches no token and gets no span (its offsets are
    still in the user data).
    """
    import numpy
    from spacy.tokens import Span

    if not claims or not len(doc):
        return []
    starts = doc.to_array("IDX").astype(numpy.int64)
    ends = starts + doc.to_array("LENGTH").astype(numpy.int64)
    first = numpy.searchsorted(ends, [c.start for c in claims], side="right")
    stop = numpy.searchsorted(starts, [c.end for c in claims], side="left")
    return [Span(doc, int(a), int(b), label=c.tags[0] if c.tags else UNTAGGED, span_id=c.id)
            for c, a, b in zip(claims, first, stop, strict=True) if a < b]


def _user_data(d: Any, claims: list[Any], links: list[list[str]]) -> dict[str, Any]:
    return {
        "document": {**doc_meta(d), "text_sha256": d.text_sha256},
        "claim_fields": ["id", "start", "end", "tags", "note", "annotator"],
        "claims": [[c.id, c.start, c.end, list(c.tags), c.note, c.annotator] for c in claims],
        "link_fields": ["id", "source", "target", "relation", "note", "annotator"],
        "links": links,
    }


def _add_tokenized(bin_: Any, doc: Any) -> None:
    """``DocBin.add`` for a Doc that only has tokens, spans and user data.

    spaCy's own ``add`` visits every token nine times to collect the strings of tags,
    lemmas, entities ... which a tokenizer-only Doc does not have; that loop was most of
    the export's time. Here the strings are the distinct token texts (the caller adds the
    span labels and ids). Checked against spaCy 3.8's DocBin layout by
    tests/exchange/test_docbin.py.
    """
    import numpy

    array = doc.to_array(bin_.attrs).reshape((len(doc), len(bin_.attrs)))
    bin_.tokens.append(array)
    bin_.spaces.append(numpy.asarray(doc.to_array("SPACY"), dtype=bool).reshape((len(doc), 1)))
    bin_.flags.append({"has_unknown_spaces": doc.has_unknown_spaces})
    strings = doc.vocab.strings
    bin_.strings.update(strings[int(h)] for h in numpy.unique(array[:, 0]))
    bin_.strings.add("")
    bin_.cats.append(doc.cats)
    bin_.user_data.append(_msgpack(doc.user_data))
    bin_.span_groups.append(doc.spans.to_bytes())


def _to_bytes(bin_: Any) -> bytes:
    """``DocBin.to_bytes`` with fast compression (zlib level 1 instead of 6).

    Level 6 took a third of the export for a file about 10 % smaller; ``DocBin.from_bytes``
    reads any level. The message is the one spaCy 3.8 writes.
    """
    import zlib

    import numpy

    msg = {
        "version": bin_.version, "attrs": bin_.attrs,
        "tokens": numpy.vstack(bin_.tokens).tobytes("C") if bin_.tokens else b"",
        "spaces": numpy.vstack(bin_.spaces).tobytes("C") if bin_.spaces else b"",
        "lengths": numpy.asarray([len(t) for t in bin_.tokens], dtype="int32").tobytes("C"),
        "strings": sorted(bin_.strings), "cats": bin_.cats, "flags": bin_.flags,
        "span_groups": bin_.span_groups, "user_data": bin_.user_data,
    }
    return zlib.compress(_msgpack(msg), 1)


def _msgpack(data: Any) -> bytes:
    import srsly

    return srsly.msgpack_dumps(data)


@contextmanager
def _registry_lookups_cached() -> Iterator[None]:
    """Look srsly's msgpack encoders up once for the whole export, not once per call.

    srsly collects its encoders from catalogue's registry every time it packs, which scans
    every function spaCy registered: about a millisecond per call, three calls per document.
    The encoders cannot change during an export, so the first answer is reused and the
    registry's own method is back in place afterwards.
    """
    from srsly.msgpack import msgpack_encoders

    found = msgpack_encoders.get_all()
    msgpack_encoders.get_all = lambda: found
    try:
        yield
    finally:
        del msgpack_encoders.get_all
