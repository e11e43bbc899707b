"""JSONL: one line per document with its metadata, text, claims and outgoing links.

Offsets are code points, end exclusive, so ``text[start:end] == quote`` in Python and
spaCy. A link is written on the line of the document that holds its source claim.
Field by field in docs/exports.md. Importable: ids are kept, so a second import of the
same file changes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ...core.store import Project
from .base import ExportSelection, ExportSummary, Progress, ProjectSnapshot, Ticker
from .bundle import BClaim, BDocument, BLink, Bundle, as_int, as_str, clean_id, refuse
from .files import write_records
from .records import bundle_meta, card_record, claim_record, doc_meta, read_card
from .safety import decode_utf8, parse_json, read_bytes


def _records(snap: ProjectSnapshot) -> Any:
    doc_of = {c.id: c.document_id for c in snap.claims}
    links_by_doc: dict[str, list[dict[str, object]]] = {d.id: [] for d in snap.documents}
    for k in snap.links:
        links_by_doc[doc_of[k.source]].append({
            "id": k.id, "source": k.source, "target": k.target,
            "target_document_id": doc_of[k.target], "relation": k.relation, "note": k.note,
            "annotator": k.annotator,
        })
    by_doc = snap.claims_by_doc
    for d in snap.documents:
        yield {**doc_meta(d), **card_record(d), "text_sha256": d.text_sha256,
               "text": snap.text(d.id),
               "claims": [claim_record(c) for c in by_doc[d.id]], "links": links_by_doc[d.id]}


def export_jsonl(project: Project, path: Path, selection: ExportSelection,
                 progress: Progress | None = None) -> ExportSummary:
    snap = ProjectSnapshot.take(project, selection)
    write_records(path, _records(snap), Ticker(progress, len(snap.documents)).step)
    return snap.summary(path)


def read_jsonl(path: Path) -> Bundle:
    """Parse a JSONL export (ours, or one shaped like it) into a bundle."""
    text = decode_utf8(read_bytes(path), str(path))
    bundle = Bundle(path.name)
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        place = f"{path}, line {n}"
        record = parse_json(line, str(path), line=n)
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise refuse(place, "each line must be an object with a 'text'")
        _read_document(record, place, bundle)
    return bundle


def _read_document(record: dict[str, Any], place: str, bundle: Bundle) -> None:
    doc_key = place
    card, attributes = read_card(record, place)
    bundle.documents.append(BDocument(
        doc_key, record["text"], place, id=clean_id(record.get("id")),
        title=as_str(record.get("title"), place, "title") or None, meta=bundle_meta(record),
        card=card, attributes=attributes))
    for i, c in enumerate(_list(record, "claims", place)):
        where = f"{place}, claims[{i}]"
        if not isinstance(c, dict):
            raise refuse(where, "a claim must be an object")
        tags = c.get("tags") or []
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            raise refuse(where, "tags must be a list of names")
        bundle.claims.append(BClaim(
            _key(c.get("id") or where, where), doc_key, as_int(c.get("start"), where, "start"),
            as_int(c.get("end"), where, "end"), where, id=clean_id(c.get("id")),
            quote=c.get("quote") if isinstance(c.get("quote"), str) else None,
            note=as_str(c.get("note"), where, "note"),
            annotator=as_str(c.get("annotator"), where, "annotator"), tags=list(tags),
            claimant=as_str(c.get("claimant"), where, "claimant") or None))
    for i, k in enumerate(_list(record, "links", place)):
        where = f"{place}, links[{i}]"
        if not isinstance(k, dict):
            raise refuse(where, "a link must be an object")
        bundle.links.append(BLink(
            _key(k.get("source"), where), _key(k.get("target"), where),
            as_str(k.get("relation"), where, "relation") or "related", where,
            id=clean_id(k.get("id")), note=as_str(k.get("note"), where, "note"),
            annotator=as_str(k.get("annotator"), where, "annotator")))


def _list(record: dict[str, Any], name: str, place: str) -> list[Any]:
    value = record.get(name) or []
    if not isinstance(value, list):
        raise refuse(place, f"{name!r} must be a list")
    return value


def _key(value: object, place: str) -> str:
    if not isinstance(value, str) or not value:
        raise refuse(place, "every claim and link end needs an id")
    return clean_id(value) or value
