"""W3C Web Annotation (JSON-LD): an AnnotationCollection of claims and links.

One annotation per claim (motivation "highlighting"; tags as "tagging" bodies, the note
as a "commenting" body; TextPositionSelector in code points plus TextQuoteSelector) and
one per link (motivation "linking", its two claims as targets, a "classifying" body that
names the relation). Documents are sources ``urn:uuid:<document id>``; their texts, the
codebook and the relation types travel in the collection under terms that the second
context entry defines, so the file imports back exactly. Field by field in
docs/exports.md.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from ...core.model import Claim, Document, Link
from ...core.store import Project
from .base import ExportSelection, ExportSummary, Progress, ProjectSnapshot, Ticker
from .bundle import (
    BClaim,
    BDocument,
    BLink,
    BRelation,
    BTag,
    Bundle,
    as_int,
    as_str,
    clean_id,
    refuse,
)
from .files import atomic_writer
from .records import CARD_FIELDS, DOC_FIELDS, read_card
from .safety import decode_utf8, parse_json, read_bytes

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
VOCAB = "urn:claimweave:vocab#"
# The W3C context defines every unprefixed term used here (creator's name is foaf:name);
# ClaimWeave's own terms are written prefixed, "cw:text", so none of the W3C's is redefined.
CONTEXT: list[Any] = [ANNO_CONTEXT, {"cw": VOCAB}]


def cw(term: str) -> str:
    return f"cw:{term}"


def _ours(record: dict[str, Any], term: str) -> Any:
    """One of our terms in a record; files before 0.2 wrote it unprefixed."""
    return record.get(cw(term), record.get(term))


def urn(ident: str) -> str:
    return f"urn:uuid:{ident}"


def _stamps(creator: str, created: str, extra: dict[str, Any]) -> dict[str, Any]:
    out = {"created": created, **extra}
    if creator:
        out["creator"] = {"type": "Person", "name": creator}
    return out


def _bodies(purpose: str, values: list[str], note: str) -> dict[str, Any]:
    body = [{"type": "TextualBody", "purpose": purpose, "value": v} for v in values]
    if note:
        body.append({"type": "TextualBody", "purpose": "commenting", "value": note})
    return {"body": body} if body else {}


def claim_annotation(c: Claim) -> dict[str, Any]:
    return {
        "id": urn(c.id), "type": "Annotation", "motivation": "highlighting",
        **_stamps(c.annotator, c.created_at, {"modified": c.updated_at}),
        **_bodies("tagging", list(c.tags), c.note),
        **({cw("claimant"): c.claimant} if c.claimant else {}),
        "target": {"source": urn(c.document_id), "selector": [
            {"type": "TextPositionSelector", "start": c.start, "end": c.end},
            {"type": "TextQuoteSelector", "exact": c.quote, "prefix": c.prefix,
             "suffix": c.suffix}]},
    }


def link_annotation(k: Link) -> dict[str, Any]:
    return {
        "id": urn(k.id), "type": "Annotation", "motivation": "linking",
        **_stamps(k.annotator, k.created_at, {}),
        **_bodies("classifying", [k.relation], k.note),
        "target": [urn(k.source), urn(k.target)],
        cw("linkSource"): {"id": urn(k.source)}, cw("linkTarget"): {"id": urn(k.target)},
    }


def _document(snap: ProjectSnapshot, d: Document) -> dict[str, Any]:
    return {"id": urn(d.id), "type": "Text", "format": "text/plain",
            **({"language": d.language} if d.language else {}),
            **{cw(f): getattr(d, f) for f in DOC_FIELDS
               if f != "language" and getattr(d, f) is not None},
            **{cw(f): getattr(d, f) for f in CARD_FIELDS if getattr(d, f) not in (None, "")},
            **({cw("attributes"): dict(d.attributes)} if d.attributes else {}),
            cw("text_sha256"): d.text_sha256, cw("text"): snap.text(d.id)}


def _head(snap: ProjectSnapshot) -> dict[str, Any]:
    """The collection's fields before its documents (which are written one at a time)."""
    return {"@context": CONTEXT, "id": urn(str(uuid.uuid4())), "type": "AnnotationCollection",
            "label": snap.title, "total": len(snap.claims) + len(snap.links),
            "generator": {"type": "Software", "name": "ClaimWeave"}}


def _codebook(snap: ProjectSnapshot) -> dict[str, Any]:
    names = {t.id: t.name for t in snap.tags}
    return {
        cw("tags"): [{"id": urn(t.id), cw("name"): t.name, cw("color"): t.color,
                      cw("parent"): names.get(t.parent_id or ""),
                      cw("description"): t.description} for t in snap.tags],
        cw("relations"): [{"id": urn(r.id), cw("name"): r.name, cw("color"): r.color,
                           cw("polarity"): r.polarity, cw("symmetric"): r.symmetric}
                          for r in snap.relations],
    }


def export_webanno(project: Project, path: Path, selection: ExportSelection,
                   progress: Progress | None = None) -> ExportSummary:
    snap = ProjectSnapshot.take(project, selection)
    tick = Ticker(progress, len(snap.documents))
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    with atomic_writer(path) as fh:
        # Written piece by piece (no text is held twice), one annotation per line: the file
        # streams and diffs well and stays one valid JSON object.
        fh.write(dumps(_head(snap))[:-1] + f',\n{dumps(cw("documents"))}: [\n')
        for n, d in enumerate(snap.documents):
            fh.write(("" if n == 0 else ",\n") + dumps(_document(snap, d)))
        fh.write("\n],\n" + dumps(_codebook(snap))[1:-1])
        fh.write(',\n"first": {"type": "AnnotationPage", "startIndex": 0, "items": [\n')
        first = True
        for doc in snap.documents:
            for c in snap.claims_by_doc[doc.id]:
                fh.write(("" if first else ",\n") + dumps(claim_annotation(c)))
                first = False
            tick.step()
        for k in snap.links:
            fh.write(("" if first else ",\n") + dumps(link_annotation(k)))
            first = False
        fh.write("\n]}}\n")
    return snap.summary(path)


