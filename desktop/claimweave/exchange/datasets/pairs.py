"""Claim pairs: one JSON line per link, the shape NLI and stance datasets use.

Each line holds both claims' text, where they come from (document metadata) and the
relation with its polarity, so a line is a training example on its own.
Field by field in docs/exports.md.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ...core.model import Claim
from ...core.store import Project
from .base import ExportSelection, ExportSummary, Progress, ProjectSnapshot, Ticker
from .files import atomic_writer
from .records import doc_meta


def _side(c: Claim) -> dict[str, Any]:
    return {"id": c.id, "document_id": c.document_id, "start": c.start, "end": c.end,
            "tags": list(c.tags), "annotator": c.annotator}


def export_pairs(project: Project, path: Path, selection: ExportSelection,
                 progress: Progress | None = None) -> ExportSummary:
    snap = ProjectSnapshot.take(project, selection)
    claims, rels = snap.claim_by_id, snap.relation_by_id
    sources = {d.id: doc_meta(d) for d in snap.documents}
    tick = Ticker(progress, len(snap.links))
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    with atomic_writer(path) as fh:
        for k in snap.links:
            a, b, rel = claims[k.source], claims[k.target], rels[k.relation_type_id]
            fh.write(dumps({
                "id": k.id, "claim_a": a.quote, "claim_b": b.quote, "relation": rel.name,
                "polarity": rel.polarity, "symmetric": rel.symmetric,
                "same_document": a.document_id == b.document_id,
                "a": _side(a), "b": _side(b),
                "source_a": sources[a.document_id], "source_b": sources[b.document_id],
                "note": k.note, "annotator": k.annotator, "created_at": k.created_at,
            }))
            fh.write("\n")
            tick.step()
    return snap.summary(path)
