"""doccano JSONL, in both shapes doccano exports: one line per document.

Sequence labelling reads ``"label": [[start, end, "TAG"], ...]``; relation extraction reads
``"entities": [{"id", "label", "start_offset", "end_offset"}]`` and ``"relations": [{"id",
"from_id", "to_id", "type"}]``. Each line carries both, so either kind of doccano project
takes the file (doccano keeps the keys it does not read as the example's metadata, where
ClaimWeave also keeps the claim ids, notes, annotators and further tags). An entity has one
label: the claim's first tag, or ``Claim``. doccano refuses relations between examples, so
links across documents are not written (the export summary counts only those written).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ...core.store import Project
from .base import ExportSelection, ExportSummary, Progress, ProjectSnapshot, Ticker
from .bundle import BClaim, BDocument, BLink, Bundle, as_int, clean_id, refuse
from .files import write_records
from .records import DOC_FIELDS
from .safety import decode_utf8, parse_json, read_bytes

ENTITY = "Claim"


def _records(snap: ProjectSnapshot, written: list[int]) -> Iterator[dict]:
    doc_of = {c.id: c.document_id for c in snap.claims}
    links: dict[str, list] = {}
    for k in snap.links:
        if doc_of[k.source] == doc_of[k.target]:
            links.setdefault(doc_of[k.source], []).append(k)
    for d in snap.documents:
        claims = snap.claims_by_doc[d.id]
        number = {c.id: n for n, c in enumerate(claims, 1)}
        label = [[c.start, c.end, (c.tags or (ENTITY,))[0]] for c in claims]
        inside = links.get(d.id, [])
        written[0] += len(inside)
        yield {  # the annotations first: a reader can tell the shape from the line's start
            "label": label,
            "entities": [{"id": number[c.id], "label": lab, "start_offset": s,
                          "end_offset": e} for c, (s, e, lab) in zip(claims, label, strict=True)],
            "relations": [{"id": n, "from_id": number[k.source], "to_id": number[k.target],
                           "type": k.relation} for n, k in enumerate(inside, 1)],
            "text": snap.text(d.id),
            "document_id": d.id, **{f: getattr(d, f) for f in DOC_FIELDS},
            "claims": [{"id": c.id, "tags": list(c.tags), "note": c.note,
                        "annotator": c.annotator} for c in claims],
            "links": [{"id": k.id, "note": k.note, "annotator": k.annotator} for k in inside],
        }


def export_doccano(project: Project, path: Path, selection: ExportSelection,
                   progress: Progress | None = None) -> ExportSummary:
    snap = ProjectSnapshot.take(project, selection)
    written = [0]
    write_records(path, _records(snap, written), Ticker(progress, len(snap.documents)).step)
    summary = snap.summary(path)
    return ExportSummary(path, summary.documents, summary.claims, written[0])


# ---------------------------------------------------------------------- reading
def read_doccano(path: Path) -> Bundle:
    """doccano JSONL of either shape (or ours, which has both) into a bundle."""
    text = decode_utf8(read_bytes(path), str(path))
    bundle = Bundle(path.name)
    for n, line in enumerate(text.split("\n"), 1):
        if line.strip():
            record = parse_json(line, str(path), line=n)
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise refuse(f"{path}, line {n}", "each line must be an object with a 'text'")
            _Record(record, f"{path}, line {n}", bundle).read()
    return bundle


class _Record:
    def __init__(self, record: dict[str, Any], place: str, bundle: Bundle) -> None:
        self.r, self.place, self.bundle = record, place, bundle
        extra = record.get("claims")
        self.extra = extra if isinstance(extra, list) else []

    def read(self) -> None:
        r, place = self.r, self.place
        self.bundle.documents.append(BDocument(
            place, r["text"], place, id=clean_id(r.get("document_id")),
            title=r.get("title") if isinstance(r.get("title"), str) else None,
            meta={f: r.get(f) for f in DOC_FIELDS if f != "title"}))
        entities = r.get("entities")
        keys = self._entities(entities) if isinstance(entities, list) and entities else \
            self._labels(r.get("label") or [])
        self._relations(r.get("relations") or [], keys)
        for name in ("cats", "categories"):
            if r.get(name):
                self.bundle.warnings.append(f"{place}: the document labels in {name!r} "
                                            f"({r[name]!r:.60}) have no place in ClaimWeave")

    def _claim(self, i: int, start: Any, end: Any, label: Any, where: str) -> str:
        extra = self.extra[i] if i < len(self.extra) and isinstance(self.extra[i], dict) else {}
        ident = clean_id(extra.get("id"))
        given = extra.get("tags")
        tags: list[Any] = given if isinstance(given, list) else \
            ([] if label in (None, ENTITY) else [str(label)])
        key = ident or f"{self.place}:{i}"
        self.bundle.claims.append(BClaim(
            key, self.place, as_int(start, where, "start"), as_int(end, where, "end"), where,
            id=ident, note=str(extra.get("note") or ""),
            annotator=str(extra.get("annotator") or ""), tags=[str(t) for t in tags]))
        return key

    def _labels(self, spans: Any) -> dict[Any, str]:
        if not isinstance(spans, list):
            raise refuse(self.place, "'label' must be a list of [start, end, label]")
        for i, span in enumerate(spans):
            where = f"{self.place}, label[{i}]"
            if not isinstance(span, list) or len(span) != 3:
                raise refuse(where, "a span is [start, end, label]")
            self._claim(i, span[0], span[1], span[2], where)
        return {}

    def _entities(self, entities: list[Any]) -> dict[Any, str]:
        keys = {}
        for i, e in enumerate(entities):
            where = f"{self.place}, entities[{i}]"
            if not isinstance(e, dict):
                raise refuse(where, "an entity must be an object")
            keys[e.get("id")] = self._claim(i, e.get("start_offset"), e.get("end_offset"),
                                            e.get("label"), where)
        return keys

    def _relations(self, relations: Any, keys: dict[Any, str]) -> None:
        if not isinstance(relations, list):
            raise refuse(self.place, "'relations' must be a list")
        given = self.r.get("links")
        extra: list[Any] = given if isinstance(given, list) else []
        for i, k in enumerate(relations):
            where = f"{self.place}, relations[{i}]"
            if not isinstance(k, dict) or k.get("from_id") not in keys \
                    or k.get("to_id") not in keys:
                self.bundle.warnings.append(f"{where}: the relation names no entity of its "
                                            "line; skipped")
                continue
            more = extra[i] if i < len(extra) and isinstance(extra[i], dict) else {}
            self.bundle.links.append(BLink(
                keys[k["from_id"]], keys[k["to_id"]], str(k.get("type") or "related"), where,
                id=clean_id(more.get("id")), note=str(more.get("note") or ""),
                annotator=str(more.get("annotator") or "")))