# ---------------------------------------------------------------------- reading
def read_webanno(path: Path) -> Bundle:
    """Parse a collection (ours, or annotations with our documents block) into a bundle."""
    root = parse_json(decode_utf8(read_bytes(path), str(path)), str(path))
    bundle = Bundle(path.name)
    if not isinstance(root, dict):
        root = {"items": root}
    _read_codebook(root, str(path), bundle)
    docs = {d.key for d in bundle.documents}
    for i, item in enumerate(_items(root, str(path))):
        place = f"{path}: annotation {i} ({item.get('id', 'no id')})"
        motivation = item.get("motivation")
        if motivation == "linking" or isinstance(item.get("target"), list):
            bundle.links.append(_read_link(item, place))
        else:
            bundle.claims.append(_read_claim(item, place, docs))
    return bundle


def _items(root: dict[str, Any], place: str) -> list[dict[str, Any]]:
    if root.get("type") == "Annotation":
        return [root]
    page = root.get("first", root)
    items = page.get("items", []) if isinstance(page, dict) else None
    if not isinstance(items, list) or not all(isinstance(a, dict) for a in items):
        raise refuse(place, "expected an AnnotationCollection whose 'first' page lists "
                     "'items', or a list of annotations")
    return items


def _read_codebook(root: dict[str, Any], place: str, bundle: Bundle) -> None:
    for i, d in enumerate(_ours(root, "documents") or []):
        where = f"{place}: documents[{i}]"
        text = _ours(d, "text") if isinstance(d, dict) else None
        if not isinstance(text, str) or not d.get("id"):
            raise refuse(where, "a document needs an 'id' and its 'cw:text'")
        card, attributes = read_card(
            {f: _ours(d, f) for f in (*CARD_FIELDS, "attributes")}, where)
        bundle.documents.append(BDocument(
            d["id"], text, where, id=clean_id(d["id"]), title=_ours(d, "title"),
            meta={f: d.get(f) if f == "language" else _ours(d, f)
                  for f in DOC_FIELDS if f != "title"}, card=card, attributes=attributes))
    for i, t in enumerate(_ours(root, "tags") or []):
        where = f"{place}: tags[{i}]"
        bundle.tags.append(BTag(as_str(_ours(t, "name"), where, "name"), where,
                                id=clean_id(t.get("id")), color=_ours(t, "color"),
                                parent=_ours(t, "parent"),
                                description=as_str(_ours(t, "description"), where,
                                                   "description")))
    for i, r in enumerate(_ours(root, "relations") or []):
        where = f"{place}: relations[{i}]"
        bundle.relations.append(BRelation(as_str(_ours(r, "name"), where, "name"), where,
                                          id=clean_id(r.get("id")), color=_ours(r, "color"),
                                          polarity=_ours(r, "polarity"),
                                          symmetric=_ours(r, "symmetric")))


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def _bodies_of(item: dict[str, Any], purpose: str) -> list[str]:
    out = []
    for b in _as_list(item.get("body")):
        if isinstance(b, dict) and b.get("purpose") == purpose and isinstance(b.get("value"), str):
            out.append(b["value"])
    return out


def _creator(item: dict[str, Any]) -> str:
    c = item.get("creator")
    if isinstance(c, dict):
        return str(c.get("name") or c.get("nickname") or "")
    return c if isinstance(c, str) else ""


def _read_claim(item: dict[str, Any], place: str, docs: set[str]) -> BClaim:
    target = item.get("target")
    if not isinstance(target, dict) or target.get("source") not in docs:
        raise refuse(place, "the target's source is not one of the file's documents")
    selectors = {s.get("type"): s for s in _as_list(target.get("selector"))
                 if isinstance(s, dict)}
    pos = selectors.get("TextPositionSelector")
    if pos is None:
        raise refuse(place, "the claim has no TextPositionSelector")
    quote = selectors.get("TextQuoteSelector", {}).get("exact")
    notes = _bodies_of(item, "commenting")
    key = clean_id(item.get("id")) or item.get("id") or place
    return BClaim(key, target["source"],
                  as_int(pos.get("start"), place, "start"), as_int(pos.get("end"), place, "end"),
                  place, id=clean_id(item.get("id")),
                  quote=quote if isinstance(quote, str) else None,
                  note="\n".join(notes), annotator=_creator(item),
                  tags=_bodies_of(item, "tagging"),
                  claimant=as_str(_ours(item, "claimant"), place, "claimant") or None)


def _end(value: Any) -> str | None:
    """A link end: ``{"id": ...}`` (or a plain string, as files before 0.2 wrote it)."""
    return value.get("id") if isinstance(value, dict) else value


def _read_link(item: dict[str, Any], place: str) -> BLink:
    targets = [t if isinstance(t, str) else t.get("id") if isinstance(t, dict) else None
               for t in _as_list(item.get("target"))]
    source = _end(_ours(item, "linkSource")) or (targets[0] if targets else None)
    target = _end(_ours(item, "linkTarget")) or (targets[1] if len(targets) > 1 else None)
    if len(targets) != 2 or not isinstance(source, str) or not isinstance(target, str):
        raise refuse(place, "a linking annotation needs exactly two claim targets")
    relation = (_bodies_of(item, "classifying") or ["related"])[0]
    return BLink(clean_id(source) or source, clean_id(target) or target, relation, place,
                 id=clean_id(item.get("id")), note="\n".join(_bodies_of(item, "commenting")),
                 annotator=_creator(item))
