"""JSONL: one line per document with its metadata, text, claims and outgoing links.

Offsets are code points, end exclusive, so ``text[start:end] == quote`` in Python and
spaCy. A link is written on the line of the document that holds its source claim.
Field by field in docs/exports.md.
"""

from __future__ import annotations

import json
from pathlib import Path

from ...core.store import Project
from .base import ExportSelection, ExportSummary, ProjectSnapshot
from .files import atomic_writer


def document_records(project: Project, selection: ExportSelection) -> list[dict[str, object]]:
    snap = ProjectSnapshot.take(project, selection)
    by_doc: dict[str, list[dict[str, object]]] = {d.id: [] for d in snap.documents}
    doc_of: dict[str, str] = {}
    for c in snap.claims:
        doc_of[c.id] = c.document_id
        by_doc[c.document_id].append({
            "id": c.id, "start": c.start, "end": c.end, "quote": c.quote, "prefix": c.prefix,
            "suffix": c.suffix, "tags": list(c.tags), "note": c.note, "annotator": c.annotator,
            "created_at": c.created_at,
        })
    links_by_doc: dict[str, list[dict[str, object]]] = {d.id: [] for d in snap.documents}
    for k in snap.links:
        links_by_doc[doc_of[k.source]].append({
            "id": k.id, "source": k.source, "target": k.target,
            "target_document_id": doc_of[k.target], "relation": k.relation, "note": k.note,
            "annotator": k.annotator,
        })
    records = []
    for d in snap.documents:
        records.append({
            "id": d.id, "title": d.title, "author": d.author, "outlet": d.outlet,
            "published": d.published, "url": d.url, "language": d.language,
            "source_file": d.source_file, "text_sha256": d.text_sha256,
            "text": snap.texts[d.id], "claims": by_doc[d.id], "links": links_by_doc[d.id],
        })
    return records


def export_jsonl(project: Project, path: Path, selection: ExportSelection) -> ExportSummary:
    records = document_records(project, selection)
    with atomic_writer(path) as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False))
            fh.write("\n")
    return ExportSummary(path, len(records), sum(len(r["claims"]) for r in records),  # type: ignore[arg-type]
                         sum(len(r["links"]) for r in records))  # type: ignore[arg-type]
