"""Label Studio JSON tasks: one task per document, one annotation per annotator.

A task is ``{"data": {"text", "title", "document_id"}, "annotations": [...], "meta": {...}}``.
Each annotation holds one annotator's claims as ``labels`` results (``value``: start, end,
text, labels: the claim's tags, or ``Claim`` when it has none; the note in the region's
``meta.text``) and the links between them as ``relation`` results (``direction`` "bi" for
symmetric relations, else "right"). Label Studio relates regions of one annotation only and
gives a relation no note, so other links (across documents or annotators, or with a note)
go where Label Studio keeps extra data: the task's ``meta.claimweave.links``. Offsets are
code points, as Label Studio's export writes them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ...core.model import Claim, Link
from ...core.offsets import OffsetMap
from ...core.store import Project
from .base import ExportSelection, ExportSummary, Progress, ProjectSnapshot, Ticker
from .bundle import BClaim, BDocument, BLink, Bundle, as_int, as_str, clean_id, refuse
from .files import write_records
from .records import DOC_FIELDS
from .safety import decode_utf8, parse_json, read_bytes

ENTITY = "Claim"
FROM_NAME, TO_NAME = "label", "text"
def _region(c: Claim) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": c.id, "from_name": FROM_NAME, "to_name": TO_NAME, "type": "labels",
        "origin": "manual",
        "value": {"start": c.start, "end": c.end, "text": c.quote,
                  "labels": list(c.tags) or [ENTITY]},
    }
    if c.note:
        out["meta"] = {"text": [c.note]}
    return out


def _relation(k: Link, symmetric: bool) -> dict[str, Any]:
    return {"from_id": k.source, "to_id": k.target, "type": "relation",
            "direction": "bi" if symmetric else "right", "labels": [k.relation]}


def _side_link(k: Link, doc_of: dict[str, str]) -> dict[str, Any]:
    return {"id": k.id, "source": k.source, "target": k.target,
            "target_document_id": doc_of[k.target], "relation": k.relation, "note": k.note,
            "annotator": k.annotator}


def _tasks(snap: ProjectSnapshot) -> Iterator[dict[str, Any]]:
    doc_of = {c.id: c.document_id for c in snap.claims}
    who = {c.id: c.annotator for c in snap.claims}
    symmetric = {r.id: r.symmetric for r in snap.relations}
    inner: dict[tuple[str, str], list[Link]] = {}
    side: dict[str, list[Link]] = {}
    for k in snap.links:
        if doc_of[k.source] == doc_of[k.target] and not k.note \
                and who[k.source] == who[k.target] == k.annotator:
            inner.setdefault((doc_of[k.source], who[k.source]), []).append(k)
        else:
            side.setdefault(doc_of[k.source], []).append(k)
    for n, d in enumerate(snap.documents, 1):
        by_annotator: dict[str, list[Claim]] = {}
        for c in snap.claims_by_doc[d.id]:
            by_annotator.setdefault(c.annotator, []).append(c)
        annotations = []
        for m, (annotator, claims) in enumerate(by_annotator.items(), 1):
            result = [_region(c) for c in claims]
            result += [_relation(k, symmetric[k.relation_type_id])
                       for k in inner.get((d.id, annotator), [])]
            annotations.append({"id": n * 1000 + m, "result": result,
                                "meta": {"annotator": annotator}})
        meta = {f: getattr(d, f) for f in DOC_FIELDS if getattr(d, f) is not None}
        yield {"id": n, "data": {"text": snap.text(d.id), "title": d.title, "document_id": d.id},
               "annotations": annotations,
               "meta": {"claimweave": {"document": meta,
                                       "annotators": list(by_annotator),
                                       "links": [_side_link(k, doc_of)
                                                 for k in side.get(d.id, [])]}}}


def export_labelstudio(project: Project, path: Path, selection: ExportSelection,
                       progress: Progress | None = None) -> ExportSummary:
    snap = ProjectSnapshot.take(project, selection)
    write_records(path, _tasks(snap), Ticker(progress, len(snap.documents)).step, array=True)
    return snap.summary(path)


# ---------------------------------------------------------------------- reading
def read_labelstudio(path: Path) -> Bundle:
    """Label Studio tasks (its JSON export, or ours) into a bundle: labels as claims,
    relation results and ``meta.claimweave.links`` as links."""
    tasks = parse_json(decode_utf8(read_bytes(path), str(path)), str(path))
    if isinstance(tasks, dict):
        tasks = [tasks]
    if not isinstance(tasks, list) or not all(isinstance(t, dict) for t in tasks):
        raise refuse(str(path), "expected a list of Label Studio tasks")
    bundle = Bundle(path.name)
    for i, task in enumerate(tasks):
        _read_task(task, f"{path}: task {task.get('id', i)}", bundle)
    return bundle


def _text_of(data: Any, place: str) -> str:
    if not isinstance(data, dict):
        raise refuse(place, "a task needs 'data' with its text")
    text = data.get("text")
    if not isinstance(text, str):
        text = next((v for v in data.values() if isinstance(v, str) and v), None)
    if not isinstance(text, str):
        raise refuse(place, "the task's data has no text")
    return text


def _read_task(task: dict[str, Any], place: str, bundle: Bundle) -> None:
    data: dict[str, Any] = task.get("data")  # type: ignore[assignment]  # checked next
    text = _text_of(data, place)
    ours = (task.get("meta") or {}).get("claimweave") or {}
    meta = ours.get("document") or {}
    key = place
    bundle.documents.append(BDocument(
        key, text, place, id=clean_id(data.get("document_id")),
        title=data.get("title") or meta.get("title"),
        meta={f: meta.get(f) for f in DOC_FIELDS if f != "title"}))
    offsets: OffsetMap | None = None
    for a, annotation in enumerate(task.get("annotations") or []):
        where = f"{place}, annotation {annotation.get('id', a)}"
        annotator = _annotator(annotation)
        regions: dict[str, str] = {}
        relations: list[tuple[dict[str, Any], str]] = []
        for r, result in enumerate(annotation.get("result") or []):
            at = f"{where}, result {r}"
            kind = result.get("type")
            if kind in ("labels", "hypertextlabels") or (kind is None and "value" in result):
                value = result.get("value") or {}
                start = as_int(value.get("start"), at, "start")
                end = as_int(value.get("end"), at, "end")
                quote = value.get("text") if isinstance(value.get("text"), str) else None
                if quote is not None and text[start:end] != quote:
                    offsets = offsets or OffsetMap(text)
                    s16, e16 = offsets.to_codepoint(start), offsets.to_codepoint(end)
                    if text[s16:e16] == quote:  # older Label Studio counted UTF-16 units
                        start, end = s16, e16
                labels = [x for x in value.get("labels") or [] if x != ENTITY]
                notes = (result.get("meta") or {}).get("text") or []
                rid = as_str(result.get("id"), at, "id") or at
                claim_key = clean_id(rid) or f"{where}:{rid}"
                regions[rid] = claim_key
                bundle.claims.append(BClaim(
                    claim_key, key, start, end, at, id=clean_id(rid), quote=quote,
                    note="\n".join(str(n) for n in notes), annotator=annotator,
                    tags=[str(x) for x in labels]))
            elif kind == "relation":
                relations.append((result, at))  # its regions may come later in the list
            else:
                bundle.warnings.append(f"{at}: a {kind!r} result has no place in ClaimWeave; "
                                       "skipped")
        for pending in relations:
            _relation_link(pending, regions, annotator, bundle)
    for n, k in enumerate(ours.get("links") or []):
        at = f"{place}, meta.claimweave.links[{n}]"
        bundle.links.append(BLink(
            as_str(k.get("source"), at, "source"), as_str(k.get("target"), at, "target"),
            as_str(k.get("relation"), at, "relation") or "related", at,
            id=clean_id(k.get("id")), note=as_str(k.get("note"), at, "note"),
            annotator=as_str(k.get("annotator"), at, "annotator")))


def _annotator(annotation: dict[str, Any]) -> str:
    meta = annotation.get("meta") or {}
    if isinstance(meta, dict) and isinstance(meta.get("annotator"), str):
        return str(meta["annotator"])
    who = annotation.get("completed_by")
    if isinstance(who, dict):
        return str(who.get("email") or who.get("username") or who.get("id") or "")
    return "" if who is None else str(who)


def _relation_link(pending: tuple[dict[str, Any], str], regions: dict[str, str],
                   annotator: str, bundle: Bundle) -> None:
    result, at = pending
    a, b = result.get("from_id"), result.get("to_id")
    if a not in regions or b not in regions:
        bundle.warnings.append(f"{at}: the relation joins regions that are not labelled "
                               "spans of this annotation; skipped")
        return
    if result.get("direction") == "left":
        a, b = b, a
    labels = result.get("labels") or ["related"]
    bundle.links.append(BLink(regions[a], regions[b], str(labels[0]), at,
                              annotator=annotator))
