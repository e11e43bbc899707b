"""spaCy DocBin: one Doc per document, claims in ``doc.spans["claims"]``.

Tokens come from ``spacy.blank("en")`` (tokenizer only, no model needed). Each claim is a
span made with ``char_span(alignment_mode="expand")``, labelled with its first tag (or
``claim``) and carrying the claim id as ``span.id_``. Token boundaries may widen a span,
so the exact code-point offsets, all tags, notes and annotators are kept in
``doc.user_data["claimweave"]``: nothing is lost. Field by field in docs/exports.md.
"""

from __future__ import annotations

import tempfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from ...core.model import Claim
from ...core.store import Project
from .base import ExportSelection, ExportSummary, Progress, Ticker
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

    # One document's claims at a time, never the whole project's (the links' claims are
    # the only ones read for the whole file).
    documents = project.documents()
    keep = selection.keeps(project)
    links = project.links()
    ends = {c.id: c for c in project.claims(ids={i for k in links for i in (k.source, k.target)})}
    links_of: dict[str, list[list[str]]] = {d.id: [] for d in documents}
    for k in links:
        if keep(ends[k.source]) and keep(ends[k.target]):
            links_of[ends[k.source].document_id].append(
                [k.id, k.source, k.target, k.relation, k.note, k.annotator])
    del ends
    tick = Ticker(progress, len(documents))
    nlp = spacy.blank(LANGUAGE)
    bin_ = DocBin(attrs=["ORTH", "SPACY"], store_user_data=True)
    texts = (project.text(d.id) for d in documents)
    written = 0
    with _registry_lookups_cached(), tempfile.TemporaryFile() as tokens, \
            tempfile.TemporaryFile() as spaces, tempfile.TemporaryFile() as groups, \
            atomic_writer(path, binary=True) as fh:
        spool = _Spool(bin_, len(documents), (tokens, spaces, groups))
        spool.start(fh)
        tokenizer: Any = nlp.tokenizer  # spaCy types it as a callable; a Tokenizer has pipe
        for d, doc in zip(documents, tokenizer.pipe(texts, batch_size=16), strict=True):
            claims = [c for c in project.claims(document_id=d.id) if keep(c)]
            written += len(claims)
            doc.spans[SPAN_KEY] = claim_spans(doc, claims)
            # The span labels and ids, taken from the claims rather than the spans (faster).
            bin_.strings.update(c.id for c in claims)
            bin_.strings.update(c.tags[0] if c.tags else UNTAGGED for c in claims)
            doc.user_data[USER_KEY] = _user_data(d, claims, links_of[d.id])
            spool.add(doc)
            tick.step()
        spool.finish()
    return ExportSummary(path, len(documents), written, sum(map(len, links_of.values())))


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


class _Spool:
    """A DocBin written as its Docs come, in the layout ``DocBin.to_bytes`` makes.

    The file is one zlib stream of one msgpack map (what ``DocBin.from_bytes`` reads). The
    user data of each Doc goes into the stream at once; the token and space arrays and the
    span groups, which the map holds after it, wait in a temporary file, and the strings in
    a set: nothing holds every Doc, nor the whole message, nor the compressed file (a
    DocBin of 100,000 claims built in memory peaked at 330 MB).

    ``add`` is ``DocBin.add`` for a Doc that only has tokens, spans and user data: spaCy's
    own visits every token nine times to collect the strings of tags, lemmas, entities ...
    which a tokenizer-only Doc does not have. Here the strings are the distinct token texts
    (the caller adds the span labels and ids). tests/exchange/test_docbin.py checks the
    file against what spaCy's own DocBin writes for the same Docs.
    """

    def __init__(self, bin_: Any, count: int, spools: tuple[IO[bytes], ...]) -> None:
        self.bin, self.count = bin_, count
        self.lengths: list[int] = []
        self.groups: list[int] = []  # byte length of each Doc's span groups
        self.flags: list[dict[str, bool]] = []
        self.tokens, self.spaces, self.span_groups = spools
        # spaCy 3.8 writes level 6; level 1 is a third of the export's time faster for a
        # file about 10 % larger, and from_bytes reads any level.
        self.zip = zlib.compressobj(1)
        self.out: IO[bytes] | None = None

    def _write(self, data: bytes) -> None:
        assert self.out is not None
        self.out.write(self.zip.compress(data))

    def _pack(self, value: Any) -> None:
        self._write(_msgpack(value))

    def start(self, out: IO[bytes]) -> None:
        from srsly.msgpack import Packer

        self.out, packer = out, Packer()
        self._write(packer.pack_map_header(10))
        self._pack("version")
        self._pack(self.bin.version)
        self._pack("attrs")
        self._pack(self.bin.attrs)
        self._pack("cats")  # a tokenizer's Docs have none
        self._pack([{}] * self.count)
        self._pack("user_data")
        self._write(packer.pack_array_header(self.count))

    def add(self, doc: Any) -> None:
        import numpy

        array = doc.to_array(self.bin.attrs).reshape((len(doc), len(self.bin.attrs)))
        self.tokens.write(array.tobytes("C"))
        spaces = numpy.asarray(doc.to_array("SPACY"), dtype=bool).reshape((len(doc), 1))
        self.spaces.write(spaces.tobytes("C"))
        self.lengths.append(len(doc))
        self.flags.append({"has_unknown_spaces": doc.has_unknown_spaces})
        strings = doc.vocab.strings
        self.bin.strings.update(strings[int(h)] for h in numpy.unique(array[:, 0]))
        self.bin.strings.add("")
        self._pack(_msgpack(doc.user_data))
        groups = doc.spans.to_bytes()
        self.span_groups.write(groups)
        self.groups.append(len(groups))

    def _copy(self, spooled: IO[bytes]) -> None:
        spooled.seek(0)
        while chunk := spooled.read(1 << 20):
            self._write(chunk)

    def finish(self) -> None:
        """The spooled span groups and arrays, then the lengths, flags and strings."""
        import numpy
        from srsly.msgpack import Packer

        assert self.out is not None and len(self.lengths) == self.count
        packer = Packer()
        self._pack("span_groups")
        self._write(packer.pack_array_header(self.count))
        self.span_groups.seek(0)
        for size in self.groups:
            self._write(_bin_header(size))
            self._write(self.span_groups.read(size))
        for name, spooled in (("tokens", self.tokens), ("spaces", self.spaces)):
            self._pack(name)
            self._write(_bin_header(spooled.seek(0, 2)))
            self._copy(spooled)
        self._pack("lengths")
        self._pack(numpy.asarray(self.lengths, dtype="int32").tobytes("C"))
        self._pack("flags")
        self._pack(self.flags)
        self._pack("strings")
        self._pack(sorted(self.bin.strings))
        self.out.write(self.zip.flush())


def _bin_header(size: int) -> bytes:
    """The msgpack header of a byte string of *size* bytes (bin 8, 16 or 32)."""
    if size < 1 << 8:
        return b"\xc4" + size.to_bytes(1, "big")
    if size < 1 << 16:
        return b"\xc5" + size.to_bytes(2, "big")
    return b"\xc6" + size.to_bytes(4, "big")


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
